import type { MentionsResponse, ToContent } from '../../lib/messages.ts';
import type { Annotator, PageMention } from '../../page/annotator.ts';
import type { CardController } from '../../page/card-controller.ts';

/** Most mentions sent to the popup in one answer; the rest are counted in `total`. */
const MAX_LISTED = 2000;

type Cards = Pick<CardController<PageMention>, 'open' | 'lastOpened'>;
/** The messages the top frame answers once its first scan is done. */
export type Question = Exclude<ToContent, { type: 'activate' }>;

/** The answer to `message`; an honest empty one while the page is off, paused or not activated. */
export async function answer(message: Question, annotator: Annotator | undefined, cards: Cards): Promise<unknown> {
  if (!annotator) return emptyAnswer(message);
  await annotator.ready;
  switch (message.type) {
    case 'get-mentions':
      return listMentions(annotator);
    case 'reveal-mention':
      return { ok: revealAndOpen(annotator, cards, message.index) };
    case 'next-mention': {
      const count = annotator.mentions().length;
      const last = cards.lastOpened?.index ?? -1;
      if (count > 0) revealAndOpen(annotator, cards, (last + 1) % count);
      return undefined;
    }
  }
}

/** The answer of a frame without mentions: no list, nothing to reveal. */
export function emptyAnswer(message: Question): unknown {
  if (message.type === 'get-mentions') {
    return { mentions: [], total: 0, capped: false, ...pageIdentity() } satisfies MentionsResponse;
  }
  return message.type === 'reveal-mention' ? { ok: false } : undefined;
}

/** The page's mentions for the popup, at most {@link MAX_LISTED} of them. */
function listMentions(annotator: Annotator): MentionsResponse {
  const all = annotator.mentions();
  return {
    mentions: all
      .slice(0, MAX_LISTED)
      .map((m) => ({ index: m.index, entity: m.entity, text: m.text, snippet: m.snippet })),
    // The annotator's own count: on a page over its cap, `all` holds only what is painted.
    total: annotator.total,
    capped: annotator.capped || all.length > MAX_LISTED,
    ...(annotator.status() === 'matcher-failed' ? { error: 'matcher-unavailable' } : {}),
    ...pageIdentity(),
  };
}

/** The top frame's address and title, sent with mentions for the popup's exports and pause control. */
function pageIdentity(): { url: string; title: string } {
  return { url: location.href, title: document.title };
}

function reducedMotion(): boolean {
  return window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
}

/** Scrolls to mention `index`, flashes it and opens its card with focus; false when there is no such mention. */
function revealAndOpen(annotator: Annotator, cards: Cards, index: number): boolean {
  const mention = annotator.reveal(index, reducedMotion() ? 'instant' : 'smooth');
  if (!mention) return false;
  void cards.open(mention, true);
  return true;
}
