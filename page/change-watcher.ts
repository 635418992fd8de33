/*
 * Watches a page for changes and hands them over in batches, sorted into what a reader needs:
 * new block-level elements to read on their own, blocks changed in place to read again, and
 * whether anything left the page (after darkreader's mutation watcher and hypothesis's
 * FrameObserver: a small object with `disconnect()`).
 */
import { outermost } from './candidates.ts';
import { ELEMENT_NODE } from './node-types.ts';
import { afterNextFrame } from './scheduling.ts';
import { blockElementFor, composedParent, isInlineName } from './text-blocks.ts';

/** One read's worth of page changes, sorted. */
export interface ChangeBatch {
  /** Outermost elements to read: new block-level elements and the blocks changed in place. */
  roots: Element[];
  /** The blocks changed in place (text edits, inline insertions): what was read of them is stale. */
  changed: ReadonlySet<Element>;
  /** Some nodes left the page: blocks read before may be gone. */
  removals: boolean;
  /** Some changes arrived while the watcher was paused, so the reader may have seen them already. */
  queuedWhilePaused: boolean;
  /** True for nodes inside the extension's own UI (answers cached for this batch). */
  isOurs(node: Node): boolean;
}

export interface ChangeWatcherOptions {
  win: Window & typeof globalThis;
  /** Aborting it disconnects the watcher for good. */
  signal: AbortSignal;
  /** Elements to leave alone, such as the extension's own UI host. */
  exclude: (el: Element) => boolean;
  /** Least time between a read that handled a burst of changes and the next (see `BURST_ROOTS`). */
  flushGapMs: number;
  /**
   * Called with each batch. Returning false keeps the batch's changes queued, to be handed over
   * again with the next changes or at the next `schedule()` (the matcher is still loading).
   */
  onChanges(batch: ChangeBatch): boolean | undefined;
}

/** Elements in one read that make it a burst: the next read then waits `flushGapMs`. */
export const BURST_ROOTS = 50;
/** What the annotator (and a quiet frame waiting for its first change) observes. */
export const WATCHED: MutationObserverInit = { childList: true, characterData: true, subtree: true };

/**
 * True for nodes inside an element `exclude` accepts, crossing shadow boundaries. `known`
 * remembers the answer for every ancestor on the way, so a batch under one container walks up once.
 */
function isExcluded(node: Node, exclude: (el: Element) => boolean, known: Map<Node, boolean>): boolean {
  const el = node.nodeType === ELEMENT_NODE ? (node as Element) : node.parentElement;
  if (!el) return false;
  const path: Node[] = [];
  let ours = false;
  for (let n: Node | null = el; n; n = composedParent(n)) {
    const answer = known.get(n);
    if (answer !== undefined) {
      ours = answer;
      break;
    }
    path.push(n);
    if (n.nodeType === ELEMENT_NODE && exclude(n as Element)) {
      ours = true;
      break;
    }
  }
  for (const n of path) known.set(n, ours);
  return ours;
}

interface ChildListSort {
  /** Every changed node is an excluded element: the record is ours. */
  allOurs: boolean;
  /** Every changed node is a block-level element: the added ones are read on their own. */
  allBlocks: boolean;
  addedBlocks: Element[];
  removed: boolean;
}

/** Sorts the nodes of one childList record whose target is not ours. Two DOM reads a node. */
function sortChildList(r: MutationRecord, exclude: (el: Element) => boolean): ChildListSort {
  const { addedNodes, removedNodes } = r;
  const addedCount = addedNodes.length;
  const changedCount = addedCount + removedNodes.length;
  const out: ChildListSort = { allOurs: true, allBlocks: true, addedBlocks: [], removed: changedCount > addedCount };
  // Indexed loops and no copies: a feed can queue thousands of records per read.
  for (let i = 0; i < changedCount; i++) {
    const n = (i < addedCount ? addedNodes[i] : removedNodes[i - addedCount]) as Node;
    if (n.nodeType !== ELEMENT_NODE) {
      out.allOurs = false;
      out.allBlocks = false;
      continue;
    }
    // The target is not ours, so a changed node is ours only if it is our host itself.
    if (exclude(n as Element)) continue;
    out.allOurs = false;
    if (isInlineName((n as Element).localName)) out.allBlocks = false;
    else if (i < addedCount) out.addedBlocks.push(n as Element);
  }
  if (changedCount === 0) out.allOurs = false;
  return out;
}

/**
 * Sorts mutation records into a batch (see `ChangeBatch`; `queuedWhilePaused` is false). New
 * block-level elements cannot hold blocks read before and are read on their own; any other change
 * re-reads its enclosing block. Records inside excluded elements are ignored. Empty records give
 * an empty batch.
 */
export function classifyRecords(records: readonly MutationRecord[], exclude: (el: Element) => boolean): ChangeBatch {
  const known = new Map<Node, boolean>();
  const isOurs = (node: Node) => isExcluded(node, exclude, known);
  const added = new Set<Element>();
  const changed = new Set<Element>();
  let removals = false;
  for (const r of records) {
    const target = r.target;
    if (isOurs(target)) continue;
    if (r.type === 'childList') {
      const sorted = sortChildList(r, exclude);
      if (sorted.allOurs) continue;
      if (sorted.removed) removals = true;
      if (sorted.allBlocks) {
        for (const el of sorted.addedBlocks) added.add(el);
        continue;
      }
    }
    const block = blockElementFor(target);
    if (block) changed.add(block);
  }
  // Only the outermost roots are read.
  const roots = outermost(new Set<Element>([...added, ...changed]));
  return { roots, changed, removals, queuedWhilePaused: false, isOurs };
}

/**
 * A MutationObserver over the page and the shadow trees it is given, read once per frame: the
 * changes are read after the browser rendered them, so asking for visibility costs no style
 * recalculation of its own. After a burst (a feed appending dozens of elements at once), the
 * next read waits `flushGapMs`, so such a page is read in a few large batches.
 */
export class ChangeWatcher {
  readonly #observer: MutationObserver;
  readonly #options: ChangeWatcherOptions;
  #queued: MutationRecord[] = [];
  #queuedWhilePaused = false;
  #paused = false;
  #scheduled = false;
  #stopped = false;
  #lastRead = Number.NEGATIVE_INFINITY;
  #lastRoots = 0;

  constructor(options: ChangeWatcherOptions) {
    this.#options = options;
    this.#observer = new options.win.MutationObserver((records) => {
      if (this.#paused) this.#queuedWhilePaused = true;
      for (const r of records) this.#queued.push(r);
      this.schedule();
    });
    if (options.signal.aborted) this.disconnect();
    else options.signal.addEventListener('abort', () => this.disconnect(), { once: true });
  }

  /** Watches `target` and its subtree (watching it twice is harmless). */
  observe(target: Node): void {
    if (!this.#stopped) this.#observer.observe(target, WATCHED);
  }

  /** Queues changes without reading them (a full read of the page is under way). */
  pause(): void {
    this.#paused = true;
  }

  /** Reads what was queued while paused, at the next frame. */
  resume(): void {
    this.#paused = false;
    this.schedule();
  }

  /** Forgets the changes queued so far (the page is about to be read in full). */
  discard(): void {
    this.#queued = [];
    this.#queuedWhilePaused = false;
  }

  /** Reads the queued changes after the next frame, or after `flushGapMs` following a burst. */
  schedule(): void {
    if (this.#scheduled || this.#stopped || this.#paused || this.#queued.length === 0) return;
    this.#scheduled = true;
    const { win, flushGapMs } = this.#options;
    const run = () =>
      void afterNextFrame(win).then(() => {
        this.#scheduled = false;
        if (this.#stopped || this.#paused) return;
        this.#lastRead = win.performance.now();
        this.#read();
      });
    const wait = this.#lastRoots >= BURST_ROOTS ? this.#lastRead + flushGapMs - win.performance.now() : 0;
    if (wait > 0) win.setTimeout(run, wait);
    else run();
  }

  /** Stops watching for good; queued changes are dropped. */
  disconnect(): void {
    this.#stopped = true;
    this.#observer.disconnect();
    this.discard();
  }

  #read(): void {
    const records = this.#queued;
    if (records.length === 0) return;
    this.#queued = [];
    const batch = classifyRecords(records, this.#options.exclude);
    batch.queuedWhilePaused = this.#queuedWhilePaused;
    this.#lastRoots = batch.roots.length;
    if (this.#options.onChanges(batch) === false) {
      this.#queued = records.concat(this.#queued);
      return;
    }
    this.#queuedWhilePaused = false;
  }
}

/**
 * Calls `onReplaced` when `doc` gets a new root element (document.open() on legacy pages and ad
 * frames replaces the whole tree, with the observed body and injected styles), until `signal` aborts.
 */
export function watchDocumentReplaced(
  doc: Document,
  win: Window & typeof globalThis,
  signal: AbortSignal,
  onReplaced: () => void,
): void {
  if (signal.aborted) return;
  const observer = new win.MutationObserver((records) => {
    if (records.some((r) => Array.prototype.some.call(r.addedNodes, (n: Node) => n.nodeType === ELEMENT_NODE))) {
      onReplaced();
    }
  });
  observer.observe(doc, { childList: true });
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
}
