import type { Runtime } from 'webextension-polyfill';
import { defineBackground } from 'wxt/utils/define-background';
import { browser } from '../lib/browser.ts';
import { openLookup, openPdfLink, registerLookupMenu, registerPdfMenu } from '../lib/context-menu.ts';
import { logger } from '../lib/log.ts';
import { isToBackgroundMessage } from '../lib/messages.ts';
import { readStoredSettings, watchStoredSettings } from '../lib/settings-core.ts';
import { activateTab, sendToReader, sendToTab } from '../lib/tab-messages.ts';

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

/**
 * Ids of the frames of `tabId` whose last count was above zero, the top frame first, then by id.
 * Empty when no frame reported (or the worker slept since): the popup then asks the top frame.
 */
function framesWithMentions(counts: ReadonlyMap<number, ReadonlyMap<number, number>>, tabId: number) {
  const frames = [...(counts.get(tabId) ?? new Map<number, number>())].filter(([, n]) => n > 0).map(([id]) => id);
  return { frames: frames.sort((a, b) => a - b) };
}

export default defineBackground(() => {
  // Mention counts per tab and frame: every frame runs its own content script, and the badge
  // shows their sum. Lost when the worker sleeps; frames report again on their next change.
  const counts = new Map<number, Map<number, number>>();

  const showBadge = async (tabId: number) => {
    const frames = counts.get(tabId);
    let sum = 0;
    for (const n of frames?.values() ?? []) sum += n;
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
    if (message.type === 'get-frames') return Promise.resolve(framesWithMentions(counts, message.tabId));
    const tabId = sender.tab?.id;
    if (tabId === undefined) return undefined;
    const frames = counts.get(tabId) ?? new Map<number, number>();
    frames.set(sender.frameId ?? 0, message.count);
    counts.set(tabId, frames);
    void showBadge(tabId);
    return undefined;
  });

  browser.tabs.onUpdated.addListener((tabId, change) => {
    // A new document is loading: the old page's count no longer applies.
    if (change.status !== 'loading') return;
    counts.delete(tabId);
    void showBadge(tabId);
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    counts.delete(tabId);
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
      await sendToTab(tabId, { type: 'next-mention' }).catch((error: unknown) =>
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
