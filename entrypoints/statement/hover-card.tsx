import { autoUpdate, computePosition, flip, inline, offset, shift, type VirtualElement } from '@floating-ui/dom';
import { render } from 'preact';
import { MentionCard } from '../../components/MentionCard.tsx';
import type { UiLang } from '../../lib/ui-lang.ts';
import type { Annotator, PageMention } from '../../page/annotator.ts';
import { createHoverIntent } from '../../page/hover-intent.ts';

export interface HoverCardOptions {
  annotator: Annotator;
  doc: Document;
  /** The fixed-position element the card is drawn in; the annotator must not read it. */
  layer: HTMLElement;
  lang: UiLang;
  statementUrl: (part: string, quote: string) => string;
  /** Pointer rest before a card opens. */
  delayMs: number;
  signal: AbortSignal;
}

/** Time to travel from the mention into the card (or back) before the card closes. */
const CLOSE_GRACE_MS = 350;

/*
 * The statement page's hover cards. Content scripts do not run on extension pages, so this page
 * paints its own mentions; the card host here is simpler than the content script's (no shadow
 * root: the page is ours and its styles are known), with the same hover intent, close grace
 * and Escape behaviour.
 */

/** Opens a mention's card when the pointer rests on it; stops when `signal` aborts. */
export function attachHoverCards({ annotator, doc, layer, lang, statementUrl, delayMs, signal }: HoverCardOptions) {
  const win = doc.defaultView as Window;
  let shown: { mention: PageMention; stop: () => void } | undefined;
  let frame = false;
  let last: { x: number; y: number; inCard: boolean } | undefined;
  const intent = createHoverIntent<PageMention>({
    setTimeout: (fn, ms) => win.setTimeout(fn, ms),
    clearTimeout: (id) => win.clearTimeout(id),
    mentionAt: (x, y) => annotator.mentionAt(x, y),
    shown: () => shown?.mention,
    delayMs: () => delayMs,
    graceMs: CLOSE_GRACE_MS,
    open: (mention) => open(mention),
    close: () => close(),
  });

  const close = () => {
    intent.reset();
    if (!shown) return;
    shown.stop();
    shown = undefined;
    render(null, layer);
  };
  const open = (mention: PageMention) => {
    intent.reset();
    if (shown?.mention === mention) return;
    close();
    render(
      <MentionCard
        mention={{ entity: mention.entity, text: mention.text }}
        lang={lang}
        onClose={close}
        statementUrl={statementUrl}
      />,
      layer,
    );
    const reference: VirtualElement = {
      getBoundingClientRect: () => mention.range.getBoundingClientRect(),
      getClientRects: () => mention.range.getClientRects(),
      contextElement: mention.range.startContainer.parentElement ?? undefined,
    };
    const update = () =>
      void computePosition(reference, layer, {
        strategy: 'fixed',
        placement: 'bottom-start',
        middleware: [inline(), offset(6), flip({ padding: 8 }), shift({ padding: 8 })],
      }).then(({ x, y }) => {
        layer.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
      });
    shown = { mention, stop: autoUpdate(reference, layer, update) };
  };

  const onFrame = () => {
    frame = false;
    if (last) intent.pointer(last.x, last.y, last.inCard);
  };
  const listen = { passive: true, signal } as const;
  doc.addEventListener(
    'pointermove',
    (event) => {
      if (event.pointerType === 'touch') return;
      last = { x: event.clientX, y: event.clientY, inCard: layer.contains(event.target as Node) };
      if (!frame) {
        frame = true;
        win.requestAnimationFrame(onFrame);
      }
    },
    listen,
  );
  doc.addEventListener(
    'pointerdown',
    (event) => {
      if (layer.contains(event.target as Node)) return;
      // Touch screens have no hover: a tap on a mention opens its card at once.
      const hit = event.pointerType === 'touch' ? annotator.mentionAt(event.clientX, event.clientY) : undefined;
      if (hit) open(hit);
      else close();
    },
    listen,
  );
  doc.addEventListener(
    'keydown',
    (event) => {
      if (event.key === 'Escape') close();
    },
    { signal },
  );
  signal.addEventListener('abort', close, { once: true });
}
