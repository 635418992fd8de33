import { browser } from './browser.ts';
import type { ResponseFor, ToContent } from './messages.ts';

/*
 * Messages from the extension pages and the background to content scripts. Kept apart from
 * `messages.ts`, which the content script bundles, so that webextension-polyfill stays out of
 * the script every page gets.
 */

/**
 * Sends `message` to the content script(s) of tab `tabId`.
 * Resolves to the content script's answer; rejects when no content script listens in that tab
 * (tab opened before install, browser-internal page) — callers show that state rather than crash.
 */
export function sendToTab<M extends ToContent>(tabId: number, message: M): Promise<ResponseFor<M>> {
  return browser.tabs.sendMessage(tabId, message) as Promise<ResponseFor<M>>;
}

/**
 * Asks the content script of tab `tabId` to start reading its page (on-click mode).
 * Resolves to whether the page is being annotated now; rejects like `sendToTab` when no
 * content script listens in that tab.
 */
export function activateTab(tabId: number): Promise<{ active: boolean }> {
  return sendToTab(tabId, { type: 'activate' });
}
