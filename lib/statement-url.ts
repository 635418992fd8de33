/**
 * The statement page's address for paragraph `part` (e.g. `p4`) with `quote` lit:
 * `<base>#p4&q=<encodeURIComponent(quote)>`. `base` is the extension's `statement.html` URL
 * (`browser.runtime.getURL('/statement.html')`), passed in so this stays testable without a browser.
 * An empty `quote` gives `<base>#p4`; an empty `part` gives the page without a paragraph (`<base>`).
 */
export function statementUrl(base: string, part: string, quote: string): string {
  if (!part) return base;
  return quote ? `${base}#${part}&q=${encodeURIComponent(quote)}` : `${base}#${part}`;
}
