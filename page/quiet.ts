// Whether a frame has anything to read. Most frames of the web never name the DPRK: empty embeds,
// ads, trackers, and most articles. The content script asks this first and loads the annotator
// only once the answer is yes, so such a frame costs one native text read, one prefilter pass and
// one MutationObserver. Only whether some text may hold a name is looked at, never the text itself.

import { mayMention } from '../engine/prefilter.ts';
import { logger } from '../lib/log.ts';
import { ELEMENT_NODE, TEXT_NODE } from './node-types.ts';
import { STANDARD_HOSTS } from './shadow-roots.ts';

const log = logger('quiet');

/** Accessor for closed shadow roots (see `shadowRootReader`). */
type ClosedRootOf = (el: Element) => ShadowRoot | null | undefined;

/** Up to this many elements under a root, each is asked for a shadow root. */
const FEW_ELEMENTS = 64;
/** Custom elements (a dash in the name), which carry most shadow roots: found natively, by XPath. */
const CUSTOM_ELEMENTS = ".//*[contains(local-name(), '-')]";
/** Standard elements that may carry a shadow root and have no children of their own to slot. */
const EMPTY_HOSTS = STANDARD_HOSTS.map((name) => `${name}:empty`).join(',');

/**
 * True when `root` or a node under it has text the prefilter admits (one native `textContent`
 * read holds all of it, hidden or not), or carries a shadow root (whose text `textContent` does
 * not hold): an open one, or a closed one `closedRootOf` gives. False for an element with neither.
 *
 * Shadow roots are looked for on `root`, on custom elements (found by XPath) and on childless
 * standard hosts (found by a selector), natively, without the script touching every element of
 * the page (each element a content script touches costs a wrapper object in its world, the
 * bulk of walking a page). A standard element with children of its own and a shadow root holding
 * the only mention of a page is the one case this look misses. Closed roots are asked of custom
 * elements alone: asking costs an extension API call, and their first one in a frame sets up the
 * extension's bindings there, a good part of a millisecond every ad frame would pay. Under a
 * root of few elements, or where XPath is missing, every element is asked.
 */
export function hasReadable(root: Element, closedRootOf?: ClosedRootOf): boolean {
  if (mayMention(root.textContent as string)) return true;
  const hasRoot = (el: Element) =>
    el.shadowRoot !== null ||
    (closedRootOf !== undefined &&
      el.firstChild === null &&
      el.localName.includes('-') &&
      closedRoot(el, closedRootOf));
  if (hasRoot(root)) return true;
  const doc = root.ownerDocument;
  // A frame of a few elements (an ad, an embed) is asked element by element: cheaper than
  // setting up the native queries.
  const all = root.getElementsByTagName('*');
  if (all.length <= FEW_ELEMENTS || typeof doc.evaluate !== 'function') {
    for (let i = 0, n = all.length; i < n; i++) if (hasRoot(all[i] as Element)) return true;
    return false;
  }
  const custom = doc.evaluate(CUSTOM_ELEMENTS, root, null, XPathResult.UNORDERED_NODE_SNAPSHOT_TYPE, null);
  for (let i = 0, n = custom.snapshotLength; i < n; i++) if (hasRoot(custom.snapshotItem(i) as Element)) return true;
  const empty = root.querySelectorAll(EMPTY_HOSTS);
  for (let i = 0, n = empty.length; i < n; i++) if ((empty[i] as Element).shadowRoot !== null) return true;
  return false;
}

/** Whether `closedRootOf` gives `el` a shadow root; an accessor that throws gives none. */
function closedRoot(el: Element, closedRootOf: ClosedRootOf): boolean {
  try {
    return (closedRootOf(el) ?? null) !== null;
  } catch (error) {
    log.debug('closed root lookup failed', el.localName, error);
    return false;
  }
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
