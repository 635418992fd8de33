// Decides whether an element is rendered. Two strengths: an attribute-only heuristic that works
// on any DOM (a parsed file, a detached tree, happy-dom) and a layout-backed check for live pages.
import { logger } from '../lib/log.ts';
import { DOCUMENT_NODE } from './node-types.ts';

const log = logger('visibility');

// `display: none` or `visibility: hidden|collapse` written in the element's own style attribute.
// The leading `(?:^|[;\s])` keeps custom properties such as `--display: none` from matching.
const HIDING_INLINE_STYLE = /(?:^|[;\s])(?:display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse))\b/i;

/**
 * True unless the element's own markup hides it: the `hidden` attribute (including
 * `hidden="until-found"`, whose content is not shown until searched), an inline style with
 * `display: none` or `visibility: hidden|collapse`, or being a non-summary child of a closed
 * `<details>`. `aria-hidden` is deliberately ignored: it hides from assistive technology only,
 * sighted readers still see the text. Stylesheet rules are not consulted, so this never
 * returns false for an element hidden by a class.
 */
export function isShownByAttributes(el: Element): boolean {
  if (el.hasAttribute('hidden')) return false;
  const style = el.getAttribute('style');
  if (style !== null && HIDING_INLINE_STYLE.test(style)) return false;
  const parent = el.parentElement;
  if (parent !== null && parent.localName === 'details' && el.localName !== 'summary' && !parent.hasAttribute('open')) {
    return false;
  }
  return true;
}

type CheckVisibility = (options?: { visibilityProperty?: boolean }) => boolean;

/** Asks layout; only meaningful for a connected element of a document with a window. */
function isRenderedByLayout(el: Element, view: Window): boolean {
  try {
    const check = (el as Element & { checkVisibility?: CheckVisibility }).checkVisibility;
    if (typeof check === 'function') {
      // Covers stylesheet display/visibility, hidden ancestors and closed <details> in one call.
      if (check.call(el, { visibilityProperty: true })) return true;
      // An element with `display: contents` has no box of its own, so checkVisibility() reports
      // it invisible even though its children render; let the children decide.
      return view.getComputedStyle(el).display === 'contents';
    }
    // Without checkVisibility() (before Chrome 105 / Firefox 106) only the element's own style is
    // known here; hidden ancestors are caught when the walk rejects them.
    const style = view.getComputedStyle(el);
    return style.display !== 'none' && style.visibility !== 'hidden' && style.visibility !== 'collapse';
  } catch (error) {
    // A style the browser cannot compute (a detached or foreign element): read it rather than lose text.
    log.debug('style unreadable', error);
    return true;
  }
}

/**
 * A layout-backed visibility test for elements of the tree `node` is in, or null when that tree
 * has no layout (a parsed or detached document, whose elements would all report invisible). It
 * accounts for stylesheets and hidden ancestors, and costs about a microsecond per call in
 * Chromium, so callers should ask it sparingly (the text walk asks once per block that holds
 * text). Never throws: an element the browser cannot answer for is treated as shown.
 */
export function layoutVisibilityFor(node: Node): ((el: Element) => boolean) | null {
  const doc = node.nodeType === DOCUMENT_NODE ? (node as Document) : node.ownerDocument;
  const view = doc?.defaultView ?? null;
  if (view === null || !node.isConnected) return null;
  return (el) => isRenderedByLayout(el, view);
}
