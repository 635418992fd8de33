import { render } from 'preact';
import { MentionCard } from '../../components/MentionCard.tsx';
import type { UiLang } from '../../lib/ui-lang.ts';
import type { Annotator, PageMention } from '../../page/annotator.ts';
import { type CardController, createCardController } from '../../page/card-controller.ts';
import { placeCard } from '../../page/card-placement.ts';

export interface HoverCardOptions {
  annotator: Pick<Annotator, 'mentionAt'>;
  doc: Document;
  /** The fixed-position element the card is drawn in; the annotator must not read it. */
  layer: HTMLElement;
  lang: UiLang;
  statementUrl: (part: string, quote: string) => string;
  /** Pointer rest before a card opens. */
  delayMs: number;
  signal: AbortSignal;
}

/*
 * The statement page's hover cards. Content scripts do not run on extension pages, so this page
 * paints its own mentions; the card host here is simpler than the content script's (no shadow
 * root: the page is ours and its styles are known), with the same controller and placement.
 */

/** Opens a mention's card when the pointer rests on it, drawn in `layer`; stops when `signal` aborts. */
export function attachHoverCards({
  annotator,
  doc,
  layer,
  lang,
  statementUrl,
  delayMs,
  signal,
}: HoverCardOptions): CardController<PageMention> {
  return createCardController<PageMention>({
    doc,
    win: doc.defaultView as Window,
    signal,
    mentionAt: (x, y) => annotator.mentionAt(x, y),
    hoverDelayMs: () => delayMs,
    show: (mention, request) => {
      render(
        <MentionCard
          mention={{ entity: mention.entity, text: mention.text }}
          lang={lang}
          onClose={request.close}
          statementUrl={statementUrl}
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
