// The content script proper, loaded by the script every frame gets (boot.ts) once the frame has
// text that may name the topic: settings, the annotator, cards and the answers to the popup.
import { logger } from '../../lib/log.ts';
// The catalog-free half of the settings module: the full one bundles both locale files.
import {
  browserUiLocale,
  DEFAULT_SETTINGS,
  isActiveOn,
  readStoredSettings,
  resolveUiLang,
  SETTINGS_ENTITIES,
  type Settings,
  watchStoredSettings,
} from '../../lib/settings-core.ts';
import { sendToBackground } from '../../lib/to-background.ts';
import { type Annotator, createAnnotator } from '../../page/annotator.ts';
import { supportsHighlights } from '../../page/highlighter.ts';
import { CARD_HOST, lazyPageCards, type PageCards, type PageView } from './cards.ts';
import { ScriptContext } from './context.ts';
import { closedShadowRootOf, loadMatcher } from './extension.ts';
import { answer, type Question } from './page-messages.ts';

const log = logger('content');

/** What the script that every frame gets (boot.ts) asks of this module once the frame has something to read. */
export interface Started {
  /** Turns the page on (on-click mode): true once it runs, false when it is off, paused or cannot paint. */
  activate(): Promise<boolean>;
  /** The answer to the popup's or the background's `message`, once the settings are read. */
  answer(message: Question): Promise<unknown>;
}

/**
 * Runs the extension on this frame: reads the settings, starts the annotator when they allow it
 * (at once in automatic mode, on `activate` in on-click mode; `activated` says the frame was
 * activated while it was quiet) and follows them and in-page navigations until the extension goes
 * away under the page.
 */
export function run(activated: boolean): Started {
  const ctx = new ScriptContext();
  // Until the settings are read: what the frame shows before then (nothing) and what an early
  // `activate` message changes.
  let settings: Settings = DEFAULT_SETTINGS;
  let loaded = false;
  // Asked on first use (a card or an answer to the popup): the first i18n call loads the
  // message catalog, a few milliseconds every page would otherwise pay.
  let browserLocale: string | undefined;
  let running: Running | undefined;
  const view: PageView = {
    get annotator() {
      return running?.annotator;
    },
    get lang() {
      browserLocale ??= browserUiLocale();
      return resolveUiLang(settings, browserLocale);
    },
    get hoverDelayMs() {
      return settings.hoverDelayMs;
    },
  };
  const cards = lazyPageCards(ctx, view);
  const counts = new CountReporter(ctx);

  const stopRunning = () => {
    if (!running) return;
    cards.close(false);
    running.stop.abort();
    running = undefined;
    counts.report(0);
  };
  /** Brings the page in line with the settings: starts, stops or updates the annotator. */
  const apply = () => {
    if (!loaded) return;
    const wanted = activated && isActiveHere(settings);
    if (wanted && !running) running = start(ctx, settings, cards, counts);
    else if (!wanted) stopRunning();
    else if (running) {
      running.annotator.setStyle(settings.style);
      void running.annotator.setEntities(enabledEntities(settings));
    }
  };

  // Reading settings touches storage only: in on-click mode nothing more of the page is read
  // than the boot's look for candidate text, until an `activate` message arrives.
  const ready = readStoredSettings().then((stored) => {
    if (ctx.isInvalid) return;
    settings = stored;
    loaded = true;
    activated ||= settings.mode === 'automatic';
    const unwatch = watchStoredSettings((next) => {
      const langBefore = view.lang;
      settings = next;
      activated ||= settings.mode === 'automatic';
      // An open card would keep the old language or delay; the next one opens with the new ones.
      if (view.lang !== langBefore) cards.close(false);
      apply();
    });
    ctx.onInvalidated(unwatch);
    apply();
    ctx.onLocationChange(() => {
      cards.close(false);
      // Never-run and only-run patterns can name paths, which an in-page navigation changes.
      const before = running;
      apply();
      if (running && running === before) void running.annotator.rescan();
    });
  });

  return {
    activate: async () => {
      activated = true;
      await ready;
      apply();
      return running !== undefined;
    },
    answer: async (message) => {
      await ready;
      return answer(message, view.annotator, cards);
    },
  };
}

/** The annotator at work on this frame, and what stops it. */
interface Running {
  annotator: Annotator;
  stop: AbortController;
}

let warned = false;
/** Starts annotating the frame with `settings`; undefined when the browser cannot paint highlights. */
function start(ctx: ScriptContext, settings: Settings, cards: PageCards, counts: CountReporter): Running | undefined {
  // No wrapping fallback: without the Highlight API (browsers older than the manifests
  // admit) the page is left alone, and the popup hears an empty answer.
  if (!supportsHighlights(window)) {
    if (!warned) console.info('[Sanctions Context] No CSS.highlights: nothing is highlighted.');
    warned = true;
    return undefined;
  }
  const stop = new AbortController();
  ctx.onInvalidated(() => stop.abort());
  const annotator = createAnnotator({
    doc: document,
    win: window,
    signal: stop.signal,
    exclude: (el) => el.localName === CARD_HOST,
    closedShadowRootOf,
    matcher: loadMatcher,
    entities: enabledEntities(settings),
    style: settings.style,
    onMentions: (count) => {
      // A page with mentions will likely be hovered: the card code loads at the first pointer move.
      if (count > 0) cards.prefetch();
      counts.report(count);
    },
  });
  return { annotator, stop };
}

/** The painted entities switched on in `settings`. */
function enabledEntities(settings: Settings) {
  return SETTINGS_ENTITIES.filter((e) => settings.entities[e]);
}

/**
 * Whether this frame should annotate: its own address, and in a sub-frame the tab's site as
 * well, so pausing a site from the popup also quiets the frames it embeds. `ancestorOrigins`
 * is Chromium-only; elsewhere a sub-frame is judged by its own address.
 */
function isActiveHere(settings: Settings): boolean {
  if (!isActiveOn(settings, location.href)) return false;
  const ancestors = location.ancestorOrigins;
  const top = ancestors && ancestors.length > 0 ? ancestors[ancestors.length - 1] : undefined;
  return top === undefined || top === 'null' || isActiveOn(settings, `${top}/`);
}

/**
 * Tells the background the frame's mention count, for the badge and the popup's list of frames:
 * at most every 250 ms (infinite scroll can change it every frame), and, in a sub-frame, at once
 * when its page is left, so that a next page that stays quiet (and says nothing) leaves no old
 * count on the badge; a page restored from the back-forward cache tells its count again.
 */
class CountReporter {
  readonly #ctx: ScriptContext;
  #timer: number | undefined;
  /** The count last handed to the background. */
  #sent = 0;
  /** The newest count. */
  #count = 0;
  /**
   * Whether a count may need telling: the background forgets a tab's counts when its top frame
   * loads a new document, so the top frame's first 0 tells it nothing (a sub-frame's may replace
   * its previous page's count).
   */
  #counting = window !== window.top;

  constructor(ctx: ScriptContext) {
    this.#ctx = ctx;
    ctx.addEventListener(window, 'pageshow', (event) => {
      if ((event as PageTransitionEvent).persisted && this.#count > 0) this.#send(this.#count);
    });
    // The top frame's leaving clears the whole tab (boot.ts); a sub-frame's, its own count.
    if (window === window.top) return;
    ctx.addEventListener(window, 'pagehide', () => {
      if (this.#sent > 0) this.#send(0, this.#count);
    });
  }

  report(count: number): void {
    this.#count = count;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#counting ||= count > 0;
    if (!this.#counting) return;
    this.#timer = this.#ctx.setTimeout(() => this.#send(count), 250);
  }

  /** Sends `count` now; `keep` is what to resend after a bfcache restore. */
  #send(count: number, keep = count): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#sent = count;
    this.#count = keep;
    // Rejects when the background is being restarted or the extension was reloaded; the next
    // change reports again, so there is nothing to retry.
    sendToBackground({ type: 'mention-count', count }).catch((error: unknown) => log.debug('count not sent', error));
  }
}
