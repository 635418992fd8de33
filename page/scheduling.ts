/** Longest wait for a first frame before going on anyway (background tabs render no frames). */
const FRAME_FALLBACK_MS = 500;

interface SchedulerLike {
  yield?: () => Promise<void>;
}

/** The window members the helpers below need; a real `Window` satisfies it. */
export interface SchedulingWindow {
  setTimeout(handler: () => void, ms?: number): number;
  clearTimeout(id: number): void;
  requestAnimationFrame(callback: () => void): number;
}

/**
 * Resolves after `win`'s next rendering update, or after half a second in a tab that renders
 * no frames (background tabs). Never rejects.
 */
export function afterNextFrame(win: SchedulingWindow): Promise<void> {
  return new Promise((resolve) => {
    const timer = win.setTimeout(resolve, FRAME_FALLBACK_MS);
    win.requestAnimationFrame(() => {
      win.clearTimeout(timer);
      win.setTimeout(resolve, 0);
    });
  });
}

/**
 * Resolves once the page had a chance to run its own work: `scheduler.yield()` where the browser
 * has it (the continuation keeps its priority), a zero timeout elsewhere. Never rejects.
 */
export function yieldToPage(win: SchedulingWindow): Promise<void> {
  const scheduler = (win as unknown as { scheduler?: SchedulerLike }).scheduler;
  if (scheduler?.yield) return scheduler.yield.call(scheduler);
  return new Promise((resolve) => win.setTimeout(resolve, 0));
}
