import { logger } from '../../lib/log.ts';
import type { UiLang } from '../../lib/ui-lang.ts';
import type { Annotator, PageMention } from '../../page/annotator.ts';
import type { CardController } from '../../page/card-controller.ts';
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

export interface PageCards extends CardController<PageMention> {
  /** Loads the card code now, without waiting for a hover: called once the page has mentions. */
  prefetch(): void;
}

/**
 * The page's cards. The card controller (hover intent, touch, Escape) lives in the card module
 * with Preact, the card and the data bundle, so a page without mentions never parses any of it;
 * the module is fetched once the page has mentions ({@link PageCards.prefetch}), so the first
 * hover finds it loaded, or by the first `open` (popup reveal, keyboard command). A failed load
 * is logged and opens nothing; the next call tries again. Everything stops with `ctx`.
 */
export function lazyPageCards(ctx: { readonly signal: AbortSignal }, view: PageView): PageCards {
  let controller: CardController<PageMention> | undefined;
  let loading: Promise<CardController<PageMention>> | undefined;
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
  return {
    prefetch: () => {
      // Asked at every count change of a live page: once loading, there is nothing to add.
      if (loading) return;
      load().catch((error: unknown) => log.warn('card module not loaded', error));
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
