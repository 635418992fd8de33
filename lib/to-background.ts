import { browser } from 'wxt/browser';
import type { ResponseFor, ToBackground } from './messages.ts';

/*
 * Messages from the content script to the background. Apart from `messages.ts`,
 * which the boot script bundles: WXT's `browser` reads `chrome` as soon as it is imported.
 */

/**
 * Sends `message` to the background script.
 * Resolves to its answer (`undefined` for messages nobody answers); rejects when the
 * background cannot be reached, e.g. after the extension was reloaded under a live page.
 */
export function sendToBackground<M extends ToBackground>(message: M): Promise<ResponseFor<M>> {
  return browser.runtime.sendMessage(message) as Promise<ResponseFor<M>>;
}
