// Which shadow trees the extension reads. Open ones are on `element.shadowRoot`; closed ones only
// through an accessor browsers give extensions (Chromium's `chrome.dom.openOrClosedShadowRoot`,
// Firefox's `element.openOrClosedShadowRoot()`), which the content script passes in.
import { logger } from '../lib/log.ts';
import { DOCUMENT_FRAGMENT_NODE, DOCUMENT_NODE } from './node-types.ts';

const log = logger('shadow-roots');

// Elements that may carry a shadow root besides custom elements (the DOM standard's list).
export const STANDARD_HOSTS = [
  'article',
  'aside',
  'blockquote',
  'body',
  'div',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'main',
  'nav',
  'p',
  'section',
  'span',
];
const HOST_NAMES = new Set(STANDARD_HOSTS);

/** True when an element named `localName` may carry a shadow root (a custom element or one of the standard hosts). */
export function mayHostShadowRoot(localName: string): boolean {
  return HOST_NAMES.has(localName) || localName.includes('-');
}

/**
 * Returns the function that gives an element's shadow root: its open one, or, with
 * `closedRootOf`, a closed one on elements without light-DOM children that may host one (custom
 * elements and the standard hosts): a component that keeps its content closed usually has no
 * children of its own to slot. Asking the accessor of every element would cost an extension API
 * call per element of the page, and so would asking the name of every element; a closed root
 * under a host that also has light-DOM children is not found. The returned function gives null for an element without a reachable root and never
 * throws (an accessor that throws counts as no root).
 */
export function shadowRootReader(
  closedRootOf?: (el: Element) => ShadowRoot | null | undefined,
): (el: Element) => ShadowRoot | null {
  if (closedRootOf === undefined) return (el) => el.shadowRoot;
  return (el) => {
    const open = el.shadowRoot;
    if (open !== null) return open;
    // Most elements have children: asking that first spares a name lookup per element.
    if (el.firstChild !== null || !mayHostShadowRoot(el.localName)) return null;
    try {
      return closedRootOf(el) ?? null;
    } catch (error) {
      // An element the browser will not answer for has no root we may read.
      log.debug('closed root lookup failed', el.localName, error);
      return null;
    }
  };
}

/** Up to this many elements under a root, all are returned as possible hosts. */
const FEW_ELEMENTS = 64;
/**
 * Over this many, too: the native queries would run as one task long enough to be felt (about
 * 50 ms at 200,000 elements on a slow machine), while the live list is walked a chunk at a time.
 */
export const MANY_ELEMENTS = 100_000;
/** Custom elements (a dash in the name), which carry most shadow roots. */
const CUSTOM_ELEMENTS = ".//*[contains(local-name(), '-')]";
/**
 * Standard elements that may carry a shadow root and have no children of their own to slot.
 * `:empty` first: Chromium then rejects most elements on it alone, and the selector takes a
 * sixth of the time of a list of `div:empty, span:empty…` (2–3 against 14–18 ms on a page of
 * 75,000 elements).
 */
const EMPTY_HOSTS = `:empty:is(${STANDARD_HOSTS.join(',')})`;

/**
 * The elements under `root` worth asking for a shadow root: custom elements (found by XPath) and
 * childless standard hosts (found by a selector), natively, so that the script does not touch
 * every element of a page (each element a content script touches costs a wrapper object in its
 * world, as much as reading a text node). A standard element with children of its own and a
 * shadow root is the one host this leaves out. Every element (a live list, to be walked in chunks)
 * under a root of few or very many (`MANY_ELEMENTS`) elements, a shadow root, or where XPath is
 * missing. Custom elements first, each group in document order.
 */
export function possibleHosts(root: Element | Document | DocumentFragment): ArrayLike<Element> {
  const all =
    root.nodeType === DOCUMENT_FRAGMENT_NODE
      ? (root as DocumentFragment).querySelectorAll('*')
      : (root as Element | Document).getElementsByTagName('*');
  const doc = root.nodeType === DOCUMENT_NODE ? (root as Document) : root.ownerDocument;
  const count = all.length;
  if (
    count <= FEW_ELEMENTS ||
    count > MANY_ELEMENTS ||
    root.nodeType === DOCUMENT_FRAGMENT_NODE ||
    typeof doc?.evaluate !== 'function'
  ) {
    return all;
  }
  const hosts: Element[] = [];
  const custom = doc.evaluate(CUSTOM_ELEMENTS, root, null, XPathResult.ORDERED_NODE_SNAPSHOT_TYPE, null);
  for (let i = 0, n = custom.snapshotLength; i < n; i++) hosts.push(custom.snapshotItem(i) as Element);
  const empty = root.querySelectorAll(EMPTY_HOSTS);
  for (let i = 0, n = empty.length; i < n; i++) hosts.push(empty[i] as Element);
  return hosts;
}
