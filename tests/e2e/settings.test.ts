import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type Browser,
  type FixtureServer,
  highlightSizes,
  inWorker,
  launchBrowser,
  PAINTED,
  resultsDir,
  serveFixtures,
  waitInPage,
} from './harness.ts';

/** The few extension APIs the tests call in extension pages and the worker (no @types/chrome here). */
interface ChromeApi {
  storage: {
    local: {
      set(items: Record<string, unknown>): Promise<void>;
      get(key: string): Promise<Record<string, unknown>>;
      clear(): Promise<void>;
    };
  };
  tabs: {
    query(q: { active: boolean; lastFocusedWindow: boolean }): Promise<{ id?: number }[]>;
    sendMessage(tabId: number, message: unknown): Promise<unknown>;
  };
  i18n: { getUILanguage(): string };
}
declare const chrome: ChromeApi;

let browser: Browser;
let site: FixtureServer;
let options: Page;

const optionsUrl = () => `chrome-extension://${browser.extensionId}/options.html`;

/** Writes `value` as the stored settings from an extension page, as the popup or options page would. */
const writeSettings = (value: unknown) =>
  options.evaluate((v) => chrome.storage.local.set({ settings: v }), value as never);

const readSettings = () =>
  options.evaluate(async () => (await chrome.storage.local.get('settings')).settings as Record<string, unknown>);

const allPainted = () =>
  ['dprk', 'unsc-1718', 'rgb', 'msmt'].every((id) => (CSS.highlights.get(`sanctions-context-${id}`)?.size ?? 0) > 0);
const nonePainted = () =>
  ['dprk', 'unsc-1718', 'rgb', 'msmt'].every((id) => (CSS.highlights.get(`sanctions-context-${id}`)?.size ?? 0) === 0);

async function openArticle(): Promise<Page> {
  const page = await browser.newPage(`${site.origin}/article.html`);
  await waitInPage(page, 'all four entities painted', allPainted);
  return page;
}

/** Lets the content script run long enough that highlights would have appeared were it active. */
async function settle(page: Page): Promise<void> {
  await page.waitForTimeout(1500);
}

beforeAll(async () => {
  site = await serveFixtures();
  browser = await launchBrowser();
  options = await browser.newPage(optionsUrl());
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

beforeEach(async () => {
  await options.evaluate(() => chrome.storage.local.clear());
  await options.reload();
  await options.waitForSelector('input[name="enabled"]');
});

describe('settings reach open tabs live', () => {
  it('turns one entity off and on from the options page', async () => {
    const page = await openArticle();
    const before = await highlightSizes(page);
    await options.bringToFront();
    await options.getByLabel('Reconnaissance General Bureau (RGB)').uncheck();
    await waitInPage(page, 'RGB highlights removed', () => !CSS.highlights.get('sanctions-context-rgb')?.size);
    const during = await highlightSizes(page);
    expect(during.rgb).toBe(0);
    for (const id of PAINTED.filter((e) => e !== 'rgb')) expect(during[id], id).toBe(before[id]);
    expect((await readSettings()).entities).toEqual({ dprk: true, 'unsc-1718': true, rgb: false, msmt: true });

    await options.getByLabel('Reconnaissance General Bureau (RGB)').check();
    await waitInPage(page, 'RGB highlights back', () => (CSS.highlights.get('sanctions-context-rgb')?.size ?? 0) > 0);
    expect(await highlightSizes(page)).toEqual(before);
    await page.close();
  });

  it('removes everything when switched off globally and restores it when switched on', async () => {
    const page = await openArticle();
    const before = await highlightSizes(page);
    await options.getByLabel('Highlight mentions on web pages').uncheck();
    await waitInPage(page, 'all highlights removed', nonePainted);
    await options.getByLabel('Highlight mentions on web pages').check();
    await waitInPage(page, 'highlights restored', allPainted);
    expect(await highlightSizes(page)).toEqual(before);
    await page.close();
  });

  it('switches the highlight style in the page', async () => {
    const page = await openArticle();
    const css = () => page.evaluate(() => document.querySelector('style[data-sanctions-context-styles]')?.textContent);
    expect(await css()).toMatch(/sanctions-context-dprk\)[^{]*\{ background-color: rgba\([^}]*underline/);
    await options.locator('input[name="style"][value="underline"]').check();
    await waitInPage(page, 'underline-only style', () =>
      /background-color: transparent; text-decoration: underline/.test(
        document.querySelector('style[data-sanctions-context-styles]')?.textContent ?? '',
      ),
    );
    await options.locator('input[name="style"][value="fill"]').check();
    await waitInPage(page, 'fill-only style', () =>
      /text-decoration: none/.test(document.querySelector('style[data-sanctions-context-styles]')?.textContent ?? ''),
    );
    // Restyling never re-reads the page: the mentions stay painted throughout.
    expect(await page.evaluate(allPainted)).toBe(true);
    await page.close();
  });

  it('pauses a site at once, keeps it paused across reload, and resumes', async () => {
    const page = await openArticle();
    // What the popup's "pause on this site" writes: the tab's origin in `pausedSites`.
    const stored = await readSettings();
    await writeSettings({ ...(stored ?? {}), pausedSites: [site.origin] });
    await waitInPage(page, 'highlights removed on pause', nonePainted);

    await page.reload();
    await settle(page);
    expect(await page.evaluate(nonePainted)).toBe(true);

    // The options page lists the paused site with a Resume button.
    await options.bringToFront();
    await options.getByRole('button', { name: `Resume on ${site.origin}` }).click();
    await waitInPage(page, 'highlights back on resume', allPainted);
    expect((await readSettings()).pausedSites).toEqual([]);
    await page.close();
  });

  it('never runs on a site listed in never-run sites, and refuses a bad line without saving', async () => {
    const textarea = options.getByLabel('Never run on these sites');
    await textarea.fill('*://127.0.0.1/*\nexample.org');
    await expect(options.getByRole('alert').filter({ hasText: 'Line 2' }).textContent()).resolves.toContain(
      '“example.org” is not a match pattern',
    );
    expect((await readSettings())?.neverSites).toBeUndefined();

    await textarea.fill('*://127.0.0.1/*');
    await options.waitForFunction(async () => {
      const s = (await chrome.storage.local.get('settings')).settings as { neverSites?: string[] } | undefined;
      return s?.neverSites?.[0] === '*://127.0.0.1/*';
    });
    const page = await browser.newPage(`${site.origin}/article.html`);
    await settle(page);
    expect(await page.evaluate(nonePainted)).toBe(true);
    await textarea.fill('');
    await waitInPage(page, 'highlights once the site is no longer excluded', allPainted);
    await page.close();
  });

  it('opens cards after the chosen delay and in the chosen language', async () => {
    await options.locator('select[name="uiLanguage"]').selectOption('fr');
    const delay = options.locator('input[name="hoverDelayMs"]');
    await delay.fill('1200');
    await options.waitForFunction(async () => {
      const s = (await chrome.storage.local.get('settings')).settings as { hoverDelayMs?: number; uiLanguage?: string };
      return s?.hoverDelayMs === 1200 && s.uiLanguage === 'fr';
    });
    // The options page follows its own language setting at once.
    expect(await options.locator('h1').textContent()).toBe('Réglages');
    const page = await openArticle();
    const target = await page.evaluate(() => {
      const range = [...(CSS.highlights.get('sanctions-context-dprk') ?? [])][0] as Range;
      range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
      const r = range.getClientRects()[0] ?? range.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    });
    const cardText = () =>
      page.evaluate(
        () =>
          document
            .querySelector('sanctions-context-card:not([data-pending])')
            ?.shadowRoot?.querySelector('[role="dialog"]')?.textContent,
      );
    await page.mouse.move(target.x, target.y, { steps: 3 });
    await page.waitForTimeout(700);
    expect(await cardText(), 'no card before the 1200 ms delay').toBeFalsy();
    await waitInPage(page, 'the card', () =>
      Boolean(
        document
          .querySelector('sanctions-context-card:not([data-pending])')
          ?.shadowRoot?.querySelector('[role="dialog"]'),
      ),
    );
    expect(await cardText()).toContain('Ce que dit la déclaration');
    await page.close();
  });

  it('in on-click mode reads nothing until activated', async () => {
    await options.getByLabel('Only when I click the toolbar button').check();
    await options.waitForFunction(
      async () => ((await chrome.storage.local.get('settings')).settings as { mode?: string })?.mode === 'on-click',
    );
    const page = await browser.newPage(`${site.origin}/article.html`);
    await settle(page);
    expect(await page.evaluate(nonePainted)).toBe(true);
    await page.bringToFront();
    const answer = await inWorker(
      browser,
      async () => {
        const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
        return chrome.tabs.sendMessage(tab?.id ?? -1, { type: 'activate' });
      },
      undefined,
    );
    expect(answer).toEqual({ active: true });
    await waitInPage(page, 'highlights after activation', allPainted);
    await page.close();
  });
});

describe('corrupt stored settings', () => {
  it('shows defaults and a notice on the options page, and the page still works', async () => {
    await writeSettings('garbage');
    await options.reload();
    const notice = options.locator('.notice[role="alert"]');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('The stored settings were damaged');
    expect(await options.getByLabel('Highlight mentions on web pages').isChecked()).toBe(true);
    for (const name of ['entity-dprk', 'entity-unsc-1718', 'entity-rgb', 'entity-msmt'])
      expect(await options.locator(`input[name="${name}"]`).isChecked(), name).toBe(true);
    expect(await options.locator('input[name="style"][value="both"]').isChecked()).toBe(true);
    expect(await options.locator('input[name="hoverDelayMs"]').inputValue()).toBe('300');

    const page = await openArticle();
    expect(await page.evaluate(allPainted)).toBe(true);

    // Any change writes a repaired copy and the notice goes.
    await options.bringToFront();
    await options.locator('input[name="style"][value="fill"]').check();
    await notice.waitFor({ state: 'detached' });
    expect((await readSettings()).style).toBe('fill');
    await page.close();
  });

  it('shows wrong fields of a foreign object by name', async () => {
    await writeSettings({ enabled: 'yes', style: 'neon', hoverDelayMs: 500 });
    await options.reload();
    await options.locator('.notice').waitFor();
    const details = await options.locator('.notice li').allTextContents();
    expect(details.some((d) => d.startsWith('enabled:'))).toBe(true);
    expect(details.some((d) => d.startsWith('style:'))).toBe(true);
    expect(await options.locator('input[name="hoverDelayMs"]').inputValue()).toBe('500');
  });
});

describe('options page', () => {
  it('imports a bad file without changing anything and says why', async () => {
    await options.locator('input[name="style"][value="underline"]').check();
    await options.waitForFunction(
      async () => ((await chrome.storage.local.get('settings')).settings as { style?: string })?.style === 'underline',
    );
    const before = await readSettings();
    await options.locator('input[type="file"]').setInputFiles({
      name: 'bad.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"format":"sanctions-context-settings","version":1,"settings":{"style":"neon"}}'),
    });
    await options.locator('.status.error').waitFor();
    expect(await options.locator('.status').textContent()).toMatch(/^Nothing was changed: .*style/);
    expect(await readSettings()).toEqual(before);
  });

  it('looks right (screenshot)', async () => {
    await options.setViewportSize({ width: 900, height: 1400 });
    await options.getByLabel('Never run on these sites').fill('*://*.example.org/*');
    await options.waitForFunction(
      async () =>
        ((await chrome.storage.local.get('settings')).settings as { neverSites?: string[] })?.neverSites?.[0] ===
        '*://*.example.org/*',
    );
    await writeSettings({ ...(await readSettings()), pausedSites: ['https://news.example.com'] });
    await options.getByRole('button', { name: 'Resume on https://news.example.com' }).waitFor();
    const layout = await options.evaluate(() => {
      const controls = [...document.querySelectorAll('input:not([type="file"]), select, textarea, button')];
      const boxes = controls.map((c) => c.getBoundingClientRect());
      const samples = [...document.querySelectorAll<HTMLElement>('.sample')].map((s) => {
        const style = getComputedStyle(s);
        return `${style.backgroundColor} ${style.textDecorationLine}`;
      });
      return {
        overflow: document.documentElement.scrollWidth - innerWidth,
        controls: controls.length,
        hidden: controls.filter((_, i) => (boxes[i]?.width ?? 0) === 0 || (boxes[i]?.height ?? 0) === 0).length,
        outside: boxes.filter((b) => b.left < 0 || b.right > innerWidth).length,
        samples,
        debugLabel: document.querySelector('input[name="debug"]')?.closest('label')?.textContent,
      };
    });
    // 15 labelled controls, 4 backup/reset buttons with the Resume one: all laid out, none off screen.
    expect(layout.controls).toBe(19);
    expect(layout.hidden).toBe(0);
    expect(layout.outside).toBe(0);
    expect(layout.overflow).toBeLessThanOrEqual(0);
    // The three style previews look different from one another.
    expect(new Set(layout.samples).size).toBe(3);
    expect(layout.debugLabel).toBe('Log diagnostics to the console');
    const png = await options.screenshot({ path: join(await resultsDir(), 'options.png'), fullPage: true });
    // PNG header: 900 px wide as asked, and as tall as the whole form.
    expect(png.readUInt32BE(16)).toBe(900);
    expect(png.readUInt32BE(20)).toBeGreaterThan(1000);
  });
});

describe('in French', () => {
  let fr: Browser;
  beforeAll(async () => {
    // With `--lang=fr` Chromium picks the French catalog, though `i18n.getUILanguage()` still
    // says en-US here: the extension reads its language from the catalog (`browserUiLocale`).
    fr = await launchBrowser({ args: ['--lang=fr'] });
  });
  afterAll(async () => {
    await fr?.close();
  });

  it('shows the options page in French', async () => {
    const page = await fr.newPage(`chrome-extension://${fr.extensionId}/options.html`);
    await page.waitForSelector('input[name="enabled"]');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    expect(await page.title()).toBe('Sanctions Context — Réglages');
    expect(await page.locator('h1').textContent()).toBe('Réglages');
    await expect(page.getByLabel('Surligner les mentions dans les pages web').isChecked()).resolves.toBe(true);
    await page.screenshot({ path: join(await resultsDir(), 'options-fr.png'), fullPage: true });
  });
});
