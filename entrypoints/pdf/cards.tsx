import { render } from 'preact';
import { MentionCard } from '../../components/MentionCard.tsx';
import type { UiLang } from '../../lib/ui-lang.ts';
import { type CardController, createCardController } from '../../page/card-controller.ts';
import { placeCard } from '../../page/card-placement.ts';
import type { PaintedPdfMention } from '../../page/pdf-mentions.ts';

export interface PdfCardOptions {
  /** The hit test over the painted PDF mentions (the mention layer's `mentionAt`). */
  mentionAt: (x: number, y: number) => PaintedPdfMention | undefined;
  doc: Document;
  /** The fixed-position element the card is drawn in. */
  layer: HTMLElement;
  lang: UiLang;
  statementUrl: (part: string, quote: string) => string;
  /** Pointer rest before a card opens, read for each new card. */
  delayMs: () => number;
  /** The key assigned to "next mention", named in the card's footer as on web pages; '' for none. */
  shortcut?: () => string;
  signal: AbortSignal;
}

/*
 * The reader's hover cards: the shared card controller (hover intent, touch, Escape, focus) and
 * placement, over the PDF text layers' mentions. Like the statement page, the reader is an
 * extension page whose styles are known, so the card is drawn in a plain layer.
 */

/** Opens a mention's card when the pointer rests on it, drawn in `layer`; stops when `signal` aborts. */
export function attachPdfCards({
  mentionAt,
  doc,
  layer,
  lang,
  statementUrl,
  delayMs,
  shortcut,
  signal,
}: PdfCardOptions): CardController<PaintedPdfMention> {
  return createCardController<PaintedPdfMention>({
    doc,
    win: doc.defaultView as Window,
    signal,
    mentionAt,
    hoverDelayMs: delayMs,
    show: (mention, request) => {
      render(
        <MentionCard
          mention={{ entity: mention.entity, text: mention.text }}
          lang={lang}
          onClose={request.close}
          statementUrl={statementUrl}
          shortcut={shortcut?.() || undefined}
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
