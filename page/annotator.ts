/*
 * Annotates a live page: the coordinator of the page layer. A change watcher (change-watcher.ts)
 * says what changed, a candidate reader (candidate-reader.ts) reads the blocks that may hold a
 * mention, the matcher finds them, and a mention store (mention-store.ts) keeps them, counts them
 * against the cap and has them painted (highlighter.ts). A PDF reader can reuse the store and the
 * painter with a reader of its own.
 */

import type { findMentions, PageContext, pageContext } from '../engine/find-mentions.ts';
import { mentionSnippet } from '../engine/snippet.ts';
import { type EntityId, HIGHLIGHTED_ENTITIES, type Mention } from '../engine/types.ts';
import { logger } from '../lib/log.ts';
import type { HighlightStyle } from '../lib/settings.ts';
import { CandidateReader, composedCompare, type ReadClock } from './candidate-reader.ts';
import { outermost } from './candidates.ts';
import { type ChangeBatch, ChangeWatcher, watchDocumentReplaced } from './change-watcher.ts';
import { createHighlighter, createMentionPainter, type Highlighter, type HighlighterWindow } from './highlighter.ts';
import { createHitIndex, type HitIndex, type HitTestable } from './hit-test.ts';
import { MentionStore, type StoredBlock } from './mention-store.ts';
import { afterNextFrame, yieldToPage } from './scheduling.ts';
import { type highlightCss, injectHighlightStyles, restyleHighlights, ShadowHighlightStyles } from './styles.ts';
import { composedParent, rangeForOffsets, type TextBlock } from './text-blocks.ts';

/** One highlighted mention on the page. */
export interface PageMention extends HitTestable {
  /** Position in document order among the page's mentions (shadow content at its host's place). */
  index: number;
  entity: EntityId;
  /** The matched text as the page shows it. */
  text: string;
  /** The surrounding text of the block, whitespace collapsed, at most ~100 characters. */
  snippet: string;
  block: TextBlock;
}

/**
 * The engine's matching functions and the highlight style sheet, which the content script loads
 * only when a page needs them: a page without candidate text gets neither code nor a style sheet.
 */
export interface Matcher {
  findMentions: typeof findMentions;
  pageContext: typeof pageContext;
  highlightCss: typeof highlightCss;
}

export interface AnnotatorOptions {
  doc: Document;
  /**
   * Gives the matcher; asked once, when the page first has text the prefilter admits. A
   * rejection leaves the page unpainted, and `status()` at `'matcher-failed'`, until the next
   * change or rescan asks again.
   */
  matcher: () => Matcher | Promise<Matcher>;
  win: Window & typeof globalThis;
  /** Aborting it stops every observer, timer and scan and removes every highlight. */
  signal: AbortSignal;
  /** Elements to leave alone, such as the extension's own UI host. */
  exclude?: (el: Element) => boolean;
  /**
   * The browser's accessor for closed shadow roots, which extensions may use (see
   * `shadowRootReader` for which elements are asked); without it only open roots are read.
   */
  closedShadowRootOf?: (el: Element) => ShadowRoot | null | undefined;
  /** Entities to paint; defaults to the four highlighted ones. */
  entities?: readonly EntityId[];
  /** How mentions are drawn; defaults to fill and underline. */
  style?: HighlightStyle;
  /** Called after each change with the number of highlighted mentions. */
  onMentions?: (count: number) => void;
  /** Most mentions highlighted on one page; more are counted in `total` but not painted. */
  maxMentions?: number;
  /** Longest stretch of work between two yields to the page, in milliseconds. */
  chunkMs?: number;
  /**
   * Least time, in milliseconds (default 100), between a read of page changes that handled a
   * burst of them (a feed appending dozens of elements at a time) and the next read: such a page
   * is read in a few larger batches rather than every frame. Small changes (a ticker, a
   * re-rendered widget) are always read at the next frame.
   */
  flushGapMs?: number;
}

/** Whether the annotator can do its work; see `Annotator.status`. */
export type AnnotatorStatus = 'ok' | 'matcher-failed';

export interface Annotator {
  /** Resolves when the current full scan has finished (also when it was cancelled). */
  readonly ready: Promise<void>;
  /** True when the page had more mentions than `maxMentions`. */
  readonly capped: boolean;
  /** Mentions found, including those over the cap. */
  readonly total: number;
  /**
   * `'matcher-failed'` while the matcher could not be loaded (the page may have mentions that
   * are not shown: say so rather than "no mentions"); `'ok'` otherwise, also before it is needed.
   */
  status(): AnnotatorStatus;
  /** The highlighted mentions in document order; empty before the first scan ends. */
  mentions(): readonly PageMention[];
  /**
   * The painted mentions by Text node, for `hitTest(doc, annotator.hits, x, y)` (page/hit-test.ts):
   * the mention drawn at a viewport point. Empty once the annotator is destroyed.
   */
  readonly hits: HitIndex<PageMention>;
  /**
   * Scrolls mention `index` into view and flashes it. Returns the mention, or `undefined` when
   * there is no such mention or its text has left the page.
   */
  reveal(index: number, behavior?: ScrollBehavior): PageMention | undefined;
  /** Forgets everything and reads the page again (SPA navigations). Resolves when done. */
  rescan(): Promise<void>;
  /** Puts back highlights the page removed from the registry; returns how many. */
  restoreHighlights(): number;
  /**
   * Paints only `entities` from now on. Dropping entities unpaints their mentions at once;
   * adding one reads the page again. Resolves when done (at once when nothing changed).
   */
  setEntities(entities: readonly EntityId[]): Promise<void>;
  /** Draws mentions in `style` from now on (rewrites the page style sheet; no re-read). */
  setStyle(style: HighlightStyle): void;
  /** Stops everything and removes every highlight and the injected style sheet. */
  destroy(): void;
}

const log = logger('annotator');

/** The context of a page with no text the prefilter admits. */
const NO_CONTEXT: PageContext = { topical: false, czechMinistry: false };
/** How often the shared registry is checked for highlights the page removed; a page removing them again is answered once per check. */
const RESTORE_INTERVAL_MS = 1000;
/** Blocks read between two looks at the clock: reading it per block cost ~10% of the scan on a 5 MB page. */
const BLOCKS_PER_CLOCK = 16;
/** Least time between two paints during a scan: each swap of a big Highlight costs a re-render. */
const SCAN_PAINT_GAP_MS = 250;
/** Longest a mention a page change added waits to be drawn. */
const MAX_PAINT_PAUSE_MS = 1000;

/** The page mention for engine mention `m` of `block`; undefined when its offsets fall outside the block's text nodes. */
function pageMention(block: TextBlock, m: Mention): PageMention | undefined {
  const range = rangeForOffsets(block, m.start, m.end);
  if (!range) return undefined;
  // The text nodes the mention covers, from the offsets the block was read with.
  const nodes: Text[] = [];
  const { starts, text } = block;
  for (let i = 0; i < starts.length; i++) {
    const from = starts[i] as number;
    if (from >= m.end) break;
    const to = i + 1 < starts.length ? (starts[i + 1] as number) : text.length;
    if (to > m.start) nodes.push(block.nodes[i] as Text);
  }
  const { start, end } = m;
  return {
    index: -1,
    entity: m.entity,
    text: m.text,
    // Built when asked (the popup, exports): most mentions are never listed.
    get snippet() {
      return mentionSnippet(text, start, end);
    },
    block,
    range,
    nodes,
  };
}

/**
 * True once `win`'s document was painted at least once (its first layout is done), as the
 * browser's paint timing says; false where it says nothing (a background tab, a browser without
 * it), so the caller waits for a frame.
 */
function hasPainted(win: Window): boolean {
  try {
    return (win.performance.getEntriesByType?.('paint').length ?? 0) > 0;
  } catch (error) {
    log.debug('no paint timing', error);
    return false;
  }
}

/** True when `el` is one of `roots` or lies below one of them in the composed tree. */
function isUnder(el: Element, roots: ReadonlySet<Element>): boolean {
  if (roots.size === 0) return false;
  for (let n: Node | null = el; n; n = composedParent(n)) if (roots.has(n as Element)) return true;
  return false;
}

/** The matcher, loaded on first need; remembers whether the last attempt failed. */
class MatcherLoader {
  current: Matcher | null = null;
  failed = false;
  #loading: Promise<Matcher> | null = null;
  readonly #load: () => Matcher | Promise<Matcher>;
  readonly #onLoad: (m: Matcher) => void;

  /** `onLoad` runs once the matcher is there, before any caller of {@link get} resumes. */
  constructor(load: () => Matcher | Promise<Matcher>, onLoad: (m: Matcher) => void) {
    this.#load = load;
    this.#onLoad = onLoad;
  }

  /** The matcher; rejects (and the next call tries again) when it cannot be loaded. */
  get(): Promise<Matcher> {
    this.#loading ??= Promise.resolve()
      .then(this.#load)
      .then(
        (m) => {
          this.current = m;
          this.failed = false;
          this.#onLoad(m);
          return m;
        },
        (error: unknown) => {
          this.#loading = null;
          this.failed = true;
          log.warn('matcher failed to load', error);
          throw error;
        },
      );
    return this.#loading;
  }
}

/**
 * Starts annotating `doc`: reads its text blocks in short chunks, finds mentions, paints them,
 * then follows page changes until `signal` aborts. Never throws on odd pages; a page without a
 * body gets no mentions.
 */
export function createAnnotator(options: AnnotatorOptions): Annotator {
  return new PageAnnotator(options);
}

/**
 * The coordinator: a change watcher tells it what changed, a block reader reads the candidate
 * blocks, the matcher finds mentions in them, and a mention store keeps them and has them painted.
 * One internal signal, aborted by `destroy()` or the caller's signal, stops every part.
 */
class PageAnnotator implements Annotator {
  readonly #doc: Document;
  readonly #win: Window & typeof globalThis;
  /** When page changes last had their mentions drawn, and the timer that will draw the waiting ones. */
  #lastCommit = 0;
  #paceTimer: number | undefined;
  readonly #stop = new AbortController();
  readonly #entities: Set<EntityId>;
  readonly #chunkMs: number;
  readonly #onMentions: ((count: number) => void) | undefined;
  readonly #highlighter: Highlighter;
  readonly #hits: HitIndex<PageMention>;
  readonly #store: MentionStore<TextBlock, PageMention>;
  readonly #reader: CandidateReader;
  readonly #watcher: ChangeWatcher;
  readonly #matcher: MatcherLoader;
  readonly #shadowRoots = new Set<ShadowRoot>();
  readonly #shadowStyles: ShadowHighlightStyles;
  #style: HighlightStyle;
  /** Removes the injected style sheet; a no-op until the matcher (which brings the sheet) is loaded. */
  #removeStyles: () => void = () => {};
  /** Elements of blocks the store holds (may hold stale members; used only to avoid reading a block twice). */
  #readElements = new WeakSet<Element>();
  #context: PageContext | undefined;
  /** Bumped by each full scan and by `destroy()`: a scan that sees another value stops. */
  #generation = 0;
  #scanning = false;
  #readyPromise: Promise<void> = Promise.resolve();

  constructor(options: AnnotatorOptions) {
    const { doc, win } = options;
    this.#doc = doc;
    this.#win = win;
    const signal = this.#stop.signal;
    this.#entities = new Set(options.entities ?? HIGHLIGHTED_ENTITIES);
    this.#chunkMs = options.chunkMs ?? 8;
    this.#onMentions = options.onMentions;
    this.#style = options.style ?? 'both';
    this.#highlighter = createHighlighter(win as unknown as HighlighterWindow);
    this.#shadowStyles = new ShadowHighlightStyles(win);
    this.#hits = createHitIndex<PageMention>(() => [...this.#shadowRoots]);
    const painter = createMentionPainter(this.#highlighter, this.#hits);
    this.#store = new MentionStore({
      painter,
      compare: (a, b) => composedCompare(a.element, b.element),
      cap: options.maxMentions ?? 5000,
      signal,
    });
    this.#matcher = new MatcherLoader(options.matcher, () => this.#restyle());
    const exclude = options.exclude ?? (() => false);
    this.#watcher = new ChangeWatcher({
      win,
      signal,
      exclude,
      flushGapMs: options.flushGapMs ?? 100,
      onChanges: (batch) => this.#onChanges(batch),
    });
    const onShadowRoot = (root: ShadowRoot) => this.#trackShadowRoot(root);
    this.#reader = new CandidateReader({ exclude, closedShadowRootOf: options.closedShadowRootOf, onShadowRoot });
    this.#start(options.signal);
  }

  #start(outer: AbortSignal): void {
    const signal = this.#stop.signal;
    const restoreTimer = this.#win.setInterval(() => this.#highlighter.restore(), RESTORE_INTERVAL_MS);
    signal.addEventListener('abort', () => {
      this.#generation++;
      this.#win.clearInterval(restoreTimer);
      if (this.#paceTimer !== undefined) this.#win.clearTimeout(this.#paceTimer);
      this.#highlighter.destroy();
      this.#removeStyles();
      this.#shadowStyles.remove();
    });
    if (outer.aborted) {
      this.#stop.abort();
      return;
    }
    outer.addEventListener('abort', () => this.#stop.abort(), { once: true });
    watchDocumentReplaced(this.#doc, this.#win, signal, () => this.#onDocumentReplaced());
    if (this.#doc.body) this.#watcher.observe(this.#doc.body);
    this.#readyPromise = this.#fullScan();
  }

  get #destroyed(): boolean {
    return this.#stop.signal.aborted;
  }

  get ready(): Promise<void> {
    return this.#readyPromise;
  }

  get capped(): boolean {
    return this.#store.capped;
  }

  get total(): number {
    return this.#store.total;
  }

  status(): AnnotatorStatus {
    return this.#matcher.failed ? 'matcher-failed' : 'ok';
  }

  mentions(): readonly PageMention[] {
    return this.#store.mentions();
  }

  get hits(): HitIndex<PageMention> {
    return this.#hits;
  }

  reveal(index: number, behavior: ScrollBehavior = 'smooth'): PageMention | undefined {
    const m = this.mentions()[index];
    if (!m || m.nodes.some((n) => !n.isConnected)) return undefined;
    const el = m.range.startContainer.parentElement;
    el?.scrollIntoView({ block: 'center', inline: 'nearest', behavior });
    this.#highlighter.flash(m.range);
    return m;
  }

  rescan(): Promise<void> {
    if (this.#destroyed) return Promise.resolve();
    this.#watcher.discard();
    this.#readyPromise = this.#fullScan();
    return this.#readyPromise;
  }

  restoreHighlights(): number {
    return this.#highlighter.restore();
  }

  setEntities(next: readonly EntityId[]): Promise<void> {
    if (this.#destroyed) return Promise.resolve();
    const wanted = new Set(next);
    const added = [...wanted].some((e) => !this.#entities.has(e));
    const removed = [...this.#entities].some((e) => !wanted.has(e));
    if (!added && !removed) return this.#readyPromise;
    this.#entities.clear();
    for (const e of wanted) this.#entities.add(e);
    this.#restyle();
    // Mentions of a newly wanted entity were never kept, and a scan under way holds mentions
    // not yet painted: both need a fresh read. A pure removal only unpaints (and may make room).
    if (added || this.#scanning) {
      this.#readyPromise = this.#fullScan();
      return this.#readyPromise;
    }
    this.#store.retainEntities((e) => this.#entities.has(e));
    this.#refill();
    this.#store.commit();
    this.#notify();
    return this.#readyPromise;
  }

  setStyle(next: HighlightStyle): void {
    if (this.#destroyed || next === this.#style) return;
    this.#style = next;
    this.#restyle();
  }

  destroy(): void {
    this.#stop.abort();
  }

  #notify(): void {
    this.#onMentions?.(this.#store.painted);
  }

  /** Watches a shadow tree for changes and lets the hit index look inside it. */
  #trackShadowRoot(root: ShadowRoot): void {
    if (this.#shadowRoots.has(root)) return;
    this.#shadowRoots.add(root);
    this.#watcher.observe(root);
  }

  /** A new root element means a new page: style it and read it again. */
  #onDocumentReplaced(): void {
    this.#restyle();
    this.#watcher.discard();
    this.#readyPromise = this.#fullScan();
  }

  /**
   * Brings the page's highlight style sheet in line with the wanted entities and style, adding it
   * when missing (first use of the matcher, or a new document that left ours with the old tree).
   * Nothing before the matcher is loaded: until then nothing is painted.
   */
  #restyle(): void {
    const matcher = this.#matcher.current;
    if (!matcher) return;
    const css = matcher.highlightCss([...this.#entities], this.#style);
    this.#shadowStyles.restyle(css);
    if (restyleHighlights(this.#doc, css)) return;
    this.#removeStyles();
    this.#removeStyles = injectHighlightStyles(this.#doc, css);
  }

  /** Keeps `block`'s mentions of the wanted entities (the matcher is loaded). */
  #addBlock(block: TextBlock): StoredBlock<TextBlock, PageMention> | undefined {
    const found = (this.#matcher.current as Matcher).findMentions(block.text, this.#context);
    const wanted = found.filter((m) => this.#entities.has(m.entity));
    const entry = this.#store.add(block, wanted, (m) => pageMention(block, m));
    if (entry) this.#readElements.add(block.element);
    const first = wanted[0];
    if (first && this.#shadowRoots.size > 0) {
      try {
        this.#shadowStyles.cover(block.element, first.entity);
      } catch (error) {
        log.debug('no highlight rules in a shadow tree', error);
      }
    }
    return entry;
  }

  /** Forgets everything and reads the page again; resolves when done (also when cancelled). */
  #fullScan(): Promise<void> {
    const mine = ++this.#generation;
    this.#scanning = true;
    this.#watcher.pause();
    this.#store.clear();
    this.#readElements = new WeakSet();
    return this.#scan(mine);
  }

  #clockFor(mine: number): ReadClock {
    return {
      chunkMs: this.#chunkMs,
      now: () => this.#win.performance.now(),
      yieldToPage: () => yieldToPage(this.#win),
      cancelled: () => mine !== this.#generation,
    };
  }

  async #scan(mine: number): Promise<void> {
    const clock = this.#clockFor(mine);
    // Reading asks for visibility, which forces a synchronous layout of the whole page if the
    // browser has not laid it out yet (~30 ms on a 5 MB page): let the page render first, unless
    // it already has (the usual case when the content script starts).
    if (!hasPainted(this.#win)) {
      await afterNextFrame(this.#win);
      if (clock.cancelled()) return;
    }
    const body = this.#doc.body;
    if (!body) return this.#endScan();
    // Usually already watched; after document.open() this is a new body.
    this.#watcher.observe(body);
    const blocks = await this.#reader.readAll(body, clock);
    if (blocks === null) return;
    if (blocks.length > 0 && this.#matcher.current === null) {
      try {
        await this.#matcher.get();
      } catch (error) {
        log.debug('scan: no matcher', error);
        if (!clock.cancelled()) this.#endScan();
        return;
      }
      if (clock.cancelled()) return;
    }
    const matcher = this.#matcher.current;
    this.#context = matcher ? matcher.pageContext(blocks.map((b) => b.text)) : NO_CONTEXT;
    await clock.yieldToPage();
    if (clock.cancelled()) return;
    if (await this.#paintBlocks(blocks, clock)) this.#endScan();
  }

  #endScan(): void {
    this.#scanning = false;
    this.#store.commit();
    this.#notify();
    this.#watcher.resume();
  }

  /**
   * Finds and keeps the mentions of `blocks`, a chunk at a time. At document idle the reader is
   * usually at the top, so page order paints the visible part first; the first batch is painted
   * after one chunk, the rest in a few large swaps. Resolves to false when cancelled.
   */
  async #paintBlocks(blocks: readonly TextBlock[], clock: ReadClock): Promise<boolean> {
    let lastPaint = 0;
    let t0 = clock.now();
    let sinceClock = 0;
    for (const block of blocks) {
      this.#addBlock(block);
      if (++sinceClock < BLOCKS_PER_CLOCK) continue;
      sinceClock = 0;
      if (clock.now() - t0 <= this.#chunkMs) continue;
      if (lastPaint === 0 || clock.now() - lastPaint > SCAN_PAINT_GAP_MS) {
        this.#store.commit();
        lastPaint = clock.now();
        this.#notify();
      }
      await clock.yieldToPage();
      if (clock.cancelled()) return false;
      t0 = clock.now();
    }
    return true;
  }

  /**
   * Re-reads the blocks a batch of page changes touched; everything else stays as it is.
   * Returns false, keeping the batch for later, when new text needs the matcher not loaded yet.
   */
  #onChanges(batch: ChangeBatch): boolean {
    this.#highlighter.restore();
    const reread = this.#rereadRoots(batch);
    // Without removals or re-reads (the usual append-only infinite scroll) no kept block can be
    // affected: skip the walk, which would otherwise cost blocks × batches on a long page.
    const dropped =
      batch.removals || reread.size > 0
        ? this.#store.removeBlocks((entry) => this.#isStale(entry, batch.removals, reread))
        : 0;
    const fresh = this.#reader.readUnder(batch.roots.filter((root) => root.isConnected && !batch.isOurs(root)));
    if (fresh.length > 0 && this.#matcher.current === null) {
      // Nothing was dropped: the store is empty until the matcher first loads.
      this.#matcher.get().then(
        () => this.#watcher.schedule(),
        (error: unknown) => log.debug('changes: no matcher', error),
      );
      return false;
    }
    if (this.#revealsSubject(fresh)) {
      this.#readyPromise = this.#fullScan();
      return true;
    }
    for (const block of fresh) this.#addBlock(block);
    const refilled = dropped > 0 && this.#refill();
    // Removals are drawn at once (a range left painted would outlive its text); additions wait
    // for their turn (see `#commitPaced`).
    if (dropped > 0 || refilled) {
      this.#store.commit();
      this.#notify();
    } else this.#commitPaced();
    return true;
  }

  /**
   * Draws the mentions page changes added, in geometrically growing batches: each registry
   * update costs the browser's next frame work in proportion to every range registered (see
   * docs/benchmarks.md), so on a page that keeps adding text an update is made at once only
   * when the waiting mentions are at least half as many as those drawn, and otherwise after a
   * pause that grows with what is drawn (at most a second). The total re-rendering then stays a
   * small multiple of one final registration, however many batches the page adds.
   */
  #commitPaced(): void {
    const waiting = this.#store.waiting;
    if (waiting === 0) return;
    const drawn = this.#store.painted;
    const now = this.#win.performance.now();
    const pause = Math.min(MAX_PAINT_PAUSE_MS, SCAN_PAINT_GAP_MS + drawn / 2);
    if (waiting * 2 >= drawn || now - this.#lastCommit >= pause) {
      if (this.#paceTimer !== undefined) this.#win.clearTimeout(this.#paceTimer);
      this.#paceTimer = undefined;
      this.#lastCommit = now;
      this.#store.commit();
      this.#notify();
      return;
    }
    this.#paceTimer ??= this.#win.setTimeout(
      () => {
        this.#paceTimer = undefined;
        if (!this.#destroyed) this.#commitPaced();
      },
      pause - (now - this.#lastCommit),
    );
  }

  /**
   * The roots of a batch whose earlier reading must go: blocks changed in place, and added
   * elements that hold blocks read before (a move, or a change queued while the scan read it).
   */
  #rereadRoots(batch: ChangeBatch): Set<Element> {
    // Without removals (moves) or changes queued during a scan, an added element cannot hold a
    // block read before: skip the descendant walk, costly on long appended feeds.
    const mayHoldRead = batch.removals || batch.queuedWhilePaused;
    const holdsRead = (root: Element): boolean => {
      if (this.#readElements.has(root)) return true;
      for (const el of root.getElementsByTagName('*')) if (this.#readElements.has(el)) return true;
      return false;
    };
    return new Set(batch.roots.filter((root) => batch.changed.has(root) || (mayHoldRead && holdsRead(root))));
  }

  /** True for a stored block that left the page, lost text, or is about to be read again. */
  #isStale(entry: StoredBlock<TextBlock, PageMention>, removals: boolean, reread: ReadonlySet<Element>): boolean {
    const el = entry.block.element;
    if (!el.isConnected) return true;
    if (removals && entry.mentions.some((m) => m.nodes.some((n) => !n.isConnected))) return true;
    return isUnder(el, reread);
  }

  /**
   * True when new text shows the page's subject only now (an SPA or infinite scroll loaded the
   * article): that changes how short forms like "RGB" read everywhere, so the page is read again.
   */
  #revealsSubject(fresh: readonly TextBlock[]): boolean {
    const context = this.#context;
    const matcher = this.#matcher.current;
    if (!matcher || !context || fresh.length === 0 || (context.topical && context.czechMinistry)) return false;
    const extra = matcher.pageContext(fresh.map((b) => b.text));
    return (extra.topical && !context.topical) || (extra.czechMinistry && !context.czechMinistry);
  }

  /**
   * Once mentions leave a capped page, reads again the first blocks with mentions over the cap,
   * as many as the room opened may take, so the page shows what now fits. Returns true when it
   * read some.
   */
  #refill(): boolean {
    let room = this.#store.room;
    if (room === 0 || !this.#store.capped || this.#matcher.current === null) return false;
    const elements = new Set<Element>();
    for (const entry of this.#store.overCapBlocks()) {
      if (room <= 0) break;
      elements.add(entry.block.element);
      room -= entry.overCap.length;
    }
    const roots = outermost(elements);
    const under = new Set(roots);
    this.#store.removeBlocks((entry) => isUnder(entry.block.element, under));
    for (const block of this.#reader.readUnder(roots.filter((root) => root.isConnected))) this.#addBlock(block);
    return true;
  }
}
