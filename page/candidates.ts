// Finds the few places of a page worth reading in full. Most pages never name the DPRK, and on
// those that do, most blocks do not: asking the engine's prefilter of every text node, through a
// native TreeWalker, costs little more than walking the text at all, and leaves the careful read
// (visibility, block structure, offsets) and the matcher to the blocks that may hold a mention.
import { mayMention } from '../engine/prefilter.ts';
import { blockElementFor } from './text-blocks.ts';

export interface CandidateOptions {
  /** Hosts whose shadow trees are not searched (the extension's own UI). */
  exclude?: (el: Element) => boolean;
  /** The shadow root to search under `el`, if any; default: `el.shadowRoot` (open roots only). */
  shadowRootOf?: (el: Element) => ShadowRoot | null;
  /**
   * Ask the prefilter of each root element's whole text first (one native `textContent` read)
   * and walk its text nodes only when that passes: cheaper for many small roots, such as the
   * paragraphs a feed appends, most of which name nothing.
   */
  rootTextFirst?: boolean;
}

/** Text nodes walked between two looks at the clock. */
const NODES_PER_STEP = 256;

/**
 * A resumable search, under `roots` (searched in the order given) and every shadow tree below them, for the block elements (see
 * `blockElementFor`) of the text nodes whose text may hold a mention. A name split inside a word
 * across two text nodes ("Ko<b>rea</b>") is the one case it cannot see; a name split between
 * words ("North <b>Korea</b>") is found through either part. Read-only.
 */
export class CandidateSearch {
  /** Block elements found so far: in document order within each tree, shadow trees after their host's tree. */
  readonly elements = new Set<Element>();
  /** Every shadow tree searched, including those without candidates (to be watched for changes). */
  readonly shadowRoots: ShadowRoot[] = [];
  private readonly pending: Node[];
  private walker: TreeWalker | null = null;
  private readonly exclude: (el: Element) => boolean;
  private readonly shadowRootOf: (el: Element) => ShadowRoot | null;
  private readonly rootTextFirst: boolean;

  constructor(roots: Node | readonly Node[], options: CandidateOptions = {}) {
    this.pending = Array.isArray(roots) ? [...(roots as readonly Node[])] : [roots as Node];
    this.exclude = options.exclude ?? (() => false);
    this.shadowRootOf = options.shadowRootOf ?? ((el) => el.shadowRoot);
    this.rootTextFirst = options.rootTextFirst === true;
  }

  /**
   * Searches until done or until `stop()` returns true (asked every few hundred text nodes).
   * Returns true when the search is complete.
   */
  step(stop: () => boolean = () => false): boolean {
    for (;;) {
      if (this.walker === null) {
        const next = this.pending.shift();
        if (next === undefined) return true;
        this.walker = this.open(next);
        if (this.walker === null) continue;
      }
      const walker = this.walker;
      let count = 0;
      for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
        if (mayMention((node as Text).data)) {
          const block = blockElementFor(node);
          if (block !== null) this.elements.add(block);
        }
        if (++count === NODES_PER_STEP) {
          count = 0;
          if (stop()) return false;
        }
      }
      this.walker = null;
      if (stop()) return this.pending.length === 0;
    }
  }

  /** A walker over the text of `root`, after queueing the shadow trees inside it; null for a node without text. */
  private open(root: Node): TreeWalker | null {
    const doc = root.nodeType === 9 ? (root as Document) : root.ownerDocument;
    if (doc === null) return null;
    if (root.nodeType === 1 || root.nodeType === 9 || root.nodeType === 11) this.queueShadowTrees(root as ParentNode);
    // A lone text node is its own walk: the walker starts at the root, which nextNode() skips.
    if (root.nodeType === 3) {
      if (mayMention((root as Text).data)) {
        const block = blockElementFor(root);
        if (block !== null) this.elements.add(block);
      }
      return null;
    }
    if (this.rootTextFirst && root.nodeType === 1 && !mayMention(root.textContent ?? '')) return null;
    return doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  }

  private queueShadowTrees(root: ParentNode): void {
    const visit = (el: Element) => {
      const shadow = this.shadowRootOf(el);
      if (shadow && !this.exclude(el)) {
        this.shadowRoots.push(shadow);
        this.pending.push(shadow);
      }
    };
    if ((root as Node).nodeType === 1) visit(root as Element);
    // getElementsByTagName is a lazy native list, cheaper than querySelectorAll on big documents;
    // shadow roots have only the latter.
    const all =
      'getElementsByTagName' in root
        ? (root as Element | Document).getElementsByTagName('*')
        : (root as ShadowRoot).querySelectorAll('*');
    for (let i = 0; i < all.length; i++) visit(all[i] as Element);
  }
}

/**
 * The elements of `elements` that no other member contains (across shadow boundaries), in the
 * given order: reading each of those reads every member once. Empty for an empty list.
 */
export function outermost(elements: Iterable<Element>): Element[] {
  const set = elements instanceof Set ? (elements as Set<Element>) : new Set(elements);
  const out: Element[] = [];
  for (const el of set) {
    let inside = false;
    for (let n = composedParent(el); n !== null; n = composedParent(n)) {
      if (set.has(n as Element)) {
        inside = true;
        break;
      }
    }
    if (!inside) out.push(el);
  }
  return out;
}

function composedParent(node: Node): Node | null {
  const parent = node.parentNode;
  if (parent !== null && parent.nodeType === 11) return (parent as ShadowRoot).host ?? null;
  return parent;
}
