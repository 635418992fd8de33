import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHoverIntent } from '../../page/hover-intent.ts';

/** A line of two mentions, "a" at x 0–9 and "b" at x 10–19, and the card state of its host. */
function setup() {
  let shown: string | undefined;
  const log: string[] = [];
  const intent = createHoverIntent<string>({
    setTimeout: (fn, ms) => setTimeout(fn, ms) as unknown as number,
    clearTimeout: (id) => clearTimeout(id),
    mentionAt: (x) => (x < 10 ? 'a' : x < 20 ? 'b' : undefined),
    shown: () => shown,
    delayMs: () => 300,
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
});
