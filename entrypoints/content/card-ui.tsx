import { render } from 'preact';
import { browser } from 'wxt/browser';
import cardCss from '../../components/card.css?inline';
import { MentionCard } from '../../components/MentionCard.tsx';
import type { EntityId } from '../../engine/types.ts';
import { logger } from '../../lib/log.ts';
import { statementUrl } from '../../lib/statement-url.ts';
import { sendToBackground } from '../../lib/to-background.ts';
import type { UiLang } from '../../lib/ui-lang.ts';
import type { PageMention } from '../../page/annotator.ts';
import {
  type CardController,
  createCardController,
  type OpenCard,
  type PreparedCard,
} from '../../page/card-controller.ts';
import { CARD_PROPERTIES, placeCard } from '../../page/card-placement.ts';
import { hitTest } from '../../page/hit-test.ts';
import type { PageView } from './cards.ts';

/*
 * The hover card, built apart from the content script (see the `build:publicAssets` hook in
 * wxt.config.ts) and loaded with `import()` on the first hover or reveal: Preact, the card, the
 * data bundle and floating-ui weigh several times the code that paints mentions, and most pages
 * never open a card. It runs in the content script's isolated world, like the script itself.
 */

/** Marks a card drawn ahead of its hover delay and not shown yet (see {@link prepareCard}). */
const PENDING_ATTRIBUTE = 'data-pending';

/**
 * Keeps the host out of the page's reach: important rules of the shadow tree win over every
 * rule of the page, `!important` ones and inline styles included (CSS Cascade 4, "context"),
 * and `all` leaves custom properties alone, so the placement's position and room travel in them.
 * A card drawn ahead of time stays hidden (the card resets every property, `visibility` too, so it
 * is hidden itself), and its fade-in waits until it is shown.
 */
const HOST_CSS = `:host { all: initial !important; }
:host {
  position: fixed !important; left: var(${CARD_PROPERTIES.x}, 0px) !important;
  top: var(${CARD_PROPERTIES.y}, 0px) !important;
  z-index: 2147483647 !important; display: block !important; width: max-content !important;
  margin: 0 !important; padding: 0 !important; transform: none !important;
}
:host([${PENDING_ATTRIBUTE}]) { visibility: hidden !important; }
:host([${PENDING_ATTRIBUTE}]) .card { visibility: hidden !important; animation: none !important; }`;

const log = logger('card');

/** The "next mention" key, asked of the background once per page (only it may read commands). */
let shortcut: Promise<string> | undefined;

/** Resolves to the assigned key, or to an empty string when none is set or the background does not answer. */
function assignedShortcut(): Promise<string> {
  shortcut ??= sendToBackground({ type: 'get-shortcut' }).then(
    (answer) => (typeof answer?.shortcut === 'string' ? answer.shortcut : ''),
    (error: unknown) => {
      log.debug('no shortcut from the background', error);
      return '';
    },
  );
  return shortcut;
}

export interface DrawCardOptions {
  /** Tag of the shadow host; the annotator is told never to read or watch inside it. */
  hostTag: string;
  mention: { entity: EntityId; text: string; range: Range };
  lang: UiLang;
  /** Extension URL of the statement page at `part` with `quote` lit. */
  statementUrl: (part: string, quote: string) => string;
}

export interface ShowCardOptions extends DrawCardOptions {
  /** The reader closed the card (close button, Escape inside it). */
  onClose: () => void;
  /** The mention was removed or scrolled out of view: the card has nothing to point at. */
  onLost: () => void;
  /** Until this `performance.now()` time the card stays open while its mention is off screen (smooth reveal scroll). */
  keepUntil: number;
}

/**
 * Renders the card of `mention` in a fresh open shadow root on the page's root element and keeps
 * it placed beside the mention; `remove` unmounts it and takes its host off the page. Never throws for a missing mention: a range that is already
 * detached calls `onLost` on the first placement.
 */
export function showCard(options: ShowCardOptions): OpenCard {
  return drawCard(options, options, options.keepUntil, false);
}

/**
 * Draws the card of `mention` as {@link showCard} does, out of sight (the host is hidden, so it
 * takes no pointer and no focus, and assistive technology does not see it): its rendering,
 * style, layout and placement are done in the frames before the hover delay ends, and `reveal`
 * only unhides it. A mention lost meanwhile takes the unseen card away; `reveal` then returns
 * undefined.
 */
export function prepareCard(options: DrawCardOptions): PreparedCard {
  // Lost while unseen (possibly during the drawing itself: the placement checks its mention at
  // once): the card goes, and `reveal` leaves the controller to draw anew.
  let gone = false;
  let drawn: OpenCard | undefined;
  const callbacks = {
    onClose: () => {},
    onLost: () => {
      gone = true;
      drawn?.remove();
    },
  };
  const card = drawCard(options, callbacks, 0, true);
  drawn = card;
  if (gone) card.remove();
  return {
    reveal: (request) => {
      if (gone) return undefined;
      callbacks.onClose = request.close;
      callbacks.onLost = request.lost;
      card.host.removeAttribute(PENDING_ATTRIBUTE);
      return card;
    },
    discard: () => {
      gone = true;
      card.remove();
    },
  };
}

/** The drawing shared by {@link showCard} and {@link prepareCard}; `on` is read at each call, so it may be swapped. */
function drawCard(
  options: DrawCardOptions,
  on: { onClose(): void; onLost(): void },
  keepUntil: number,
  pending: boolean,
): OpenCard {
  const { mention } = options;
  const host = document.createElement(options.hostTag);
  if (pending) host.setAttribute(PENDING_ATTRIBUTE, '');
  const shadow = host.attachShadow({ mode: 'open' });
  // Text, not markup: a <style> filled through textContent is no Trusted Types sink.
  const style = document.createElement('style');
  style.textContent = `${HOST_CSS}\n${cardCss}`;
  const container = document.createElement('div');
  shadow.append(style, container);
  let mounted = true;
  const onClose = () => on.onClose();
  const draw = (key?: string) =>
    render(
      <MentionCard
        mention={{ entity: mention.entity, text: mention.text }}
        lang={options.lang}
        onClose={onClose}
        statementUrl={options.statementUrl}
        shortcut={key}
      />,
      container,
    );
  draw();
  // The footer line arrives a moment later the first time; the placement follows the card's size.
  void assignedShortcut().then((key) => {
    if (mounted && key) draw(key);
  });
  // The root element rather than <body>: a transformed or filtered body would become the
  // containing block of the fixed-position card and misplace it.
  document.documentElement.append(host);

  return placeCard({
    range: mention.range,
    floating: host,
    content: shadow,
    onLost: () => on.onLost(),
    keepUntil,
    unmount: () => {
      mounted = false;
      render(null, container);
      host.remove();
    },
  });
}

/**
 * Draws one card off the page (in a container never attached), once, right after the module
 * loads, which the first pointer move on a page with mentions starts, well ahead of the hover
 * intent's delay: the first real card then finds Preact, the card's components, its data and its
 * text prepared. Nothing of it reaches the page.
 */
function warmUp(view: PageView, statementLink: (part: string, quote: string) => string): void {
  const container = document.createElement('div');
  try {
    render(
      <MentionCard
        mention={{ entity: 'dprk', text: 'DPRK' }}
        lang={view.lang}
        onClose={() => {}}
        statementUrl={statementLink}
      />,
      container,
    );
    render(null, container);
  } catch (error) {
    log.debug('card warm-up failed', error);
  }
}

/** Longest smooth scroll to a revealed mention, during which its card stays open while off screen. */
const REVEAL_SCROLL_MS = 1500;

/**
 * The page's card controller, fed by the running annotator's hit test and drawing with
 * {@link showCard} in hosts named `hostTag`; every listener stops with `ctx`.
 */
export function createPageCards(
  ctx: { readonly signal: AbortSignal },
  view: PageView,
  hostTag: string,
): CardController<PageMention> {
  let base: string | undefined;
  const statementLink = (part: string, quote: string) => {
    base ??= browser.runtime.getURL('/statement.html');
    return statementUrl(base, part, quote);
  };
  warmUp(view, statementLink);
  return createCardController<PageMention>({
    doc: document,
    win: window,
    signal: ctx.signal,
    mentionAt: (x, y) => (view.annotator ? hitTest(document, view.annotator.hits, x, y) : undefined),
    hoverDelayMs: () => view.hoverDelayMs,
    prepare: (mention) => prepareCard({ hostTag, mention, lang: view.lang, statementUrl: statementLink }),
    show: (mention, request) =>
      showCard({
        hostTag,
        mention,
        lang: view.lang,
        statementUrl: statementLink,
        onClose: request.close,
        onLost: request.lost,
        // A revealed mention may still be off screen while the page scrolls smoothly towards it.
        keepUntil: request.focus ? performance.now() + REVEAL_SCROLL_MS : 0,
      }),
  });
}
