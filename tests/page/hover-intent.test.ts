import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHoverIntent, PREPARE_LEAD_MS } from '../../page/hover-intent.ts';

/** A line of two mentions, "a" at x 0–9 and "b" at x 10–19, and the card state of its host. */
function setup(options: { prepare?: boolean; delayMs?: number } = {}) {
  let shown: string | undefined;
  const log: string[] = [];
  const intent = createHoverIntent<string>({
    ...(options.prepare && {
      prepare: (m: string) => log.push(`prepare ${m}`),
      unprepare: () => log.push('unprepare'),
    }),
    setTimeout: (fn, ms) => setTimeout(fn, ms) as unknown as number,
    clearTimeout: (id) => clearTimeout(id),
    mentionAt: (x) => (x < 10 ? 'a' : x < 20 ? 'b' : undefined),
    shown: () => shown,
    delayMs: () => options.delayMs ?? 300,
    graceMs: 350,
    open: (m) => {
      shown = m;
      log.push(`open ${m}`);
    },
    close: () => {
      log.push(`close ${shown}`);
      shown = undefined;
    },
  });
  return { intent, log };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('hover intent', () => {
  it('opens only after the pointer rests on a mention for the delay', () => {
    const { intent, log } = setup();
    intent.pointer(5, 0, false);
    vi.advanceTimersByTime(200);
    intent.pointer(15, 0, false); // swept on to the next mention: the first never opens
    vi.advanceTimersByTime(299);
    expect(log).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(log).toEqual(['open b']);
  });

  it('keeps the card while the pointer travels into it, closes after leaving both', () => {
    const { intent, log } = setup();
    intent.pointer(5, 0, false);
    vi.advanceTimersByTime(300);
    intent.pointer(30, 0, false); // off the mention…
    vi.advanceTimersByTime(200);
    intent.pointer(30, 0, true); // …into the card within the grace period
    vi.advanceTimersByTime(1000);
    expect(log).toEqual(['open a']);
    intent.leave();
    vi.advanceTimersByTime(350);
    expect(log).toEqual(['open a', 'close a']);
  });

  it('forgets a card waiting to open when reset', () => {
    const { intent, log } = setup();
    intent.pointer(5, 0, false);
    intent.reset();
    vi.advanceTimersByTime(1000);
    expect(log).toEqual([]);
  });

  it('has the card drawn out of sight shortly before the delay ends, and forgets it when the pointer moves on', () => {
    const { intent, log } = setup({ prepare: true });
    intent.pointer(5, 0, false);
    vi.advanceTimersByTime(300 - PREPARE_LEAD_MS - 1);
    expect(log).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(log).toEqual(['prepare a']);
    vi.advanceTimersByTime(PREPARE_LEAD_MS);
    expect(log).toEqual(['prepare a', 'open a']);
    // A mention swept across before its lead time is neither prepared nor opened; one rested on
    // long enough to be prepared, then left, is given up.
    intent.pointer(15, 0, false);
    vi.advanceTimersByTime(100);
    intent.pointer(5, 0, false);
    vi.advanceTimersByTime(300 - PREPARE_LEAD_MS + 10);
    intent.pointer(30, 0, false);
    vi.advanceTimersByTime(1000);
    expect(log).toEqual(['prepare a', 'open a', 'close a']);
    intent.pointer(15, 0, false);
    vi.advanceTimersByTime(300 - PREPARE_LEAD_MS + 10);
    intent.pointer(30, 0, false);
    vi.advanceTimersByTime(1000);
    expect(log).toEqual(['prepare a', 'open a', 'close a', 'prepare b', 'unprepare']);
  });

  it('prepares before it opens when the delay is shorter than the lead, or already over', () => {
    const { intent, log } = setup({ prepare: true, delayMs: 50 });
    intent.pointer(5, 0, false);
    vi.advanceTimersByTime(0);
    expect(log).toEqual(['prepare a']);
    vi.advanceTimersByTime(50);
    expect(log).toEqual(['prepare a', 'open a']);
    const late = setup({ prepare: true });
    late.intent.pointer(5, 0, false, 400);
    vi.advanceTimersByTime(0);
    expect(late.log).toEqual(['prepare a', 'open a']);
  });
});
