// Whether a frame has anything to read. Most frames of the web never name the DPRK: empty embeds,
// ads, trackers, and most articles. The content script asks this first and loads the annotator
// only once the answer is yes, so such a frame costs one native text read, one prefilter pass and
// one MutationObserver. Only whether some text may hold a name is looked at, never the text itself.

import { mayMention } from '../engine/prefilter.ts';
import { ELEMENT_NODE, TEXT_NODE } from './node-types.ts';
import { STANDARD_HOSTS, shadowRootReader } from './shadow-roots.ts';

/** Accessor for closed shadow roots (see `shadowRootReader`). */
type ClosedRootOf = (el: Element) => ShadowRoot | null | undefined;

/** Custom elements (a dash in the name), which carry most shadow roots: found natively, by XPath. */
const CUSTOM_ELEMENTS = ".//*[contains(local-name(), '-')]";
/** Standard elements that may carry a shadow root and have no children of their own to slot. */
const EMPTY_HOSTS = STANDARD_HOSTS.map((name) => `${name}:empty`).join(',');

/**
 * True when `root` or a node under it has text the prefilter admits (one native `textContent`
 * read holds all of it, hidden or not), or carries a shadow root `shadowRootReader(closedRootOf)`
 * reaches (whose text `textContent` does not hold). False for an element with neither.
 *
 * Shadow roots are looked for on `root`, on custom elements and on childless standard hosts,
 * which native queries find without the script touching every element of the page (each element
 * a content script touches costs a wrapper object in its world, the bulk of walking a page): a
 * standard element with children of its own and a shadow root holding the only mention of a
 * page is the one case this look misses. Where XPath is missing, every element is asked.
 */
export function hasReadable(root: Element, closedRootOf?: ClosedRootOf): boolean {
  if (mayMention(root.textContent as string)) return true;
  const shadowRootOf = shadowRootReader(closedRootOf);
  if (shadowRootOf(root) !== null) return true;
  const doc = root.ownerDocument;
  if (typeof doc.evaluate !== 'function') {
    const all = root.getElementsByTagName('*');
    for (let i = 0, n = all.length; i < n; i++) if (shadowRootOf(all[i] as Element) !== null) return true;
    return false;
  }
  const custom = doc.evaluate(CUSTOM_ELEMENTS, root, null, XPathResult.UNORDERED_NODE_SNAPSHOT_TYPE, null);
  for (let i = 0, n = custom.snapshotLength; i < n; i++) {
    if (shadowRootOf(custom.snapshotItem(i) as Element) !== null) return true;
  }
  const empty = root.querySelectorAll(EMPTY_HOSTS);
  for (let i = 0, n = empty.length; i < n; i++) if (shadowRootOf(empty[i] as Element) !== null) return true;
  return false;
}

/**
 * True when `doc` has nothing to read yet (see `hasReadable`): such a frame can wait for a change.
 * False for a document without a body (a frameset, an XML document), which is read as it is.
 */
export function isQuiet(doc: Document, closedRootOf?: ClosedRootOf): boolean {
  const body = doc.body;
  return body !== null && !hasReadable(body, closedRootOf);
}

/**
 * True when the changes in `records` give a quiet frame something to read: added text the
 * prefilter admits, added elements with such text or a shadow root, or text edited into it. Reads
 * only what changed, so a live but quiet page (a clock, a ticker) pays for its changes alone.
 */
export function wakesUp(records: readonly MutationRecord[], closedRootOf?: ClosedRootOf): boolean {
  for (const record of records) {
    if (record.type === 'characterData') {
      if (mayMention((record.target as CharacterData).data)) return true;
      continue;
    }
    const added = record.addedNodes;
    for (let i = 0; i < added.length; i++) {
      const node = added[i] as Node;
      if (
        node.nodeType === TEXT_NODE
          ? mayMention((node as Text).data)
          : node.nodeType === ELEMENT_NODE && hasReadable(node as Element, closedRootOf)
      ) {
        return true;
      }
    }
  }
  return false;
}
