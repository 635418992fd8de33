import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { logger } from '../../lib/log.ts';
import { isToContentMessage, type MentionsResponse, type ToContent } from '../../lib/messages.ts';
import type { Annotator, PageMention } from '../../page/annotator.ts';
import type { CardController } from '../../page/card-controller.ts';
import type { PageView } from './cards.ts';

/** Most mentions sent to the popup in one answer; the rest are counted in `total`. */
const MAX_LISTED = 2000;

const log = logger('content');

type Cards = CardController<PageMention>;
/** The messages the top frame answers once its first scan is done. */
type Question = Exclude<ToContent, { type: 'activate' }>;

/**
 * Answers the popup and the background (mention list, reveal, next mention, activation) until
 * `ctx` is invalidated. `activate` turns the page on and says whether it now runs.
 */
export function wireMessages(ctx: ContentScriptContext, view: PageView, cards: Cards, activate: () => boolean) {
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
    // A sub-frame answers what was sent to it alone (the popup asks each frame with mentions).
    if (!isTop && !('direct' in message && message.direct)) return undefined;
    // Settles after the first scan; a failure still answers, so the sender never hangs.
    answer(message, view.annotator, cards).then(sendResponse, (error: unknown) => {
      log.error(`no answer to ${message.type}`, error);
      sendResponse(undefined);
    });
    return true;
  };
  browser.runtime.onMessage.addListener(listener);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(listener));
}

/** The answer to `message`; an honest empty one while the page is off, paused or not activated. */
async function answer(message: Question, annotator: Annotator | undefined, cards: Cards): Promise<unknown> {
  if (!annotator) {
    if (message.type === 'get-mentions') {
      return { mentions: [], total: 0, capped: false, ...pageIdentity() } satisfies MentionsResponse;
    }
    return message.type === 'reveal-mention' ? { ok: false } : undefined;
  }
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
