import type { findMentions, PageContext, pageContext } from '../engine/find-mentions.ts';
import { type EntityId, HIGHLIGHTED_ENTITIES } from '../engine/types.ts';
import type { HighlightStyle } from '../lib/settings.ts';
import { CandidateSearch, outermost } from './candidates.ts';
import { createHighlighter, type Highlighter, type HighlighterWindow } from './highlighter.ts';
import { createHitIndex, type HitTestable } from './hit-test.ts';
import { shadowRootReader } from './shadow-roots.ts';
import { injectHighlightStyles, restyleHighlights } from './styles.ts';
import {
  blockElementFor,
  composedParent,
  isInlineName,
  rangeForOffsets,
  type TextBlock,
  type TextBlockOptions,
  textBlocks,
} from './text-blocks.ts';
import { layoutVisibilityFor } from './visibility.ts';

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

/** The engine's matching functions, which the content script loads only when a page needs them. */
export interface Matcher {
  findMentions: typeof findMentions;
  pageContext: typeof pageContext;
}

export interface AnnotatorOptions {
  doc: Document;
  /**
   * Gives the matcher; asked once, when the page first has text the prefilter admits. A
   * rejection leaves the page unpainted until the next change or rescan asks again.
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

export interface Annotator {
  /** Resolves when the current full scan has finished (also when it was cancelled). */
  readonly ready: Promise<void>;
  /** True when the page had more mentions than `maxMentions`. */
  readonly capped: boolean;
  /** Mentions found, including those over the cap. */
  readonly total: number;
  /** The highlighted mentions in document order; empty before the first scan ends. */
  mentions(): readonly PageMention[];
  /** The mention drawn at viewport point (x, y); `undefined` over anything else. */
  mentionAt(x: number, y: number): PageMention | undefined;
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

interface BlockEntry {
  block: TextBlock;
  mentions: PageMention[];
}

interface SchedulerLike {
  yield?: () => Promise<void>;
}

const SNIPPET_RADIUS = 45;
/** Changed elements in one read of page changes that make it a burst (see `flushGapMs`). */
const BURST_ROOTS = 50;
/** The context of a page with no text the prefilter admits. */
const NO_CONTEXT: PageContext = { topical: false, czechMinistry: false };
/** Longest wait for a first frame before reading anyway (background tabs render no frames). */
const FRAME_FALLBACK_MS = 500;
/** How often the shared registry is checked for highlights the page removed; a page removing them again is answered once per check. */
const RESTORE_INTERVAL_MS = 1000;

function snippetOf(text: string, start: number, end: number): string {
  const from = Math.max(0, start - SNIPPET_RADIUS);
  const to = Math.min(text.length, end + SNIPPET_RADIUS);
  const body = text.slice(from, to).replace(/\s+/g, ' ').trim();
  return `${from > 0 ? '…' : ''}${body}${to < text.length ? '…' : ''}`;
}

/** The host chain of `node`, outermost first, so nodes in different shadow trees compare in page order. */
function composedChain(node: Node): Node[] {
  const chain: Node[] = [node];
  let root = node.getRootNode();
  while (root.nodeType === 11 && (root as ShadowRoot).host) {
    const host = (root as ShadowRoot).host;
    chain.push(host);
    root = host.getRootNode();
  }
  return chain.reverse();
}

/** Negative when `a` comes before `b` in the composed tree (shadow content at its host's place). */
function composedCompare(a: Node, b: Node): number {
  if (a === b) return 0;
  const ca = composedChain(a);
  const cb = composedChain(b);
  let i = 0;
  while (i < ca.length && i < cb.length && ca[i] === cb[i]) i++;
  const x = ca[i];
  const y = cb[i];
  if (!x) return -1;
  if (!y) return 1;
  const pos = x.compareDocumentPosition(y);
  if (pos & 4 /* FOLLOWING */) return -1;
  if (pos & 2 /* PRECEDING */) return 1;
  return 0;
}

/**
 * Starts annotating `doc`: reads its text blocks in short chunks, finds mentions, paints them,
 * then follows page changes until `signal` aborts. Never throws on odd pages; a page without a
 * body gets no mentions.
 */
export function createAnnotator(options: AnnotatorOptions): Annotator {
  const { doc, win, signal } = options;
  const exclude = options.exclude ?? (() => false);
  const entities = new Set(options.entities ?? HIGHLIGHTED_ENTITIES);
  const maxMentions = options.maxMentions ?? 5000;
  const chunkMs = options.chunkMs ?? 8;
  const flushGapMs = options.flushGapMs ?? 100;
  const highlighter: Highlighter = createHighlighter(win as unknown as HighlighterWindow);
  let style: HighlightStyle = options.style ?? 'both';
  let removeStyles = injectHighlightStyles(doc, [...entities], style);
  const shadowRoots = new Set<ShadowRoot>();
  const hits = createHitIndex<PageMention>(doc, () => [...shadowRoots]);

  let entries: BlockEntry[] = [];
  /** Elements of blocks whose mentions are kept (may hold stale members; used only to avoid reading a block twice). */
  let readElements = new WeakSet<Element>();
  let ordered: PageMention[] | null = null;
  let painted = 0;
  let total = 0;
  let capped = false;
  let context: PageContext | undefined;
  let matcher: Matcher | null = null;
  let matcherLoading: Promise<Matcher> | null = null;
  /** The matcher, loaded on first call; rejects (and the next call retries) when it cannot be. */
  const loadMatcher = (): Promise<Matcher> => {
    matcherLoading ??= Promise.resolve()
      .then(options.matcher)
      .then(
        (m) => (matcher = m),
        (error: unknown) => {
          matcherLoading = null;
          throw error;
        },
      );
    return matcherLoading;
  };
  let generation = 0;
  let scanning = false;
  let pendingRecords: MutationRecord[] = [];
  let flushScheduled = false;
  let lastFlush = Number.NEGATIVE_INFINITY;
  /** Elements the last read of changes re-read; a burst of them delays the next read by `flushGapMs`. */
  let lastFlushRoots = 0;
  /** Some queued records arrived while a full scan was reading (their nodes may have been read already). */
  let queuedDuringScan = false;
  let destroyed = false;

  const { closedShadowRootOf } = options;
  const shadowRootOf = shadowRootReader(closedShadowRootOf);
  const blockOptions: TextBlockOptions = { shadowRoots: true, shadowRootOf, exclude };

  const now = () => win.performance.now();
  const yieldToPage = (): Promise<void> => {
    const scheduler = (win as unknown as { scheduler?: SchedulerLike }).scheduler;
    if (scheduler?.yield) return scheduler.yield.call(scheduler);
    return new Promise((resolve) => win.setTimeout(resolve, 0));
  };

  /** Resolves after the next rendering update; background tabs get no frames, so a timeout backs it up. */
  const afterNextFrame = (): Promise<void> =>
    new Promise((resolve) => {
      const timer = win.setTimeout(resolve, FRAME_FALLBACK_MS);
      win.requestAnimationFrame(() => {
        win.clearTimeout(timer);
        win.setTimeout(resolve, 0);
      });
    });

  const observer = new win.MutationObserver((records) => {
    if (scanning) queuedDuringScan = true;
    pendingRecords.push(...records);
    scheduleFlush();
  });
  const observe = (target: Node) => observer.observe(target, { childList: true, characterData: true, subtree: true });

  const notify = () => {
    ordered = null;
    options.onMentions?.(painted);
  };

  /** Paints mentions (through CSS highlights, so the page's DOM and the observer see nothing). */
  const paint = (batch: PageMention[]) => {
    if (batch.length === 0) return;
    const byEntity = new Map<EntityId, Range[]>();
    for (const m of batch) {
      const list = byEntity.get(m.entity);
      if (list) list.push(m.range);
      else byEntity.set(m.entity, [m.range]);
    }
    for (const [entity, ranges] of byEntity) highlighter.add(entity, ranges);
    hits.add(batch);
  };

  const unpaint = (batch: PageMention[]) => {
    if (batch.length === 0) return;
    highlighter.remove(batch.map((m) => m.range));
    hits.remove(batch);
    painted -= batch.length;
  };

  /** Mentions of one block, with their ranges; counts toward the cap. */
  const mentionsOf = (block: TextBlock): PageMention[] => {
    const out: PageMention[] = [];
    for (const m of (matcher as Matcher).findMentions(block.text, context)) {
      if (!entities.has(m.entity)) continue;
      total++;
      if (painted >= maxMentions) {
        capped = true;
        continue;
      }
      const range = rangeForOffsets(block, m.start, m.end);
      if (!range) continue;
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
      out.push({
        index: -1,
        entity: m.entity,
        text: m.text,
        // Built when asked (the popup, exports): most mentions are never listed.
        get snippet() {
          return snippetOf(text, start, end);
        },
        block,
        range,
        nodes,
      });
      painted++;
    }
    return out;
  };

  /** Watches a shadow tree for changes and lets the hit index look inside it. */
  const trackShadowRoot = (root: ShadowRoot) => {
    if (shadowRoots.has(root)) return;
    shadowRoots.add(root);
    observe(root);
  };

  const candidateOptions = { exclude, closedShadowRootOf };
  const changeOptions = { exclude, closedShadowRootOf, rootTextFirst: true };

  /**
   * Reads the blocks of the candidate elements found under `roots` in full (see CandidateSearch),
   * in page order. Synchronous: for the small subtrees a page change brings.
   */
  const readCandidates = (roots: readonly Node[]): TextBlock[] => {
    if (roots.length === 0) return [];
    const search = new CandidateSearch(roots, changeOptions);
    search.step();
    for (const shadow of search.shadowRoots) trackShadowRoot(shadow);
    blockOptions.ancestors = new Map();
    return elementsOf(search).flatMap((el) => textBlocks(el, blockOptions));
  };

  /** The elements to read in full after a finished search, in page order (shadow content at its host's place). */
  const elementsOf = (search: CandidateSearch): Element[] => {
    const elements = outermost(search.elements);
    if (search.shadowRoots.length > 0) elements.sort(composedCompare);
    return elements;
  };

  const fullScan = async (): Promise<void> => {
    const mine = ++generation;
    scanning = true;
    hits.clear();
    highlighter.clear();
    entries = [];
    readElements = new WeakSet();
    painted = 0;
    total = 0;
    capped = false;
    // Reading asks for visibility, which forces a synchronous layout of the whole page if the
    // browser has not laid it out yet (~30 ms on a 5 MB page): let the page render first.
    await afterNextFrame();
    if (mine !== generation) return;
    const body = doc.body;
    if (!body) {
      scanning = false;
      notify();
      return;
    }
    // Usually already observed; after document.open() this is a new body.
    observe(body);
    // Every root read from now on is connected (flush skips the others): look layout up once.
    blockOptions.layout = layoutVisibilityFor(body);
    // Find the blocks that may hold a mention, a few milliseconds at a time, then read those.
    const search = new CandidateSearch(body, candidateOptions);
    let t0 = now();
    while (!search.step(() => now() - t0 > chunkMs)) {
      await yieldToPage();
      if (mine !== generation) return;
      t0 = now();
    }
    for (const shadow of search.shadowRoots) trackShadowRoot(shadow);
    const blocks: TextBlock[] = [];
    blockOptions.ancestors = new Map();
    for (const el of elementsOf(search)) {
      for (const block of textBlocks(el, blockOptions)) blocks.push(block);
      if (now() - t0 > chunkMs) {
        await yieldToPage();
        if (mine !== generation) return;
        t0 = now();
        // The page may have changed meanwhile.
        blockOptions.ancestors = new Map();
      }
    }
    if (blocks.length > 0 && matcher === null) {
      try {
        await loadMatcher();
      } catch {
        if (mine !== generation) return;
        scanning = false;
        notify();
        return;
      }
      if (mine !== generation) return;
    }
    context = matcher ? matcher.pageContext(blocks.map((b) => b.text)) : NO_CONTEXT;
    await yieldToPage();
    if (mine !== generation) return;

    // At document idle the reader is usually at the top, so document order paints the visible
    // part first; the first batch is painted after one chunk, the rest in a few large swaps
    // because each swap of a big Highlight costs a re-render.
    let batch: PageMention[] = [];
    let lastPaint = 0;
    t0 = now();
    let sinceClock = 0;
    for (const block of blocks) {
      const mentions = mentionsOf(block);
      // Blocks without mentions are not kept: a later change re-reads its block from the DOM anyway.
      if (mentions.length > 0) {
        entries.push({ block, mentions });
        readElements.add(block.element);
        batch.push(...mentions);
      }
      // Reading the clock per block cost ~10% of the scan on a 5 MB page; every 16 blocks is enough.
      if (++sinceClock < 16) continue;
      sinceClock = 0;
      if (now() - t0 > chunkMs) {
        if (lastPaint === 0 || now() - lastPaint > 250) {
          paint(batch);
          batch = [];
          lastPaint = now();
          notify();
        }
        await yieldToPage();
        if (mine !== generation) return;
        t0 = now();
      }
    }
    paint(batch);
    scanning = false;
    notify();
    if (pendingRecords.length) scheduleFlush();
  };

  /**
   * Reads queued changes once the browser has rendered them: asked then, visibility costs no
   * style recalculation of our own. At most one read per `flushGapMs`.
   */
  function scheduleFlush() {
    if (flushScheduled || destroyed || scanning) return;
    flushScheduled = true;
    const run = () =>
      void afterNextFrame().then(() => {
        flushScheduled = false;
        if (destroyed || scanning) return;
        lastFlush = now();
        flush();
      });
    const wait = lastFlushRoots >= BURST_ROOTS ? lastFlush + flushGapMs - now() : 0;
    if (wait > 0) win.setTimeout(run, wait);
    else run();
  }

  /**
   * True for nodes inside the extension's own UI. `known` remembers the answer for every
   * ancestor on the way, so a batch of records under one container walks up once.
   */
  const isOurs = (node: Node, known?: Map<Node, boolean>): boolean => {
    const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
    if (!el) return false;
    const path: Node[] = [];
    let ours = false;
    for (let n: Node | null = el; n; n = composedParent(n)) {
      const answer = known?.get(n);
      if (answer !== undefined) {
        ours = answer;
        break;
      }
      path.push(n);
      if (n.nodeType === 1 && exclude(n as Element)) {
        ours = true;
        break;
      }
    }
    if (known) for (const n of path) known.set(n, ours);
    return ours;
  };

  /** Re-reads the blocks touched by the queued mutations; everything else stays as it is. */
  const flush = () => {
    highlighter.restore();
    const records = pendingRecords;
    pendingRecords = [];
    if (records.length === 0) return;
    // New block-level elements (infinite scroll, inserted cards) are read on their own and cannot
    // hold blocks read before; any other change re-reads its enclosing block.
    const added = new Set<Element>();
    const reread = new Set<Element>();
    let removals = false;
    const known = new Map<Node, boolean>();
    // Indexed loops and no copies: a feed can queue thousands of records per read.
    for (const r of records) {
      const target = r.target;
      if (isOurs(target, known)) continue;
      if (r.type === 'childList') {
        // The target is not ours, so a changed node is ours only if it is our host itself; a
        // changed element is a block of its own unless it is inline-level. Two DOM reads a node.
        const addedNodes = r.addedNodes;
        const removedNodes = r.removedNodes;
        const addedCount = addedNodes.length;
        const changedCount = addedCount + removedNodes.length;
        const addedBlocks: Element[] = [];
        let allOurs = true;
        let allBlocks = true;
        for (let i = 0; i < changedCount; i++) {
          const n = (i < addedCount ? addedNodes[i] : removedNodes[i - addedCount]) as Node;
          if (n.nodeType !== 1) {
            allOurs = false;
            allBlocks = false;
            continue;
          }
          if (exclude(n as Element)) continue;
          allOurs = false;
          if (isInlineName((n as Element).localName)) allBlocks = false;
          else if (i < addedCount) addedBlocks.push(n as Element);
        }
        if (changedCount > 0 && allOurs) continue;
        if (changedCount > addedCount) removals = true;
        if (allBlocks) {
          for (const el of addedBlocks) added.add(el);
          continue;
        }
      }
      const block = blockElementFor(target);
      if (block) reread.add(block);
    }
    // Only the outermost roots are read.
    const rootList = outermost(new Set<Element>([...added, ...reread]));
    lastFlushRoots = rootList.length;
    // An added element normally holds nothing read before, except when its record was queued
    // while the full scan was already reading it: then it is re-read like a changed block.
    const holdsReadBlocks = (root: Element): boolean => {
      if (readElements.has(root)) return true;
      for (const el of root.getElementsByTagName('*')) if (readElements.has(el)) return true;
      return false;
    };
    // Without removals in this batch (moves) or records queued during a scan, an added element
    // cannot hold a block read before: skip the descendant walk, costly on long appended feeds.
    const mayHoldRead = removals || queuedDuringScan;
    queuedDuringScan = false;
    const rereadRoots = new Set(rootList.filter((root) => reread.has(root) || (mayHoldRead && holdsReadBlocks(root))));

    // Read first: when the matcher is still to be loaded, nothing below may have happened yet.
    const freshBlocks = readCandidates(rootList.filter((root) => root.isConnected && !isOurs(root, known)));
    if (freshBlocks.length > 0 && matcher === null) {
      pendingRecords = records.concat(pendingRecords);
      loadMatcher().then(scheduleFlush, () => {});
      return;
    }

    // Drop blocks that left the page or are about to be re-read. Without removals or re-reads
    // (the usual append-only infinite scroll) no kept block can be affected: skip the walk, which
    // would otherwise cost entries × batches on a long page.
    const dropped: PageMention[] = [];
    let kept = entries;
    if (removals || rereadRoots.size > 0) {
      kept = [];
      const underReread = (el: Element): boolean => {
        if (rereadRoots.size === 0) return false;
        for (let n: Node | null = el; n; n = composedParent(n)) if (rereadRoots.has(n as Element)) return true;
        return false;
      };
      for (const entry of entries) {
        const el = entry.block.element;
        const gone =
          !el.isConnected ||
          (removals && entry.mentions.some((m) => m.nodes.some((n) => !n.isConnected))) ||
          underReread(el);
        if (gone) dropped.push(...entry.mentions);
        else kept.push(entry);
      }
    }
    unpaint(dropped);
    total -= dropped.length;
    const fresh: BlockEntry[] = [];
    for (const block of freshBlocks) {
      const mentions = mentionsOf(block);
      if (mentions.length > 0) {
        fresh.push({ block, mentions });
        readElements.add(block.element);
      }
    }
    if (matcher && context && freshBlocks.length > 0 && (!context.topical || !context.czechMinistry)) {
      const extra = matcher.pageContext(freshBlocks.map((b) => b.text));
      if ((extra.topical && !context.topical) || (extra.czechMinistry && !context.czechMinistry)) {
        // The page's subject only showed now (an SPA or infinite scroll loaded the article), and it
        // changes how short forms like "RGB" read everywhere: re-read the page once with it.
        ready = fullScan();
        return;
      }
    }
    // Appended content comes in page order already; checking that compares neighbours only.
    const byPage = (a: BlockEntry, b: BlockEntry) => composedCompare(a.block.element, b.block.element);
    if (fresh.some((e, i) => i > 0 && byPage(fresh[i - 1] as BlockEntry, e) > 0)) fresh.sort(byPage);
    if (kept !== entries || fresh.length > 0) entries = mergeOrdered(kept, fresh);
    paint(fresh.flatMap((e) => e.mentions));
    if (dropped.length || fresh.length) notify();
  };

  /** Merges two lists sorted in document order; appended content (the common case) costs one comparison. */
  const mergeOrdered = (a: BlockEntry[], b: BlockEntry[]): BlockEntry[] => {
    if (b.length === 0) return a;
    const last = a[a.length - 1];
    if (!last || composedCompare(last.block.element, (b[0] as BlockEntry).block.element) < 0) return a.concat(b);
    // Binary search for where the first fresh block goes; the merge starts there.
    let lo = 0;
    let hi = a.length;
    const first = (b[0] as BlockEntry).block.element;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (composedCompare((a[mid] as BlockEntry).block.element, first) <= 0) lo = mid + 1;
      else hi = mid;
    }
    const out: BlockEntry[] = a.slice(0, lo);
    let i = lo;
    let j = 0;
    while (i < a.length && j < b.length) {
      const x = a[i] as BlockEntry;
      const y = b[j] as BlockEntry;
      if (composedCompare(x.block.element, y.block.element) <= 0) {
        out.push(x);
        i++;
      } else {
        out.push(y);
        j++;
      }
    }
    return out.concat(a.slice(i), b.slice(j));
  };

  const mentions = (): PageMention[] => {
    if (!ordered) {
      ordered = entries.flatMap((e) => e.mentions);
      ordered.forEach((m, i) => {
        m.index = i;
      });
    }
    return ordered;
  };

  const restoreTimer = win.setInterval(() => highlighter.restore(), RESTORE_INTERVAL_MS);

  const destroy = () => {
    if (destroyed) return;
    destroyed = true;
    generation++;
    observer.disconnect();
    win.clearInterval(restoreTimer);
    hits.clear();
    highlighter.destroy();
    removeStyles();
    entries = [];
    ordered = [];
  };
  signal.addEventListener('abort', destroy, { once: true });

  // document.open() (legacy pages, ad frames) replaces the whole tree: the observed body and our
  // style sheet go with it. A new root element means a new page: style it and read it again.
  const documentObserver = new win.MutationObserver((records) => {
    if (destroyed || !records.some((r) => [...r.addedNodes].some((n) => n.nodeType === 1))) return;
    // restyleHighlights() finds no sheet when ours left with the old tree.
    if (!restyleHighlights(doc, [...entities], style)) {
      removeStyles();
      removeStyles = injectHighlightStyles(doc, [...entities], style);
    }
    pendingRecords = [];
    ready = fullScan();
  });
  documentObserver.observe(doc, { childList: true });
  signal.addEventListener('abort', () => documentObserver.disconnect(), { once: true });

  if (doc.body) observe(doc.body);
  let ready = signal.aborted ? Promise.resolve() : fullScan();
  if (signal.aborted) destroy();

  return {
    get ready() {
      return ready;
    },
    get capped() {
      return capped;
    },
    get total() {
      return total;
    },
    mentions,
    mentionAt(x, y) {
      if (destroyed) return undefined;
      return hits.at(x, y);
    },
    reveal(index, behavior = 'smooth') {
      const m = mentions()[index];
      if (!m || m.nodes.some((n) => !n.isConnected)) return undefined;
      const el = m.range.startContainer.parentElement;
      el?.scrollIntoView({ block: 'center', inline: 'nearest', behavior });
      highlighter.flash(m.range);
      return m;
    },
    rescan() {
      if (destroyed) return Promise.resolve();
      pendingRecords = [];
      ready = fullScan();
      return ready;
    },
    restoreHighlights: () => highlighter.restore(),
    setEntities(next) {
      if (destroyed) return Promise.resolve();
      const wanted = new Set(next);
      const added = [...wanted].some((e) => !entities.has(e));
      const removed = [...entities].some((e) => !wanted.has(e));
      if (!added && !removed) return ready;
      entities.clear();
      for (const e of wanted) entities.add(e);
      restyleHighlights(doc, [...entities], style);
      // Mentions of a newly wanted entity were never kept, and a scan under way holds mentions
      // not yet painted: both need a fresh read. A pure removal only unpaints.
      if (added || scanning) {
        ready = fullScan();
        return ready;
      }
      const dropped: PageMention[] = [];
      for (const entry of entries) {
        if (!entry.mentions.some((m) => !entities.has(m.entity))) continue;
        dropped.push(...entry.mentions.filter((m) => !entities.has(m.entity)));
        entry.mentions = entry.mentions.filter((m) => entities.has(m.entity));
      }
      unpaint(dropped);
      total -= dropped.length;
      notify();
      return ready;
    },
    setStyle(next) {
      if (destroyed || next === style) return;
      style = next;
      restyleHighlights(doc, [...entities], style);
    },
    destroy,
  };
}
