import { logger } from '../lib/log.ts';
import { createHoverIntent, type HoverIntent } from './hover-intent.ts';

/*
 * When a mention's card opens and closes, for every host of cards: the content script (a card in
 * a shadow root, its module loaded on first use), the statement page (a card in a layer of its
 * own) and any later reader. The host supplies the hit test and draws the card; this module owns
 * the pointer, touch and keyboard rules, so they cannot drift apart between hosts.
 */

const log = logger('card');

/** Time to travel from the mention into the card (or back) before the card closes. */
export const CLOSE_GRACE_MS = 350;

/** A card on screen, as drawn by the host's `show`. */
export interface OpenCard {
  /** The element the card is drawn in: an event whose composed path crosses it happened inside the card. */
  readonly host: Element;
  /** Moves keyboard focus into the card. */
  focus(): void;
  /** Takes the card off the page. Safe to call twice. */
  remove(): void;
}

/** What the controller tells the host's `show` along with the mention. */
export interface CardRequest {
  /** Opened from the keyboard (a reveal): the card takes focus, and its mention may still be scrolling into view. */
  readonly focus: boolean;
  /** The reader closed the card (its close button, Escape inside it): focus goes back where it was. */
  close(): void;
  /** The mention was removed or scrolled away: the card closes without moving focus. */
  lost(): void;
}

/** A card drawn out of sight ahead of its hover delay (see `CardControllerOptions.prepare`). */
export interface PreparedCard {
  /** Shows the card, now answering to `request`; undefined when it was lost meanwhile (draw it anew). */
  reveal(request: CardRequest): OpenCard | undefined;
  /** Takes the unseen card away. Safe to call twice and after `reveal`'s card was removed. */
  discard(): void;
}

/** The timers the controller runs; a `Window` has them all. */
export interface CardTimers {
  setTimeout(fn: () => void, ms: number): number;
  clearTimeout(id: number): void;
  requestAnimationFrame(fn: () => void): number;
}

export interface CardControllerOptions<M> {
  /** The document whose pointer and key events open and close cards. */
  doc: Document;
  win: CardTimers;
  /** Ends every listener and closes the open card when aborted. */
  signal: AbortSignal;
  /** The mention drawn at viewport point (x, y), if any (the hit-test source). */
  mentionAt(x: number, y: number): M | undefined;
  /** Draws and places the card of `mention`; may load the card's code first. A rejection is logged and shows nothing. */
  show(mention: M, request: CardRequest): OpenCard | Promise<OpenCard>;
  /**
   * Optional: draws the card of `mention` out of sight, shortly before the hover delay ends, so
   * that at the end of the delay the card only has to be shown. Pointer opens only; a keyboard
   * open draws with `show`. A throw is logged and leaves `show` to draw the card.
   */
  prepare?(mention: M): PreparedCard;
  /** Pointer rest before a card opens, read at each new mention so a changed setting applies to the next card. */
  hoverDelayMs(): number;
  /** Close grace in ms; {@link CLOSE_GRACE_MS} unless given. */
  graceMs?: number;
}

export interface CardController<M> {
  /** Opens the card of `mention`; with `focus`, moves keyboard focus into it (keyboard path). Settles once it is shown or given up. */
  open(mention: M, focus: boolean): Promise<void>;
  /** Closes the card; with `returnFocus`, gives focus back to where it was before the card took it. */
  close(returnFocus: boolean): void;
  /** The mention whose card is open or was opened last; undefined before any. */
  readonly lastOpened: M | undefined;
  /**
   * What the pointer did before the controller listened (it was created later): rests at viewport
   * point (x, y) since `sinceMs` ago, or, with `tap`, touched it. Handled as the listener would
   * have handled it then.
   */
  pointerAt(x: number, y: number, tap: boolean, sinceMs: number): void;
}

/**
 * Listens to `doc` until `signal` aborts: a card opens when the pointer rests on a mention (hover
 * intent), at once on a touch tap, and closes after the grace period once the pointer has left
 * both mention and card, on a press outside it, on Escape, and on abort. Nothing is drawn until
 * a mention is hovered, tapped or opened.
 */
export function createCardController<M>(o: CardControllerOptions<M>): CardController<M> {
  const { doc, win, signal } = o;
  let shown: { mention: M; card: OpenCard; returnFocus: Element | null } | undefined;
  let lastOpened: M | undefined;
  // Bumped by every open and close, so a card whose code arrives late is dropped, not shown.
  let opening = 0;
  let prepared: { mention: M; card: PreparedCard } | undefined;
  const discardPrepared = () => {
    const card = prepared?.card;
    prepared = undefined;
    card?.discard();
  };
  const prepare = o.prepare;
  const intent = createHoverIntent<M>({
    setTimeout: (fn, ms) => win.setTimeout(fn, ms),
    clearTimeout: (id) => win.clearTimeout(id),
    mentionAt: (x, y) => o.mentionAt(x, y),
    shown: () => shown?.mention,
    delayMs: () => o.hoverDelayMs(),
    graceMs: o.graceMs ?? CLOSE_GRACE_MS,
    open: (mention) => void open(mention, false),
    close: () => close(false),
    ...(prepare && {
      prepare: (mention: M) => {
        discardPrepared();
        if (signal.aborted || shown?.mention === mention) return;
        try {
          prepared = { mention, card: prepare(mention) };
        } catch (error) {
          log.warn('the card could not be prepared', error);
        }
      },
      unprepare: discardPrepared,
    }),
  });

  const close = (returnFocus: boolean) => {
    opening++;
    intent.reset();
    if (!shown) return;
    const { card, returnFocus: previous } = shown;
    shown = undefined;
    card.remove();
    if (returnFocus && previous && 'focus' in previous) (previous as HTMLElement).focus({ preventScroll: true });
  };

  const open = async (mention: M, focus: boolean) => {
    if (signal.aborted) return;
    intent.reset();
    if (shown?.mention === mention) {
      if (focus) shown.card.focus();
      return;
    }
    // Taken before `close`, whose reset of the hover intent would discard it.
    const ready = !focus && prepared?.mention === mention ? prepared.card : undefined;
    if (ready) prepared = undefined;
    close(false);
    discardPrepared();
    const ticket = ++opening;
    const previous = doc.activeElement;
    // A card that is no longer the latest (another opened, or it was closed meanwhile) ignores its callbacks.
    const current = () => ticket === opening;
    const request: CardRequest = {
      focus,
      close: () => current() && close(true),
      lost: () => current() && close(false),
    };
    let card: OpenCard;
    try {
      card = ready?.reveal(request) ?? (await o.show(mention, request));
    } catch (error) {
      log.warn('the card could not be shown', error);
      return;
    }
    if (!current() || signal.aborted) {
      card.remove();
      return;
    }
    lastOpened = mention;
    shown = { mention, card, returnFocus: previous };
    if (focus) card.focus();
  };

  const tap = (hit: M | undefined) => {
    if (hit !== undefined) void open(hit, false);
    else if (shown) close(false);
  };
  listen(doc, signal, win, {
    host: () => shown?.card.host,
    intent,
    mentionAt: o.mentionAt,
    tap,
    escape: () => {
      if (shown) close(true);
    },
  });
  signal.addEventListener(
    'abort',
    () => {
      close(false);
      discardPrepared();
    },
    { once: true },
  );

  return {
    open,
    close,
    get lastOpened() {
      return lastOpened;
    },
    pointerAt: (x, y, touched, sinceMs) => {
      if (signal.aborted) return;
      if (touched) tap(o.mentionAt(x, y));
      else intent.pointer(x, y, false, sinceMs);
    },
  };
}

interface Handlers<M> {
  /** The element of the open card, if any. */
  host(): Element | undefined;
  intent: HoverIntent;
  mentionAt(x: number, y: number): M | undefined;
  /** A press outside the card: `hit` is the mention tapped on a touch screen. */
  tap(hit: M | undefined): void;
  escape(): void;
}

/** Milliseconds since `at`, a `performance.now()` reading taken as a pointer event was handled. */
export function sinceEvent(at: number): number {
  return Math.max(0, performance.now() - at);
}

/** Adds the controller's listeners to `doc`, all removed when `signal` aborts. */
function listen<M>(doc: Document, signal: AbortSignal, win: CardTimers, on: Handlers<M>): void {
  // Read while the event is dispatched: its composed path is empty afterwards.
  const inCard = (event: Event) => {
    const host = on.host();
    return host !== undefined && event.composedPath().includes(host);
  };
  // Pointer positions are read once per frame: hit-testing every pointermove would cost a
  // caret lookup per event for nothing the reader can see.
  let last: { x: number; y: number; inCard: boolean; at: number } | undefined;
  let pending = false;
  const onFrame = () => {
    pending = false;
    if (last && !signal.aborted) on.intent.pointer(last.x, last.y, last.inCard, sinceEvent(last.at));
  };
  // Capture, so a page that stops propagation of its pointer events does not blind the card.
  const options = { passive: true, capture: true, signal } as const;
  doc.addEventListener(
    'pointermove',
    (event) => {
      if (event.pointerType === 'touch') return;
      last = { x: event.clientX, y: event.clientY, inCard: inCard(event), at: performance.now() };
      if (!pending) {
        pending = true;
        win.requestAnimationFrame(onFrame);
      }
    },
    options,
  );
  doc.addEventListener(
    'pointerdown',
    (event) => {
      if (inCard(event)) return;
      // Touch screens have no hover: a tap on a mention opens its card at once.
      on.tap(event.pointerType === 'touch' ? on.mentionAt(event.clientX, event.clientY) : undefined);
    },
    options,
  );
  doc.addEventListener(
    'keydown',
    (event) => {
      if (event.key === 'Escape') on.escape();
    },
    { capture: true, signal },
  );
  // Leaving the window (pointer out of the viewport) counts as leaving both mention and card.
  doc.documentElement.addEventListener('pointerleave', () => on.intent.leave(), { signal });
}
