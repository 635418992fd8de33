// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { attachLayerCards } from '../../lib/layer-cards.tsx';
import type { PageMention } from '../../page/annotator.ts';
import {
  type CardController,
  type CardRequest,
  CLOSE_GRACE_MS,
  createCardController,
  type OpenCard,
  type PreparedCard,
} from '../../page/card-controller.ts';
import { PREPARE_LEAD_MS } from '../../page/hover-intent.ts';

/*
 * The card controller on a page of two mentions side by side, "a" at x 0–99 and "b" at x 100–199
 * (the hit test is a stub: happy-dom lays nothing out), with cards drawn as plain elements.
 */

const DELAY_MS = 300;
/** One animation frame of the stubbed timers: pointer moves are read once per frame. */
const FRAME_MS = 16;

interface Mention {
  id: string;
}
const A: Mention = { id: 'a' };
const B: Mention = { id: 'b' };

interface Setup {
  cards: CardController<Mention>;
  stop: AbortController;
  /** Every card drawn so far, in order, with the request it was drawn for. */
  drawn: { mention: Mention; el: HTMLElement; request: CardRequest }[];
  /** The cards on the page now. */
  onPage(): string[];
  delayMs: { value: number };
}

/** Controllers of the running test, stopped after it so their listeners leave the shared document. */
const running: AbortController[] = [];

function setup(
  show?: (mention: Mention, request: CardRequest) => OpenCard | Promise<OpenCard>,
  prepare?: (mention: Mention) => PreparedCard,
): Setup {
  const stop = new AbortController();
  running.push(stop);
  const drawn: Setup['drawn'] = [];
  const delayMs = { value: DELAY_MS };
  const draw = (mention: Mention, request: CardRequest): OpenCard => {
    const el = document.createElement('div');
    el.className = 'card';
    el.tabIndex = -1;
    el.textContent = `card ${mention.id}`;
    document.body.append(el);
    drawn.push({ mention, el, request });
    return { host: el, focus: () => el.focus(), remove: () => el.remove() };
  };
  const cards = createCardController<Mention>({
    doc: document,
    win: {
      setTimeout: (fn, ms) => setTimeout(fn, ms) as unknown as number,
      clearTimeout: (id) => clearTimeout(id),
      requestAnimationFrame: (fn) => setTimeout(fn, FRAME_MS) as unknown as number,
    },
    signal: stop.signal,
    mentionAt: (x) => (x < 100 ? A : x < 200 ? B : undefined),
    show: show ? (m, r) => show(m, r) : draw,
    ...(prepare && { prepare }),
    hoverDelayMs: () => delayMs.value,
  });
  const onPage = () => [...document.querySelectorAll('.card')].map((el) => el.textContent ?? '');
  return { cards, stop, drawn, onPage, delayMs };
}

function pointer(type: 'pointermove' | 'pointerdown', x: number, target: EventTarget = document.body, kind = 'mouse') {
  target.dispatchEvent(
    new PointerEvent(type, { clientX: x, clientY: 5, pointerType: kind, bubbles: true, composed: true }),
  );
}

function press(key: string, target: EventTarget = document.body) {
  target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true }));
}

/** Lets the controller take the card it was given (`show` is awaited, even when it draws at once). */
async function settle() {
  await vi.advanceTimersByTimeAsync(0);
}

beforeEach(() => {
  fakeBrowser.reset();
  vi.useFakeTimers();
  document.body.replaceChildren();
});

afterEach(() => {
  for (const stop of running.splice(0)) stop.abort();
  vi.useRealTimers();
});

describe('card controller: pointer', () => {
  it('opens a card only after the pointer rests on a mention for the delay', async () => {
    const { onPage } = setup();
    pointer('pointermove', 50);
    await vi.advanceTimersByTimeAsync(FRAME_MS + 200);
    pointer('pointermove', 150); // swept on to the next mention: the first never opens
    // The delay runs from the pointer's arrival, not from the frame that reads it.
    await vi.advanceTimersByTimeAsync(DELAY_MS - 1);
    expect(onPage()).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(onPage()).toEqual(['card b']);
  });

  it('takes where the pointer was before it listened: a rest opens after the delay, a tap at once', async () => {
    const { cards, onPage } = setup();
    cards.pointerAt(250, 5, false, 0); // off every mention: nothing
    // Resting there for 100 ms already when the controller hears of it: the card opens 100 ms sooner.
    cards.pointerAt(50, 5, false, 100);
    await vi.advanceTimersByTimeAsync(DELAY_MS - 100 - 1);
    expect(onPage()).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(onPage()).toEqual(['card a']);
    cards.pointerAt(150, 5, true, 0);
    await settle();
    expect(onPage()).toEqual(['card b']);
  });

  it('reads the delay at each new mention, so a changed setting applies to the next card', async () => {
    const { onPage, delayMs } = setup();
    delayMs.value = 1000;
    pointer('pointermove', 50);
    await vi.advanceTimersByTimeAsync(FRAME_MS + DELAY_MS);
    expect(onPage()).toEqual([]);
    await vi.advanceTimersByTimeAsync(1000 - DELAY_MS);
    expect(onPage()).toEqual(['card a']);
  });

  it('keeps the card while the pointer is in it, closes after the grace once it left both', async () => {
    const { onPage, drawn } = setup();
    pointer('pointermove', 50);
    await vi.advanceTimersByTimeAsync(FRAME_MS + DELAY_MS);
    expect(onPage()).toEqual(['card a']);
    const card = drawn[0]?.el as HTMLElement;
    pointer('pointermove', 500); // off the mention…
    await vi.advanceTimersByTimeAsync(FRAME_MS + 100);
    pointer('pointermove', 500, card); // …into the card within the grace period
    await vi.advanceTimersByTimeAsync(FRAME_MS + CLOSE_GRACE_MS * 3);
    expect(onPage()).toEqual(['card a']);
    pointer('pointermove', 500); // out of the card, onto nothing
    await vi.advanceTimersByTimeAsync(FRAME_MS + CLOSE_GRACE_MS - 1);
    expect(onPage()).toEqual(['card a']);
    await vi.advanceTimersByTimeAsync(1);
    expect(onPage()).toEqual([]);
  });

  it('closes after the grace when the pointer leaves the window', async () => {
    const { onPage } = setup();
    pointer('pointermove', 50);
    await vi.advanceTimersByTimeAsync(FRAME_MS + DELAY_MS);
    expect(onPage()).toEqual(['card a']);
    document.documentElement.dispatchEvent(new PointerEvent('pointerleave'));
    await vi.advanceTimersByTimeAsync(CLOSE_GRACE_MS);
    expect(onPage()).toEqual([]);
  });

  it('ignores touch moves, opens on a touch tap at once, and closes on a press elsewhere', async () => {
    const { onPage, drawn } = setup();
    pointer('pointermove', 50, document.body, 'touch');
    await vi.advanceTimersByTimeAsync(FRAME_MS + DELAY_MS * 2);
    expect(onPage()).toEqual([]);
    pointer('pointerdown', 150, document.body, 'touch');
    await settle();
    expect(onPage()).toEqual(['card b']);
    // A press inside the card (its links, its close button) leaves it alone.
    pointer('pointerdown', 500, drawn[0]?.el, 'touch');
    expect(drawn).toHaveLength(1);
    expect(onPage()).toEqual(['card b']);
    await settle();
    expect(onPage()).toEqual(['card b']);
    pointer('pointerdown', 500, document.body, 'mouse');
    expect(onPage()).toEqual([]);
  });
});

describe('card controller: keyboard and focus', () => {
  it('opens with focus inside the card, and Escape closes it and gives focus back', async () => {
    const { cards, onPage, drawn } = setup();
    const button = document.createElement('button');
    document.body.append(button);
    button.focus();
    expect(document.activeElement).toBe(button);
    await cards.open(A, true);
    expect(onPage()).toEqual(['card a']);
    expect(drawn[0]?.request.focus).toBe(true);
    expect(document.activeElement).toBe(drawn[0]?.el);
    expect(cards.lastOpened).toBe(A);
    press('Escape', drawn[0]?.el);
    expect(onPage()).toEqual([]);
    expect(document.activeElement).toBe(button);
    // The last opened mention is remembered after its card closed: "next mention" goes on from it.
    expect(cards.lastOpened).toBe(A);
  });

  it('leaves Escape and other keys alone while no card is open', async () => {
    const { cards, onPage } = setup();
    const seen: string[] = [];
    document.addEventListener('keydown', (event) => seen.push(event.key));
    press('Escape');
    expect(seen).toEqual(['Escape']);
    await cards.open(B, false);
    press('Enter');
    expect(onPage()).toEqual(['card b']);
    press('Escape');
    expect(onPage()).toEqual([]);
  });

  it("the card's own close (button, Escape inside) gives focus back; a lost mention does not", async () => {
    const { cards, onPage, drawn } = setup();
    const button = document.createElement('button');
    document.body.append(button);
    button.focus();
    await cards.open(A, true);
    drawn[0]?.request.close();
    expect(onPage()).toEqual([]);
    expect(document.activeElement).toBe(button);
    await cards.open(B, true);
    expect(document.activeElement).toBe(drawn[1]?.el);
    drawn[1]?.request.lost();
    expect(onPage()).toEqual([]);
    expect(document.activeElement).not.toBe(button);
  });

  it('opening the mention whose card is open keeps that card and only moves focus into it', async () => {
    const { cards, drawn } = setup();
    await cards.open(A, false);
    expect(document.activeElement).not.toBe(drawn[0]?.el);
    await cards.open(A, true);
    expect(drawn).toHaveLength(1);
    expect(document.activeElement).toBe(drawn[0]?.el);
  });
});

describe('card controller: cards that arrive late or never', () => {
  it('drops a card whose code arrives after it was closed or replaced', async () => {
    const gates: (() => void)[] = [];
    const { cards, onPage } = setup(async (mention) => {
      await new Promise<void>((open) => gates.push(open));
      const el = document.createElement('div');
      el.className = 'card';
      el.textContent = `card ${mention.id}`;
      document.body.append(el);
      return { host: el, focus: () => el.focus(), remove: () => el.remove() };
    });
    const first = cards.open(A, false);
    const second = cards.open(B, false); // replaces the first before its code arrived
    expect(gates).toHaveLength(2);
    gates[1]?.();
    await second;
    gates[0]?.();
    await first;
    expect(onPage()).toEqual(['card b']);
    expect(cards.lastOpened).toBe(B);

    const third = cards.open(A, false);
    cards.close(false); // closed while loading
    gates[2]?.();
    await third;
    expect(onPage()).toEqual([]);
  });

  it('a stale card cannot close the one shown after it', async () => {
    const { cards, onPage, drawn } = setup();
    await cards.open(A, false);
    await cards.open(B, false);
    expect(onPage()).toEqual(['card b']);
    drawn[0]?.request.lost();
    drawn[0]?.request.close();
    expect(onPage()).toEqual(['card b']);
  });

  it('a card that fails to load shows nothing, and the next try works', async () => {
    let fail = true;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { cards, onPage } = setup(async (mention) => {
      if (fail) throw new Error('module gone');
      const el = document.createElement('div');
      el.className = 'card';
      el.textContent = `card ${mention.id}`;
      document.body.append(el);
      return { host: el, focus: () => el.focus(), remove: () => el.remove() };
    });
    await cards.open(A, false);
    expect(onPage()).toEqual([]);
    expect(cards.lastOpened).toBeUndefined();
    // Reported through the debug log (on in tests), never silently.
    expect(warn).toHaveBeenCalledWith('[sanctions-context:card]', 'the card could not be shown', expect.any(Error));
    fail = false;
    await cards.open(A, false);
    expect(onPage()).toEqual(['card a']);
    warn.mockRestore();
  });

  it('closes the card and stops listening when its signal aborts', async () => {
    const { cards, onPage, stop } = setup();
    await cards.open(A, false);
    expect(onPage()).toEqual(['card a']);
    stop.abort();
    expect(onPage()).toEqual([]);
    pointer('pointermove', 50);
    pointer('pointerdown', 50, document.body, 'touch');
    await vi.advanceTimersByTimeAsync(FRAME_MS + DELAY_MS * 2);
    await cards.open(B, false);
    expect(onPage()).toEqual([]);
  });
});

describe('card controller: cards drawn ahead of the delay', () => {
  /** Cards drawn hidden (class "card hidden"), shown by `reveal`; every call is logged. */
  function preparing() {
    const log: string[] = [];
    const prepare = (mention: Mention): PreparedCard => {
      const el = document.createElement('div');
      el.className = 'card';
      el.hidden = true;
      el.textContent = `card ${mention.id}`;
      document.body.append(el);
      log.push(`prepare ${mention.id}`);
      return {
        reveal: (request) => {
          if (!el.isConnected) return undefined;
          log.push(`reveal ${mention.id}`);
          el.hidden = false;
          el.addEventListener('click', () => request.close());
          return { host: el, focus: () => el.focus(), remove: () => el.remove() };
        },
        discard: () => {
          if (el.isConnected) log.push(`discard ${mention.id}`);
          el.remove();
        },
      };
    };
    const shownCards = () =>
      [...document.querySelectorAll<HTMLElement>('.card')].filter((el) => !el.hidden).map((el) => el.textContent);
    return { log, prepare, shownCards };
  }

  it('shows the card drawn before the delay ended instead of drawing another', async () => {
    const { log, prepare, shownCards } = preparing();
    const { drawn, onPage } = setup(undefined, prepare);
    pointer('pointermove', 50);
    await vi.advanceTimersByTimeAsync(DELAY_MS - PREPARE_LEAD_MS);
    expect(log).toEqual(['prepare a']);
    expect(onPage()).toEqual(['card a']);
    expect(shownCards()).toEqual([]);
    await vi.advanceTimersByTimeAsync(PREPARE_LEAD_MS);
    expect(log).toEqual(['prepare a', 'reveal a']);
    expect(shownCards()).toEqual(['card a']);
    expect(drawn).toHaveLength(0);
    // The revealed card answers to the controller: its own close takes it away.
    (document.querySelector('.card') as HTMLElement).click();
    expect(onPage()).toEqual([]);
  });

  it('discards the unseen card when the pointer moves on, and draws anew when it was lost', async () => {
    const { log, prepare, shownCards } = preparing();
    const { drawn, onPage } = setup(undefined, prepare);
    pointer('pointermove', 50);
    await vi.advanceTimersByTimeAsync(DELAY_MS - PREPARE_LEAD_MS + FRAME_MS);
    pointer('pointermove', 250); // off every mention before the delay ends
    await vi.advanceTimersByTimeAsync(FRAME_MS);
    expect(log).toEqual(['prepare a', 'discard a']);
    expect(onPage()).toEqual([]);
    // Lost meanwhile (its mention went away): the controller draws the card with `show`.
    pointer('pointermove', 150);
    await vi.advanceTimersByTimeAsync(FRAME_MS + DELAY_MS - PREPARE_LEAD_MS);
    document.querySelector('.card')?.remove();
    await vi.advanceTimersByTimeAsync(PREPARE_LEAD_MS);
    expect(drawn.map((d) => d.mention.id)).toEqual(['b']);
    expect(shownCards()).toEqual(['card b']);
  });

  it('a keyboard open draws its own card with focus and drops the unseen one', async () => {
    const { log, prepare } = preparing();
    const { cards, drawn, onPage } = setup(undefined, prepare);
    pointer('pointermove', 50);
    await vi.advanceTimersByTimeAsync(FRAME_MS + DELAY_MS - PREPARE_LEAD_MS);
    expect(log).toEqual(['prepare a']);
    await cards.open(A, true);
    expect(log).toEqual(['prepare a', 'discard a']);
    expect(drawn.map((d) => d.request.focus)).toEqual([true]);
    expect(onPage()).toEqual(['card a']);
  });
});

describe('statement page cards', () => {
  it('draws the mention card in the layer with the shared placement, and Escape takes it away', async () => {
    const p = document.createElement('p');
    p.textContent = 'The RGB runs cyber operations.';
    const layer = document.createElement('div');
    document.body.append(p, layer);
    const range = document.createRange();
    const text = p.firstChild as Text;
    range.setStart(text, 4);
    range.setEnd(text, 7);
    const mention = { index: 0, entity: 'rgb', text: 'RGB', range, nodes: [text] } as unknown as PageMention;
    const stop = new AbortController();
    running.push(stop);
    const base = fakeBrowser.runtime.getURL('/statement.html');
    const cards = attachLayerCards<PageMention>({
      mentionAt: () => undefined,
      doc: document,
      layer,
      lang: 'en',
      statementUrl: (part, quote) => `${base}#${part}&q=${encodeURIComponent(quote)}`,
      delayMs: () => DELAY_MS,
      signal: stop.signal,
    });
    await cards.open(mention, true);
    const dialog = layer.querySelector<HTMLElement>('[role="dialog"]');
    expect(dialog?.dataset.entity).toBe('rgb');
    expect(layer.querySelectorAll('.fact').length).toBeGreaterThan(0);
    expect(layer.querySelector<HTMLAnchorElement>('a.chip')?.href).toContain('/statement.html#');
    expect(document.activeElement).toBe(dialog);
    // The placement wrote the card's position (and its room) on the layer.
    await vi.advanceTimersByTimeAsync(0);
    expect(layer.style.getPropertyValue('--sanctions-context-y')).toMatch(/^-?\d+px$/);
    press('Escape', dialog as HTMLElement);
    expect(layer.querySelector('[role="dialog"]')).toBeNull();
  });
});
