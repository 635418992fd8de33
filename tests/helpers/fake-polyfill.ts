import { fakeBrowser } from 'wxt/testing/fake-browser';

/*
 * Stands in for webextension-polyfill in unit tests (see vitest.config.ts): the real polyfill
 * throws outside an extension, and tests spy on WXT's fake browser, so both `browser` exports
 * (`wxt/browser` and `lib/browser.ts`) must be that same object.
 */
export default fakeBrowser;
