import type { EntityId } from '../engine/types.ts';
import type { MentionSummary } from './messages.ts';

/*
 * Export of one page's mentions with the statement's citations, as CSV (RFC 4180), JSON and a
 * Markdown table, for analysts who paste them into reports. One compact row per mention; the
 * statement's paragraph links are given once per paragraph, never repeated on every row.
 * Mentions of a PDF (from the reader) carry their page: a `pdf_page` CSV column, a `page` JSON
 * field, a "p." Markdown column, and a link back to the reader at that page (`#page=N`).
 * Pure: strings in, strings out; the popup downloads them.
 */

/** One fact the card shows for a mention: where in the statement, the French quote, our English. */
export interface ExportCitation {
  /** ¶ number; null for front matter (title, issuers…). */
  paragraph: number | null;
  /** Part id in the statement (`p2`). */
  part: string;
  /** Verbatim French quote. */
  quote: string;
  /** Our unofficial English translation of the quote. */
  en: string;
}

/** A link to one paragraph of the original statement page. */
export interface ExportParagraphLink {
  paragraph: number;
  part: string;
  /** The public page with a text fragment of the paragraph (readable by anyone, unlike an extension URL). */
  url: string;
}

/** The statement every export cites, with its metadata. */
export interface ExportStatement {
  /** Title as printed (French). */
  title: string;
  /** Our English rendering of the title. */
  titleEn: string;
  publisher: string;
  /** ISO date (`2025-10-22`). */
  date: string;
  /** Canonical page URL, without a text fragment. */
  url: string;
  /** Links to each numbered paragraph; an export lists those its rows cite. */
  paragraphs: readonly ExportParagraphLink[];
}

export interface ExportInput {
  pageUrl: string;
  pageTitle: string;
  /**
   * For a PDF in the reader, the PDF's own address (`pageUrl` is then the reader's, which only
   * this browser can open); absent for a web page and a local PDF.
   */
  sourceUrl?: string;
  exportedAt: Date;
  statement: ExportStatement;
  mentions: readonly MentionSummary[];
  /** The entity's name in the export's language; the id itself when unknown. */
  entityName: (id: EntityId) => string;
  /** The facts the card shows for this mention (those that fit `matched` first); empty when none. */
  citations: (id: EntityId, matched: string) => ExportCitation[];
}

export interface ExportRow {
  /** 1-based position of the mention in the page. */
  position: number;
  entityId: EntityId;
  entityName: string;
  text: string;
  snippet: string;
  /**
   * A link to this occurrence on the page (a text fragment with prefix and suffix), or for a PDF
   * mention the reader at its page (`#page=N`); '' without a page URL.
   */
  link: string;
  /** The 1-based PDF page; null for a web page's mention. */
  page: number | null;
  /** Sorted unique ¶ numbers of the facts shown for this mention. */
  paragraphs: number[];
  /** The lead fact's French quote and our English; '' when the entity has no facts. */
  quote: string;
  en: string;
}

/** Column names of the CSV's mention table, in order. */
export const CSV_COLUMNS = [
  'exported_at',
  'page_url',
  'mention_link',
  'page_title',
  'entity',
  'matched_text',
  'snippet',
  'paragraphs',
  'quote_fr',
  'quote_en',
] as const;

/** The column a PDF's export adds after `mention_link`: the mention's 1-based page. */
export const CSV_PDF_PAGE_COLUMN = 'pdf_page';
/** The column a PDF's export adds after {@link CSV_PDF_PAGE_COLUMN}: the PDF's own address ('' for a local file). */
export const CSV_PDF_URL_COLUMN = 'pdf_url';

/**
 * The CSV's mention columns: {@link CSV_COLUMNS}, plus {@link CSV_PDF_PAGE_COLUMN} and
 * {@link CSV_PDF_URL_COLUMN} after `mention_link` when `withPages` (the mentions come from a PDF).
 */
export function csvColumns(withPages: boolean): string[] {
  if (!withPages) return [...CSV_COLUMNS];
  const at = CSV_COLUMNS.indexOf('mention_link') + 1;
  return [...CSV_COLUMNS.slice(0, at), CSV_PDF_PAGE_COLUMN, CSV_PDF_URL_COLUMN, ...CSV_COLUMNS.slice(at)];
}

/** True when any of `mentions` has a PDF page, so the export gets its page column. */
export function hasPages(mentions: readonly { page?: number | null }[]): boolean {
  return mentions.some((m) => typeof m.page === 'number');
}

/**
 * The reader at page `page` of the PDF it shows: `readerUrl` with its fragment replaced by
 * `#page=N` (the fragment pdf.js's own viewer understands, honoured by the reader on load).
 * Returns '' without a reader URL.
 */
export function pdfPageLink(readerUrl: string, page: number): string {
  if (!readerUrl) return '';
  return `${readerUrl.split('#')[0]}#page=${page}`;
}

/** Column names of the CSV's second table: one link per statement paragraph cited. */
export const CSV_PARAGRAPH_COLUMNS = ['statement_paragraph', 'statement_url'] as const;

/** Words kept on each side of a mention in its text fragment: enough to pick this occurrence. */
const CONTEXT_WORDS = 3;
/** Where the page's snippets put their mention: after an ellipsis and this many characters. */
const SNIPPET_LEAD = 46;

/** Percent-encodes a text-fragment term; `-`, `,` and `&` are reserved by its syntax. */
function fragmentTerm(text: string): string {
  return encodeURIComponent(text).replaceAll('-', '%2D');
}

/**
 * A link to this mention on `pageUrl`: `#:~:text=prefix-,text,-suffix` with a few words of the
 * snippet on each side, so the browser lands on this occurrence rather than the first.
 * Returns '' without a page URL, and the page URL alone when the text is not in the snippet.
 */
export function mentionLink(pageUrl: string, text: string, snippet: string): string {
  if (!pageUrl) return '';
  const body = snippet.replace(/^…|…$/g, '');
  const needle = text.replace(/\s+/g, ' ').trim();
  // A snippet may hold the text twice: the page's snippets put the mention near a fixed offset.
  const expected = snippet.startsWith('…') ? SNIPPET_LEAD - 1 : 0;
  let at = -1;
  for (let i = body.indexOf(needle); needle && i !== -1; i = body.indexOf(needle, i + 1)) {
    if (at === -1 || Math.abs(i - expected) < Math.abs(at - expected)) at = i;
  }
  const [base = pageUrl, hash = ''] = pageUrl.split(/#(.*)/s);
  // An existing fragment keeps its place; the directive follows it.
  const anchor = `${base}#${hash.replace(/:~:.*$/s, '')}`;
  if (at === -1) return pageUrl;
  // Literal neighbours, punctuation included: a suffix must start right after the mention (only
  // white space between), so a comma there belongs to it. Up to CONTEXT_WORDS words each side.
  const take = (tokens: string[]) => {
    const kept: string[] = [];
    let words = 0;
    for (const token of tokens) {
      if (words === CONTEXT_WORDS) break;
      kept.push(token);
      if (/[\p{L}\p{N}]/u.test(token)) words++;
    }
    return kept;
  };
  const before = take(body.slice(0, at).trim().split(/\s+/).filter(Boolean).reverse()).reverse().join(' ');
  const after = take(
    body
      .slice(at + needle.length)
      .trim()
      .split(/\s+/)
      .filter(Boolean),
  ).join(' ');
  const prefix = before ? `${fragmentTerm(before)}-,` : '';
  const suffix = after ? `,-${fragmentTerm(after)}` : '';
  return `${anchor}:~:text=${prefix}${fragmentTerm(needle)}${suffix}`;
}

/**
 * The mentions in document order within each frame, the frames in the order given (the page
 * first): a frame's `index` counts within that frame, so it cannot order the whole list.
 */
function inPageOrder(mentions: readonly MentionSummary[]): MentionSummary[] {
  const frames: number[] = [];
  for (const m of mentions) if (!frames.includes(m.frameId ?? 0)) frames.push(m.frameId ?? 0);
  return [...mentions].sort(
    (a, b) => frames.indexOf(a.frameId ?? 0) - frames.indexOf(b.frameId ?? 0) || a.index - b.index,
  );
}

/** One row per mention, in page order (then each frame's), each with the facts that fit it. Empty for no mentions. */
export function exportRows(input: ExportInput): ExportRow[] {
  return inPageOrder(input.mentions).map((m, i) => {
    const citations = input.citations(m.entity, m.text);
    const paragraphs = [...new Set(citations.flatMap((c) => (c.paragraph === null ? [] : [c.paragraph])))].sort(
      (a, b) => a - b,
    );
    const lead = citations[0];
    return {
      position: i + 1,
      entityId: m.entity,
      entityName: input.entityName(m.entity),
      text: m.text,
      snippet: m.snippet,
      // A frame's mention links back to the frame's own address: the fragment must land there.
      link:
        m.page === undefined
          ? mentionLink(m.frameUrl ?? input.pageUrl, m.text, m.snippet)
          : pdfPageLink(input.pageUrl, m.page),
      page: m.page ?? null,
      paragraphs,
      quote: lead?.quote ?? '',
      en: lead?.en ?? '',
    };
  });
}

/** The statement's paragraph links that `rows` cite, in paragraph order; each once. */
export function citedParagraphs(rows: readonly ExportRow[], statement: ExportStatement): ExportParagraphLink[] {
  const cited = new Set(rows.flatMap((r) => r.paragraphs));
  return statement.paragraphs.filter((p) => cited.has(p.paragraph)).sort((a, b) => a.paragraph - b.paragraph);
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

function paragraphList(paragraphs: readonly number[]): string {
  return paragraphs.map((n) => `¶${n}`).join(' ');
}

/**
 * The export as CSV, CRLF line ends (RFC 4180): the mention table (a header, then one line per
 * mention; `pdf_page` and `pdf_url` columns for a PDF's mentions), then, after an empty line, the statement's paragraph links, one line per paragraph
 * cited. Returns just the mention header for no mentions.
 */
export function toCsv(input: ExportInput): string {
  const rows = exportRows(input);
  const exportedAt = input.exportedAt.toISOString();
  const withPages = hasPages(input.mentions);
  const lines = [csvColumns(withPages).join(',')];
  for (const r of rows) {
    const cells: (string | number)[] = [
      exportedAt,
      input.pageUrl,
      r.link,
      ...(withPages ? [r.page ?? '', input.sourceUrl ?? ''] : []),
      input.pageTitle,
      r.entityName,
      r.text,
      r.snippet,
      paragraphList(r.paragraphs),
      r.quote,
      r.en,
    ];
    lines.push(cells.map(csvCell).join(','));
  }
  const links = citedParagraphs(rows, input.statement);
  if (links.length > 0) {
    lines.push('', CSV_PARAGRAPH_COLUMNS.join(','));
    for (const p of links) lines.push([`¶${p.paragraph}`, p.url].map(csvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * The export as pretty-printed JSON: when it was exported, the page (with the PDF's own address
 * as `source` when given), the statement's metadata
 * with the links of the paragraphs cited (once each), and one compact object per mention (with
 * its 1-based `page` when it is a PDF's).
 * `mentions` is an empty array when the page has none.
 */
export function toJson(input: ExportInput): string {
  const rows = exportRows(input);
  const { paragraphs: _all, ...metadata } = input.statement;
  const value = {
    exportedAt: input.exportedAt.toISOString(),
    page: { url: input.pageUrl, title: input.pageTitle, ...(input.sourceUrl ? { source: input.sourceUrl } : {}) },
    statement: { ...metadata, paragraphs: citedParagraphs(rows, input.statement) },
    mentions: rows.map((r) => ({
      position: r.position,
      entity: { id: r.entityId, name: r.entityName },
      text: r.text,
      snippet: r.snippet,
      link: r.link,
      ...(r.page === null ? {} : { page: r.page }),
      paragraphs: r.paragraphs,
      quote: r.quote,
      en: r.en,
    })),
  };
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * One Markdown table cell: one line, and page text cannot add links, emphasis, HTML or columns
 * (`\`, `|`, `[`, `]`, `<`, `>`, `*`, `_`, `` ` `` are escaped).
 */
export function markdownCell(value: string): string {
  return value
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\|[\]<>*_`]/g, (c) => `\\${c}`);
}

/** A URL safe inside Markdown's `(…)` link syntax. */
function markdownUrl(url: string): string {
  return url.replace(/[()\s<>]/g, (c) => encodeURIComponent(c));
}

/**
 * The export as Markdown to paste into a report: a short header (page, the PDF's own address
 * when given, export time, statement),
 * a table with one row per mention whose matched text links back to it on the page (a PDF's
 * table has a "p." column), and the statement's paragraph links once each. Returns the header and an empty table for no mentions.
 */
export function toMarkdown(input: ExportInput): string {
  const rows = exportRows(input);
  const withPages = hasPages(input.mentions);
  const s = input.statement;
  const page = input.pageUrl
    ? `[${markdownCell(input.pageTitle || input.pageUrl)}](${markdownUrl(input.pageUrl)})`
    : markdownCell(input.pageTitle);
  const out = [
    `# Mentions: ${page}`,
    '',
    ...(input.sourceUrl ? [`PDF: <${markdownUrl(input.sourceUrl)}>`, ''] : []),
    `Exported ${input.exportedAt.toISOString()}. Facts from ${markdownCell(s.publisher)}, “${markdownCell(s.title)}” [${markdownCell(s.titleEn)}], ${s.date}, <${s.url}>. English: unofficial translation.`,
    '',
    withPages
      ? '| # | p. | Entity | Mention | Context | ¶ | Statement (French) | English (unofficial) |'
      : '| # | Entity | Mention | Context | ¶ | Statement (French) | English (unofficial) |',
    withPages ? '|---|---|---|---|---|---|---|---|' : '|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    const mention = r.link ? `[${markdownCell(r.text)}](${markdownUrl(r.link)})` : markdownCell(r.text);
    const cells = [
      String(r.position),
      ...(withPages ? [r.page === null ? '' : String(r.page)] : []),
      markdownCell(r.entityName),
      mention,
      markdownCell(r.snippet),
      paragraphList(r.paragraphs),
      markdownCell(r.quote),
      markdownCell(r.en),
    ];
    out.push(`| ${cells.join(' | ')} |`);
  }
  const links = citedParagraphs(rows, s);
  if (links.length > 0) {
    out.push('', '## Statement paragraphs', '');
    for (const p of links) out.push(`- ¶${p.paragraph}: <${p.url}>`);
  }
  return `${out.join('\n')}\n`;
}

/**
 * File name for an export made at `date` (local calendar day): `sanctions-context-mentions-2025-10-22.csv`.
 * `ext` is used as given.
 */
export function exportFilename(ext: 'csv' | 'json' | 'md', date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return `sanctions-context-mentions-${day}.${ext}`;
}
