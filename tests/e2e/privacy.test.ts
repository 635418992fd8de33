import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hyphenatedPdf } from '../fixtures/make-pdfs.ts';
import {
  type Browser,
  EXTENSION_DIR,
  type FixtureServer,
  launchBrowser,
  serveFixtures,
  waitInPage,
} from './harness.ts';

/*
 * Nothing leaves the machine: every request of every context (service worker, content script,
 * popup, options, search and statement pages) is routed through here and recorded while each
 * context is exercised. Anything that is not the fixture servers or a file of the extension's
 * own package is blocked and fails the test.
 */

/** The one extension API the test calls in the options page (no @types/chrome here). */
declare const chrome: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } };

let browser: Browser;
let site: FixtureServer;
let other: FixtureServer;
/** Requests stopped by the route: everything outside the fixture servers and the package. */
const blocked: string[] = [];
const sockets: string[] = [];

/** Dynamic resource hosts (`use_dynamic_url`, how WXT serves the card's CSS) are a random UUID per session. */
const DYNAMIC_HOST = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A file of the extension's own package, under its id or a dynamic resource host. */
function isPackaged(url: string, id: string): boolean {
  if (!url.startsWith('chrome-extension://')) return false;
  const { host, pathname } = new URL(url);
  return (host === id || DYNAMIC_HOST.test(host)) && existsSync(join(EXTENSION_DIR, decodeURI(pathname)));
}

function isAllowed(url: string): boolean {
  if (url.startsWith(site.origin) || url.startsWith(other.origin)) return true;
  if (url.startsWith('data:') || url.startsWith('blob:')) return true;
  return isPackaged(url, browser.extensionId);
}

beforeAll(async () => {
  site = await serveFixtures();
  other = await serveFixtures();
  browser = await launchBrowser();
  await browser.context.route('**/*', (route) => {
    const url = route.request().url();
    if (isAllowed(url)) return route.fallback();
    blocked.push(url);
    return route.abort('blockedbyclient');
  });
  browser.context.on('page', (page) => page.on('websocket', (ws) => sockets.push(ws.url())));
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await other?.close();
});

const extensionPage = (path: string) => `chrome-extension://${browser.extensionId}/${path}`;

/** Hovers the first painted mention of `entity` until its card shows. */
async function openCard(page: Page, entity: string): Promise<void> {
  const point = await page.evaluate((name) => {
    const range = [...(CSS.highlights.get(name) ?? [])][0] as Range | undefined;
    if (!range) throw new Error(`nothing painted for ${name}`);
    range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
    const r = range.getClientRects()[0] ?? range.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  }, `sanctions-context-${entity}`);
  await page.mouse.move(point.x + 120, point.y + 120);
  await page.mouse.move(point.x, point.y, { steps: 4 });
  await waitInPage(
    page,
    'the card',
    () =>
      !!document
        .querySelector('sanctions-context-card:not([data-pending])')
        ?.shadowRoot?.querySelector('[role="dialog"]'),
  );
}

describe('privacy', () => {
  it('exercises every extension context without a single outside request', async () => {
    // Content script and service worker: read a page with a cross-origin frame, open two cards.
    const article = await browser.newPage(`${site.origin}/article.html?other=${encodeURIComponent(other.origin)}`);
    await waitInPage(article, 'highlights', () => (CSS.highlights.get('sanctions-context-msmt')?.size ?? 0) > 0);
    await openCard(article, 'msmt');
    await article.keyboard.press('Escape');
    await openCard(article, 'dprk');
    // The card's "Open in statement" link: the statement page as the reader reaches it.
    const [statementFromCard] = await Promise.all([
      browser.context.waitForEvent('page'),
      article.evaluate(() =>
        document
          .querySelector('sanctions-context-card:not([data-pending])')
          ?.shadowRoot?.querySelector<HTMLAnchorElement>('a[href*="statement.html"]')
          ?.click(),
      ),
    ]);
    await statementFromCard.waitForLoadState();
    await waitInPage(statementFromCard, 'the quote to be lit', () => !!document.querySelector('mark'));

    // Every extension page, opened and used.
    const pages: Page[] = [];
    for (const path of ['popup.html', 'options.html', 'search.html', 'statement.html#p4']) {
      const page = await browser.newPage(extensionPage(path));
      await page.waitForLoadState('load');
      await page.waitForTimeout(500);
      pages.push(page);
    }
    const [popup, options, search] = pages as [Page, Page, Page, Page];
    // Search boxes and settings controls: each must be found and used, so a page whose markup
    // changed fails here instead of being skipped unexercised.
    for (const page of [popup, search]) {
      const box = page.locator('input[type="search"]');
      expect(await box.count(), page.url()).toBe(1);
      await box.fill('Reconnaissance General Bureau');
      await waitInPage(page, 'search results', () => document.querySelectorAll('.search li.result').length > 0);
    }
    const toggles = options.locator('input[type="checkbox"], input[type="radio"]');
    expect(await toggles.count()).toBeGreaterThanOrEqual(4);
    for (let i = 0; i < 4; i++) await toggles.nth(i).click();
    // The toggles were saved: the first is the global switch, now off.
    await options.waitForFunction(
      async () => ((await chrome.storage.local.get('settings')).settings as { enabled?: boolean })?.enabled === false,
    );
    // The settings change reaches the content script of the open page.
    await article.bringToFront();
    await article.reload();
    await article.waitForTimeout(1500);

    expect(blocked).toEqual([]);
    expect(sockets).toEqual([]);
    const outside = browser.requests.filter((r) => !isAllowed(r.url));
    expect(outside).toEqual([]);
    // Fixture servers are only asked for the pages the test opened (documents); a request of any
    // other kind to them would have come from the extension.
    const fromExtension = browser.requests.filter(
      (r) =>
        (r.url.startsWith(site.origin) || r.url.startsWith(other.origin)) &&
        r.type !== 'document' &&
        !r.url.endsWith('/favicon.ico'),
    );
    expect(fromExtension).toEqual([]);
    // The recording worked: the pages, the frame and the extension's own files were seen.
    expect(browser.requests.some((r) => r.url.startsWith(other.origin))).toBe(true);
    expect(browser.requests.filter((r) => r.url.startsWith('chrome-extension://')).length).toBeGreaterThan(5);
    expect(browser.errors).toEqual([]);
  });

  it('the PDF reader asks nothing of the network for a local file, and nothing before the reader allows a site', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sanctions-context-privacy-pdf-'));
    try {
      const file = join(dir, 'report.pdf');
      writeFileSync(file, await hyphenatedPdf());
      const before = browser.requests.length;
      const reader = await browser.newPage(extensionPage('pdf.html'));
      await reader.setInputFiles('input[type=file]', file);
      await waitInPage(
        reader,
        'the document scan',
        () => document.documentElement.dataset.mentions !== undefined,
        20_000,
      );
      await waitInPage(reader, 'a rendered text layer', () => !!document.querySelector('.textLayer span'));
      // A PDF address: the reader explains the permission and waits; the file is not fetched.
      const asked = `${site.origin}/report.pdf`;
      const byAddress = await browser.newPage(extensionPage(`pdf.html?file=${encodeURIComponent(asked)}`));
      await byAddress.waitForSelector('[data-state="permission"] button');
      await byAddress.waitForTimeout(500);
      const made = browser.requests.slice(before);
      // The recording saw the reader load its own files (the page, pdf.js and its viewer)…
      expect(made.filter((r) => /\/(pdf\.html|chunks\/pdf(_viewer)?-)/.test(r.url)).length).toBeGreaterThanOrEqual(3);
      // …and nothing else: no fixture server, no outside host.
      expect(made.filter((r) => !isPackaged(r.url, browser.extensionId) && !r.url.startsWith('blob:'))).toEqual([]);
      expect(made.some((r) => r.url === asked)).toBe(false);
      expect(blocked).toEqual([]);
      expect(browser.errors).toEqual([]);
      await reader.close();
      await byAddress.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
