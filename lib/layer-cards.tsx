import { render } from 'preact';
import { MentionCard } from '../components/MentionCard.tsx';
import type { EntityId } from '../engine/types.ts';
import { type CardController, createCardController } from '../page/card-controller.ts';
import { placeCard } from '../page/card-placement.ts';
import type { UiLang } from './ui-lang.ts';

/** What a card needs of a mention: what it names and where it is drawn. */
export interface LayerCardMention {
  entity: EntityId;
  text: string;
  range: Range;
}

export interface LayerCardOptions<M extends LayerCardMention> {
  /** The mention drawn at viewport point (x, y): the page's hit test. */
  mentionAt: (x: number, y: number) => M | undefined;
  doc: Document;
  /** The fixed-position element the card is drawn in; the page's mention reader must not read it. */
  layer: HTMLElement;
  lang: UiLang;
  statementUrl: (part: string, quote: string) => string;
  /** Pointer rest before a card opens, read for each new card. */
  delayMs: () => number;
  /** The key assigned to "next mention", named in the card's footer; '' or absent for none. */
  shortcut?: () => string;
  signal: AbortSignal;
}

/*
 * Hover cards on the extension's own pages (the statement page, the PDF reader): the shared card
 * controller (hover intent, touch, Escape, focus) and placement, drawn in a plain layer element.
 * Content scripts do not run on extension pages, and these pages' styles are known, so the card
 * needs no shadow root here, unlike on web pages (entrypoints/content/card-ui.tsx).
 */

/** Opens a mention's card when the pointer rests on it, drawn in `layer`; stops when `signal` aborts. */
export function attachLayerCards<M extends LayerCardMention>(o: LayerCardOptions<M>): CardController<M> {
  const { layer } = o;
  return createCardController<M>({
    doc: o.doc,
    win: o.doc.defaultView as Window,
    signal: o.signal,
    mentionAt: o.mentionAt,
    hoverDelayMs: o.delayMs,
    show: (mention, request) => {
      render(
        <MentionCard
          mention={{ entity: mention.entity, text: mention.text }}
          lang={o.lang}
          onClose={request.close}
          statementUrl={o.statementUrl}
          shortcut={o.shortcut?.() || undefined}
        />,
        layer,
      );
      return placeCard({
        range: mention.range,
        floating: layer,
        content: layer,
        onLost: request.lost,
        unmount: () => render(null, layer),
      });
    },
  });
}
