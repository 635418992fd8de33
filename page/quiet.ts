// Whether a frame has anything to read. Most frames of the web never name the DPRK: empty embeds,
// ads, trackers, and most articles. The content script asks this first and loads the annotator
// only once the answer is yes, so such a frame costs one native text read, one prefilter pass and
// one MutationObserver. Only whether some text may hold a name that counts on its own is looked
// at (`mayWake`), never the text itself.

import { mayWake } from '../engine/prefilter.ts';
import { logger } from '../lib/log.ts';
import { ELEMENT_NODE, SHOW_TEXT, TEXT_NODE } from './node-types.ts';
import { MANY_ELEMENTS, possibleHosts } from './shadow-roots.ts';

const log = logger('quiet');

/** Accessor for closed shadow roots (see `shadowRootReader`). */
type ClosedRootOf = (el: Element) => ShadowRoot | null | undefined;

/**
 * True when `root` or a node under it has text that may wake a frame (`mayWake`; one native
 * `textContent` read holds all of it, hidden or not), or carries a shadow root (whose text `textContent` does
 * not hold): an open one, or a closed one `closedRootOf` gives. False for an element with neither.
 *
 * Shadow roots are looked for on `root` and its `possibleHosts`. Closed roots are asked of custom
 * elements alone: asking costs an extension API call, and the first one in a frame sets up the
 * extension's bindings there, a good part of a millisecond every ad frame would pay.
 */
export function hasReadable(root: Element, closedRootOf?: ClosedRootOf): boolean {
  return mayWake(root.textContent as string) || hasShadowRoot(root, closedRootOf);
}

/** True when `root` or one of its `possibleHosts` carries a shadow root (closed ones: custom elements only). */
function hasShadowRoot(root: Element, closedRootOf?: ClosedRootOf): boolean {
  const hasRoot = (el: Element) =>
    el.shadowRoot !== null ||
    (closedRootOf !== undefined &&
      el.firstChild === null &&
      el.localName.includes('-') &&
      closedRoot(el, closedRootOf));
  if (hasRoot(root)) return true;
  const hosts = possibleHosts(root);
  // Too many to ask in one go: the page may have one, which the chunked search will tell.
  if (hosts.length > MANY_ELEMENTS) return true;
  for (let i = 0, n = hosts.length; i < n; i++) if (hasRoot(hosts[i] as Element)) return true;
  return false;
}

/**
 * Whether `closedRootOf` gives `el` a shadow root; an accessor that throws gives none. The
 * boot script's own copy of what `shadowRootReader` does: using that reader here put its standard
 * host list into the script every frame evaluates (150 bytes over the size budget).
 */
function closedRoot(el: Element, closedRootOf: ClosedRootOf): boolean {
  try {
    return (closedRootOf(el) ?? null) !== null;
  } catch (error) {
    log.debug('closed root lookup failed', el.localName, error);
    return false;
  }
}

/** Text nodes read one by one before the whole text is read at once (see `isQuiet`). */
const FIRST_NODES = 256;

/**
 * True when `doc` has nothing to read yet (see `hasReadable`): such a frame can wait for a change.
 * False for a document without a body (a frameset, an XML document), which is read as it is.
 * The first few hundred text nodes are asked one by one: a page about the topic names it early,
 * and is then known without building its whole text (megabytes on a long page).
 */
export function isQuiet(doc: Document, closedRootOf?: ClosedRootOf): boolean {
  const body = doc.body;
  if (body === null) return false;
  const walker = doc.createTreeWalker(body, SHOW_TEXT);
  for (let n = 0; n < FIRST_NODES; n++) {
    const node = walker.nextNode();
    // Every text node read, none admitted: only shadow roots are left to look for.
    if (node === null) return !hasShadowRoot(body, closedRootOf);
    if (mayWake((node as Text).data)) return false;
  }
  return !hasReadable(body, closedRootOf);
}

/**
 * True when the changes in `records` give a quiet frame something to read: added text the
 * prefilter admits, added elements with such text or a shadow root, or text edited into it. Reads
 * only what changed, so a live but quiet page (a clock, a ticker) pays for its changes alone.
 */
export function wakesUp(records: readonly MutationRecord[], closedRootOf?: ClosedRootOf): boolean {
  for (const record of records) {
    if (record.type === 'characterData') {
      if (mayWake((record.target as CharacterData).data)) return true;
      continue;
    }
    const added = record.addedNodes;
    for (let i = 0; i < added.length; i++) {
      const node = added[i] as Node;
      if (
        node.nodeType === TEXT_NODE
          ? mayWake((node as Text).data)
          : node.nodeType === ELEMENT_NODE && hasReadable(node as Element, closedRootOf)
      ) {
        return true;
      }
    }
  }
  return false;
}
