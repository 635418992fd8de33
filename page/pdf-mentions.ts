/*
 * Paints a PDF's mentions on the text layers pdf.js renders, with the same highlight names and
 * style sheet as web pages. The whole document's mentions are known first (lib/pdf-text.ts reads
 * every page's text); a page's ranges are built when its text layer appears, and dropped when
 * pdf.js throws the layer away (page cache, zoom). The mention list plus the hit index is the
 * hover source a card controller takes: `mentionAt(x, y)` and mentions with a `range`.
 */
import { mentionSnippet } from '../engine/snippet.ts';
import { type EntityId, HIGHLIGHTED_ENTITIES } from '../engine/types.ts';
import { logger } from '../lib/log.ts';
import { itemSegments, type PageText, type PdfMention } from '../lib/pdf-text.ts';
import type { HighlightStyle } from '../lib/settings.ts';
import { createHighlighter, type HighlighterWindow } from './highlighter.ts';
import { createHitIndex, type HitTestable, hitTest } from './hit-test.ts';
import { highlightCss, injectHighlightStyles, restyleHighlights } from './styles.ts';

const log = logger('pdf-mentions');

/** A document mention, numbered in reading order across the document. */
export interface PdfDocumentMention extends PdfMention {
  index: number;
  /** The page text around the mention, whitespace collapsed, at most ~100 characters. */
  snippet: string;
}

/** A mention (or one piece of it) on a page whose text layer is in the DOM. */
export interface PaintedPdfMention extends PdfDocumentMention, HitTestable {}

export interface PdfMentionLayer {
  /** Every mention of the document, painted or not, in reading order. */
  mentions(): readonly PdfDocumentMention[];
  /** Mentions per highlighted entity, for the whole document. */
  counts(): Record<EntityId, number>;
  /** Replaces the document's text and mentions; pages already painted are painted again by the caller. */
  setDocument(pages: readonly PageText[], mentions: readonly PdfMention[]): void;
  /**
   * Paints the mentions of `page` on its rendered text layer `layer` (the element pdf.js fills
   * with one span per text item). Returns the number of mentions painted: 0 when the page has
   * none, its text is not known yet, or the layer does not match the extracted items.
   */
  paintPage(page: number, layer: HTMLElement): number;
  /** Unpaints `page` (its text layer is gone). */
  forgetPage(page: number): void;
  /** The painted mention drawn at viewport point (x, y); `undefined` over anything else. */
  mentionAt(x: number, y: number): PaintedPdfMention | undefined;
  /** The painted form of mention `index`; `undefined` while its page's text layer is not rendered. */
  painted(index: number): PaintedPdfMention | undefined;
  /** Flashes mention `index` when painted; returns whether it was. */
  flash(index: number): boolean;
  setStyle(style: HighlightStyle): void;
  destroy(): void;
}

export interface PdfMentionLayerOptions {
  doc: Document;
  win: HighlighterWindow;
  /** Entities to paint and count; defaults to the four highlighted ones. */
  entities?: readonly EntityId[];
  style?: HighlightStyle;
}

/**
 * The span of each text item in a rendered text layer, by item index: pdf.js appends one span per
 * item with a non-empty string, in item order (marked-content wrappers have no role). Returns
 * null when the layer does not hold exactly the page's items (a partial or foreign layer).
 */
export function textLayerSpans(layer: HTMLElement, page: PageText): (Text | null)[] | null {
  const spans = layer.querySelectorAll('span[role="presentation"]');
  const nodes: (Text | null)[] = page.itemLengths.map(() => null);
  let s = 0;
  for (let k = 0; k < page.itemLengths.length; k++) {
    if ((page.itemLengths[k] as number) === 0) continue;
    const span = spans[s++];
    const node = span?.firstChild;
    if (node?.nodeType !== 3 || (node as Text).data.length !== page.itemLengths[k]) return null;
    nodes[k] = node as Text;
  }
  return s === spans.length ? nodes : null;
}

/**
 * Where mention `m` lies in the page's rendered text layer (`nodes`, by item index): one range
 * over all its spans when nothing else lies between them in the layer; otherwise (a name running
 * from one column line to the next, with the other column's line drawn in between) one range per
 * span, so the other text is not painted. Returns no pieces when none of its spans is rendered.
 */
function paintedPieces(
  doc: Document,
  text: PageText,
  nodes: readonly (Text | null)[],
  m: PdfDocumentMention,
): PaintedPdfMention[] {
  const segments = itemSegments(text, m.start, m.end).filter((seg) => nodes[seg.item]);
  if (segments.length === 0) return [];
  const items = segments.map((seg) => seg.item);
  const lo = Math.min(...items);
  const hi = Math.max(...items);
  let contiguous = items.every((item, i) => i === 0 || item > (items[i - 1] as number));
  for (let k = lo + 1; contiguous && k < hi; k++) {
    const node = nodes[k];
    if (!items.includes(k) && node && node.data.trim() !== '') contiguous = false;
  }
  const pieces = contiguous
    ? [[segments[0], segments[segments.length - 1]]]
    : segments
        .filter((seg) => (nodes[seg.item] as Text).data.slice(seg.from, seg.to).trim() !== '')
        .map((seg) => [seg, seg]);
  const covered = segments.map((seg) => nodes[seg.item]).filter((n): n is Text => n !== null);
  const out: PaintedPdfMention[] = [];
  for (const [from, to] of pieces) {
    const start = from && nodes[from.item];
    const end = to && nodes[to.item];
    if (!from || !to || !start || !end) continue;
    const range = doc.createRange();
    try {
      range.setStart(start, from.from);
      range.setEnd(end, to.to);
    } catch (error) {
      log.warn(`page ${m.page}: no range for mention ${m.index}`, error);
      continue;
    }
    out.push({ ...m, range, nodes: contiguous ? covered : [start] });
  }
  return out;
}

/** The layer behind {@link createPdfMentionLayer}: the document's mentions, and those painted by page. */
class MentionLayer implements PdfMentionLayer {
  readonly #doc: Document;
  readonly #shown: ReadonlySet<EntityId>;
  readonly #highlighter: ReturnType<typeof createHighlighter>;
  readonly #removeStyles: () => void;
  readonly #hits = createHitIndex<PaintedPdfMention>();
  #pages = new Map<number, PageText>();
  #all: PdfDocumentMention[] = [];
  #byPage = new Map<number, PdfDocumentMention[]>();
  readonly #painted = new Map<number, PaintedPdfMention[]>();
  readonly #byIndex = new Map<number, PaintedPdfMention>();

  constructor({ doc, win, entities = HIGHLIGHTED_ENTITIES, style = 'both' }: PdfMentionLayerOptions) {
    this.#doc = doc;
    this.#shown = new Set(entities.filter((e) => HIGHLIGHTED_ENTITIES.includes(e)));
    this.#highlighter = createHighlighter(win);
    this.#removeStyles = injectHighlightStyles(doc, highlightCss([...this.#shown], style));
  }

  mentions(): readonly PdfDocumentMention[] {
    return this.#all;
  }

  counts(): Record<EntityId, number> {
    const out = Object.fromEntries(HIGHLIGHTED_ENTITIES.map((e) => [e, 0])) as Record<EntityId, number>;
    for (const m of this.#all) out[m.entity]++;
    return out;
  }

  setDocument(texts: readonly PageText[], mentions: readonly PdfMention[]): void {
    for (const page of [...this.#painted.keys()]) this.forgetPage(page);
    const pages = new Map(texts.map((p) => [p.page, p]));
    this.#pages = pages;
    this.#all = mentions
      .filter((m) => this.#shown.has(m.entity))
      .map((m, index) => ({ ...m, index, snippet: mentionSnippet(pages.get(m.page)?.text ?? '', m.start, m.end) }));
    this.#byPage = new Map();
    for (const m of this.#all) {
      const list = this.#byPage.get(m.page);
      if (list) list.push(m);
      else this.#byPage.set(m.page, [m]);
    }
  }

  paintPage(page: number, layer: HTMLElement): number {
    this.forgetPage(page);
    const text = this.#pages.get(page);
    const mentions = this.#byPage.get(page);
    if (!text || !mentions) return 0;
    const nodes = textLayerSpans(layer, text);
    if (!nodes) {
      log.warn(`page ${page}: the text layer does not match the extracted text; not painted`);
      return 0;
    }
    const list = mentions.flatMap((m) => paintedPieces(this.#doc, text, nodes, m));
    this.#painted.set(page, list);
    this.#hits.add(list);
    // A mention in several pieces is revealed and flashed by its first one.
    for (const m of list) if (!this.#byIndex.has(m.index)) this.#byIndex.set(m.index, m);
    for (const entity of this.#shown) {
      const ranges = list.filter((m) => m.entity === entity).map((m) => m.range);
      if (ranges.length > 0) this.#highlighter.add(entity, ranges);
    }
    return list.length;
  }

  forgetPage(page: number): void {
    const list = this.#painted.get(page);
    if (!list) return;
    this.#painted.delete(page);
    this.#hits.remove(list);
    this.#highlighter.remove(list.map((m) => m.range));
    for (const m of list) this.#byIndex.delete(m.index);
  }

  mentionAt(x: number, y: number): PaintedPdfMention | undefined {
    return hitTest(this.#doc, this.#hits, x, y);
  }

  painted(index: number): PaintedPdfMention | undefined {
    return this.#byIndex.get(index);
  }

  flash(index: number): boolean {
    const m = this.#byIndex.get(index);
    if (!m) return false;
    this.#highlighter.flash(m.range);
    return true;
  }

  setStyle(style: HighlightStyle): void {
    restyleHighlights(this.#doc, highlightCss([...this.#shown], style));
  }

  destroy(): void {
    this.#highlighter.destroy();
    this.#hits.clear();
    this.#removeStyles();
    this.#painted.clear();
    this.#byIndex.clear();
  }
}

/**
 * Creates the layer. Nothing is painted until `setDocument` and `paintPage`; `destroy` removes
 * every highlight and the style sheet.
 */
export function createPdfMentionLayer(options: PdfMentionLayerOptions): PdfMentionLayer {
  return new MentionLayer(options);
}
