import polyfilled from 'webextension-polyfill';

/*
 * The extension pages (popup, options, search, statement) and the background use
 * webextension-polyfill's promise-based `browser`, typed by @types/webextension-polyfill.
 * The content script must not import this module: it is injected into every page, and the
 * polyfill alone weighs about 10 kB there, so it uses WXT's native `browser` from `wxt/browser`
 * (Firefox's `browser`, Chromium's promise-based MV3 `chrome`) instead.
 */

/**
 * The polyfilled extension API. Importing this module throws outside an extension context
 * (the polyfill checks for `chrome.runtime.id`); in unit tests it is WXT's fake browser.
 */
export const browser = polyfilled;
