// Which shadow trees the extension reads. Open ones are on `element.shadowRoot`; closed ones only
// through an accessor browsers give extensions (Chromium's `chrome.dom.openOrClosedShadowRoot`,
// Firefox's `element.openOrClosedShadowRoot()`), which the content script passes in.

// Elements that may carry a shadow root besides custom elements (the DOM standard's list).
const HOST_NAMES = new Set([
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
]);

/**
 * Returns the function that gives an element's shadow root: its open one, or, with
 * `closedRootOf`, a closed one on the elements that carry them in practice: custom elements, and
 * empty elements of the kinds that may host one (a host's own children are usually slotted, or
 * none). Asking the accessor of every element would cost an extension API call per element of
 * the page. The returned function gives null for an element without a reachable root and never
 * throws (an accessor that throws counts as no root).
 */
export function shadowRootReader(
  closedRootOf?: (el: Element) => ShadowRoot | null | undefined,
): (el: Element) => ShadowRoot | null {
  if (closedRootOf === undefined) return (el) => el.shadowRoot;
  return (el) => {
    const open = el.shadowRoot;
    if (open !== null) return open;
    const name = el.localName;
    if (!name.includes('-') && !(HOST_NAMES.has(name) && el.firstChild === null)) return null;
    try {
      return closedRootOf(el) ?? null;
    } catch {
      return null;
    }
  };
}
