import { autoUpdate, computePosition, flip, inline, offset, shift, size, type VirtualElement } from '@floating-ui/dom';
import { logger } from '../lib/log.ts';
import type { OpenCard } from './card-controller.ts';

/*
 * Where a mention's card goes, for every host of cards (the content script's shadow host, the
 * statement page's layer). The card must never hide the word it explains, nor leave the
 * viewport: it goes below the mention, above it when only that side has room, and when neither
 * side has room it takes the roomier one and shrinks to fit, scrolling inside, rather than
 * sliding over the word.
 */

const log = logger('card');

/**
 * Custom properties the placement writes on the positioned element: its viewport position and
 * the room it has. The host's styles read them (`left`, `top`, and the card's `max-height` and
 * `max-width`); custom properties cross into a shadow tree and survive `all: initial`.
 */
export const CARD_PROPERTIES = {
  x: '--sanctions-context-x',
  y: '--sanctions-context-y',
  maxHeight: '--sanctions-context-max-height',
  maxWidth: '--sanctions-context-max-width',
} as const;

/** Space between the mention and the card. */
const GAP_PX = 6;
/** Space kept between the card and the viewport's edges. */
const MARGIN_PX = 8;

export interface CardPlacementOptions {
  /** The mention the card explains. */
  range: Range;
  /** The `position: fixed` element that holds the card and takes the custom properties. */
  floating: HTMLElement;
  /** Where the drawn card's dialog is (the floating element, or its shadow root), for focus. */
  content: ParentNode;
  /** Takes the drawn card away (unmounts it, and removes its host if it has one of its own). */
  unmount(): void;
  /** The mention was removed or scrolled out of view: the card has nothing to point at. */
  onLost(): void;
  /** Until this `performance.now()` time the card stays while its mention is off screen (a smooth scroll towards it). */
  keepUntil?: number;
}

/**
 * Places a drawn card: `floating` beside `range` now and again whenever the page scrolls, resizes
 * or reflows, until the card is removed. Returns the card for the controller; its `remove` stops
 * the placement and unmounts once, however often it is called. Never throws for a missing
 * mention: a range that is already detached calls `onLost` on the first placement.
 */
export function placeCard(options: CardPlacementOptions): OpenCard {
  const { floating, content, unmount } = options;
  const stopPlacing = keepPlaced(options);
  let removed = false;
  return {
    host: floating,
    focus: () => content.querySelector<HTMLElement>('[role="dialog"]')?.focus({ preventScroll: true }),
    remove: () => {
      if (removed) return;
      removed = true;
      stopPlacing();
      unmount();
    },
  };
}

/** Keeps `floating` beside `range` until the returned function is called. */
function keepPlaced({ range, floating, onLost, keepUntil = 0 }: CardPlacementOptions): () => void {
  const reference: VirtualElement = {
    getBoundingClientRect: () => range.getBoundingClientRect(),
    getClientRects: () => range.getClientRects(),
    contextElement: range.startContainer.parentElement ?? undefined,
  };
  const set = (name: string, px: number) => floating.style.setProperty(name, `${px}px`, 'important');
  let stopped = false;
  const update = () => {
    if (stopped) return;
    const rect = range.getBoundingClientRect();
    const view = floating.ownerDocument.documentElement;
    const offScreen = rect.bottom < 0 || rect.top > view.clientHeight;
    if (!range.startContainer.isConnected || (offScreen && performance.now() > keepUntil)) {
      onLost();
      return;
    }
    // Measured at its full height each time, so the side is chosen by what the card needs, not
    // by the height it was shrunk to for the side it had before.
    floating.style.removeProperty(CARD_PROPERTIES.maxHeight);
    computePosition(reference, floating, {
      strategy: 'fixed',
      placement: 'bottom-start',
      middleware: [
        inline(),
        offset(GAP_PX),
        // Only the main axis: sideways room is shift's business. When neither side fits, the
        // default 'bestFit' keeps the side that overflows least, i.e. the roomier one.
        flip({ padding: MARGIN_PX, crossAxis: false }),
        // Sideways only: shifting along the vertical axis would slide the card over the word.
        shift({ padding: MARGIN_PX }),
        size({
          padding: MARGIN_PX,
          apply: ({ availableHeight, availableWidth }) => {
            // Rounded down: a card half a pixel taller than the room would overflow it.
            set(CARD_PROPERTIES.maxHeight, Math.max(0, Math.floor(availableHeight)));
            set(CARD_PROPERTIES.maxWidth, Math.max(0, Math.floor(availableWidth)));
          },
        }),
      ],
    }).then(
      ({ x, y }) => {
        if (stopped) return;
        set(CARD_PROPERTIES.x, Math.round(x));
        set(CARD_PROPERTIES.y, Math.round(y));
      },
      (error: unknown) => log.warn('the card could not be placed', error),
    );
  };
  const stopAutoUpdate = autoUpdate(reference, floating, update);
  return () => {
    stopped = true;
    stopAutoUpdate();
  };
}
