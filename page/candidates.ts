// Finds the few places of a page worth reading in full. Most pages never name the DPRK, and on
// those that do, most blocks do not: asking the engine's prefilter of every text node, through a
// native TreeWalker, costs little more than walking the text at all, and leaves the careful read
// (visibility, block structure, offsets) and the matcher to the blocks that may hold a mention.

import { mayMention } from '../engine/prefilter.ts';
import { DOCUMENT_FRAGMENT_NODE, DOCUMENT_NODE, ELEMENT_NODE, SHOW_TEXT, TEXT_NODE } from './node-types.ts';
import { possibleHosts, shadowRootReader } from './shadow-roots.ts';
import { blockElementFor, composedParent } from './text-blocks.ts';

export interface CandidateOptions {
  /** Hosts whose shadow trees are not searched (the extension's own UI). */
  exclude?: (el: Element) => boolean;
  /**
   * The browser's accessor for closed shadow roots (see `shadowRootReader`), asked only of empty
   * elements that may host one. Without it only open roots are searched.
   */
  closedShadowRootOf?: (el: Element) => ShadowRoot | null | undefined;
  /**
   * Ask the prefilter of each root element's whole text first (one native `textContent` read)
   * and walk its text nodes only when that passes: cheaper for many small roots, such as the
   * paragraphs a feed appends, most of which name nothing. Shadow trees are searched either way.
   */
  rootTextFirst?: boolean;
}

/** Text nodes walked between two looks at the clock. */
const NODES_PER_STEP = 256;

/**
 * A resumable search, under `roots` (in the order given) and every shadow tree below them, for
 * the block elements (see `blockElementFor`) of the text nodes whose text may hold a mention. A
 * name split inside a word across two text nodes ("Ko<b>rea</b>") is the one case it cannot see;
 * a name split between words ("North <b>Korea</b>") is found through either part. Read-only.
 */
export class CandidateSearch {
  /** Block elements found so far: in document order within each tree, shadow trees after their host's tree. */
  readonly elements = new Set<Element>();
  /** Every shadow tree searched, including those without candidates (to be watched for changes). */
  readonly shadowRoots: ShadowRoot[] = [];
  /** Roots and shadow trees to search, in order; `nextPending` is the next one. */
  readonly #pending: Node[];
  #nextPending = 0;
  #walker: TreeWalker | null = null;
  #hosts: ArrayLike<Element> | null = null;
  #hostIndex = 0;
  readonly #exclude: (el: Element) => boolean;
  /** Open and closed roots of a search root itself. */
  readonly #rootShadow: (el: Element) => ShadowRoot | null;
  readonly #rootTextFirst: boolean;

  constructor(roots: Node | readonly Node[], options: CandidateOptions = {}) {
    this.#pending = Array.isArray(roots) ? [...(roots as readonly Node[])] : [roots as Node];
    this.#exclude = options.exclude ?? (() => false);
    this.#rootShadow = shadowRootReader(options.closedShadowRootOf);
    this.#rootTextFirst = options.rootTextFirst === true;
  }

  /**
   * Searches until done or until `stop()` returns true (asked every few hundred nodes).
   * Returns true when the search is complete.
   */
  step(stop: () => boolean = () => false): boolean {
    // Counted inline, not through a closure: these loops run once per node of the page.
    let count = 0;
    for (;;) {
      // The possible shadow hosts of the current root (see `possibleHosts`), a few hundred at a
      // time; the reader asks the accessor for a closed root only of childless possible hosts,
      // and takes a throwing accessor for none.
      const hosts = this.#hosts;
      if (hosts !== null) {
        for (const length = hosts.length; this.#hostIndex < length; ) {
          const el = hosts[this.#hostIndex++] as Element;
          const shadow = this.#rootShadow(el);
          if (shadow !== null) this.#queueShadow(el, shadow);
          if (++count === NODES_PER_STEP) {
            count = 0;
            if (stop()) return false;
          }
        }
        this.#hosts = null;
      }
      const walker = this.#walker;
      if (walker !== null) {
        for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
          if (mayMention((node as Text).data)) this.#add(node);
          if (++count === NODES_PER_STEP) {
            count = 0;
            if (stop()) return false;
          }
        }
        this.#walker = null;
      }
      const next = this.#pending[this.#nextPending++];
      if (next === undefined) return true;
      this.#open(next);
    }
  }

  /** Queues the shadow tree of host `el`, unless the host is excluded. */
  #queueShadow(el: Element, shadow: ShadowRoot): void {
    if (this.#exclude(el)) return;
    this.shadowRoots.push(shadow);
    this.#pending.push(shadow);
  }

  #add(node: Node): void {
    const block = blockElementFor(node);
    if (block !== null) this.elements.add(block);
  }

  /** Sets up the walk of `root`: its shadow hosts to ask, and a walker over its text. */
  #open(root: Node): void {
    const type = root.nodeType;
    if (type === TEXT_NODE) {
      if (mayMention((root as Text).data)) this.#add(root);
      return;
    }
    if (type !== ELEMENT_NODE && type !== DOCUMENT_NODE && type !== DOCUMENT_FRAGMENT_NODE) return;
    const doc = type === DOCUMENT_NODE ? (root as Document) : root.ownerDocument;
    if (doc === null) return;
    this.#hosts = possibleHosts(root as Element | Document | DocumentFragment);
    this.#hostIndex = 0;
    if (type === ELEMENT_NODE) {
      const shadow = this.#rootShadow(root as Element);
      if (shadow !== null) this.#queueShadow(root as Element, shadow);
    }
    if (this.#rootTextFirst && type === ELEMENT_NODE && !mayMention(root.textContent ?? '')) return;
    this.#walker = doc.createTreeWalker(root, SHOW_TEXT);
  }
}

/**
 * The elements of `elements` that no other member contains (across shadow boundaries), in the
 * given order: reading each of those reads every member once. Empty for an empty list.
 */
export function outermost(elements: Iterable<Element>): Element[] {
  const set = elements instanceof Set ? (elements as Set<Element>) : new Set(elements);
  const out: Element[] = [];
  // Ancestors already found outside every member: sibling candidates share them, so each is
  // walked through once.
  const outside = new Set<Node>();
  for (const el of set) {
    const path: Node[] = [];
    let inside = false;
    for (let n = composedParent(el); n !== null && !outside.has(n); n = composedParent(n)) {
      if (set.has(n as Element)) {
        inside = true;
        break;
      }
      path.push(n);
    }
    if (inside) continue;
    for (const n of path) outside.add(n);
    out.push(el);
  }
  return out;
}
