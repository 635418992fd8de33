import { browser } from './browser.ts';
import { logger } from './log.ts';
import {
  LISTEN_HOOK,
  type MentionsResponse,
  type PopupToBackground,
  type ReaderResponseFor,
  type ResponseFor,
  type ToContent,
  type ToReader,
} from './messages.ts';
import { isActiveOn, isSitePaused, type Settings } from './settings.ts';

const log = logger('tab-messages');

/*
 * Messages from the extension pages and the background to content scripts. Kept apart from
 * `messages.ts`, which the content script bundles, so that webextension-polyfill stays out of
 * the script every page gets.
 */

/**
 * Sends `message` to the content script(s) of tab `tabId`.
 * Resolves to the content script's answer; rejects when no content script listens in that tab
 * (tab opened before install, browser-internal page) — callers show that state rather than crash.
 * A top frame whose page names nothing does not listen until asked (`wakeTopFrame`).
 */
export async function sendToTab<M extends ToContent>(tabId: number, message: M): Promise<ResponseFor<M>> {
  let answer: unknown;
  try {
    answer = await browser.tabs.sendMessage(tabId, message);
  } catch (error) {
    if (await wakeTopFrame(tabId)) return sendToFrame(tabId, 0, message);
    throw error;
  }
  // Awake sub-frames may take the message (`activate`) and leave the answer to a top frame that
  // did not hear it.
  if (answer === undefined && (await wakeTopFrame(tabId))) return sendToFrame(tabId, 0, message);
  return answer as ResponseFor<M>;
}

/**
 * Sends `message` to the content script of one frame (`frameId`, 0 for the top frame) of tab `tabId`.
 * Resolves to that frame's answer; rejects when nothing listens in that frame (it navigated away).
 */
export async function sendToFrame<M extends ToContent>(
  tabId: number,
  frameId: number,
  message: M,
): Promise<ResponseFor<M>> {
  try {
    return (await browser.tabs.sendMessage(tabId, message, { frameId })) as ResponseFor<M>;
  } catch (error) {
    if (frameId === 0 && (await wakeTopFrame(tabId))) {
      return (await browser.tabs.sendMessage(tabId, message, { frameId })) as ResponseFor<M>;
    }
    throw error;
  }
}

/**
 * Starts the message listener of the top frame of tab `tabId` when its content script has not
 * started one: the script does so only once the page names the topic (entrypoints/content/boot.ts),
 * as setting up the extension's messaging costs every quiet page a few milliseconds. Needs the
 * `activeTab` grant the popup, the keyboard command and the context menu give, or host access.
 * Resolves to whether a listener was started (false on a page without our content script, where
 * the extension cannot run, or whose frame already listened); never rejects.
 */
export async function wakeTopFrame(tabId: number): Promise<boolean> {
  try {
    const [injection] = await browser.scripting.executeScript({
      target: { tabId, frameIds: [0] },
      // Runs in the content script's own world, where the boot script left its hook.
      func: (key: string) => {
        const listen = (globalThis as Record<symbol, unknown>)[Symbol.for(key)];
        return typeof listen === 'function' && listen() === true;
      },
      args: [LISTEN_HOOK],
    });
    return injection?.result === true;
  } catch (error) {
    log.debug('could not reach the top frame of tab', tabId, error);
    return false;
  }
}

/**
 * Sends `message` to the PDF reader showing in tab `tabId` (an extension page, which no content
 * script runs in), through the runtime channel every extension page hears; only that tab's reader
 * answers. Resolves to its answer, or undefined when no reader answered (the tab shows something
 * else, or the reader is still starting); never rejects.
 */
export async function sendToReader<M extends ToContent>(
  tabId: number,
  message: M,
): Promise<ReaderResponseFor<M> | undefined> {
  const envelope: ToReader = { type: 'to-reader', tabId, message };
  try {
    return (await browser.runtime.sendMessage(envelope)) as ReaderResponseFor<M> | undefined;
  } catch (error) {
    // Chromium rejects when no extension page listens at all (no reader open anywhere).
    log.debug('no reader answered in tab', tabId, error);
    return undefined;
  }
}

/**
 * True when `url` is the reader page `readerPage` (the extension's pdf.html, with any query or
 * fragment); false for anything else, including an undefined or unparsable URL.
 */
export function isReaderUrl(url: string | undefined, readerPage: string): boolean {
  if (!url) return false;
  try {
    const a = new URL(url);
    const b = new URL(readerPage);
    // Compared part by part: `origin` is "null" for extension schemes outside browsers.
    return a.protocol === b.protocol && a.host === b.host && a.pathname === b.pathname;
  } catch (error) {
    log.debug('not a URL', url, error);
    return false;
  }
}

/**
 * Whether the extension works on a PDF in the reader, as the reader and the popup both judge it.
 * A PDF's "site" is the origin of its own address (`site`, what `pausedSites` holds), so pausing
 * it pauses the site's web pages and PDFs alike, and the never/only lists apply to that address.
 * A local file (`site` undefined) has no site: only the on/off switch applies.
 * Returns `{ active: true }`, or why not: `disabled`, `paused` (the site's origin) or `excluded`.
 */
export function readerActivity(
  settings: Settings,
  site: string | undefined,
): { active: true } | { active: false; reason: 'disabled' | 'paused' | 'excluded' } {
  if (!settings.enabled) return { active: false, reason: 'disabled' };
  if (!site || isActiveOn(settings, site)) return { active: true };
  return { active: false, reason: isSitePaused(settings, site) ? 'paused' : 'excluded' };
}

/**
 * Asks the background which frames of tab `tabId` reported mentions.
 * Resolves to their ids (empty when none reported or the background forgot them after sleeping);
 * rejects when the background cannot be reached.
 */
export async function framesWithMentions(tabId: number): Promise<number[]> {
  const message: PopupToBackground = { type: 'get-frames', tabId };
  const answer: unknown = await browser.runtime.sendMessage(message);
  const frames = (answer as { frames?: unknown } | undefined)?.frames;
  return Array.isArray(frames) ? frames.filter((f): f is number => Number.isInteger(f) && f >= 0) : [];
}

/**
 * Asks the content script of tab `tabId` to start reading its page (on-click mode).
 * Resolves to whether the page is being annotated now; rejects like `sendToTab` when no
 * content script listens in that tab.
 */
export function activateTab(tabId: number): Promise<{ active: boolean }> {
  return sendToTab(tabId, { type: 'activate' });
}

/**
 * One answer for the whole tab from the top frame's answer and the sub-frames' (in frame id order):
 * every mention tagged with its frame id, top frame's first; totals summed; capped when any was.
 * The page's address, title and error are the top frame's. With no sub-frames, the top answer tagged.
 */
export function mergeFrames(
  top: MentionsResponse,
  frames: readonly { frameId: number; response: MentionsResponse }[],
): MentionsResponse {
  const all = [{ frameId: 0, response: top }, ...frames.filter((f) => f.frameId !== 0)];
  return {
    ...top,
    mentions: all.flatMap(({ frameId, response }) =>
      response.mentions.map((m) => ({
        ...m,
        frameId,
        ...(frameId !== 0 && response.url !== undefined ? { frameUrl: response.url } : {}),
      })),
    ),
    total: all.reduce((sum, f) => sum + f.response.total, 0),
    capped: all.some((f) => f.response.capped),
  };
}
