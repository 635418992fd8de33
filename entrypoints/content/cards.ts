import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { statementUrl } from '../../lib/statement-url.ts';
import type { UiLang } from '../../lib/ui-lang.ts';
import type { Annotator, PageMention } from '../../page/annotator.ts';
import { type CardController, createCardController } from '../../page/card-controller.ts';
import { loadCardUi } from './extension.ts';

/** Tag of the card's shadow host; the annotator never reads or watches inside it. */
export const CARD_HOST = 'sanctions-context-card';

/** Longest smooth scroll to a revealed mention, during which its card stays open while off screen. */
const REVEAL_SCROLL_MS = 1500;

/** What the cards and the message handlers need from the live page state. */
export interface PageView {
  /** The running annotator; undefined while the extension is off, paused or not yet activated here. */
  readonly annotator: Annotator | undefined;
  readonly lang: UiLang;
  /** Pointer must rest on a mention this long before its card opens, so sweeping across text opens nothing. */
  readonly hoverDelayMs: number;
}

/**
 * The page's cards: the shared controller, fed by the running annotator's hit test and drawing
 * with the card module, which is loaded on first use (it pulls in Preact and validates the whole
 * data bundle, which would otherwise weigh on every page load). Everything stops with `ctx`.
 */
export function createPageCards(ctx: ContentScriptContext, view: PageView): CardController<PageMention> {
  let base: string | undefined;
  return createCardController<PageMention>({
    doc: document,
    win: window,
    signal: ctx.signal,
    mentionAt: (x, y) => view.annotator?.mentionAt(x, y),
    hoverDelayMs: () => view.hoverDelayMs,
    show: async (mention, request) => {
      const ui = await loadCardUi();
      return ui.showCard({
        hostTag: CARD_HOST,
        mention,
        lang: view.lang,
        statementUrl: (part, quote) => {
          base ??= browser.runtime.getURL('/statement.html');
          return statementUrl(base, part, quote);
        },
        onClose: request.close,
        onLost: request.lost,
        // A revealed mention may still be off screen while the page scrolls smoothly towards it.
        keepUntil: request.focus ? performance.now() + REVEAL_SCROLL_MS : 0,
      });
    },
  });
}
