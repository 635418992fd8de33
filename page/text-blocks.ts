// Reads a page's visible text as blocks of plain strings for the engine, and maps engine offsets
// back to DOM positions. Read-only: nothing here creates, splits or edits nodes of the page.
import { logger } from '../lib/log.ts';
import { DOCUMENT_FRAGMENT_NODE, DOCUMENT_NODE, ELEMENT_NODE, TEXT_NODE } from './node-types.ts';
import { mayHostShadowRoot } from './shadow-roots.ts';
import { isShownByAttributes, layoutVisibilityFor } from './visibility.ts';

const log = logger('text-blocks');

/** A run of visible text that reads as one string: the text nodes of a block's inline content. */
export interface TextBlock {
  /** The block element whose inline descendants' text was concatenated. */
  element: Element;
  /** Concatenated text of the block's visible text nodes, in document order. */
  text: string;
  /** The text nodes, and the offset in `text` where each starts (same length, ascending). */
  nodes: Text[];
  starts: number[];
}

export interface TextBlockOptions {
  /**
   * Decides whether an element is rendered; asked of every element met, a false answer skips its
   * subtree. Default: {@link isShownByAttributes} on every element (hidden attribute, inline
   * display:none / visibility:hidden, closed details; `aria-hidden` is NOT hidden) and, on a live
   * page, `checkVisibility()` once per block element that holds text (stylesheets, hidden
   * ancestors). An inline element hidden only by a stylesheet is therefore still read.
   */
  isVisible?: (el: Element) => boolean;
  /** Elements to skip entirely (e.g. the extension's own UI host). */
  exclude?: (el: Element) => boolean;
  /** Descend into shadow roots (default true). */
  shadowRoots?: boolean;
  /** The shadow root of an element, if any; default: `el.shadowRoot` (open roots only). */
  shadowRootOf?: (el: Element) => ShadowRoot | null;
  /**
   * The layout-backed check asked once per block that holds text, for callers reading many small
   * roots of one live document (looking it up from `root` costs a few DOM reads per call).
   * Default: `layoutVisibilityFor(root)`. Ignored when `isVisible` is given.
   */
  layout?: ((el: Element) => boolean) | null;
  /**
   * Answers about ancestors shared between calls that read many block elements of one document
   * in one go (true: it and its ancestors are read; false: skipped or hidden), so that each
   * ancestor is looked at once, not once per block below it. Valid only while the page does not
   * change: start a new one for each batch. Used only for roots that are not inline-level.
   */
  ancestors?: Map<Element, boolean>;
}

// Inline-level HTML elements: their text continues the surrounding line, so it is concatenated
// with no separator. A static list instead of getComputedStyle() keeps the walk free of style
// lookups; an element not listed (including custom elements) starts a block of its own, which at
// worst splits a sentence but never glues two unrelated texts together.
const INLINE = new Set([
  'a',
  'abbr',
  'acronym',
  'b',
  'bdi',
  'bdo',
  'big',
  'cite',
  'code',
  'data',
  'del',
  'dfn',
  'em',
  'font',
  'i',
  'img',
  'ins',
  'kbd',
  'label',
  'mark',
  'nobr',
  'q',
  'ruby',
  's',
  'samp',
  'slot',
  'small',
  'span',
  'strike',
  'strong',
  'sub',
  'sup',
  'time',
  'tt',
  'u',
  'var',
  'wbr',
  // SVG text content elements continue the <text> element they sit in.
  'tspan',
  'textPath',
]);

// Subtrees whose character data is not page text shown to the reader: code, templates, form
// fields (their text is the user's input, and editing it must never be disturbed), embedded
// documents and media. Buttons are NOT skipped: their label is visible text like any other.
const SKIPPED = new Set([
  'audio',
  'canvas',
  'datalist',
  'embed',
  'frame',
  'frameset',
  'head',
  'iframe',
  'input',
  'link',
  'meta',
  'noscript',
  'object',
  'optgroup',
  'option',
  // Ruby annotations (readings above CJK base text) would cut the base text apart:
  // <ruby>北朝鮮<rt>きたちょうせん</rt></ruby> reads as "北朝鮮".
  'rp',
  'rt',
  'script',
  'select',
  'style',
  'template',
  'textarea',
  'title',
  'video',
]);

// Skipped elements that still occupy space on the line, so text on either side does not run
// together ("DPRK<input>RGB" is two words to the reader).
const SKIPPED_WITH_BOX = new Set([
  'audio',
  'canvas',
  'embed',
  'iframe',
  'input',
  'object',
  'select',
  'textarea',
  'video',
]);

const SVG_NS = 'http://www.w3.org/2000/svg';
// Inside <svg>, only character data under <text> is drawn; these hold none that is shown.
const SVG_SKIPPED = new Set([
  'clipPath',
  'defs',
  'desc',
  'filter',
  'foreignObject',
  'linearGradient',
  'marker',
  'mask',
  'metadata',
  'pattern',
  'radialGradient',
  'script',
  'style',
  'symbol',
  'title',
]);

const NON_SPACE = /\S/;

function isEditable(el: Element): boolean {
  const value = el.getAttribute('contenteditable');
  return value !== null && value.toLowerCase() !== 'false';
}

function isInline(el: Element): boolean {
  return INLINE.has(el.localName);
}

/** True for the local names of inline-level elements, whose text continues the enclosing block. */
export function isInlineName(localName: string): boolean {
  return INLINE.has(localName);
}

/**
 * The parent in the composed tree: a shadow root's host stands for the root, so from a node at the
 * top of a shadow tree (or from the root itself) the walk steps straight to the host. Null at the
 * top of a document or of a detached tree.
 */
export function composedParent(node: Node): Node | null {
  if (node.nodeType === DOCUMENT_FRAGMENT_NODE) return (node as ShadowRoot).host ?? null;
  const parent = node.parentNode;
  if (parent !== null && parent.nodeType === DOCUMENT_FRAGMENT_NODE) return (parent as ShadowRoot).host ?? null;
  return parent;
}

const NOT_SKIPPED = 0;
const SKIPPED_QUIETLY = 1;
/** Skipped, and its box separates the text around it. */
const SKIPPED_BREAKING = 2;

/**
 * The element whose block `node`'s text belongs to: the nearest ancestor-or-self element that is
 * not inline-level, crossing shadow-root boundaries. Re-reading `textBlocks(blockElementFor(n))`
 * refreshes exactly the blocks a change at `n` can affect. Null when no such element exists
 * (e.g. a text node in a detached fragment).
 */
export function blockElementFor(node: Node): Element | null {
  let current: Node | null = node;
  while (current !== null) {
    if (current.nodeType === ELEMENT_NODE && !isInline(current as Element)) return current as Element;
    current = composedParent(current);
  }
  return null;
}

/** The blocks of `blocks` whose element is `el` or lies inside it; empty when none does. */
export function blocksWithin(blocks: readonly TextBlock[], el: Node): TextBlock[] {
  return blocks.filter((b) => b.element === el || el.contains(b.element));
}

class BlockReader {
  readonly blocks: TextBlock[] = [];
  readonly #isVisible: (el: Element) => boolean;
  /** Layout check of a block before its first text is taken; null for custom or layout-less visibility. */
  readonly #blockIsRendered: ((el: Element) => boolean) | null;
  readonly #blockRendered = new Map<Element, boolean>();
  readonly #exclude: ((el: Element) => boolean) | undefined;
  readonly #shadowRoots: boolean;
  readonly #shadowRootOf: (el: Element) => ShadowRoot | null;
  readonly #ancestors: Map<Element, boolean> | undefined;
  /** Open block elements, innermost last; text joins the innermost. */
  readonly #open: Element[] = [];
  #svgDepth = 0;
  #svgTextDepth = 0;
  /** Whether the element `enter` last opened may carry a shadow root (saves asking the others). */
  #enteredMayHost = false;
  #runText = '';
  #runNodes: Text[] = [];
  #runStarts: number[] = [];

  constructor(root: Node, options: TextBlockOptions) {
    this.#isVisible = options.isVisible ?? isShownByAttributes;
    // checkVisibility() costs ~10 attribute reads, so it is asked only of blocks that hold text
    // (it also answers for their ancestors), not of every wrapper element on the way.
    this.#blockIsRendered = options.isVisible
      ? null
      : options.layout !== undefined
        ? options.layout
        : layoutVisibilityFor(root);
    this.#exclude = options.exclude;
    this.#shadowRoots = options.shadowRoots !== false;
    this.#shadowRootOf = options.shadowRootOf ?? ((el) => el.shadowRoot);
    this.#ancestors = options.ancestors;
  }

  /** Seeds the state a walk starting at `root` inherits from its ancestors; false when an ancestor hides or skips it. */
  enterContext(root: Node): boolean {
    // A block-level root opens a block of its own, so the ancestors' blocks are never needed and
    // an ancestor already answered for stops the walk up.
    const cache = root.nodeType === ELEMENT_NODE && !isInline(root as Element) ? this.#ancestors : undefined;
    const chain: Element[] = [];
    for (let n = composedParent(root); n !== null; n = composedParent(n)) {
      if (n.nodeType !== ELEMENT_NODE) continue;
      const known = cache?.get(n as Element);
      if (known === false) return false;
      if (known === true) break;
      chain.push(n as Element);
    }
    chain.reverse();
    for (const el of chain) {
      if (this.#skipKind(el, el.localName) !== NOT_SKIPPED || !this.#isVisible(el)) {
        cache?.set(el, false);
        return false;
      }
      if (el.localName === 'svg' && el.namespaceURI === SVG_NS) this.#svgDepth++;
      else if (this.#svgDepth > 0 && el.localName === 'text') this.#svgTextDepth++;
      if (!isInline(el)) this.#open.push(el);
      // Inside SVG the depth counters matter to what lies below: those are not remembered.
      if (this.#svgDepth === 0) cache?.set(el, true);
    }
    const doc = root.nodeType === DOCUMENT_NODE ? (root as Document) : root.ownerDocument;
    // designMode makes the whole document an editor: its text is the user's, never ours to read.
    return !(doc !== null && doc.designMode === 'on');
  }

  read(root: Node): void {
    if (root.nodeType === TEXT_NODE) this.#addText(root as Text);
    else if (root.nodeType === ELEMENT_NODE) {
      if (this.#enter(root as Element)) {
        this.#readChildren(root);
        this.#leave(root as Element);
      }
    } else this.#readChildren(root);
    this.#endRun();
  }

  #skipKind(el: Element, name: string): number {
    // SVG content only occurs under <svg> (foreignObject, the way back to HTML, is skipped).
    if (this.#svgDepth > 0 ? SVG_SKIPPED.has(name) : SKIPPED.has(name)) {
      return SKIPPED_WITH_BOX.has(name) || name === 'foreignObject' ? SKIPPED_BREAKING : SKIPPED_QUIETLY;
    }
    if (isEditable(el) || this.#exclude?.(el) === true) return SKIPPED_BREAKING;
    return NOT_SKIPPED;
  }

  /** Opens `el`; false when its subtree is not read (nothing to undo in that case). */
  #enter(el: Element): boolean {
    const name = el.localName;
    if (name === 'br') {
      this.#endRun();
      return false;
    }
    const skip = this.#skipKind(el, name);
    if (skip !== NOT_SKIPPED) {
      if (skip === SKIPPED_BREAKING) this.#endRun();
      return false;
    }
    if (!this.#isVisible(el)) return false;
    this.#enteredMayHost = mayHostShadowRoot(name);
    if (name === 'svg' && el.namespaceURI === SVG_NS) this.#svgDepth++;
    else if (this.#svgDepth > 0 && name === 'text') this.#svgTextDepth++;
    if (!INLINE.has(name)) {
      this.#endRun();
      this.#open.push(el);
    }
    return true;
  }

  #leave(el: Element): void {
    if (this.#svgDepth > 0) {
      const name = el.localName;
      if (name === 'svg') this.#svgDepth--;
      else if (name === 'text') this.#svgTextDepth--;
    }
    // Only block elements were pushed, so the top of the stack tells whether `el` was one.
    if (this.#open[this.#open.length - 1] === el) {
      this.#endRun();
      this.#open.pop();
    }
  }

  /**
   * Reads the children of `parent` (and the open shadow root of each element met on the way)
   * with an iterative walk: page trees can be deeper than the call stack allows.
   */
  #readChildren(parent: Node): void {
    this.#readShadow(parent);
    let node: Node | null = parent.firstChild;
    while (node !== null) {
      if (node.nodeType === TEXT_NODE) this.#addText(node as Text);
      else if (node.nodeType === ELEMENT_NODE && this.#enter(node as Element)) {
        if (this.#enteredMayHost) this.#readShadow(node);
        if (node.firstChild !== null) {
          node = node.firstChild;
          continue;
        }
        this.#leave(node as Element);
      }
      while (node.nextSibling === null) {
        node = node.parentNode;
        if (node === null || node === parent) return;
        this.#leave(node as Element);
      }
      node = node.nextSibling;
    }
  }

  /** A shadow tree renders in place of its host's children; its text never shares a block with light-DOM text (a Range cannot span the two trees). */
  #readShadow(host: Node): void {
    if (!this.#shadowRoots || host.nodeType !== ELEMENT_NODE) return;
    const shadow = this.#shadowRootOf(host as Element);
    if (shadow === null || shadow === undefined) return;
    this.#endRun();
    this.#readChildren(shadow);
    this.#endRun();
  }

  #addText(node: Text): void {
    if (this.#svgDepth > 0 && this.#svgTextDepth === 0) return;
    const block = this.#open[this.#open.length - 1];
    if (block === undefined) return;
    // Loose text directly inside a closed <details> is not rendered (element children are
    // caught by the visibility check).
    if (block.localName === 'details' && !block.hasAttribute('open') && node.parentNode === block) return;
    const data = node.data;
    if (this.#runNodes.length === 0) {
      // Leading whitespace-only nodes (source indentation between tags) never start a block.
      if (!NON_SPACE.test(data)) return;
      if (this.#blockIsRendered !== null) {
        let shown = this.#blockRendered.get(block);
        if (shown === undefined) {
          shown = this.#blockIsRendered(block);
          this.#blockRendered.set(block, shown);
        }
        if (!shown) return;
      }
    }
    this.#runStarts.push(this.#runText.length);
    this.#runNodes.push(node);
    this.#runText += data;
  }

  #endRun(): void {
    if (this.#runNodes.length === 0) return;
    const element = this.#open[this.#open.length - 1] as Element;
    this.blocks.push({ element, text: this.#runText, nodes: this.#runNodes, starts: this.#runStarts });
    this.#runText = '';
    this.#runNodes = [];
    this.#runStarts = [];
  }
}

/**
 * Returns the text blocks under `root` in document order (an open shadow root's blocks come
 * where its host is). A block is the visible text of one block-level element's inline content,
 * concatenated with no separator so `North <b>Korea</b>` reads "North Korea"; a nested block
 * element or a `<br>` ends the run, so one element can yield several blocks, each in one tree.
 * Skipped: script, style, noscript, template, form fields (input, textarea, select, option),
 * embedded documents and media, `[contenteditable]` subtrees, SVG except `<text>`, elements
 * `isVisible` rejects, elements `exclude` accepts, and everything when `root` sits inside such
 * an element or a `designMode` document. Leading whitespace-only text nodes are not part of a
 * block. Returns an empty array when nothing visible is found; never modifies the DOM.
 */
export function textBlocks(root: Node, options: TextBlockOptions = {}): TextBlock[] {
  const reader = new BlockReader(root, options);
  if (!reader.enterContext(root)) return [];
  reader.read(root);
  return reader.blocks;
}

/** Length of node `i` of the block as it was read (the node may have changed since). */
function nodeLength(block: TextBlock, i: number): number {
  const next = i + 1 < block.starts.length ? (block.starts[i + 1] as number) : block.text.length;
  return next - (block.starts[i] as number);
}

/** Index of the last node whose start is `<= offset` (`< offset` when `strict`), or -1. */
function lastNodeStartingBefore(starts: readonly number[], offset: number, strict: boolean): number {
  let lo = 0;
  let hi = starts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = starts[mid] as number;
    if (strict ? s < offset : s <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * Maps `[start, end)` offsets of `block.text` to a DOM Range, across text-node boundaries
 * (e.g. "North <b>Korea</b>"): the range starts in the node holding the first character and
 * ends in the node holding the last. Returns null when the offsets are out of range
 * (`0 <= start <= end <= text.length` is required) or the nodes changed so that the range can no
 * longer be set.
 */
export function rangeForOffsets(block: TextBlock, start: number, end: number): Range | null {
  const { starts, nodes, text } = block;
  if (!(Number.isInteger(start) && Number.isInteger(end)) || start < 0 || end < start || end > text.length) return null;
  if (nodes.length === 0) return null;
  const first = Math.max(0, lastNodeStartingBefore(starts, start, false));
  const last = end === 0 ? 0 : Math.max(0, lastNodeStartingBefore(starts, end, true));
  const startNode = nodes[first] as Text;
  const endNode = nodes[last] as Text;
  const startOffset = start - (starts[first] as number);
  const endOffset = end - (starts[last] as number);
  if (startOffset > nodeLength(block, first) || endOffset > nodeLength(block, last)) return null;
  try {
    const range = startNode.ownerDocument.createRange();
    range.setStart(startNode, startOffset);
    range.setEnd(endNode, endOffset);
    return range;
  } catch (error) {
    // The node shrank or moved since the block was read (IndexSizeError, WrongDocumentError).
    log.debug('range failed', error);
    return null;
  }
}

/**
 * Offset in `block.text` of the DOM position (`node`, `offset`), as returned by
 * caretPositionFromPoint() or a Range boundary. For a text node of the block, `offset` is
 * clamped to the node's length as read. For an element position (before its `offset`-th child),
 * the result is the offset of the first block character after that point. Returns -1 when the
 * node is not in the block (neither one of its text nodes nor an element containing one).
 */
export function offsetForPosition(block: TextBlock, node: Node, offset: number): number {
  const { nodes, starts } = block;
  if (node.nodeType === TEXT_NODE) {
    const i = nodes.indexOf(node as Text);
    if (i < 0) return -1;
    const within = Math.min(Math.max(0, Math.trunc(offset) || 0), nodeLength(block, i));
    return (starts[i] as number) + within;
  }
  if (!nodes.some((n) => node.contains(n))) return -1;
  const child = node.childNodes[Math.max(0, Math.trunc(offset) || 0)];
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i] as Text;
    if (!node.contains(n)) continue;
    if (child === undefined) continue;
    // DOCUMENT_POSITION_FOLLOWING (4) or CONTAINED_BY (16): the text node is at or after the point.
    if (child === n || (child.compareDocumentPosition(n) & (4 | 16)) !== 0) return starts[i] as number;
  }
  // Past the last child, or after every block node inside `node`: the end of the last one inside.
  for (let i = nodes.length - 1; i >= 0; i--) {
    const n = nodes[i] as Text;
    if (node.contains(n)) return (starts[i] as number) + nodeLength(block, i);
  }
  return -1;
}
