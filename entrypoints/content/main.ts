import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { logger } from '../../lib/log.ts';
import { sendToBackground } from '../../lib/messages.ts';
// The catalog-free half of the settings module: the full one bundles both locale files and
// @wxt-dev/storage, three times the weight of the code that paints mentions.
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
import { type Annotator, createAnnotator } from '../../page/annotator.ts';
import { isQuiet } from '../../page/candidates.ts';
import { WATCHED } from '../../page/change-watcher.ts';
import { supportsHighlights } from '../../page/highlighter.ts';
import { CARD_HOST, lazyPageCards, type PageCards, type PageView } from './cards.ts';
import { closedShadowRootOf, loadMatcher } from './extension.ts';
import { wireMessages } from './page-messages.ts';

const log = logger('content');

export default defineContentScript({
  matches: ['<all_urls>'],
  allFrames: true,
  // Frames a page fills itself (about:blank, srcdoc) show text too; they inherit the page's origin.
  matchAboutBlank: true,
  runAt: 'document_idle',
  // The script itself has no styles: the card module puts its own into the card's shadow root.
  cssInjectionMode: 'manual',
  async main(ctx) {
    // Until the settings are read: what a sub-frame shows before then (nothing) and what an
    // early `activate` message changes.
    let settings: Settings = DEFAULT_SETTINGS;
    let loaded = false;
    // Asked on first use (a card or an answer to the popup): the first i18n call loads the
    // message catalog, a few milliseconds every page would otherwise pay.
    let browserLocale: string | undefined;
    let activated = false;
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

    const stopRunning = () => {
      if (!running) return;
      cards.close(false);
      running.stop.abort();
      running = undefined;
      reportCount(ctx, 0);
    };
    /** Brings the page in line with the settings: starts, stops or updates the annotator. */
    const apply = () => {
      if (!loaded) return;
      const wanted = activated && isActiveHere(settings);
      if (wanted && !running) running = start(ctx, settings, cards);
      else if (!wanted) stopRunning();
      else if (running) {
        running.annotator.setStyle(settings.style);
        void running.annotator.setEntities(enabledEntities(settings));
      }
    };
    const activate = (): boolean => {
      activated = true;
      apply();
      return running !== undefined;
    };

    // Most frames of the web are empty embeds and ads, and the script runs in all of them: a
    // sub-frame with nothing to read waits for its first change before it pays for the
    // settings, the annotator and its watchers. Only whether it has text the prefilter admits
    // is looked at, never the text itself. It follows `activate` meanwhile (sub-frames answer
    // nothing else), so an on-click activation still covers what it shows later.
    if (window !== window.top) {
      wireMessages(ctx, view, cards, activate);
      if (!(await untilNotQuiet(ctx))) return;
    }
    // Reading settings touches storage only, never the page: in on-click mode nothing of the
    // page is read until an `activate` message arrives.
    settings = await readStoredSettings();
    if (ctx.isInvalid) return;
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
    if (window === window.top) wireMessages(ctx, view, cards, activate);
    ctx.addEventListener(window, 'wxt:locationchange', () => {
      cards.close(false);
      // Never-run and only-run patterns can name paths, which an in-page navigation changes.
      const before = running;
      apply();
      if (running && running === before) void running.annotator.rescan();
    });
  },
});

/**
 * Resolves to true at once when this frame has something to read (see `isQuiet`), else once a
 * change gives it some (one MutationObserver watches the document meanwhile); to false when
 * `ctx` is invalidated first.
 */
async function untilNotQuiet(ctx: ContentScriptContext): Promise<boolean> {
  const quiet = () => isQuiet(document.body, closedShadowRootOf);
  if (!quiet()) return true;
  return new Promise((resolve) => {
    const finish = (woken: boolean) => {
      observer.disconnect();
      resolve(woken);
    };
    const observer = new MutationObserver(() => quiet() || finish(true));
    observer.observe(document, WATCHED);
    ctx.onInvalidated(() => finish(false));
  });
}

/** The annotator at work on this frame, and what stops it. */
interface Running {
  annotator: Annotator;
  stop: AbortController;
}

let warned = false;
/** Starts annotating the frame with `settings`; undefined when the browser cannot paint highlights. */
function start(ctx: ContentScriptContext, settings: Settings, cards: PageCards): Running | undefined {
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
      // A page with mentions will likely be hovered: have the card ready for the first one.
      if (count > 0) cards.prefetch();
      reportCount(ctx, count);
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

let countTimer: number | undefined;
/** Whether a count may need telling: not before the top frame's first mention (see below). */
let counting = window !== window.top;
/** Tells the background the frame's count, at most every 250 ms: infinite scroll can change it every frame. */
function reportCount(ctx: ContentScriptContext, count: number) {
  if (countTimer !== undefined) clearTimeout(countTimer);
  // The background forgets a tab's counts when its top frame loads a new document, so the top
  // frame's first 0 tells it nothing (a sub-frame's may replace its previous page's count).
  counting ||= count > 0;
  if (!counting) return;
  countTimer = ctx.setTimeout(() => {
    countTimer = undefined;
    // Rejects when the background is being restarted or the extension was reloaded; the next
    // change reports again, so there is nothing to retry.
    sendToBackground({ type: 'mention-count', count }).catch((error: unknown) => log.debug('count not sent', error));
  }, 250);
}
