import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { isToContentMessage, type MentionsResponse, sendToBackground, type ToContent } from '../../lib/messages.ts';
// The catalog-free half of the settings module: the full one bundles both locale files and
// @wxt-dev/storage, three times the weight of the code that paints mentions.
import {
  browserUiLocale,
  isActiveOn,
  readStoredSettings,
  resolveUiLang,
  SETTINGS_ENTITIES,
  type Settings,
  watchStoredSettings,
} from '../../lib/settings-core.ts';
import { statementUrl } from '../../lib/statement-url.ts';
import type { UiLang } from '../../lib/ui-lang.ts';
import { type Annotator, createAnnotator, type PageMention } from '../../page/annotator.ts';
import { supportsHighlights } from '../../page/highlighter.ts';
import { createHoverIntent } from '../../page/hover-intent.ts';
import type { ShownCard } from './card-ui.tsx';

/** Tag of the card's shadow host; the annotator never reads or watches inside it. */
const CARD_HOST = 'sanctions-context-card';

/** Time to travel from the mention into the card (or back) before the card closes. */
const CLOSE_GRACE_MS = 350;
/** Longest smooth scroll to a revealed mention, during which its card stays open while off screen. */
const REVEAL_SCROLL_MS = 1500;
/** Most mentions sent to the popup in one answer; the rest are counted in `total`. */
const MAX_LISTED = 2000;

export default defineContentScript({
  matches: ['<all_urls>'],
  allFrames: true,
  // Frames a page fills itself (about:blank, srcdoc) show text too; they inherit the page's origin.
  matchAboutBlank: true,
  runAt: 'document_idle',
  // The script itself has no styles: the card module puts its own into the card's shadow root.
  cssInjectionMode: 'manual',
  async main(ctx) {
    // Reading settings touches storage only, never the page: in on-click mode nothing of the
    // page is read until an `activate` message arrives.
    let settings = await readStoredSettings();
    if (ctx.isInvalid) return;
    // Asked on first use (a card or an answer to the popup): the first i18n call loads the
    // message catalog, a few milliseconds every page would otherwise pay.
    let browserLocale: string | undefined;
    let activated = settings.mode === 'automatic';
    let running: { annotator: Annotator; stop: AbortController } | undefined;
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
    const cards = createCardController(ctx, view);

    let warned = false;
    const start = () => {
      // No wrapping fallback: without the Highlight API (browsers older than the manifests
      // admit) the page is left alone, and the popup hears an empty answer.
      if (!supportsHighlights(window)) {
        if (!warned)
          console.info('[Sanctions Context] This browser has no CSS.highlights; mentions are not highlighted.');
        warned = true;
        return;
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
        onMentions: (count) => reportCount(ctx, count),
      });
      running = { annotator, stop };
    };
    const stopRunning = () => {
      if (!running) return;
      cards.close(false);
      running.stop.abort();
      running = undefined;
      reportCount(ctx, 0);
    };
    /** Brings the page in line with the settings: starts, stops or updates the annotator. */
    const apply = () => {
      const wanted = activated && isActiveHere(settings);
      if (wanted && !running) start();
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

    const unwatch = watchStoredSettings((next) => {
      const langBefore = view.lang;
      settings = next;
      if (settings.mode === 'automatic') activated = true;
      // An open card would keep the old language or delay; the next one opens with the new ones.
      if (view.lang !== langBefore) cards.close(false);
      apply();
    });
    ctx.onInvalidated(unwatch);
    apply();
    wireMessages(ctx, view, cards, activate);
    ctx.addEventListener(window, 'wxt:locationchange', () => {
      cards.close(false);
      // Never-run and only-run patterns can name paths, which an in-page navigation changes.
      const before = running;
      apply();
      if (running && running === before) void running.annotator.rescan();
    });
  },
});

/** What the card and message handlers need from the live page state. */
interface PageView {
  /** The running annotator; undefined while the extension is off, paused or not yet activated here. */
  readonly annotator: Annotator | undefined;
  readonly lang: UiLang;
  /** Pointer must rest on a mention this long before its card opens, so sweeping across text opens nothing. */
  readonly hoverDelayMs: number;
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
/** Tells the background the frame's count, at most every 250 ms: infinite scroll can change it every frame. */
function reportCount(ctx: ContentScriptContext, count: number) {
  if (countTimer !== undefined) clearTimeout(countTimer);
  countTimer = ctx.setTimeout(() => {
    countTimer = undefined;
    // Rejects when the background is being restarted or the extension was reloaded; the next
    // change reports again, so there is nothing to retry.
    sendToBackground({ type: 'mention-count', count }).catch(() => {});
  }, 250);
}

interface CardController {
  /** Opens the card of `mention`; with `focus`, moves keyboard focus into it (keyboard path). */
  open(mention: PageMention, focus: boolean): Promise<void>;
  /** Closes the card; with `returnFocus`, gives focus back to where it was before the card took it. */
  close(returnFocus: boolean): void;
  /** Index of the mention whose card is open or was revealed last; -1 before any. */
  readonly lastIndex: number;
}

/** The card module (`card-ui.tsx`), built apart and loaded from the extension on first use. */
type CardUiModule = typeof import('./card-ui.tsx');
/** The matcher module (`matcher.ts`), built apart and loaded once a page has text worth matching. */
type MatcherModule = typeof import('./matcher.ts');

/*
 * The `chrome` global that Chromium and Firefox both give content scripts, rather than the
 * imported `browser`: addons-linter (AMO review, `web-ext lint`) accepts a dynamic `import()`
 * only of `chrome.runtime.getURL(…)` or `browser.runtime.getURL(…)` spelt out, and the bundler
 * renames the imported binding.
 */
declare const chrome: {
  runtime: { getURL(path: string): string };
  dom?: { openOrClosedShadowRoot?(el: Element): ShadowRoot | null };
};

/**
 * Closed shadow roots, which extensions may read: `chrome.dom.openOrClosedShadowRoot(el)` in
 * Chromium, the `openOrClosedShadowRoot` property of elements in Firefox content scripts.
 */
function closedShadowRootOf(el: Element): ShadowRoot | null {
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
      loading = undefined;
      throw error;
    });
    return loading;
  };
}

const loadCardUi = lazyModule<CardUiModule>('/card-ui.js');
const loadMatcher = lazyModule<MatcherModule>('/matcher.js');

function createCardController(ctx: ContentScriptContext, view: PageView): CardController {
  let base: string | undefined;
  let shown: { mention: PageMention; card: ShownCard; returnFocus: Element | null } | undefined;
  let lastIndex = -1;
  let opening = 0;
  const intent = createHoverIntent<PageMention>({
    setTimeout: (fn, ms) => ctx.setTimeout(fn, ms),
    clearTimeout: (id) => clearTimeout(id),
    mentionAt: (x, y) => view.annotator?.mentionAt(x, y),
    shown: () => shown?.mention,
    delayMs: () => view.hoverDelayMs,
    graceMs: CLOSE_GRACE_MS,
    open: (mention) => void open(mention, false),
    close: () => close(false),
  });

  const close = (returnFocus: boolean) => {
    opening++;
    intent.reset();
    if (!shown) return;
    const { card, returnFocus: previous } = shown;
    shown = undefined;
    card.remove();
    if (returnFocus && previous instanceof HTMLElement) previous.focus({ preventScroll: true });
  };
  ctx.onInvalidated(() => close(false));

  const open = async (mention: PageMention, focus: boolean) => {
    intent.reset();
    if (shown?.mention === mention) {
      if (focus) shown.card.focus();
      return;
    }
    close(false);
    const ticket = ++opening;
    const previous = document.activeElement;
    // Loaded on first use: the card pulls in Preact and validates the whole data bundle, which
    // would otherwise weigh on every page load, before a single mention is read.
    let ui: CardUiModule;
    try {
      ui = await loadCardUi();
    } catch {
      return;
    }
    if (ticket !== opening || ctx.isInvalid) return;
    lastIndex = mention.index;
    const card = ui.showCard({
      hostTag: CARD_HOST,
      mention,
      lang: view.lang,
      statementUrl: (part, quote) => {
        base ??= browser.runtime.getURL('/statement.html');
        return statementUrl(base, part, quote);
      },
      onClose: () => close(true),
      onLost: () => close(false),
      // A revealed mention may still be off screen while the page scrolls smoothly towards it.
      keepUntil: focus ? performance.now() + REVEAL_SCROLL_MS : 0,
    });
    shown = { mention, card, returnFocus: previous };
    if (focus) card.focus();
  };

  const isInCard = (event: Event) => (shown ? event.composedPath().includes(shown.card.host) : false);

  // Pointer positions are read once per frame: hit-testing every pointermove would cost a
  // caret lookup per event for nothing the reader can see.
  let lastPointer: { x: number; y: number; inCard: boolean } | undefined;
  let frame = false;
  const onPointer = () => {
    frame = false;
    if (lastPointer) intent.pointer(lastPointer.x, lastPointer.y, lastPointer.inCard);
  };
  ctx.addEventListener(
    document,
    'pointermove',
    (event: PointerEvent) => {
      if (event.pointerType === 'touch') return;
      lastPointer = { x: event.clientX, y: event.clientY, inCard: isInCard(event) };
      if (!frame) {
        frame = true;
        ctx.requestAnimationFrame(onPointer);
      }
    },
    { passive: true, capture: true },
  );
  ctx.addEventListener(
    document,
    'pointerdown',
    (event: PointerEvent) => {
      if (isInCard(event)) return;
      // Touch screens have no hover: a tap on a mention opens its card at once.
      const hit = event.pointerType === 'touch' ? view.annotator?.mentionAt(event.clientX, event.clientY) : undefined;
      if (hit) void open(hit, false);
      else if (shown) close(false);
    },
    { passive: true, capture: true },
  );
  ctx.addEventListener(
    document,
    'keydown',
    (event: KeyboardEvent) => {
      if (event.key === 'Escape' && shown) close(true);
    },
    { capture: true },
  );
  // Leaving the window (pointer out of the viewport) counts as leaving both mention and card.
  ctx.addEventListener(document.documentElement, 'pointerleave', () => intent.leave());

  return {
    open,
    close,
    get lastIndex() {
      return shown?.mention.index ?? lastIndex;
    },
  };
}

function reducedMotion(): boolean {
  return window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
}

/** Scrolls to mention `index`, flashes it and opens its card with focus; false when there is no such mention. */
function revealAndOpen(annotator: Annotator, cards: CardController, index: number): boolean {
  const mention = annotator.reveal(index, reducedMotion() ? 'instant' : 'smooth');
  if (!mention) return false;
  void cards.open(mention, true);
  return true;
}

/** The top frame's address and title, sent with mentions for the popup's exports and pause control. */
function pageIdentity(): { url: string; title: string } {
  return { url: location.href, title: document.title };
}

function wireMessages(ctx: ContentScriptContext, view: PageView, cards: CardController, activate: () => boolean) {
  // The popup and the keyboard command talk to the page the reader sees: the top frame.
  // Sub-frames stay silent so that their answer never wins the race for the response; they
  // only follow `activate`, so an on-click activation covers the frames of the tab too.
  const isTop = window === window.top;
  // The native API, not the polyfill: Chromium does not reliably take a Promise returned by an
  // `onMessage` listener as the answer, so answers go through `sendResponse`, and returning
  // `true` keeps the channel open for an answer given later (Chromium and Firefox alike).
  // Returning nothing leaves the message to other listeners (another frame, the background).
  const listener = (message: unknown, _sender: unknown, sendResponse: (answer: unknown) => void): true | undefined => {
    if (!isToContentMessage(message)) return undefined;
    if (message.type === 'activate') {
      const active = activate();
      if (!isTop) return undefined;
      sendResponse({ active });
      return true;
    }
    if (!isTop) return undefined;
    // `handle` settles after the first scan; a failure still answers, so the sender never hangs.
    handle(message).then(sendResponse, () => sendResponse(undefined));
    return true;
  };
  const handle = async (message: Exclude<ToContent, { type: 'activate' }>): Promise<unknown> => {
    const annotator = view.annotator;
    if (!annotator) {
      // Off, paused or not activated here: an honest empty answer rather than silence.
      if (message.type === 'get-mentions') {
        return { mentions: [], total: 0, capped: false, ...pageIdentity() } satisfies MentionsResponse;
      }
      return message.type === 'reveal-mention' ? { ok: false } : undefined;
    }
    await annotator.ready;
    switch (message.type) {
      case 'get-mentions': {
        const all = annotator.mentions();
        const answer: MentionsResponse = {
          mentions: all
            .slice(0, MAX_LISTED)
            .map((m) => ({ index: m.index, entity: m.entity, text: m.text, snippet: m.snippet })),
          // The annotator's own count: on a page over its cap, `all` holds only what is painted.
          total: annotator.total,
          capped: annotator.capped || all.length > MAX_LISTED,
          ...(annotator.status() === 'matcher-failed' ? { error: 'matcher-unavailable' } : {}),
          ...pageIdentity(),
        };
        return answer;
      }
      case 'reveal-mention':
        return { ok: revealAndOpen(annotator, cards, message.index) };
      case 'next-mention': {
        const count = annotator.mentions().length;
        if (count > 0) revealAndOpen(annotator, cards, (cards.lastIndex + 1) % count);
        return undefined;
      }
    }
  };
  browser.runtime.onMessage.addListener(listener);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(listener));
}
