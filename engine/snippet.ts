/** Characters of context kept on each side of a mention in its snippet. */
const SNIPPET_RADIUS = 45;

/**
 * The text around `text.slice(start, end)` for lists and exports: up to 45 characters on each
 * side, whitespace collapsed, `…` where it was cut. Empty only for an empty `text`.
 */
export function mentionSnippet(text: string, start: number, end: number): string {
  const from = Math.max(0, start - SNIPPET_RADIUS);
  const to = Math.min(text.length, end + SNIPPET_RADIUS);
  const body = text.slice(from, to).replace(/\s+/g, ' ').trim();
  return `${from > 0 ? '…' : ''}${body}${to < text.length ? '…' : ''}`;
}
