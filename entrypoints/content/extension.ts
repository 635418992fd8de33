import { logger } from '../../lib/log.ts';

/*
 * What the content script takes from the `chrome` global that Chromium and Firefox both give
 * content scripts, rather than the imported `browser`: addons-linter (AMO review, `web-ext lint`)
 * accepts a dynamic `import()` only of `chrome.runtime.getURL(…)` or `browser.runtime.getURL(…)`
 * spelt out, and the bundler renames the imported binding.
 */
declare const chrome: {
  runtime: { getURL(path: string): string };
  dom?: { openOrClosedShadowRoot?(el: Element): ShadowRoot | null };
};

const log = logger('content');

/**
 * Closed shadow roots, which extensions may read: `chrome.dom.openOrClosedShadowRoot(el)` in
 * Chromium, the `openOrClosedShadowRoot` property of elements in Firefox content scripts.
 * Null when `el` has no shadow root or the browser offers neither.
 */
export function closedShadowRootOf(el: Element): ShadowRoot | null {
  const dom = chrome.dom;
  if (typeof dom?.openOrClosedShadowRoot === 'function') return dom.openOrClosedShadowRoot(el);
  const own = (el as Element & { openOrClosedShadowRoot?: ShadowRoot | null }).openOrClosedShadowRoot;
  return own ?? null;
}

/**
 * A loader of a module built apart (scripts/build-lazy-modules.ts) and imported from the
 * extension on first use. The promise it gives rejects when the module cannot be loaded (the
 * extension was reloaded under the page); the next call tries again.
 */
function lazyModule<T>(path: string): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= (import(/* @vite-ignore */ chrome.runtime.getURL(path)) as Promise<T>).catch((error: unknown) => {
      log.warn(`${path} not loaded`, error);
      loading = undefined;
      throw error;
    });
    return loading;
  };
}

/** The rest of the content script (`main.ts`), loaded once the frame has something to read. */
export const loadMain = /* @__PURE__ */ lazyModule<typeof import('./main.ts')>('/content-main.js');
/** The card module (`card-ui.tsx`), loaded on the first hover or reveal. */
export const loadCardUi = /* @__PURE__ */ lazyModule<typeof import('./card-ui.tsx')>('/card-ui.js');
/** The matcher module (`matcher.ts`), loaded once a page has text worth matching. */
export const loadMatcher = /* @__PURE__ */ lazyModule<typeof import('./matcher.ts')>('/matcher.js');
