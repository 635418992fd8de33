import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { FRAME_COUNTS_KEY, WRITE_DELAY_MS } from '../../lib/frame-counts.ts';

/*
 * The background's mention counts, driven through WXT's fake browser: frames report counts,
 * the popup asks for the frames with mentions, tabs close and load new documents. A "worker
 * restart" drops every listener and runs a fresh copy of the module, as Chromium does when it
 * wakes a service worker that slept; only the fake browser's session storage carries over.
 */

const TAB = 7;
const OTHER_TAB = 8;

/** Starts the background as a woken worker does: a new module instance, its listeners the only ones. */
async function startWorker(): Promise<void> {
  fakeBrowser.runtime.onMessage.removeAllListeners();
  fakeBrowser.tabs.onUpdated.removeAllListeners();
  fakeBrowser.tabs.onRemoved.removeAllListeners();
  vi.resetModules();
  const { default: background } = await import('../../entrypoints/background.ts');
  background.main();
}

/** Lets the listeners' promises settle, and the coalesced storage write happen. */
const settle = () => vi.advanceTimersByTimeAsync(WRITE_DELAY_MS);

/** Delivers `message` from `sender` as the runtime does, with the answers of the listeners. */
function send(message: unknown, sender: object): Promise<unknown[]> {
  const trigger = fakeBrowser.runtime.onMessage.trigger as (...args: unknown[]) => Promise<unknown[]>;
  return trigger(message, sender, () => {});
}

async function report(tabId: number, frameId: number, count: number): Promise<void> {
  await send({ type: 'mention-count', count }, { tab: { id: tabId }, frameId });
  await settle();
}

async function framesOf(tabId: number): Promise<number[]> {
  const answers = await send({ type: 'get-frames', tabId }, {});
  expect(answers).toHaveLength(1);
  return (answers[0] as { frames: number[] }).frames;
}

const badge = (tabId: number) => fakeBrowser.action.getBadgeText({ tabId });
const stored = async () => (await fakeBrowser.storage.session.get(FRAME_COUNTS_KEY))[FRAME_COUNTS_KEY];

beforeEach(async () => {
  vi.useFakeTimers();
  fakeBrowser.reset();
  // APIs the fake browser leaves unimplemented; the background only registers listeners on them.
  const api = fakeBrowser as unknown as Record<string, Record<string, unknown>>;
  api.commands = { ...api.commands, getAll: async () => [], onCommand: { addListener: () => {} } };
  api.contextMenus = {
    ...api.contextMenus,
    removeAll: async () => {},
    create: () => '',
    onClicked: { addListener: () => {} },
  };
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockReturnValue('');
  await startWorker();
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('background mention counts', () => {
  it('sums the frames of a tab on the badge and lists those with mentions', async () => {
    await report(TAB, 0, 3);
    await report(TAB, 4, 2);
    await report(OTHER_TAB, 0, 1);
    expect(await framesOf(TAB)).toEqual([0, 4]);
    expect(await badge(TAB)).toBe('5');
    expect(await badge(OTHER_TAB)).toBe('1');
  });

  it('keeps the counts across a worker restart', async () => {
    await report(TAB, 0, 3);
    await report(TAB, 4, 2);
    expect(await stored()).toEqual({ [TAB]: { 0: 3, 4: 2 } });

    await startWorker();
    expect(await framesOf(TAB)).toEqual([0, 4]);
    // A frame reporting after the restart adds to the restored ones on the badge.
    await report(TAB, 9, 1);
    expect(await badge(TAB)).toBe('6');
    expect(await framesOf(TAB)).toEqual([0, 4, 9]);
  });

  it('loses the counts across a restart when the session storage is emptied (control)', async () => {
    await report(TAB, 0, 3);
    await report(TAB, 4, 2);
    await fakeBrowser.storage.session.clear();

    await startWorker();
    expect(await framesOf(TAB)).toEqual([]);
    await report(TAB, 9, 1);
    expect(await badge(TAB)).toBe('1');
  });

  it('forgets a closed tab, also after a restart, and keeps the others', async () => {
    await report(TAB, 0, 3);
    await report(OTHER_TAB, 2, 4);
    expect(await framesOf(TAB)).toEqual([0]);

    await fakeBrowser.tabs.onRemoved.trigger(TAB, { windowId: 1, isWindowClosing: false });
    await settle();
    expect(await framesOf(TAB)).toEqual([]);
    expect(await framesOf(OTHER_TAB)).toEqual([2]);
    expect(await stored()).toEqual({ [OTHER_TAB]: { 2: 4 } });

    await startWorker();
    expect(await framesOf(TAB)).toEqual([]);
    expect(await framesOf(OTHER_TAB)).toEqual([2]);
  });

  it('clears the tab when it shows another address, not while a sub-frame loads or on other updates', async () => {
    await report(TAB, 0, 3);
    await report(TAB, 4, 2);
    const tab = (await fakeBrowser.tabs.query({}))[0];
    if (!tab) throw new Error('the fake browser has no tab');

    await fakeBrowser.tabs.onUpdated.trigger(TAB, { status: 'complete' }, tab);
    // Chromium reports `loading` without a new address while a sub-frame navigates.
    await fakeBrowser.tabs.onUpdated.trigger(TAB, { status: 'loading' }, tab);
    await settle();
    expect(await framesOf(TAB)).toEqual([0, 4]);
    expect(await badge(TAB)).toBe('5');

    await fakeBrowser.tabs.onUpdated.trigger(TAB, { status: 'loading', url: 'https://example.org/next' }, tab);
    await settle();
    expect(await framesOf(TAB)).toEqual([]);
    expect(await badge(TAB)).toBe('');
    expect(await stored()).toEqual({});
  });

  it('clears the tab when its top frame leaves the page, and only then', async () => {
    await report(TAB, 0, 3);
    await report(TAB, 4, 2);
    await send({ type: 'page-left' }, { tab: { id: TAB }, frameId: 4 });
    await settle();
    expect(await framesOf(TAB)).toEqual([0, 4]);
    await send({ type: 'page-left' }, { tab: { id: TAB }, frameId: 0 });
    await settle();
    expect(await framesOf(TAB)).toEqual([]);
    expect(await badge(TAB)).toBe('');
  });

  it('drops a frame that reports 0 from the list, the badge and the stored counts', async () => {
    await report(TAB, 0, 3);
    await report(TAB, 5, 2);
    expect(await framesOf(TAB)).toEqual([0, 5]);
    expect(await badge(TAB)).toBe('5');

    // The frame's document went away (pagehide) or lost its mentions.
    await report(TAB, 5, 0);
    expect(await framesOf(TAB)).toEqual([0]);
    expect(await badge(TAB)).toBe('3');
    expect(await stored()).toEqual({ [TAB]: { 0: 3 } });

    // Back from the back/forward cache, it reports its count again.
    await report(TAB, 5, 2);
    expect(await framesOf(TAB)).toEqual([0, 5]);
    expect(await badge(TAB)).toBe('5');

    await report(TAB, 0, 0);
    await report(TAB, 5, 0);
    expect(await framesOf(TAB)).toEqual([]);
    expect(await badge(TAB)).toBe('');
  });

  it('shows 999+ past 999 mentions', async () => {
    await report(TAB, 0, 998);
    expect(await badge(TAB)).toBe('998');
    await report(TAB, 3, 2);
    expect(await badge(TAB)).toBe('999+');
  });
});
