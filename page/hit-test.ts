import { TEXT_NODE } from './node-types.ts';

/** Anything the hit index can find: a painted range and the Text nodes it covers. */
export interface HitTestable {
  range: Range;
  nodes: readonly Text[];
}

/** Finds which painted mention is under the pointer; highlights get no pointer events of their own. */
export interface HitIndex<T extends HitTestable> {
  add(items: readonly T[]): void;
  remove(items: readonly T[]): void;
  clear(): void;
  /** The item whose range is drawn at viewport point (x, y), or `undefined` when there is none. */
  at(x: number, y: number): T | undefined;
}

interface CaretPositionDocument {
  caretPositionFromPoint?: (
    x: number,
    y: number,
    options?: { shadowRoots?: ShadowRoot[] },
  ) => { offsetNode: Node; offset: number } | null;
  caretRangeFromPoint?: (x: number, y: number) => Range | null;
}

/**
 * The DOM position (node, offset) of the caret at viewport point (x, y), looking into the given
 * open shadow roots where the browser supports it. Returns null outside any text or when the
 * browser has neither `caretPositionFromPoint` nor `caretRangeFromPoint`.
 */
export function caretAt(
  doc: Document,
  x: number,
  y: number,
  shadowRoots: ShadowRoot[] = [],
): { node: Node; offset: number } | null {
  const d = doc as unknown as CaretPositionDocument;
  if (typeof d.caretPositionFromPoint === 'function') {
    const pos = d.caretPositionFromPoint.call(doc, x, y, { shadowRoots });
    return pos ? { node: pos.offsetNode, offset: pos.offset } : null;
  }
  if (typeof d.caretRangeFromPoint === 'function') {
    const range = d.caretRangeFromPoint.call(doc, x, y);
    return range ? { node: range.startContainer, offset: range.startOffset } : null;
  }
  return null;
}

/**
 * True when one of the line boxes of `range` contains (x, y). The caret snaps to the nearest
 * character even when the pointer is past the end of a line, so the rects are the real test.
 */
export function rangeContainsPoint(range: Range, x: number, y: number): boolean {
  const rects = range.getClientRects();
  for (let i = 0; i < rects.length; i++) {
    const r = rects[i];
    if (r && x >= r.left && x <= r.right && y >= r.top && y <= r.bottom) return true;
  }
  return false;
}

/** The innermost element at (x, y), descending into open shadow roots; null off the page. */
function deepElementFromPoint(doc: Document, x: number, y: number): Element | null {
  let el = doc.elementFromPoint(x, y);
  while (el?.shadowRoot) {
    const inner = el.shadowRoot.elementFromPoint(x, y);
    if (!inner || inner === el) break;
    el = inner;
  }
  return el;
}

/**
 * Creates an index from Text node to the items covering it, so a hover costs a caret lookup
 * plus a rect check of the few mentions in one node, whatever the number of mentions on the page.
 * `shadowRoots` lists the open shadow roots to look into. An empty index hits nothing.
 */
export function createHitIndex<T extends HitTestable>(
  doc: Document,
  shadowRoots: () => ShadowRoot[] = () => [],
): HitIndex<T> {
  const byNode = new Map<Text, T[]>();

  const hitIn = (nodes: Iterable<Node>, x: number, y: number): T | undefined => {
    for (const node of nodes) {
      const items = node.nodeType === TEXT_NODE ? byNode.get(node as Text) : undefined;
      if (!items) continue;
      for (const item of items) if (rangeContainsPoint(item.range, x, y)) return item;
    }
    return undefined;
  };

  return {
    add(items) {
      for (const item of items) {
        for (const node of item.nodes) {
          const list = byNode.get(node);
          if (list) list.push(item);
          else byNode.set(node, [item]);
        }
      }
    },
    remove(items) {
      const doomed = new Set(items);
      for (const item of items) {
        for (const node of item.nodes) {
          const list = byNode.get(node);
          if (!list) continue;
          const kept = list.filter((i) => !doomed.has(i));
          if (kept.length) byNode.set(node, kept);
          else byNode.delete(node);
        }
      }
    },
    clear() {
      byNode.clear();
    },
    at(x, y) {
      if (byNode.size === 0) return undefined;
      const caret = caretAt(doc, x, y, shadowRoots());
      const viaCaret = caret ? hitIn([caret.node], x, y) : undefined;
      if (viaCaret) return viaCaret;
      // Browsers without shadow-piercing caret lookup stop at the shadow host; the text
      // children of the element under the pointer are the next best candidates.
      const el = deepElementFromPoint(doc, x, y);
      return el ? hitIn(el.childNodes, x, y) : undefined;
    },
  };
}
