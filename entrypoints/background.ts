import type { Runtime } from 'webextension-polyfill';
import { defineBackground } from 'wxt/utils/define-background';
import { browser } from '../lib/browser.ts';
import { openLookup, openPdfLink, registerLookupMenu, registerPdfMenu } from '../lib/context-menu.ts';
import { frameCounts } from '../lib/frame-counts.ts';
import { logger } from '../lib/log.ts';
import { isToBackgroundMessage } from '../lib/messages.ts';
import { readStoredSettings, watchStoredSettings } from '../lib/settings-core.ts';
import { activateTab, sendToFrame, sendToReader } from '../lib/tab-messages.ts';

/** Badge background: dark enough for the white count to read at 4.5:1. */
const BADGE_COLOR = '#1a5fb4';

const log = logger('background');

/**
 * The key the browser assigned to the "next mention" command ("Alt+Shift+M"). Resolves to an
 * empty shortcut when none is set (the suggested key was taken, or the reader removed it) or
 * when the browser cannot list commands.
 */
async function assignedShortcut(): Promise<{ shortcut: string }> {
  try {
    const commands = await browser.commands.getAll();
    return { shortcut: commands.find((c) => c.name === 'next-mention')?.shortcut ?? '' };
  } catch (error) {
    log.warn('could not read the commands', error);
    return { shortcut: '' };
  }
}

export default defineBackground(() => {
  // Mention counts per tab and frame: every frame runs its own content script, and the badge
  // shows their sum. Kept in session storage too, so a worker woken after sleeping still knows
  // the frames that reported before; a browser without it keeps them in memory only.
  const counts = frameCounts(browser.storage?.session);

  const showBadge = async (tabId: number) => {
    const sum = await counts.sum(tabId);
    const text = sum === 0 ? '' : sum > 999 ? '999+' : String(sum);
    try {
      await browser.action.setBadgeBackgroundColor({ tabId, color: BADGE_COLOR });
      await browser.action.setBadgeText({ tabId, text });
    } catch (error) {
      // The tab closed between the report and the update: nothing to show.
      log.debug('no badge for tab', tabId, error);
    }
  };

  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    if (!isToBackgroundMessage(message)) return undefined;
    // Questions get a Promise of the answer (the polyfill sends it back in Chromium too).
    if (message.type === 'get-shortcut') return assignedShortcut();
    // Empty when no frame reported: the popup then asks the top frame.
    if (message.type === 'get-frames') return counts.frames(message.tabId).then((frames) => ({ frames }));
    const tabId = sender.tab?.id;
    if (tabId === undefined) return undefined;
    // The top frame left its page: no count of the tab's frames applies any more.
    if (message.type === 'page-left') {
      if (sender.frameId === 0) void counts.forget(tabId).then(() => showBadge(tabId));
      return undefined;
    }
    // A count of 0 (a frame that lost its mentions, or whose document is going away) removes
    // the frame, so the badge drops its old count.
    void counts.set(tabId, sender.frameId ?? 0, message.count).then(() => showBadge(tabId));
    return undefined;
  });

  browser.tabs.onUpdated.addListener((tabId, change) => {
    // The tab shows another address: the old page's counts no longer apply (also when its
    // content script could not say so, as on a page closed to extensions). Not on every
    // `loading`, which Chromium also reports while a sub-frame of the same page navigates.
    if (change.status !== 'loading' || change.url === undefined) return;
    void counts.forget(tabId).then(() => showBadge(tabId));
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    void counts.forget(tabId);
  });

  browser.commands.onCommand.addListener(async (command, tab) => {
    if (command !== 'next-mention') return;
    const tabId = tab?.id ?? (await browser.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id;
    if (tabId === undefined) return;
    // The shortcut is a request on this tab like a click on the button: in on-click mode it
    // activates the page first. Both reject on pages without our content script (browser
    // pages, tabs opened before install, the PDF reader).
    const toPage = async () => {
      await activateTab(tabId).catch((error: unknown) => log.debug('could not activate tab', tabId, error));
      await sendToFrame(tabId, 0, { type: 'next-mention' }).catch((error: unknown) =>
        log.debug('no content script answered in tab', tabId, error),
      );
    };
    // The PDF reader is an extension page: it hears runtime messages, and only the reader of
    // this tab acts. Sent to both, as the tab's address may be hidden from the background.
    await Promise.all([toPage(), sendToReader(tabId, { type: 'next-mention' })]);
  });

  // The background uses no setting, but reads them to follow the debug one like every context.
  void readStoredSettings();
  watchStoredSettings(() => {});

  // The lookup menu clears old items first; the PDF link item is added after it.
  void registerLookupMenu().then(registerPdfMenu);
  browser.contextMenus.onClicked.addListener((info, tab) => {
    // Rejects only when the tab cannot be created (window closing): nothing to do then.
    openLookup(info, tab).catch((error: unknown) => log.warn('could not open the lookup', error));
    openPdfLink(info, tab).catch((error: unknown) => log.warn('could not open the PDF reader', error));
  });
});
