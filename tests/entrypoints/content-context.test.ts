// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ScriptContext } from '../../entrypoints/content/context.ts';

/** The `chrome` global the content script sees; `runtime.id` goes away when the extension does. */
const chromeStub = { runtime: { id: 'extension-id' as string | undefined } };

beforeEach(() => {
  chromeStub.runtime.id = 'extension-id';
  vi.stubGlobal('chrome', chromeStub);
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('ScriptContext', () => {
  it('stays valid while the extension is there, and becomes invalid for good once it is gone', () => {
    const ctx = new ScriptContext();
    const invalidated = vi.fn();
    ctx.onInvalidated(invalidated);
    expect(ctx.isInvalid).toBe(false);
    expect(invalidated).not.toHaveBeenCalled();
    chromeStub.runtime.id = undefined;
    expect(ctx.isInvalid).toBe(true);
    expect(ctx.signal.aborted).toBe(true);
    expect(invalidated).toHaveBeenCalledTimes(1);
    chromeStub.runtime.id = 'extension-id';
    expect(ctx.isInvalid).toBe(true);
  });

  it('runs its timers while valid and not after the extension went away', () => {
    const ctx = new ScriptContext();
    const ran = vi.fn();
    ctx.setTimeout(ran, 100);
    vi.advanceTimersByTime(100);
    expect(ran).toHaveBeenCalledTimes(1);
    ctx.setTimeout(ran, 100);
    chromeStub.runtime.id = undefined;
    vi.advanceTimersByTime(100);
    expect(ran).toHaveBeenCalledTimes(1);
  });

  it('removes its event listeners once invalid', () => {
    const ctx = new ScriptContext();
    const heard = vi.fn();
    ctx.addEventListener(window, 'pagehide', heard);
    window.dispatchEvent(new Event('pagehide'));
    expect(heard).toHaveBeenCalledTimes(1);
    chromeStub.runtime.id = undefined;
    expect(ctx.isInvalid).toBe(true);
    window.dispatchEvent(new Event('pagehide'));
    expect(heard).toHaveBeenCalledTimes(1);
  });

  it('tells of in-page navigations within a second, and stops looking once invalid', () => {
    const ctx = new ScriptContext();
    const moved = vi.fn();
    ctx.onLocationChange(moved);
    vi.advanceTimersByTime(1000);
    expect(moved).not.toHaveBeenCalled();
    history.pushState(null, '', '/next-page');
    vi.advanceTimersByTime(1000);
    expect(moved).toHaveBeenCalledTimes(1);
    chromeStub.runtime.id = undefined;
    history.pushState(null, '', '/third-page');
    vi.advanceTimersByTime(2000);
    expect(moved).toHaveBeenCalledTimes(1);
  });
});
