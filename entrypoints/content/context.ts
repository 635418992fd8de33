/*
 * The life of the content script on one page. The script is not built by WXT (whose context
 * object costs every frame of the web about a millisecond, most of them frames that never name
 * the topic) but by scripts/build-lazy-modules.ts, so this gives the little of that context the
 * script uses: a signal that aborts when the extension is reloaded, updated or removed under the
 * page, and a look at in-page navigations.
 */
declare const chrome: { runtime?: { id?: string } };

/** How often the address is compared while the page runs (as WXT did): SPA navigations fire no event content scripts all get. */
const LOCATION_POLL_MS = 1000;

export class ScriptContext {
  readonly #controller = new AbortController();

  /** Aborts once the extension is gone under the page (see `isInvalid`). */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /**
   * True once the extension was reloaded, updated or removed: its runtime is gone and every
   * call to it would throw. Checked when asked (timers and the location poll ask), then final.
   */
  get isInvalid(): boolean {
    if (!this.#controller.signal.aborted && chrome.runtime?.id === undefined) this.#controller.abort();
    return this.#controller.signal.aborted;
  }

  /** Runs `callback` once when the context becomes invalid. */
  onInvalidated(callback: () => void): void {
    this.#controller.signal.addEventListener('abort', callback, { once: true });
  }

  /** `target.addEventListener` until the context is invalid. */
  addEventListener(target: EventTarget, type: string, listener: (event: Event) => void): void {
    target.addEventListener(type, listener, { signal: this.#controller.signal });
  }

  /** `setTimeout` whose callback does not run once the context is invalid. */
  setTimeout(callback: () => void, ms: number): number {
    return window.setTimeout(() => {
      if (!this.isInvalid) callback();
    }, ms);
  }

  /**
   * Calls `callback` after each in-page navigation (history API, hash), looking once a second,
   * until the context is invalid. Also what notices that the extension went away while the page
   * stays open.
   */
  onLocationChange(callback: () => void): void {
    let href = location.href;
    const timer = window.setInterval(() => {
      if (this.isInvalid) return;
      if (location.href === href) return;
      href = location.href;
      callback();
    }, LOCATION_POLL_MS);
    this.onInvalidated(() => clearInterval(timer));
  }
}
