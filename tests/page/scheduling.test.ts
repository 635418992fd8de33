import { afterEach, describe, expect, it, vi } from 'vitest';
import { afterNextFrame, type SchedulingWindow, yieldToPage } from '../../page/scheduling.ts';

function fakeWindow(frames: boolean): SchedulingWindow & { frameCallbacks: (() => void)[] } {
  const frameCallbacks: (() => void)[] = [];
  return {
    frameCallbacks,
    setTimeout: (fn, ms) => setTimeout(fn, ms) as unknown as number,
    clearTimeout: (id) => clearTimeout(id),
    requestAnimationFrame: (cb) => {
      if (frames) frameCallbacks.push(cb);
      return frameCallbacks.length;
    },
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('afterNextFrame', () => {
  it('resolves just after the next frame', async () => {
    vi.useFakeTimers();
    const win = fakeWindow(true);
    let done = false;
    void afterNextFrame(win).then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(100);
    expect(done).toBe(false);
    expect(win.frameCallbacks).toHaveLength(1);
    win.frameCallbacks[0]?.();
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(true);
  });

  it('resolves after half a second in a tab that renders no frames', async () => {
    vi.useFakeTimers();
    let done = false;
    void afterNextFrame(fakeWindow(false)).then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(499);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
  });
});

describe('yieldToPage', () => {
  it('uses scheduler.yield() where the browser has it, a timeout elsewhere', async () => {
    const win = fakeWindow(true);
    let yields = 0;
    const withScheduler = Object.assign(Object.create(win), {
      scheduler: {
        yield() {
          yields++;
          return Promise.resolve();
        },
      },
    }) as SchedulingWindow;
    await yieldToPage(withScheduler);
    expect(yields).toBe(1);
    vi.useFakeTimers();
    let done = false;
    void yieldToPage(win).then(() => {
      done = true;
    });
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(true);
  });
});
