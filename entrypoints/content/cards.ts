import { logger } from '../../lib/log.ts';
import type { UiLang } from '../../lib/ui-lang.ts';
import type { Annotator, PageMention } from '../../page/annotator.ts';
import { type CardController, sinceEvent } from '../../page/card-controller.ts';
import { loadCardUi } from './extension.ts';

/** Tag of the card's shadow host; the annotator never reads or watches inside it. */
export const CARD_HOST = 'sanctions-context-card';

const log = logger('cards');

/** What the cards and the message handlers need from the live page state. */
export interface PageView {
  /** The running annotator; undefined while the extension is off, paused or not yet activated here. */
  readonly annotator: Annotator | undefined;
  readonly lang: UiLang;
  /** Pointer must rest on a mention this long before its card opens, so sweeping across text opens nothing. */
  readonly hoverDelayMs: number;
}

export interface PageCards extends Omit<CardController<PageMention>, 'pointerAt'> {
  /**
   * Has the card code loaded at the first sign of a pointer on the page (it moves or touches),
   * well ahead of the hover intent's delay: called once the page has mentions.
   */
  prefetch(): void;
}

/**
 * The page's cards. The card controller (hover intent, touch, Escape) lives in the card module
 * with Preact, the card and the data bundle, so a page without mentions never parses any of it;
 * on a page with mentions it is fetched when the pointer first moves or touches the page
 * ({@link PageCards.prefetch}): the controller then learns where the pointer is, so a first hover
 * or tap opens its card as every later one does. Keyboard users (the command, the popup's reveal)
 * load it by the first `open`. A failed load is logged and opens nothing; the next call tries
 * again. Everything stops with `ctx`.
 */
export function lazyPageCards(ctx: { readonly signal: AbortSignal }, view: PageView): PageCards {
  let controller: CardController<PageMention> | undefined;
  let loading: Promise<CardController<PageMention>> | undefined;
  let armed = false;
  const load = () => {
    loading ??= loadCardUi().then(
      (ui) => {
        controller = ui.createPageCards(ctx, view, CARD_HOST);
        return controller;
      },
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    );
    return loading;
  };
  /** Loads the card code at the first pointer event, following the pointer until it is there. */
  const arm = () => {
    armed = true;
    const listening = new AbortController();
    const stop = () => listening.abort();
    ctx.signal.addEventListener('abort', stop, { once: true });
    let last: { x: number; y: number; tap: boolean; at: number } | undefined;
    const onPointer = (event: PointerEvent) => {
      const tap = event.type === 'pointerdown' && event.pointerType === 'touch';
      if (event.type === 'pointermove' && event.pointerType === 'touch') return;
      last = { x: event.clientX, y: event.clientY, tap, at: performance.now() };
      if (loading) return;
      load().then(
        (loaded) => {
          stop();
          if (last) loaded.pointerAt(last.x, last.y, last.tap, sinceEvent(last.at));
        },
        (error: unknown) => {
          stop();
          armed = false;
          log.warn('card module not loaded', error);
        },
      );
    };
    const options = { capture: true, passive: true, signal: listening.signal } as const;
    document.addEventListener('pointermove', onPointer, options);
    document.addEventListener('pointerdown', onPointer, options);
  };
  return {
    prefetch: () => {
      // Asked at every count change of a live page: once armed or loading, there is nothing to add.
      if (!armed && !loading) arm();
    },
    open: async (mention, focus) => {
      try {
        await (await load()).open(mention, focus);
      } catch (error) {
        log.warn('card not opened', error);
      }
    },
    close: (returnFocus) => controller?.close(returnFocus),
    get lastOpened() {
      return controller?.lastOpened;
    },
  };
}
