import { browser } from './browser.ts';
import { logger } from './log.ts';
import { readerUrl } from './page-access.ts';

const log = logger('context-menu');

/** Id of the "Look up in the sanctions statement" item shown on a text selection. */
export const LOOKUP_MENU_ID = 'sanctions-context-lookup';

/** Longest query handed to the search page; a selection can be a whole page. */
export const MAX_QUERY_LENGTH = 200;

/**
 * The search page's address for `selection`: `search.html?q=<text>`, whitespace collapsed and
 * cut to `MAX_QUERY_LENGTH`. Returns the page without `q` for a blank selection.
 */
export function searchPageUrl(base: string, selection: string): string {
  const query = selection.replace(/\s+/g, ' ').trim().slice(0, MAX_QUERY_LENGTH).trim();
  return query === '' ? base : `${base}?q=${encodeURIComponent(query)}`;
}

/**
 * Creates the context menu item (after removing any left from a previous start, since Chrome
 * keeps menus across service-worker restarts and refuses a duplicate id). Resolves when done;
 * never rejects, so a browser without menus still runs the rest of the background.
 */
export async function registerLookupMenu(): Promise<void> {
  try {
    await browser.contextMenus.removeAll();
    browser.contextMenus.create({
      id: LOOKUP_MENU_ID,
      // `%s` is replaced by the selected text; menus do not read `__MSG_…__` placeholders.
      title: browser.i18n.getMessage('contextMenuLookUp'),
      contexts: ['selection'],
    });
  } catch (error) {
    // No context menu API (or no permission): the lookup is also reachable from the popup.
    log.warn('no lookup menu', error);
  }
}

/** The parts of a menu click the handler reads (the browser's `OnClickData` and `Tab`). */
export interface LookupClick {
  menuItemId: string | number;
  selectionText?: string;
}
export interface LookupTab {
  id?: number;
  index?: number;
  windowId?: number;
}

/**
 * Handles a context menu click: for our item with a non-blank selection, opens the search page
 * for it in a new tab next to the one clicked in. Returns false, opening nothing, for other
 * items or a blank selection; rejects when the tab cannot be created.
 */
export async function openLookup(info: LookupClick, tab?: LookupTab): Promise<boolean> {
  if (info.menuItemId !== LOOKUP_MENU_ID) return false;
  const text = info.selectionText ?? '';
  if (text.trim() === '') return false;
  await openBeside(searchPageUrl(browser.runtime.getURL('/search.html'), text), tab);
  return true;
}

/** Id of the "Open PDF in Sanctions Context reader" item shown on links to PDFs. */
export const PDF_MENU_ID = 'sanctions-context-open-pdf';

/** Links the PDF item is shown on: a path ending in .pdf, with or without a query or fragment. */
export const PDF_LINK_PATTERNS: readonly string[] = [
  '*://*/*.pdf',
  '*://*/*.PDF',
  '*://*/*.pdf?*',
  '*://*/*.PDF?*',
  '*://*/*.pdf#*',
  '*://*/*.PDF#*',
];

/**
 * Creates the link item that opens a PDF in the reader. Call it after `registerLookupMenu`, which
 * clears the old items. Resolves when done; never rejects (the popup and the reader's own Open
 * PDF… button remain).
 */
export async function registerPdfMenu(): Promise<void> {
  try {
    browser.contextMenus.create({
      id: PDF_MENU_ID,
      title: browser.i18n.getMessage('contextMenuOpenPdf'),
      contexts: ['link'],
      targetUrlPatterns: [...PDF_LINK_PATTERNS],
    });
  } catch (error) {
    log.warn('no PDF link menu', error);
  }
}

/** The parts of a menu click on a link the handler reads. */
export interface LinkClick {
  menuItemId: string | number;
  linkUrl?: string;
}

/**
 * Handles a click on the PDF link item: opens the reader on the link in a new tab next to the one
 * clicked in. Returns false, opening nothing, for other items or a click without a web link;
 * rejects when the tab cannot be created.
 */
export async function openPdfLink(info: LinkClick, tab?: LookupTab): Promise<boolean> {
  if (info.menuItemId !== PDF_MENU_ID) return false;
  const link = info.linkUrl ?? '';
  if (!/^https?:/i.test(link)) return false;
  await openBeside(readerUrl(browser.runtime.getURL('/pdf.html'), link), tab);
  return true;
}

/** Opens `url` in a new tab right after `tab`, in its window, with `tab` as its opener. */
function openBeside(url: string, tab?: LookupTab): Promise<unknown> {
  return browser.tabs.create({
    url,
    ...(tab?.index !== undefined ? { index: tab.index + 1 } : {}),
    ...(tab?.windowId !== undefined && tab.windowId >= 0 ? { windowId: tab.windowId } : {}),
    ...(tab?.id !== undefined && tab.id >= 0 ? { openerTabId: tab.id } : {}),
  });
}
