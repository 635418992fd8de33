import { logger } from './log.ts';

const log = logger('page-access');

/*
 * Why the extension may be unable to read a tab, judged from its URL. Browsers close some pages
 * to every extension; the popup explains which case applies instead of showing a blank list.
 */

/** A kind of page extensions cannot run on. */
export type RestrictedReason = 'browser' | 'store' | 'pdf' | 'source' | 'file' | 'extension' | 'scheme';

/** Browser-internal schemes (Chromium family, Firefox); content scripts never run there. */
const BROWSER_SCHEMES = new Set([
  'about:',
  'chrome:',
  'chrome-untrusted:',
  'chrome-search:',
  'devtools:',
  'edge:',
  'brave:',
  'opera:',
  'vivaldi:',
  'resource:',
]);
const EXTENSION_SCHEMES = new Set(['chrome-extension:', 'moz-extension:', 'extension:', 'safari-web-extension:']);
/** Chromium's built-in PDF viewer is itself an extension with this id. */
const CHROME_PDF_VIEWER = 'mhjfbmdgcfjbbpaeojofohoefgiehjai';

/** Extension stores: Chrome, Edge and Firefox refuse content scripts there, whatever the permissions. */
function isStore(url: URL): boolean {
  const host = url.hostname.toLowerCase();
  if (host === 'chromewebstore.google.com') return true;
  if (host === 'chrome.google.com' && url.pathname.startsWith('/webstore')) return true;
  if (host === 'microsoftedge.microsoft.com' && url.pathname.startsWith('/addons')) return true;
  return host === 'addons.mozilla.org';
}

/**
 * The reason a page at `url` is closed to extensions, known before asking it anything.
 * Returns null for pages the extension may read (http, https, file — the last one still
 * subject to the "Allow access to file URLs" switch) and for an empty or unparsable URL,
 * which is judged by whether the page answers.
 */
export function restrictedReason(url: string | undefined): RestrictedReason | null {
  if (!url) return null;
  if (url.startsWith('view-source:')) return 'source';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    log.debug('not a URL', url, error);
    return null;
  }
  const scheme = parsed.protocol;
  if (BROWSER_SCHEMES.has(scheme)) return 'browser';
  if (EXTENSION_SCHEMES.has(scheme)) return parsed.hostname === CHROME_PDF_VIEWER ? 'pdf' : 'extension';
  if (scheme === 'http:' || scheme === 'https:') return isStore(parsed) ? 'store' : null;
  if (scheme === 'file:') return null;
  // data:, blob:, javascript:, ftp: and the like: outside the content script's match patterns.
  return 'scheme';
}

/** What a page that did not answer the popup most likely is. */
export type NoAnswer = { kind: 'restricted'; reason: RestrictedReason } | { kind: 'reload' } | { kind: 'unknown' };

/**
 * Explains a tab whose content script did not answer. A PDF address means the built-in viewer
 * (its tab keeps the PDF's URL); a local file without file access means the browser's switch is
 * off; any other web page was open before the extension was installed or updated, and a reload
 * brings the content script in. Returns `unknown` when the URL is hidden from the extension.
 */
export function explainNoAnswer(url: string | undefined, fileAccessAllowed: boolean | undefined): NoAnswer {
  const reason = restrictedReason(url);
  if (reason) return { kind: 'restricted', reason };
  if (!url) return { kind: 'unknown' };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    log.debug('not a URL', url, error);
    return { kind: 'unknown' };
  }
  if (/\.pdf$/i.test(parsed.pathname)) return { kind: 'restricted', reason: 'pdf' };
  if (parsed.protocol === 'file:') {
    return fileAccessAllowed === false ? { kind: 'restricted', reason: 'file' } : { kind: 'reload' };
  }
  return { kind: 'reload' };
}

/**
 * True when `url` is an http(s) or file address whose path ends in `.pdf`: a PDF the browser's
 * own viewer shows, which the extension's reader can open instead. False for anything else,
 * including an empty or unparsable URL.
 */
export function isPdfAddress(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return ['http:', 'https:', 'file:'].includes(parsed.protocol) && /\.pdf$/i.test(parsed.pathname);
  } catch (error) {
    log.debug('not a URL', url, error);
    return false;
  }
}

/**
 * The reader page (`readerPage`, the extension's pdf.html) opening `url`: `?file=<url>` for a web
 * address, which the reader fetches once the reader allows its origin. A local file cannot be
 * fetched by an extension page, so for `file:` (or no URL) it is the bare reader, whose Open PDF…
 * button picks the file.
 */
export function readerUrl(readerPage: string, url: string | undefined): string {
  if (!url) return readerPage;
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' ? `${readerPage}?file=${encodeURIComponent(url)}` : readerPage;
  } catch (error) {
    log.debug('not a URL', url, error);
    return readerPage;
  }
}
