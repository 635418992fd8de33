import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Browser, type FixtureServer, inWorker, launchBrowser, serveFixtures, waitInPage } from './harness.ts';

/*
 * Chromium stops an idle extension service worker after about 30 seconds. The test stops it at
 * once, over the DevTools protocol, and checks that the woken worker still knows which frames of
 * a tab reported mentions (the popup's frame list), as the counts wait in session storage.
 */

interface ChromeApi {
  tabs: { query(q: { active: boolean; lastFocusedWindow: boolean }): Promise<{ id?: number }[]> };
  runtime: { sendMessage(message: unknown): Promise<{ frames: number[] }> };
  action: { getBadgeText(details: { tabId: number }): Promise<string> };
  storage: { session: { get(key: string): Promise<Record<string, Record<string, Record<string, number>>>> } };
}
declare const chrome: ChromeApi;

let browser: Browser;
let site: FixtureServer;
let other: FixtureServer;

beforeAll(async () => {
  site = await serveFixtures();
  other = await serveFixtures();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await other?.close();
});

const hasDprk = () => (CSS.highlights.get('sanctions-context-dprk')?.size ?? 0) > 0;

/** Asks the background, from extension page `ext`, for the frames of `tabId` with mentions. */
const framesOf = (ext: Page, tabId: number) =>
  ext.evaluate(async (id) => (await chrome.runtime.sendMessage({ type: 'get-frames', tabId: id })).frames, tabId);

it('keeps the frames with mentions of a tab when the service worker is stopped and woken', async () => {
  const page = await browser.newPage(`${site.origin}/article.html?other=${encodeURIComponent(other.origin)}`);
  await waitInPage(page, 'highlights', hasDprk);
  const frame = page.frames().find((f) => f.url().startsWith(other.origin));
  expect(frame, 'cross-origin frame loaded').toBeTruthy();
  await frame?.waitForFunction(hasDprk, undefined, { timeout: 8000, polling: 50 });
  const tabId = await inWorker(
    browser,
    async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id ?? -1,
    null,
  );
  expect(tabId).toBeGreaterThan(0);

  // Both frames reported, and their counts reached session storage.
  await expect
    .poll(
      () =>
        inWorker(
          browser,
          async (id: number) => Object.keys((await chrome.storage.session.get('frameCounts')).frameCounts?.[id] ?? {}),
          tabId,
        ),
      { timeout: 5000 },
    )
    .toHaveLength(2);
  const badge = await inWorker(browser, (id: number) => chrome.action.getBadgeText({ tabId: id }), tabId);
  expect(Number(badge)).toBeGreaterThan(2);

  const ext = await browser.context.newPage();
  await ext.goto(`chrome-extension://${browser.extensionId}/statement.html`);
  const before = await framesOf(ext, tabId);
  expect(before).toHaveLength(2);
  expect(before[0]).toBe(0);

  // The worker's states, as DevTools reports them: running, stopping, stopped, starting…
  const cdp = await browser.context.newCDPSession(ext);
  const states: string[] = [];
  let versionId = '';
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const v of versions) {
      if (!v.scriptURL.startsWith(`chrome-extension://${browser.extensionId}/`)) continue;
      versionId = v.versionId;
      states.push(v.runningStatus);
    }
  });
  await cdp.send('ServiceWorker.enable');
  await expect.poll(() => states.at(-1), { timeout: 5000 }).toBe('running');
  await cdp.send('ServiceWorker.stopWorker', { versionId });
  await expect.poll(() => states.at(-1), { timeout: 5000 }).toBe('stopped');
  const stoppedAt = states.length;

  // The message starts a new worker, which reads the counts back before answering.
  expect(await framesOf(ext, tabId)).toEqual(before);
  await expect.poll(() => states.slice(stoppedAt), { timeout: 5000 }).toContain('running');
  expect(await ext.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId)).toBe(badge);
  expect(browser.errors).toEqual([]);
});
