import type { EntityId } from '../engine/types.ts';
import type { MentionSummary } from './messages.ts';

/*
 * Export of one page's mentions with the statement's citations, as CSV (RFC 4180) and JSON,
 * for analysts who paste them into reports. Pure: strings in, strings out; the popup downloads them.
 */

/** One citation of an entity's key fact: where in the statement it is, and a public link to it. */
export interface ExportCitation {
  /** ¶ number; null for front matter (title, issuers…). */
  paragraph: number | null;
  /** Part id in the statement (`p2`). */
  part: string;
  /** Verbatim French quote. */
  quote: string;
  /** The original public page with a text fragment of the quote (readable by anyone, unlike an extension URL). */
  url: string;
}

/** The statement every export cites. */
export interface ExportStatement {
  title: string;
  publisher: string;
  /** ISO date (`2025-10-22`). */
  date: string;
  url: string;
}

export interface ExportInput {
  pageUrl: string;
  pageTitle: string;
  exportedAt: Date;
  statement: ExportStatement;
  mentions: readonly MentionSummary[];
  /** The entity's name in the export's language; the id itself when unknown. */
  entityName: (id: EntityId) => string;
  /** The entity's key-fact citations, most important first; empty when it has none. */
  citations: (id: EntityId) => ExportCitation[];
}

export interface ExportRow {
  pageUrl: string;
  pageTitle: string;
  /** 1-based position of the mention in the page. */
  position: number;
  entityId: EntityId;
  entityName: string;
  text: string;
  snippet: string;
  citations: ExportCitation[];
}

/** Column names of the CSV, in order. */
export const CSV_COLUMNS = [
  'page_url',
  'page_title',
  'position',
  'entity_id',
  'entity_name',
  'matched_text',
  'snippet',
  'paragraphs',
  'citation_urls',
  'statement_url',
] as const;

/** One row per mention, in page order, each with its entity's citations. Empty for no mentions. */
export function exportRows(input: ExportInput): ExportRow[] {
  const cache = new Map<EntityId, ExportCitation[]>();
  const citationsOf = (id: EntityId) => {
    let list = cache.get(id);
    if (!list) {
      list = input.citations(id);
      cache.set(id, list);
    }
    return list;
  };
  return input.mentions.map((m) => ({
    pageUrl: input.pageUrl,
    pageTitle: input.pageTitle,
    position: m.index + 1,
    entityId: m.entity,
    entityName: input.entityName(m.entity),
    text: m.text,
    snippet: m.snippet,
    citations: citationsOf(m.entity),
  }));
}

/**
 * One CSV cell, RFC 4180: quoted when it holds a quote, comma, semicolon or line break, quotes
 * doubled. A cell that a spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`,
 * a tab or a carriage return, OWASP's list) gets a leading `'`: page text is untrusted, and
 * "=HYPERLINK(…)" in a snippet must stay text. An empty value gives an empty cell.
 */
export function csvCell(value: string | number): string {
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",;\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

function paragraphLabel(c: ExportCitation): string {
  return c.paragraph === null ? c.part : `¶${c.paragraph}`;
}

/**
 * The rows as CSV: a header line, then one line per mention, CRLF line ends (RFC 4180).
 * Multiple citations share one cell, separated by ` ; `. Returns just the header for no rows.
 */
export function toCsv(rows: readonly ExportRow[], statementUrl: string): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of rows) {
    const cells: (string | number)[] = [
      r.pageUrl,
      r.pageTitle,
      r.position,
      r.entityId,
      r.entityName,
      r.text,
      r.snippet,
      r.citations.map(paragraphLabel).join(' ; '),
      r.citations.map((c) => c.url).join(' ; '),
      statementUrl,
    ];
    lines.push(cells.map(csvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * The export as pretty-printed JSON: the page, when it was exported, the statement cited, and
 * the rows. `mentions` is an empty array when the page has none.
 */
export function toJson(input: ExportInput): string {
  const rows = exportRows(input);
  const value = {
    page: { url: input.pageUrl, title: input.pageTitle },
    exportedAt: input.exportedAt.toISOString(),
    statement: input.statement,
    mentions: rows.map((r) => ({
      position: r.position,
      entity: { id: r.entityId, name: r.entityName },
      text: r.text,
      snippet: r.snippet,
      citations: r.citations,
    })),
  };
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * File name for an export made at `date` (local calendar day): `sanctions-context-mentions-2025-10-22.csv`.
 * `ext` is used as given (`csv` or `json`).
 */
export function exportFilename(ext: 'csv' | 'json', date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return `sanctions-context-mentions-${day}.${ext}`;
}
