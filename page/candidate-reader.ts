/*
 * Reads the text blocks of a page that may hold a mention: a candidate search (the engine's
 * prefilter over every text node) narrows the page down, then the few candidate elements are read
 * in full (visibility, block structure, offsets). The whole page in short chunks, or the small
 * subtrees a page change brings at once.
 */
import { CandidateSearch, outermost } from './candidates.ts';
import { DOCUMENT_FRAGMENT_NODE, DOCUMENT_POSITION_FOLLOWING, DOCUMENT_POSITION_PRECEDING } from './node-types.ts';
import { shadowRootReader } from './shadow-roots.ts';
import { type TextBlock, type TextBlockOptions, textBlocks } from './text-blocks.ts';
import { layoutVisibilityFor } from './visibility.ts';

/** The host chain of `node`, outermost first, so nodes in different shadow trees compare in page order. */
function composedChain(node: Node): Node[] {
  const chain: Node[] = [node];
  let root = node.getRootNode();
  while (root.nodeType === DOCUMENT_FRAGMENT_NODE && (root as ShadowRoot).host) {
    const host = (root as ShadowRoot).host;
    chain.push(host);
    root = host.getRootNode();
  }
  return chain.reverse();
}

/**
 * Negative when `a` comes before `b` in the composed tree (shadow content at its host's place),
 * positive when after, 0 for the same node or nodes in unrelated trees.
 */
export function composedCompare(a: Node, b: Node): number {
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
  if (pos & DOCUMENT_POSITION_FOLLOWING) return -1;
  if (pos & DOCUMENT_POSITION_PRECEDING) return 1;
  return 0;
}

export interface CandidateReaderOptions {
  /** Elements to leave alone, such as the extension's own UI host. */
  exclude: (el: Element) => boolean;
  /** The browser's accessor for closed shadow roots (see `shadowRootReader`). */
  closedShadowRootOf?: (el: Element) => ShadowRoot | null | undefined;
  /** Told of every shadow tree searched, to watch it for changes. */
  onShadowRoot: (root: ShadowRoot) => void;
}

/** The clock a chunked read works by. */
export interface ReadClock {
  /** Longest stretch of work between two yields, in milliseconds. */
  chunkMs: number;
  now: () => number;
  /** Lets the page run; the read goes on when it resolves. */
  yieldToPage: () => Promise<void>;
  /** True once the read is no longer wanted (a newer scan started, the annotator stopped). */
  cancelled: () => boolean;
}

/**
 * Reads the candidate blocks of a live page: the whole page in chunks (`readAll`), or the roots of
 * a change at once (`readUnder`). Keeps the layout check and the ancestor cache between reads.
 */
export class CandidateReader {
  readonly #options: CandidateReaderOptions;
  readonly #blockOptions: TextBlockOptions;

  constructor(options: CandidateReaderOptions) {
    this.#options = options;
    const shadowRootOf = shadowRootReader(options.closedShadowRootOf);
    this.#blockOptions = { shadowRoots: true, shadowRootOf, exclude: options.exclude };
  }

  /**
   * Reads every candidate block under `body`, a few milliseconds at a time. Resolves to the
   * blocks in page order (empty on a page without candidates), or to null when cancelled.
   */
  async readAll(body: Element, clock: ReadClock): Promise<TextBlock[] | null> {
    // Every root read from now on is connected (changes skip the others): look layout up once.
    this.#blockOptions.layout = layoutVisibilityFor(body);
    const { exclude, closedShadowRootOf } = this.#options;
    // Not the body's whole text first (`rootTextFirst`): measured, one prefilter pass over a
    // topic-free page's textContent cost what the walk costs, and a 5 MB page paid for the string.
    const search = new CandidateSearch(body, { exclude, closedShadowRootOf });
    let t0 = clock.now();
    while (!search.step(() => clock.now() - t0 > clock.chunkMs)) {
      await clock.yieldToPage();
      if (clock.cancelled()) return null;
      t0 = clock.now();
    }
    const blocks: TextBlock[] = [];
    this.#blockOptions.ancestors = new Map();
    for (const el of this.#elementsOf(search)) {
      for (const block of textBlocks(el, this.#blockOptions)) blocks.push(block);
      if (clock.now() - t0 > clock.chunkMs) {
        await clock.yieldToPage();
        if (clock.cancelled()) return null;
        t0 = clock.now();
        // The page may have changed meanwhile.
        this.#blockOptions.ancestors = new Map();
      }
    }
    return blocks;
  }

  /**
   * Reads the candidate blocks under `roots` in full, in page order. Synchronous: for the small
   * subtrees a page change brings. Empty when `roots` is.
   */
  readUnder(roots: readonly Node[]): TextBlock[] {
    if (roots.length === 0) return [];
    const { exclude, closedShadowRootOf } = this.#options;
    const search = new CandidateSearch(roots, { exclude, closedShadowRootOf, rootTextFirst: true });
    search.step();
    this.#blockOptions.ancestors = new Map();
    return this.#elementsOf(search).flatMap((el) => textBlocks(el, this.#blockOptions));
  }

  /** The elements to read in full after a finished search, in page order (shadow content at its host's place). */
  #elementsOf(search: CandidateSearch): Element[] {
    for (const shadow of search.shadowRoots) this.#options.onShadowRoot(shadow);
    const elements = outermost(search.elements);
    if (search.shadowRoots.length > 0) elements.sort(composedCompare);
    return elements;
  }
}
