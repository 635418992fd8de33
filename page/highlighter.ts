import type { EntityId } from '../engine/types.ts';
import type { HitIndex, HitTestable } from './hit-test.ts';
import type { MentionPainter } from './mention-store.ts';
import { ELEMENT_NODE } from './node-types.ts';
import { FLASH_HIGHLIGHT, highlightName } from './styles.ts';

/** Paints mention ranges on a page with the CSS Custom Highlight API, never touching the DOM. */
export interface Highlighter {
  /** Replaces every range painted for `entity`. */
  set(entity: EntityId, ranges: readonly Range[]): void;
  /** Paints more ranges for `entity`, keeping the ones already painted. */
  add(entity: EntityId, ranges: readonly Range[]): void;
  /** Stops painting `ranges` (ranges that are not painted are ignored). */
  remove(ranges: readonly Range[]): void;
  /** Number of ranges painted for `entity` (kept for painting: see {@link WINDOW_MIN_RANGES}). */
  count(entity: EntityId): number;
  /** Briefly marks `range` (a revealed mention); a new flash replaces the previous one. */
  flash(range: Range, durationMs?: number): void;
  /**
   * Puts back registry entries the page removed or replaced. Returns how many entries were
   * restored (0 when everything is in place).
   */
  restore(): number;
  /** Removes every painted range. */
  clear(): void;
  /** `clear()`, then stops all timers. The highlighter is unusable afterwards. */
  destroy(): void;
}

interface HighlightRegistryLike {
  get(name: string): unknown;
  set(name: string, value: unknown): unknown;
  delete(name: string): boolean;
}

type HighlightConstructor = new (...ranges: Range[]) => { size: number; priority: number; has(range: Range): boolean };

/** The part of `IntersectionObserver` the highlighter uses. */
export interface NearnessObserver {
  observe(target: Element): void;
  unobserve(target: Element): void;
  disconnect(): void;
}

type NearnessObserverConstructor = new (
  callback: (entries: readonly { target: Element; isIntersecting: boolean }[]) => void,
  options: { rootMargin: string; scrollMargin: string },
) => NearnessObserver;

/**
 * From this many ranges in all, only the ranges near the viewport are registered. Chromium
 * rebuilds the highlight markers of every registered range in each frame where the DOM or any
 * style changed (measured: ~4 µs per range, 20 ms a frame at 5,000 ranges, for a class toggled on
 * one element), so a long list of mentions would tax every hover effect, animation and change of
 * a live page. Below it the cost stays under ~1.5 ms a frame and everything is registered.
 */
export const WINDOW_MIN_RANGES = 300;

/**
 * How far around the viewport a mention's element counts as near: one and a half screens above
 * and below, one to each side, so scrolling finds the next mentions painted already. (A
 * cross-origin frame's observer sees the viewport only: its mentions are painted as they enter.)
 */
export const WINDOW_MARGIN = '150% 100% 150% 100%';
/** {@link WINDOW_MARGIN} in viewport heights above and below, and widths to each side. */
const WINDOW_SCREENS = { vertical: 1.5, horizontal: 1 } as const;

/** The window members the highlighter needs; a real `Window` satisfies it. */
export interface HighlighterWindow {
  CSS?: { highlights?: HighlightRegistryLike };
  Highlight?: HighlightConstructor;
  /** Where present, pages with many mentions register only those near the viewport. */
  IntersectionObserver?: NearnessObserverConstructor;
  /** The viewport's size, to tell which mentions are near when the observer starts. */
  innerWidth?: number;
  innerHeight?: number;
  /** For `beforeprint` and `afterprint`: a printed page shows every mention. */
  addEventListener?(type: 'beforeprint' | 'afterprint', listener: () => void, options: { signal: AbortSignal }): void;
  setTimeout(handler: () => void, ms?: number): number;
  clearTimeout(id: number): void;
}

/**
 * True when `win` has the CSS Custom Highlight API (`CSS.highlights` and `Highlight`), which
 * every supported browser has (Chromium 105, Firefox 140); false elsewhere, where nothing can
 * be painted.
 */
export function supportsHighlights(win: HighlighterWindow): boolean {
  return Boolean(win.CSS?.highlights && win.Highlight);
}

/**
 * Creates a highlighter painting through `win`'s `CSS.highlights`. Never fails: where the API is
 * missing it returns a highlighter that paints nothing (`count` always 0); callers that care ask
 * `supportsHighlights` first.
 */
export function createHighlighter(win: HighlighterWindow): Highlighter {
  const registry = win.CSS?.highlights;
  const HighlightCtor = win.Highlight;
  // No fallback that edits the page (wrapping mentions in elements): every browser the manifests
  // admit has the Highlight API, and wrapping splits text nodes that editors and frameworks own.
  return registry && HighlightCtor ? registryHighlighter(registry, HighlightCtor, win) : inertHighlighter();
}

/** Paints nothing: for documents whose browser has no Highlight API. */
function inertHighlighter(): Highlighter {
  const nothing = () => {};
  return {
    set: nothing,
    add: nothing,
    remove: nothing,
    count: () => 0,
    flash: nothing,
    restore: () => 0,
    clear: nothing,
    destroy: nothing,
  };
}

function registryHighlighter(
  registry: HighlightRegistryLike,
  HighlightCtor: HighlightConstructor,
  win: HighlighterWindow,
): Highlighter {
  const rangesByEntity = new Map<EntityId, Set<Range>>();
  const registered = new Map<string, InstanceType<HighlightConstructor>>();
  let flashTimer: number | undefined;
  const near = nearViewport(win, () => {
    for (const entity of rangesByEntity.keys()) publish(entity);
  });

  // Chromium re-renders a registered Highlight on every change (30–60 ms per change with
  // ~2,000 ranges) but not an unregistered one, so each update builds a fresh Highlight
  // off-registry and swaps it in with a single `set`.
  const publish = (entity: EntityId) => {
    const name = highlightName(entity);
    const all = rangesByEntity.get(entity);
    const windowed = near.active();
    const ranges = all && windowed ? [...all].filter(near.has) : all ? [...all] : [];
    if (ranges.length === 0) {
      registered.delete(name);
      if (registry.get(name)) registry.delete(name);
      return;
    }
    // Ranges added or removed out of sight leave what is registered as it was: no registry
    // update, so no repaint and no frame (a frame of a 5 MB page costs ~25 ms to lay out and paint).
    const current = registered.get(name);
    if (windowed && current && registry.get(name) === current && sameRanges(current, ranges)) return;
    const highlight = new HighlightCtor(...ranges);
    registered.set(name, highlight);
    registry.set(name, highlight);
  };

  const grew = (ranges: Iterable<Range>) => {
    if (near.started()) near.track(ranges);
    else if (countAll() >= WINDOW_MIN_RANGES) near.start(allRanges());
  };
  const countAll = () => {
    let n = 0;
    for (const set of rangesByEntity.values()) n += set.size;
    return n;
  };
  function* allRanges(): Iterable<Range> {
    for (const set of rangesByEntity.values()) yield* set;
  }

  const clearFlash = () => {
    if (flashTimer !== undefined) win.clearTimeout(flashTimer);
    flashTimer = undefined;
    registered.delete(FLASH_HIGHLIGHT);
    registry.delete(FLASH_HIGHLIGHT);
  };

  const self: Highlighter = {
    set(entity, ranges) {
      const old = rangesByEntity.get(entity);
      if (old) near.untrack(old);
      const set = new Set(ranges);
      rangesByEntity.set(entity, set);
      grew(set);
      publish(entity);
    },
    add(entity, ranges) {
      if (ranges.length === 0) return;
      const set = rangesByEntity.get(entity) ?? new Set<Range>();
      for (const r of ranges) set.add(r);
      rangesByEntity.set(entity, set);
      grew(ranges);
      publish(entity);
    },
    remove(ranges) {
      const doomed = new Set(ranges);
      for (const [entity, set] of rangesByEntity) {
        let changed = false;
        for (const r of set) {
          if (doomed.has(r)) {
            set.delete(r);
            changed = true;
          }
        }
        if (changed) publish(entity);
      }
      near.untrack(doomed);
    },
    count(entity) {
      return rangesByEntity.get(entity)?.size ?? 0;
    },
    flash(range, durationMs = 1200) {
      clearFlash();
      const highlight = new HighlightCtor(range);
      // Above the entity highlights, which keep the default priority 0.
      highlight.priority = 1;
      registered.set(FLASH_HIGHLIGHT, highlight);
      registry.set(FLASH_HIGHLIGHT, highlight);
      flashTimer = win.setTimeout(clearFlash, durationMs);
    },
    restore() {
      let restored = 0;
      for (const [name, highlight] of registered) {
        if (registry.get(name) !== highlight) {
          registry.set(name, highlight);
          restored++;
        }
      }
      return restored;
    },
    clear() {
      clearFlash();
      for (const name of registered.keys()) {
        if (registered.get(name) === registry.get(name)) registry.delete(name);
      }
      registered.clear();
      rangesByEntity.clear();
      near.stop();
    },
    destroy() {
      self.clear();
    },
  };
  return self;
}

/** True when `highlight` holds exactly `ranges` (which has no duplicates). */
function sameRanges(highlight: { size: number; has(range: Range): boolean }, ranges: readonly Range[]): boolean {
  if (highlight.size !== ranges.length) return false;
  for (const range of ranges) if (!highlight.has(range)) return false;
  return true;
}

/** Which ranges are near the viewport, once started: see {@link WINDOW_MIN_RANGES}. */
interface Nearness {
  /** True once started and told where the elements are: only near ranges are registered then. */
  active(): boolean;
  started(): boolean;
  /** Starts watching the elements of `ranges` (a no-op without `IntersectionObserver`). */
  start(ranges: Iterable<Range>): void;
  track(ranges: Iterable<Range>): void;
  untrack(ranges: Iterable<Range>): void;
  has(range: Range): boolean;
  /** Stops watching everything; `start` may be called again. */
  stop(): void;
}

/**
 * Watches the elements holding ranges with one `IntersectionObserver` and calls `changed` after
 * each batch of elements coming near the viewport or leaving it. On start it measures the
 * elements once itself; where the viewport's size is unknown, nothing counts as far until the
 * observer's first answer, so starting never takes a painted mention away for a frame.
 */
function nearViewport(win: HighlighterWindow, changed: () => void): Nearness {
  const Observer = win.IntersectionObserver;
  let observer: NearnessObserver | undefined;
  let answered = false;
  // While the page is printed every range counts as near: paper has no viewport.
  let printing = false;
  let listening: AbortController | undefined;
  const elementOf = new Map<Range, Element>();
  const rangesIn = new Map<Element, number>();
  const near = new Set<Element>();
  const self: Nearness = {
    active: () => answered && !printing,
    started: () => observer !== undefined,
    start(ranges) {
      if (!Observer || observer) return;
      observer = new Observer(
        (entries) => {
          // The first answer switches from every range to the near ones; later ones matter only
          // when an element came near or left.
          let moved = !answered;
          for (const { target, isIntersecting } of entries) {
            if (isIntersecting && rangesIn.has(target)) {
              if (!near.has(target)) {
                near.add(target);
                moved = true;
              }
            } else if (near.delete(target)) moved = true;
          }
          answered = true;
          if (moved) changed();
        },
        // The same margin around every scroll box on the way (a long list in a scrolling
        // element): without it only what such a box shows now would count as near.
        { rootMargin: WINDOW_MARGIN, scrollMargin: WINDOW_MARGIN },
      );
      listening = new AbortController();
      const print = (on: boolean) => () => {
        printing = on;
        changed();
      };
      win.addEventListener?.('beforeprint', print(true), { signal: listening.signal });
      win.addEventListener?.('afterprint', print(false), { signal: listening.signal });
      self.track(ranges);
      // Measured once now rather than awaited: otherwise every range would be registered until
      // the observer's first answer, and that answer would swap them out a frame later, each
      // costing a full repaint on the big pages this is for. The observer corrects any mismatch.
      const height = win.innerHeight ?? 0;
      const width = win.innerWidth ?? 0;
      if (height <= 0) return;
      const dy = height * WINDOW_SCREENS.vertical;
      const dx = width * WINDOW_SCREENS.horizontal;
      for (const el of rangesIn.keys()) {
        const box = el.getBoundingClientRect();
        if (box.bottom >= -dy && box.top <= height + dy && box.right >= -dx && box.left <= width + dx) near.add(el);
      }
      answered = true;
      // Every entity, not only the one whose ranges started it: the others would keep all theirs
      // registered until their next change.
      changed();
    },
    track(ranges) {
      if (!observer) return;
      for (const range of ranges) {
        if (elementOf.has(range)) continue;
        const start = range.startContainer;
        const el = start.nodeType === ELEMENT_NODE ? (start as Element) : start.parentElement;
        if (!el) continue;
        elementOf.set(range, el);
        const n = rangesIn.get(el) ?? 0;
        rangesIn.set(el, n + 1);
        if (n === 0) observer.observe(el);
      }
    },
    untrack(ranges) {
      if (!observer) return;
      for (const range of ranges) {
        const el = elementOf.get(range);
        if (!el) continue;
        elementOf.delete(range);
        const n = (rangesIn.get(el) ?? 1) - 1;
        if (n > 0) {
          rangesIn.set(el, n);
          continue;
        }
        rangesIn.delete(el);
        near.delete(el);
        observer.unobserve(el);
      }
    },
    has: (range) => {
      const el = elementOf.get(range);
      return el !== undefined && near.has(el);
    },
    stop() {
      observer?.disconnect();
      observer = undefined;
      listening?.abort();
      listening = undefined;
      printing = false;
      answered = false;
      elementOf.clear();
      rangesIn.clear();
      near.clear();
    },
  };
  return self;
}

/** A mention as the painter draws it: a range, the Text nodes it covers and its entity. */
export interface PaintableMention extends HitTestable {
  readonly entity: EntityId;
}

/**
 * The painter a mention store draws with: ranges go to `highlighter` (one Highlight per entity,
 * so the page's DOM and its observers see nothing) and to `hits`, which answers "which mention is
 * under the pointer". Never fails; an empty batch does nothing.
 */
export function createMentionPainter<M extends PaintableMention>(
  highlighter: Highlighter,
  hits: HitIndex<M>,
): MentionPainter<M> {
  return {
    paint(batch) {
      if (batch.length === 0) return;
      const byEntity = new Map<EntityId, Range[]>();
      for (const m of batch) {
        const list = byEntity.get(m.entity);
        if (list) list.push(m.range);
        else byEntity.set(m.entity, [m.range]);
      }
      for (const [entity, ranges] of byEntity) highlighter.add(entity, ranges);
      hits.add(batch);
    },
    unpaint(batch) {
      if (batch.length === 0) return;
      highlighter.remove(batch.map((m) => m.range));
      hits.remove(batch);
    },
    clear() {
      hits.clear();
      highlighter.clear();
    },
  };
}
