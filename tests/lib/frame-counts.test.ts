import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { FRAME_COUNTS_KEY, frameCounts, WRITE_DELAY_MS } from '../../lib/frame-counts.ts';

const session = fakeBrowser.storage.session;

beforeEach(() => {
  vi.useFakeTimers();
  fakeBrowser.reset();
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('frameCounts', () => {
  it('writes a burst of changes once, after a short delay, and each later change again', async () => {
    const set = vi.spyOn(session, 'set');
    const counts = frameCounts(session);
    for (let frame = 0; frame < 10; frame++) await counts.set(1, frame, frame + 1);
    expect(set).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(WRITE_DELAY_MS);
    expect(set).toHaveBeenCalledTimes(1);
    const stored = (await session.get(FRAME_COUNTS_KEY))[FRAME_COUNTS_KEY] as Record<string, object>;
    expect(Object.keys(stored[1] ?? {})).toHaveLength(10);

    await counts.set(1, 3, 0);
    await vi.advanceTimersByTimeAsync(WRITE_DELAY_MS);
    expect(set).toHaveBeenCalledTimes(2);
    // A 0 for a frame it does not know changes nothing, and writes nothing.
    await counts.set(2, 0, 0);
    await vi.advanceTimersByTimeAsync(WRITE_DELAY_MS);
    expect(set).toHaveBeenCalledTimes(2);
  });

  it('reads the stored counts once, keeping only well-formed positive counts', async () => {
    await session.set({ [FRAME_COUNTS_KEY]: { 4: { 0: 2, 3: 'x', 5: -1, 6: 1.5, 7: 1 }, 5: 'junk', x: { 0: 9 } } });
    const get = vi.spyOn(session, 'get');
    const counts = frameCounts(session);
    expect(await counts.frames(4)).toEqual([0, 7]);
    expect(await counts.sum(4)).toBe(3);
    expect(await counts.frames(5)).toEqual([]);
    expect(get).toHaveBeenCalledTimes(1);
  });

  it('starts empty on a stored value of another shape', async () => {
    await session.set({ [FRAME_COUNTS_KEY]: [1, 2] });
    const counts = frameCounts(session);
    expect(await counts.sum(0)).toBe(0);
    await counts.set(0, 0, 2);
    expect(await counts.sum(0)).toBe(2);
  });

  it('keeps the counts in memory, and says so, without session storage', async () => {
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => {});
    const counts = frameCounts(undefined);
    await counts.set(3, 0, 2);
    await counts.set(3, 1, 5);
    expect(await counts.frames(3)).toEqual([0, 1]);
    expect(await counts.sum(3)).toBe(7);
    await counts.forget(3);
    expect(await counts.frames(3)).toEqual([]);
    expect(debug).toHaveBeenCalledWith(
      '[sanctions-context:frame-counts]',
      'no session storage: counts kept in memory only',
    );
  });

  it('carries on in memory when session storage fails', async () => {
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => {});
    vi.spyOn(session, 'get').mockRejectedValueOnce(new Error('gone'));
    const set = vi.spyOn(session, 'set').mockRejectedValueOnce(new Error('quota'));
    const counts = frameCounts(session);
    await counts.set(3, 0, 2);
    await vi.advanceTimersByTimeAsync(WRITE_DELAY_MS);
    expect(set).toHaveBeenCalledTimes(1);
    expect(await counts.sum(3)).toBe(2);
    const lines = debug.mock.calls.map((call) => call[1]);
    expect(lines).toEqual(['could not read the stored counts', 'could not store the counts']);
  });
});
