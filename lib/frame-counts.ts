import type { Storage } from 'webextension-polyfill';
import { logger } from './log.ts';

/*
 * The background's mention counts per tab and frame (every frame runs its own content script,
 * and the badge shows their sum), mirrored into `storage.session`: Chromium stops an idle MV3
 * service worker after about 30 seconds, and the counts would go with it. Session storage stays
 * in memory, on this machine, until the browser quits; nothing in it is synced.
 */

const log = logger('frame-counts');

/** The one session-storage key: `{ [tabId]: { [frameId]: count } }`, counts above zero only. */
export const FRAME_COUNTS_KEY = 'frameCounts';

/** Changes within this many ms are written together: a page reports from many frames at once. */
export const WRITE_DELAY_MS = 200;

type Stored = Record<string, Record<string, number>>;

/** Keeps the stored shape's counts that are counts; anything else (older shape, damage) is dropped. */
function parse(value: unknown): Map<number, Map<number, number>> {
  const counts = new Map<number, Map<number, number>>();
  if (typeof value !== 'object' || value === null) return counts;
  for (const [tab, frames] of Object.entries(value)) {
    if (typeof frames !== 'object' || frames === null) continue;
    const map = new Map<number, number>();
    for (const [frame, n] of Object.entries(frames)) {
      if (typeof n === 'number' && n > 0 && Number.isInteger(n)) map.set(Number(frame), n);
    }
    if (map.size > 0 && Number.isInteger(Number(tab))) counts.set(Number(tab), map);
  }
  return counts;
}

/**
 * The counts of every tab, restored from `area` (the browser's `storage.session`) the first time
 * any method runs, and written back there shortly after each change. Without `area` (a browser
 * without session storage) they live in memory only. Every method waits for that first read; a
 * failed read or write is logged and the counts carry on in memory.
 */
export function frameCounts(area: Storage.StorageArea | undefined) {
  const counts = new Map<number, Map<number, number>>();
  let restored: Promise<void> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const restore = () => {
    restored ??= (async () => {
      if (!area) {
        log.debug('no session storage: counts kept in memory only');
        return;
      }
      try {
        const stored = await area.get(FRAME_COUNTS_KEY);
        for (const [tab, frames] of parse(stored[FRAME_COUNTS_KEY])) counts.set(tab, frames);
      } catch (error) {
        log.debug('could not read the stored counts', error);
      }
    })();
    return restored;
  };

  const write = () => {
    timer = undefined;
    const value: Stored = {};
    for (const [tab, frames] of counts) value[tab] = Object.fromEntries(frames);
    area?.set({ [FRAME_COUNTS_KEY]: value }).catch((error: unknown) => log.debug('could not store the counts', error));
  };
  const changed = () => {
    if (area && timer === undefined) timer = setTimeout(write, WRITE_DELAY_MS);
  };

  return {
    /** Records frame `frameId`'s count; a count of 0 removes the frame (its document left or lost them all). */
    async set(tabId: number, frameId: number, count: number): Promise<void> {
      await restore();
      const frames = counts.get(tabId) ?? new Map<number, number>();
      if (count > 0) frames.set(frameId, count);
      else if (!frames.delete(frameId)) return;
      if (frames.size > 0) counts.set(tabId, frames);
      else counts.delete(tabId);
      changed();
    },
    /** Forgets the tab (closed, or its top frame loads a new document). */
    async forget(tabId: number): Promise<void> {
      await restore();
      if (counts.delete(tabId)) changed();
    },
    /** The tab's total over its frames; 0 when none reported. */
    async sum(tabId: number): Promise<number> {
      await restore();
      let sum = 0;
      for (const n of counts.get(tabId)?.values() ?? []) sum += n;
      return sum;
    },
    /** Ids of the tab's frames with mentions, the top frame first, then by id; empty when none. */
    async frames(tabId: number): Promise<number[]> {
      await restore();
      return [...(counts.get(tabId)?.keys() ?? [])].sort((a, b) => a - b);
    },
  };
}

export type FrameCounts = ReturnType<typeof frameCounts>;
