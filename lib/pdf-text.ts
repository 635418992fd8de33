/*
 * The text of a PDF page in reading order, shared by the reader and the scan CLI (no DOM, no
 * extension API: it runs in Node and in the extension page alike).
 *
 * pdf.js lists a page's text as items in content-stream order, each with a position. Typesetters
 * often draw two columns row by row, so stream order mixes them; this module groups items into
 * lines, orders the lines by cutting the page into bands and columns (a recursive X-Y cut), and
 * joins them with "\n" inside a block and "\n\n" between blocks. Item strings are copied
 * verbatim, so every offset of the joined text maps back to one item and one character in it:
 * the reader turns that into DOM ranges over the text-layer spans, which pdf.js creates one per
 * item in the same order. A hyphen at a line end is kept ("Recon-\nnaissance"): the engine
 * joins such a word and reads a line break as a space, so names broken across lines match.
 */
import { findMentions, type Mention, pageContext } from '../engine/index.ts';

/** The getTextContent options the pdf.js viewer's text layer uses: the same items, in the same order. */
export const TEXT_CONTENT_OPTIONS = { includeMarkedContent: true, disableNormalization: true } as const;

/** The fields of a pdf.js text item this module reads; marked-content items have no `str`. */
export interface PdfTextItemLike {
  str?: string;
  transform?: number[];
  width?: number;
  height?: number;
  hasEOL?: boolean;
}

/** The part of a pdf.js page proxy used here. */
export interface PdfPageLike {
  getTextContent(options?: typeof TEXT_CONTENT_OPTIONS): Promise<{ items: readonly unknown[] }>;
  cleanup?(): unknown;
}

/** The part of a pdf.js document proxy used here. */
export interface PdfDocumentLike {
  numPages: number;
  getPage(pageNumber: number): Promise<PdfPageLike>;
}

/** One page's text in reading order, with where each pdf.js text item landed in it. */
export interface PageText {
  /** 1-based page number. */
  page: number;
  text: string;
  /**
   * For the k-th text item (items with a `str`, in pdf.js order, which is the order of the text
   * layer's spans), the offset in `text` where its string starts; -1 for an empty string.
   */
  itemStarts: number[];
  /** Length of the k-th item's string. */
  itemLengths: number[];
}

/** A mention found in a PDF: engine offsets into the extracted text of its page. */
export interface PdfMention extends Mention {
  /** 1-based page number. */
  page: number;
}

/** One laid-out item: its index among the text items and its box in the page's reading frame. */
interface Piece {
  k: number;
  str: string;
  x: number;
  y: number;
  w: number;
  h: number;
  angle: number;
  eol: boolean;
}

interface Line {
  pieces: Piece[];
  x0: number;
  x1: number;
  /** Baseline, in PDF space (up is larger). */
  y: number;
  h: number;
  angle: number;
}

/** Past this many lines a page is ordered top to bottom without the X-Y cut, which is quadratic. */
const MAX_CUT_LINES = 1500;

const isTextItem = (item: unknown): item is PdfTextItemLike & { str: string } =>
  typeof item === 'object' && item !== null && typeof (item as PdfTextItemLike).str === 'string';

/** Item angle rounded to a quarter turn, in quarter turns (0..3). */
function quarterTurns(t: readonly number[]): number {
  const angle = Math.atan2(t[1] ?? 0, t[0] ?? 1);
  return ((Math.round(angle / (Math.PI / 2)) % 4) + 4) % 4;
}

/** Rotates (x, y) by `turns` quarter turns clockwise, so text at that angle reads left to right. */
function unrotate(x: number, y: number, turns: number): [number, number] {
  switch (turns) {
    case 1:
      return [y, -x];
    case 2:
      return [-x, -y];
    case 3:
      return [-y, x];
    default:
      return [x, y];
  }
}

function toPieces(items: readonly unknown[]): Piece[] {
  const pieces: Piece[] = [];
  let k = 0;
  for (const item of items) {
    if (!isTextItem(item)) continue;
    const t = item.transform ?? [1, 0, 0, 1, 0, 0];
    const turns = quarterTurns(t);
    const [x, y] = unrotate(t[4] ?? 0, t[5] ?? 0, turns);
    const h = Math.abs(item.height ?? 0) || Math.hypot(t[2] ?? 0, t[3] ?? 0) || 10;
    // `width` runs along the text, whatever its angle.
    const w = Math.abs(item.width ?? 0);
    pieces.push({ k, str: item.str, x, y, w, h, angle: turns, eol: Boolean(item.hasEOL) });
    k++;
  }
  return pieces;
}

/** Groups pieces into lines, in stream order: same angle, same baseline, no jump back or wide gap. */
function toLines(pieces: Piece[]): Line[] {
  const lines: Line[] = [];
  let line: Line | undefined;
  let breakNext = false;
  for (const p of pieces) {
    if (p.str === '') {
      // Empty items only mark line ends (hasEOL) in pdf.js output.
      if (p.eol) breakNext = true;
      continue;
    }
    const h = Math.max(p.h, line?.h ?? 0);
    // pdf.js fills a wide gap with a space item as wide as the gap: it belongs to the text before
    // it, and must not bridge two columns into one line.
    const blank = p.str.trim() === '';
    const sameLine =
      line !== undefined &&
      !breakNext &&
      p.angle === line.angle &&
      Math.abs(p.y - line.y) <= 0.5 * h &&
      p.x >= line.x1 - 0.5 * h &&
      (blank || p.x - line.x1 <= 1.5 * h);
    if (line && sameLine) {
      line.pieces.push(p);
      if (!blank) line.x1 = Math.max(line.x1, p.x + p.w);
      line.h = Math.max(line.h, p.h);
    } else {
      line = { pieces: [p], x0: p.x, x1: p.x + (blank ? 0 : p.w), y: p.y, h: p.h, angle: p.angle };
      lines.push(line);
    }
    breakNext = p.eol;
  }
  return lines;
}

const top = (l: Line) => -(l.y + 0.8 * l.h);
const bottom = (l: Line) => -(l.y - 0.25 * l.h);

/** Splits lines into columns at vertical gaps no line crosses, left to right; one group when there is none. */
function splitColumns(lines: Line[]): Line[][] {
  const sorted = [...lines].sort((a, b) => a.x0 - b.x0);
  const minGap = 0.8 * median(lines.map((l) => l.h));
  const groups: Line[][] = [];
  let current: Line[] = [];
  let reach = Number.NEGATIVE_INFINITY;
  for (const l of sorted) {
    if (current.length > 0 && l.x0 > reach + minGap) {
      groups.push(current);
      current = [];
    }
    current.push(l);
    reach = Math.max(reach, l.x1);
  }
  groups.push(current);
  return groups;
}

/** Splits lines into bands at horizontal gaps no line crosses, top to bottom; one group when there is none. */
function splitBands(lines: Line[]): Line[][] {
  const sorted = [...lines].sort((a, b) => top(a) - top(b) || a.x0 - b.x0);
  const groups: Line[][] = [];
  let current: Line[] = [];
  let reach = Number.NEGATIVE_INFINITY;
  for (const l of sorted) {
    if (current.length > 0 && top(l) >= reach) {
      groups.push(current);
      current = [];
    }
    current.push(l);
    reach = Math.max(reach, bottom(l));
  }
  groups.push(current);
  return groups;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 10;
}

/**
 * Whether `band` continues the columns of `group`: together they still split into columns, and
 * either both have columns of their own or the band follows closely (the end of the longer
 * column). A title above or a footer below, set apart by a wider gap, stays on its own.
 */
function continuesColumns(group: Line[], band: Line[], lineHeight: number): boolean {
  if (splitColumns([...group, ...band]).length < 2) return false;
  if (splitColumns(group).length > 1 && splitColumns(band).length > 1) return true;
  const gap = Math.min(...band.map(top)) - Math.max(...group.map(bottom));
  return gap <= lineHeight;
}

/**
 * Orders lines for reading: columns left to right, then bands top to bottom. Two columns drawn
 * row by row give one band per row; consecutive bands that share a column gap are merged back so
 * that each column is read whole before the next.
 */
function readingOrder(lines: Line[]): Line[] {
  if (lines.length <= 1) return lines;
  const byPosition = () => [...lines].sort((a, b) => top(a) - top(b) || a.x0 - b.x0);
  if (lines.length > MAX_CUT_LINES) return byPosition();
  const lineHeight = median(lines.map((l) => l.h));
  const groups: Line[][] = [];
  for (const band of splitBands(lines)) {
    const last = groups[groups.length - 1];
    if (last && continuesColumns(last, band, lineHeight)) last.push(...band);
    else groups.push([...band]);
  }
  if (groups.length > 1) return groups.flatMap(readingOrder);
  const columns = splitColumns(lines);
  return columns.length > 1 ? columns.flatMap(readingOrder) : byPosition();
}

/** Whether `b`, read right after `a`, starts a new block (paragraph, column, region). */
function startsBlock(a: Line, b: Line): boolean {
  if (a.angle !== b.angle) return true;
  const gap = top(b) - bottom(a);
  // Above the previous line: a new column; far below it: a new paragraph.
  return gap < -0.5 * a.h || gap > 0.9 * Math.max(a.h, b.h);
}

const SPACE = /\s/;

/**
 * Lays out one page's text items (as pdf.js `getTextContent` returns them, marked content
 * included or not) into reading-order text. Returns empty text and all starts -1 for a page
 * without text.
 */
export function layoutPageText(items: readonly unknown[], page: number): PageText {
  const pieces = toPieces(items);
  const itemStarts = pieces.map(() => -1);
  const itemLengths = pieces.map((p) => p.str.length);
  const ordered = readingOrder(toLines(pieces));
  let text = '';
  let previous: Line | undefined;
  for (const line of ordered) {
    if (previous) text += startsBlock(previous, line) ? '\n\n' : '\n';
    const inLine = [...line.pieces].sort((a, b) => a.x - b.x || a.k - b.k);
    let end = Number.NEGATIVE_INFINITY;
    for (const p of inLine) {
      // pdf.js usually emits spaces itself; add one where a visible gap has none.
      if (end !== Number.NEGATIVE_INFINITY && p.x - end > 0.2 * p.h) {
        if (!SPACE.test(text.charAt(text.length - 1)) && !SPACE.test(p.str.charAt(0))) text += ' ';
      }
      itemStarts[p.k] = text.length;
      text += p.str;
      if (p.str.trim() !== '') end = Math.max(end, p.x + p.w);
    }
    previous = line;
  }
  return { page, text, itemStarts, itemLengths };
}

/** Where one offset of a page's text falls: the k-th text item and the character in its string. */
export interface ItemPosition {
  item: number;
  offset: number;
}

/**
 * Maps `offset` in `page.text` to a text item. With `side: 'start'` an offset between items
 * (on an added space or line break) moves to the next item's first character; with `'end'`
 * (an exclusive end) it moves back to just after the previous item's last character. Returns
 * null when no item lies on that side.
 */
export function itemAt(page: PageText, offset: number, side: 'start' | 'end'): ItemPosition | null {
  let best: ItemPosition | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (let k = 0; k < page.itemStarts.length; k++) {
    const start = page.itemStarts[k] as number;
    const length = page.itemLengths[k] as number;
    if (start < 0 || length === 0) continue;
    const end = start + length;
    if (side === 'start' ? offset >= start && offset < end : offset > start && offset <= end) {
      return { item: k, offset: offset - start };
    }
    const distance = side === 'start' ? start - offset : offset - end;
    if (distance >= 0 && distance < bestDistance) {
      bestDistance = distance;
      best = side === 'start' ? { item: k, offset: 0 } : { item: k, offset: length };
    }
  }
  return best;
}

/**
 * The pieces of `[start, end)` that lie in text items, in reading order: one per item touched,
 * with offsets inside that item's string. Empty when the span covers only added separators.
 */
export function itemSegments(page: PageText, start: number, end: number): { item: number; from: number; to: number }[] {
  const out: { item: number; from: number; to: number; at: number }[] = [];
  for (let k = 0; k < page.itemStarts.length; k++) {
    const s = page.itemStarts[k] as number;
    const length = page.itemLengths[k] as number;
    if (s < 0 || length === 0) continue;
    const from = Math.max(start, s);
    const to = Math.min(end, s + length);
    if (from < to) out.push({ item: k, from: from - s, to: to - s, at: from });
  }
  return out.sort((a, b) => a.at - b.at).map(({ item, from, to }) => ({ item, from, to }));
}

/**
 * Reads and lays out page `pageNumber` (1-based) of `doc`. Rejects when pdf.js cannot read the
 * page; a page without text gives empty `text`.
 */
export async function extractPageText(doc: PdfDocumentLike, pageNumber: number): Promise<PageText> {
  const page = await doc.getPage(pageNumber);
  const content = await page.getTextContent(TEXT_CONTENT_OPTIONS);
  // The viewer keeps its own page objects; this one is only needed for its text.
  page.cleanup?.();
  return layoutPageText(content.items, pageNumber);
}

export interface ExtractOptions {
  /** Called after each page, e.g. to report progress; the text so far is in `pages`. */
  onPage?: (page: PageText, pages: readonly PageText[]) => void;
  /** Awaited between pages, so that a long document leaves the thread free (the reader yields to the event loop). */
  pause?: () => Promise<void>;
  /** Stops reading when aborted; the returned promise then rejects with the signal's reason. */
  signal?: AbortSignal;
}

/**
 * The text of every page of `doc`, in page order. Resolves to an empty array for a document
 * without pages; rejects when a page cannot be read or `signal` aborts.
 */
export async function extractDocumentText(doc: PdfDocumentLike, options: ExtractOptions = {}): Promise<PageText[]> {
  const pages: PageText[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    options.signal?.throwIfAborted();
    const page = await extractPageText(doc, n);
    pages.push(page);
    options.onPage?.(page, pages);
    if (options.pause) await options.pause();
  }
  return pages;
}

/**
 * Finds the mentions of every page, deciding ambiguous short forms (RGB, MSMT) by what the whole
 * document says, as a web page's blocks are judged by the whole page. Each page is one call to
 * the engine; `pause` is awaited between pages. Resolves to mentions sorted by page then offset;
 * an empty array when no page has any.
 */
export async function findPdfMentions(pages: readonly PageText[], pause?: () => Promise<void>): Promise<PdfMention[]> {
  const context = pageContext(pages.map((p) => p.text));
  const out: PdfMention[] = [];
  for (const p of pages) {
    for (const m of findMentions(p.text, context)) out.push({ ...m, page: p.page });
    if (pause) await pause();
  }
  return out;
}

/** True when no page of the document has any text: a scanned document, read as images. */
export function hasNoText(pages: readonly PageText[]): boolean {
  return pages.every((p) => p.text.trim() === '');
}
