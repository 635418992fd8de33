import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { LISTEN_HOOK } from '../../lib/messages.ts';
import { sendToFrame, sendToTab, wakeTopFrame } from '../../lib/tab-messages.ts';

/*
 * A top frame whose page names nothing starts its message listener only when asked: a message
 * that finds no listener there is sent again once `scripting.executeScript` started it.
 */

const NO_RECEIVER = new Error('Could not establish connection. Receiving end does not exist.');
const ANSWER = { mentions: [], total: 0, capped: false, url: 'https://example.org/', title: 'Example' };

interface Injection {
  target: { tabId: number; frameIds?: number[] };
  func: (key: string) => boolean;
  args: [string];
}

/** A top frame that listens only once its hook is called, as the boot script does. */
function quietTopFrame() {
  let listening = false;
  const hook = () => {
    if (listening) return false;
    listening = true;
    return true;
  };
  const sendMessage = vi
    .spyOn(fakeBrowser.tabs, 'sendMessage')
    .mockImplementation(async () => (listening ? ANSWER : Promise.reject(NO_RECEIVER)) as never);
  // The injected function runs against a world holding the hook, like the content script's.
  const executeScript = vi.fn(async (injection: Injection) => {
    const world = globalThis as Record<symbol, unknown>;
    world[Symbol.for(injection.args[0])] = hook;
    try {
      return [{ frameId: 0, result: injection.func(...injection.args) }];
    } finally {
      delete world[Symbol.for(injection.args[0])];
    }
  });
  fakeBrowser.scripting.executeScript = executeScript as never;
  return { sendMessage, executeScript, isListening: () => listening };
}

beforeEach(() => fakeBrowser.reset());
afterEach(() => vi.restoreAllMocks());

describe('messages to a top frame that is not listening yet', () => {
  it('start its listener in the top frame, then go again and get the answer', async () => {
    const frame = quietTopFrame();
    await expect(sendToFrame(7, 0, { type: 'get-mentions' })).resolves.toEqual(ANSWER);
    expect(frame.isListening()).toBe(true);
    expect(frame.executeScript).toHaveBeenCalledTimes(1);
    expect(frame.executeScript.mock.calls[0]?.[0]).toMatchObject({
      target: { tabId: 7, frameIds: [0] },
      args: [LISTEN_HOOK],
    });
    expect(frame.sendMessage).toHaveBeenCalledTimes(2);
    // Listening now: the next message goes straight through.
    await expect(sendToFrame(7, 0, { type: 'get-mentions' })).resolves.toEqual(ANSWER);
    expect(frame.executeScript).toHaveBeenCalledTimes(1);
  });

  it('to the whole tab: the top frame is woken when nothing answered, and asked alone', async () => {
    const frame = quietTopFrame();
    await expect(sendToTab(7, { type: 'get-mentions' })).resolves.toEqual(ANSWER);
    expect(frame.sendMessage.mock.calls[1]).toEqual([7, { type: 'get-mentions' }, { frameId: 0 }]);
    // An awake sub-frame took `activate` but left the answer to the top frame: woken too.
    vi.restoreAllMocks();
    const again = quietTopFrame();
    again.sendMessage.mockResolvedValueOnce(undefined as never);
    await expect(sendToTab(7, { type: 'activate' })).resolves.toEqual(ANSWER);
    expect(again.isListening()).toBe(true);
  });

  it('reject with the original error where the extension cannot reach the page or does not run', async () => {
    const frame = quietTopFrame();
    frame.executeScript.mockRejectedValueOnce(new Error('Cannot access contents of the page.'));
    await expect(sendToFrame(7, 0, { type: 'get-mentions' })).rejects.toBe(NO_RECEIVER);
    // No content script (a tab opened before install): the hook is not there.
    frame.executeScript.mockResolvedValueOnce([{ frameId: 0, result: false }]);
    await expect(sendToFrame(7, 0, { type: 'get-mentions' })).rejects.toBe(NO_RECEIVER);
    expect(frame.isListening()).toBe(false);
    // Positive control: with the hook there, the same message is answered.
    await expect(sendToFrame(7, 0, { type: 'get-mentions' })).resolves.toEqual(ANSWER);
  });

  it('leave sub-frames alone: only the top frame defers its listener', async () => {
    const frame = quietTopFrame();
    await expect(sendToFrame(7, 3, { type: 'get-mentions', direct: true })).rejects.toBe(NO_RECEIVER);
    expect(frame.executeScript).not.toHaveBeenCalled();
  });

  it('wakeTopFrame says false when the frame already listened, and never rejects', async () => {
    const frame = quietTopFrame();
    await expect(wakeTopFrame(7)).resolves.toBe(true);
    await expect(wakeTopFrame(7)).resolves.toBe(false);
    frame.executeScript.mockRejectedValueOnce(new Error('No tab with id: 7'));
    await expect(wakeTopFrame(7)).resolves.toBe(false);
  });
});
