import type { EntityId } from '../engine/types.ts';
import { FLASH_HIGHLIGHT, highlightName, MARK_TAG } from './styles.ts';

/** Paints mention ranges on a page, either with the CSS Custom Highlight API or, where it is missing, by wrapping. */
export interface Highlighter {
  /** `'highlight'` paints through `CSS.highlights` without touching the DOM; `'wrap'` is the fallback. */
  readonly mode: 'highlight' | 'wrap';
  /** Replaces every range painted for `entity`. */
  set(entity: EntityId, ranges: readonly Range[]): void;
  /** Paints more ranges for `entity`, keeping the ones already painted. */
  add(entity: EntityId, ranges: readonly Range[]): void;
  /** Stops painting `ranges` (ranges that are not painted are ignored). */
  remove(ranges: readonly Range[]): void;
  /** Number of ranges painted for `entity`. */
  count(entity: EntityId): number;
  /** Briefly marks `range` (a revealed mention); a new flash replaces the previous one. */
  flash(range: Range, durationMs?: number): void;
  /**
   * Puts back registry entries the page removed or replaced. Returns how many entries were
   * restored (0 when everything is in place, and always 0 in wrap mode).
   */
  restore(): number;
  /** Removes every painted range; in wrap mode unwraps and merges the text nodes it split. */
  clear(): void;
  /** `clear()`, then stops all timers. The highlighter is unusable afterwards. */
  destroy(): void;
}

interface HighlightRegistryLike {
  get(name: string): unknown;
  set(name: string, value: unknown): unknown;
  delete(name: string): boolean;
}

type HighlightConstructor = new (...ranges: Range[]) => { size: number; priority: number };

/** The window members the highlighter needs; a real `Window` satisfies it. */
export interface HighlighterWindow {
  CSS?: { highlights?: HighlightRegistryLike };
  Highlight?: HighlightConstructor;
  setTimeout(handler: () => void, ms?: number): number;
  clearTimeout(id: number): void;
}

export interface HighlighterOptions {
  /** Force the wrapping fallback even where the Highlight API exists (tests, diagnostics). */
  forceWrap?: boolean;
}

/**
 * Creates a highlighter for `doc`. Uses `CSS.highlights` when `win` has it, else the
 * wrapping fallback. Never fails; a highlighter over a document without a body paints nothing.
 */
export function createHighlighter(
  doc: Document,
  win: HighlighterWindow,
  options: HighlighterOptions = {},
): Highlighter {
  const registry = win.CSS?.highlights;
  const HighlightCtor = win.Highlight;
  if (registry && HighlightCtor && !options.forceWrap) return registryHighlighter(registry, HighlightCtor, win);
  return wrappingHighlighter(doc, win);
}

function registryHighlighter(
  registry: HighlightRegistryLike,
  HighlightCtor: HighlightConstructor,
  win: HighlighterWindow,
): Highlighter {
  const rangesByEntity = new Map<EntityId, Set<Range>>();
  const registered = new Map<string, InstanceType<HighlightConstructor>>();
  let flashTimer: number | undefined;

  // Chromium re-renders a registered Highlight on every change (30–60 ms per change with
  // ~2,000 ranges) but not an unregistered one, so each update builds a fresh Highlight
  // off-registry and swaps it in with a single `set`.
  const publish = (entity: EntityId) => {
    const name = highlightName(entity);
    const ranges = rangesByEntity.get(entity);
    if (!ranges || ranges.size === 0) {
      registered.delete(name);
      if (registry.get(name)) registry.delete(name);
      return;
    }
    const highlight = new HighlightCtor(...ranges);
    registered.set(name, highlight);
    registry.set(name, highlight);
  };

  const clearFlash = () => {
    if (flashTimer !== undefined) win.clearTimeout(flashTimer);
    flashTimer = undefined;
    registered.delete(FLASH_HIGHLIGHT);
    registry.delete(FLASH_HIGHLIGHT);
  };

  const self: Highlighter = {
    mode: 'highlight',
    set(entity, ranges) {
      rangesByEntity.set(entity, new Set(ranges));
      publish(entity);
    },
    add(entity, ranges) {
      if (ranges.length === 0) return;
      const set = rangesByEntity.get(entity) ?? new Set<Range>();
      for (const r of ranges) set.add(r);
      rangesByEntity.set(entity, set);
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
    },
    destroy() {
      self.clear();
    },
  };
  return self;
}

/** True when `node` sits in content the user edits, where wrapping would corrupt what they type. */
function isEditable(node: Node): boolean {
  const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  if (!el) return true;
  if (el.closest('textarea, input, select, option, [contenteditable]:not([contenteditable="false"])')) return true;
  return (el as HTMLElement).isContentEditable === true;
}

/** The Text nodes a range covers, with the covered offsets inside each. */
function textSegments(range: Range): { node: Text; start: number; end: number }[] {
  const out: { node: Text; start: number; end: number }[] = [];
  const root = range.commonAncestorContainer;
  const doc = root.ownerDocument ?? (root as Document);
  const push = (node: Text) => {
    const start = node === range.startContainer ? range.startOffset : 0;
    const end = node === range.endContainer ? range.endOffset : node.data.length;
    if (end > start) out.push({ node, start, end });
  };
  if (root.nodeType === 3) {
    push(root as Text);
    return out;
  }
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (range.intersectsNode(n)) push(n as Text);
  }
  return out;
}

/**
 * Fallback for browsers without the Custom Highlight API. It must change the DOM, so it keeps
 * every change reversible: it records the Text nodes its splits created and merges exactly
 * those back on `clear()` (a blanket `normalize()` would also merge text nodes the page split
 * itself, which frameworks such as React rely on).
 */
function wrappingHighlighter(doc: Document, win: HighlighterWindow): Highlighter {
  const marksByRange = new Map<Range, { entity: EntityId; marks: Element[] }>();
  const createdBySplit = new Set<Text>();
  let flashTimer: number | undefined;
  let flashed: Element[] = [];

  const split = (node: Text, offset: number): Text => {
    const rest = node.splitText(offset);
    createdBySplit.add(rest);
    return rest;
  };

  const wrap = (entity: EntityId, range: Range) => {
    if (marksByRange.has(range)) return;
    const marks: Element[] = [];
    // Segments are wrapped last to first so that splitting one never shifts another's offsets.
    for (const { node, start, end } of textSegments(range).reverse()) {
      if (isEditable(node) || node.parentElement?.closest(MARK_TAG)) continue;
      let target = node;
      if (end < target.data.length) split(target, end);
      if (start > 0) target = split(target, start);
      const mark = doc.createElement(MARK_TAG);
      mark.setAttribute('data-entity', entity);
      target.before(mark);
      mark.append(target);
      marks.push(mark);
    }
    marksByRange.set(range, { entity, marks });
  };

  const unwrap = (marks: Element[]) => {
    for (const mark of marks) {
      if (!mark.parentNode) continue;
      mark.replaceWith(...mark.childNodes);
    }
  };

  const mergeSplits = () => {
    for (const node of createdBySplit) {
      const prev = node.previousSibling;
      if (node.parentNode && prev && prev.nodeType === 3) {
        (prev as Text).appendData(node.data);
        node.remove();
      }
    }
    createdBySplit.clear();
  };

  const self: Highlighter = {
    mode: 'wrap',
    set(entity, ranges) {
      const doomed = [...marksByRange].filter(([, v]) => v.entity === entity).map(([r]) => r);
      self.remove(doomed);
      self.add(entity, ranges);
    },
    add(entity, ranges) {
      for (const range of ranges) wrap(entity, range);
    },
    remove(ranges) {
      for (const range of ranges) {
        const entry = marksByRange.get(range);
        if (!entry) continue;
        unwrap(entry.marks);
        marksByRange.delete(range);
      }
      if (marksByRange.size === 0) mergeSplits();
    },
    count(entity) {
      let n = 0;
      for (const v of marksByRange.values()) if (v.entity === entity) n++;
      return n;
    },
    flash(range, durationMs = 1200) {
      for (const el of flashed) el.removeAttribute('data-flash');
      flashed = marksByRange.get(range)?.marks ?? [];
      for (const el of flashed) el.setAttribute('data-flash', '');
      if (flashTimer !== undefined) win.clearTimeout(flashTimer);
      flashTimer = win.setTimeout(() => {
        for (const el of flashed) el.removeAttribute('data-flash');
        flashed = [];
      }, durationMs);
    },
    restore() {
      return 0;
    },
    clear() {
      if (flashTimer !== undefined) win.clearTimeout(flashTimer);
      flashTimer = undefined;
      for (const { marks } of marksByRange.values()) unwrap(marks);
      marksByRange.clear();
      mergeSplits();
    },
    destroy() {
      self.clear();
    },
  };
  return self;
}
