import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hyphenatedPdf } from '../fixtures/make-pdfs.ts';
import { type FixtureServer, ROOT, serveFixtures } from './harness.ts';

/*
 * Smoke test of the Firefox package in a real Firefox (Debian's firefox-esr), driven over
 * WebDriver BiDi by puppeteer-core: the add-on is installed temporarily, a fixture page gets its
 * highlights and a hover card, and the PDF reader paints a generated PDF.
 */

/** The add-on's internal host, fixed by a preference so the test can open its pages. */
const ADDON_UUID = '6f1c1e2a-4b7d-4c1e-9a52-1f0e5d7c3b21';

const FIREFOX_DIR = join(ROOT, '.output/firefox-mv2');
const firefoxPath = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'].find(
  (p): p is string => !!p && existsSync(p),
);
if (!firefoxPath) {
  console.warn(
    'SKIPPED the Firefox smoke test: no Firefox found (set FIREFOX_PATH, or on Debian: apt-get install -y firefox-esr).',
  );
}

/** 600 paragraphs, one mention each: more than the highlighter registers at once. */
const LONG_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Long</title></head><body>${Array.from(
  { length: 600 },
  (_, i) => `<p id="p${i}">Paragraph ${i} says North Korea once.</p>`,
).join('')}</body></html>`;

let browser: Browser;

/** The parts of the extension API an extension page uses in these tests. */
interface ExtensionApi {
  tabs: {
    query(query: object): Promise<{ id?: number; url?: string }[]>;
    sendMessage(tabId: number, message: unknown, options: { frameId: number }): Promise<unknown>;
  };
  permissions: { request(permissions: { origins: string[] }): Promise<boolean> };
}

/** Share of the pixels in `box` of the page's screenshot that are coloured (not grey: text and paper are). */
async function tintedShare(page: Page, box: { x: number; y: number; width: number; height: number }): Promise<number> {
  const clip = {
    x: Math.round(box.x),
    y: Math.round(box.y),
    width: Math.round(box.width),
    height: Math.round(box.height),
  };
  const png = await page.screenshot({ clip, encoding: 'base64' });
  return page.evaluate(async (data) => {
    const image = new Image();
    image.src = `data:image/png;base64,${data}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext('2d');
    if (!context) return -1;
    context.drawImage(image, 0, 0);
    const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
    let tinted = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      const [r, g, b] = [pixels[i] ?? 0, pixels[i + 1] ?? 0, pixels[i + 2] ?? 0];
      if (Math.max(r, g, b) - Math.min(r, g, b) > 20) tinted++;
    }
    return tinted / (pixels.length / 4);
  }, png);
}
let site: FixtureServer;
const errors: string[] = [];

/** Records the page's uncaught exceptions and console errors in `errors`. */
function watchErrors(page: Page): void {
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
}

/**
 * Opens the add-on page `path` ("/options.html?x") in a new tab. WebDriver BiDi may not navigate
 * to add-on pages; a web page may open the statement page (web-accessible), and that add-on page
 * any other. (The driver does not follow these navigations, so this waits on the documents.)
 * `prepare` is called with the new tab before anything loads in it.
 */
async function openAddonPage(path: string, prepare: (page: Page) => void = () => {}): Promise<Page> {
  const page: Page = await browser.newPage();
  prepare(page);
  await page.goto(`${site.origin}/article.html`);
  await page.evaluate((url) => {
    location.href = url;
  }, `moz-extension://${ADDON_UUID}/statement.html`);
  await page.waitForFunction(() => location.pathname === '/statement.html' && document.readyState === 'complete', {
    timeout: 15_000,
    polling: 100,
  });
  await page.evaluate((to) => {
    location.href = to;
  }, path);
  const pathname = new URL(path, 'https://x').pathname;
  await page.waitForFunction(
    (p) => location.pathname === p && document.readyState === 'complete',
    {
      timeout: 15_000,
      polling: 100,
    },
    pathname,
  );
  return page;
}

describe.skipIf(!firefoxPath)('Firefox (firefox-esr over WebDriver BiDi)', () => {
  beforeAll(async () => {
    const build = spawnSync('npx', ['wxt', 'build', '-b', 'firefox'], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`wxt build -b firefox failed:\n${build.stderr}`);
    site = await serveFixtures(undefined, { '/long.html': () => LONG_PAGE });
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: firefoxPath,
      headless: !process.env.HEADED,
      enableExtensions: true,
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ 'sanctions-context@extension': ADDON_UUID }),
        // Optional origins asked for on a click are granted without the prompt a user would answer.
        'extensions.webextOptionalPermissionPrompts': false,
      },
    });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('installs the add-on, highlights a page and opens a card on hover', async () => {
    const id = await browser.installExtension(FIREFOX_DIR);
    expect(id).toBe('sanctions-context@extension');
    const page: Page = await browser.newPage();
    watchErrors(page);
    await page.goto(`${site.origin}/article.html`);
    await page.waitForFunction(
      () =>
        ['dprk', 'unsc-1718', 'rgb', 'msmt'].every(
          (e) => (CSS.highlights.get(`sanctions-context-${e}`)?.size ?? 0) > 0,
        ),
      { timeout: 15_000, polling: 100 },
    );
    const msmt = await page.evaluate(() => {
      const range = [...(CSS.highlights.get('sanctions-context-msmt') ?? [])][0] as Range;
      range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
      const r = range.getClientRects()[0] ?? range.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2, text: range.toString() };
    });
    expect(msmt.text).toMatch(/MSMT|Multilateral Sanctions Monitoring Team/);
    await page.mouse.move(msmt.x + 120, msmt.y + 120);
    await page.mouse.move(msmt.x, msmt.y, { steps: 4 });
    await page.waitForFunction(
      () =>
        !!document
          .querySelector('sanctions-context-card:not([data-pending])')
          ?.shadowRoot?.querySelector('[role="dialog"]'),
      { timeout: 10_000, polling: 100 },
    );
    const card = await page.evaluate(() => {
      const root = document.querySelector('sanctions-context-card:not([data-pending])')?.shadowRoot;
      return {
        name: root?.querySelector('.name')?.textContent ?? '',
        facts: root?.querySelectorAll('.fact').length ?? 0,
        link: root?.querySelector<HTMLAnchorElement>('a[href*="statement.html"]')?.href ?? '',
      };
    });
    expect(card.name).toBe('Multilateral Sanctions Monitoring Team');
    expect(card.facts).toBeGreaterThan(0);
    expect(card.link).toMatch(/^moz-extension:\/\/[^/]+\/statement\.html#p\d+/);
    expect(errors).toEqual([]);
  }, 60_000);

  it('assigns the suggested next-mention key: the card’s footer names it', async () => {
    // Extension pages cannot be opened over BiDi, so the card (which asks the background) shows the key.
    const manifest = JSON.parse(readFileSync(join(FIREFOX_DIR, 'manifest.json'), 'utf8'));
    const suggested: string = manifest.commands['next-mention'].suggested_key.default;
    expect(suggested).toMatch(/^(Alt|Ctrl)\+Shift\+[A-Z]$/);
    const page: Page = await browser.newPage();
    await page.goto(`${site.origin}/article.html`);
    await page.waitForFunction(() => (CSS.highlights.get('sanctions-context-rgb')?.size ?? 0) > 0, {
      timeout: 15_000,
      polling: 100,
    });
    const rgb = await page.evaluate(() => {
      const range = [...(CSS.highlights.get('sanctions-context-rgb') ?? [])][0] as Range;
      range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
      const r = range.getClientRects()[0] ?? range.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    });
    await page.mouse.move(rgb.x + 120, rgb.y + 120);
    await page.mouse.move(rgb.x, rgb.y, { steps: 4 });
    await page.waitForFunction(
      () =>
        !!document
          .querySelector('sanctions-context-card:not([data-pending])')
          ?.shadowRoot?.querySelector('footer .shortcut')?.textContent,
      { timeout: 10_000, polling: 100 },
    );
    const footer = await page.evaluate(
      () =>
        document
          .querySelector('sanctions-context-card:not([data-pending])')
          ?.shadowRoot?.querySelector('footer .shortcut')?.textContent,
    );
    expect(footer).toBe(`${suggested}: next mention`);
    await page.close();
  }, 60_000);

  it('reads open and closed shadow roots (the openOrClosedShadowRoot property in content scripts)', async () => {
    const page: Page = await browser.newPage();
    await page.goto(`${site.origin}/hostile/structure.html`);
    await page.waitForFunction(
      () =>
        [...CSS.highlights.values()].some((h) =>
          [...(h as Highlight)].some((r) => (r as Range).toString() === 'Reconnaissance General Bureau'),
        ),
      { timeout: 15_000, polling: 100 },
    );
    const painted = await page.evaluate(() =>
      [...CSS.highlights.values()].flatMap((h) => [...(h as Highlight)].map((r) => (r as Range).toString())),
    );
    expect(painted).toEqual(expect.arrayContaining(['DPRK', 'North Korea', 'Reconnaissance General Bureau']));
    // Drawn, not only registered: Firefox does not carry the page's highlight rules into a shadow
    // tree, so the extension adopts them there. The mention in the open shadow root shows its
    // tint, as the one in the page does; the rest of that line stays black on white.
    const boxes = await page.evaluate(() => {
      const box = (r: Range | undefined) => {
        const b = r?.getClientRects()[0];
        return b ? { x: b.left, y: b.top, width: b.width, height: b.height } : null;
      };
      const ranges = [...CSS.highlights.values()].flatMap((h) => [...(h as Highlight)] as Range[]);
      const inShadow = ranges.find(
        (r) => r.startContainer.getRootNode() !== document && r.toString() === 'North Korea',
      );
      const inPage = ranges.find((r) => r.startContainer.getRootNode() === document && r.toString() === 'DPRK');
      const rest = inShadow && new Range();
      if (rest && inShadow) {
        rest.setStart(inShadow.endContainer, inShadow.endOffset + 1);
        rest.setEnd(inShadow.endContainer, inShadow.endOffset + 12);
      }
      return { shadow: box(inShadow), page: box(inPage), plain: box(rest) };
    });
    if (!boxes.shadow || !boxes.page || !boxes.plain) throw new Error(`mentions not found: ${JSON.stringify(boxes)}`);
    await new Promise((done) => setTimeout(done, 300));
    expect(await tintedShare(page, boxes.page)).toBeGreaterThan(0.3);
    expect(await tintedShare(page, boxes.shadow)).toBeGreaterThan(0.3);
    expect(await tintedShare(page, boxes.plain)).toBeLessThan(0.05);
    await page.close();
  }, 60_000);

  it('on a page that names nothing, the popup starts the top frame’s listener and lists a frame’s mentions', async () => {
    const page: Page = await browser.newPage();
    await page.goto(`${site.origin}/quiet.html`);
    const frame = page.frames().find((f) => f.url().endsWith('/framed-inner.html'));
    expect(frame, 'the same-origin frame').toBeTruthy();
    await frame?.waitForFunction(() => (CSS.highlights.get('sanctions-context-rgb')?.size ?? 0) > 0, {
      timeout: 15_000,
      polling: 100,
    });
    // An extension page, for the API: the tab's id, a message to its top frame, and the site's
    // grant. A toolbar click grants the popup the tab (activeTab); a test cannot click the
    // toolbar, so it asks for the site on a click, as the PDF reader does.
    const tools = await openAddonPage('/options.html');
    await tools.evaluate((origin) => {
      const button = document.createElement('button');
      button.id = 'grant';
      button.textContent = 'grant';
      button.style.cssText = 'position:fixed;inset:0 auto auto 0;z-index:2147483647';
      button.addEventListener('click', () => {
        const api = (globalThis as unknown as { browser: ExtensionApi }).browser;
        (window as unknown as { granted: Promise<boolean> }).granted = api.permissions.request({
          // Match patterns leave the port out: the host, whatever its port.
          origins: [`${new URL(origin).protocol}//${new URL(origin).hostname}/*`],
        });
      });
      document.body.append(button);
    }, site.origin);
    await tools.click('#grant');
    expect(await tools.evaluate(() => (window as unknown as { granted: Promise<boolean> }).granted)).toBe(true);
    // The grant also shows the site's tabs' addresses (the add-on has no `tabs` permission).
    const tabId = await tools.evaluate(async (url) => {
      const api = (globalThis as unknown as { browser: ExtensionApi }).browser;
      return (await api.tabs.query({})).find((tab) => tab.url === url)?.id ?? -1;
    }, `${site.origin}/quiet.html`);
    expect(tabId).toBeGreaterThan(0);
    const askTop = () =>
      tools.evaluate(async (id) => {
        const api = (globalThis as unknown as { browser: ExtensionApi }).browser;
        return api.tabs.sendMessage(id, { type: 'get-mentions' }, { frameId: 0 }).then(
          (answer) => `answered ${(answer as { total?: number } | undefined)?.total}`,
          (error: unknown) => `rejected: ${String(error)}`,
        );
      }, tabId);
    // The quiet top frame has set up no messaging.
    expect(await askTop()).toMatch(/^rejected: .*Receiving end does not exist/);

    const popup = await openAddonPage(`/popup.html?tab=${tabId}`);
    const counts = () =>
      popup.evaluate(() =>
        Object.fromEntries(
          [...document.querySelectorAll<HTMLElement>('.group')].map((g) => [
            g.dataset.entity ?? '?',
            Number(g.querySelector('.entity-count')?.textContent),
          ]),
        ),
      );
    const until = Date.now() + 10_000;
    while (Object.keys(await counts()).length < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    expect(await counts()).toEqual({ rgb: 1, msmt: 1 });
    expect(await askTop()).toBe('answered 0');
    await popup.close();
    await tools.close();
    await page.close();
  }, 60_000);

  it('registers the mentions near the viewport on a page with many, and those scrolled to', async () => {
    const page: Page = await browser.newPage();
    await page.goto(`${site.origin}/long.html`);
    // In the page: the ids of the paragraphs on screen, and of those holding a registered range.
    const seen = () =>
      page.evaluate(() => {
        const visible = (el: Element) => {
          const r = el.getBoundingClientRect();
          return r.bottom > 0 && r.top < innerHeight;
        };
        const painted = [...(CSS.highlights.get('sanctions-context-dprk') ?? [])].map(
          (r) => (r as Range).startContainer.parentElement?.id ?? '',
        );
        const onScreen = [...document.querySelectorAll('p')].filter(visible).map((p) => p.id);
        return { painted: painted.length, onScreen, unpainted: onScreen.filter((id) => !painted.includes(id)) };
      });
    await page.waitForFunction(() => (CSS.highlights.get('sanctions-context-dprk')?.size ?? 0) > 0, {
      timeout: 15_000,
      polling: 100,
    });
    await expect.poll(async () => (await seen()).unpainted, { timeout: 10_000 }).toEqual([]);
    const top = await seen();
    expect(top.onScreen.length).toBeGreaterThan(3);
    expect(top.painted).toBeLessThan(600);
    expect(top.onScreen).not.toContain('p400');
    await page.evaluate(() => document.getElementById('p400')?.scrollIntoView({ block: 'center' }));
    await expect.poll(async () => (await seen()).unpainted, { timeout: 10_000 }).toEqual([]);
    expect((await seen()).onScreen).toContain('p400');
    await page.close();
  }, 60_000);

  it('opens a local PDF in the reader, paints its mentions on the text layer, and reopens it from its kept copy after a reload', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sanctions-context-ff-pdf-'));
    try {
      const file = join(dir, 'hyphen.pdf');
      writeFileSync(file, await hyphenatedPdf());
      const page = await openAddonPage('/pdf.html', watchErrors);
      expect(await page.evaluate(() => location.href)).toBe(`moz-extension://${ADDON_UUID}/pdf.html`);
      const input = await page.waitForSelector('input[type=file]');
      await input?.uploadFile(file);
      await page.waitForFunction(() => document.documentElement.dataset.mentions !== undefined, {
        timeout: 20_000,
        polling: 100,
      });
      await page.waitForFunction(() => CSS.highlights.has('sanctions-context-rgb'), { timeout: 10_000, polling: 100 });
      const painted = await page.evaluate(() => ({
        count: document.documentElement.dataset.mentions,
        rgb: [...(CSS.highlights.get('sanctions-context-rgb') ?? [])].map((r) => (r as Range).toString()),
        inLayer: [...(CSS.highlights.get('sanctions-context-dprk') ?? [])].every(
          (r) => (r as Range).startContainer.parentElement?.closest('.textLayer') !== null,
        ),
      }));
      expect(painted).toEqual({ count: '2', rgb: ['Recon-naissance General Bureau'], inLayer: true });
      // Kept in the add-on's IndexedDB: the reader's new address reopens it after a reload.
      const address = new URL(await page.evaluate(() => location.href));
      expect(address.searchParams.get('local')).toBe(createHash('sha256').update(readFileSync(file)).digest('hex'));
      expect(address.searchParams.get('name')).toBe('hyphen.pdf');
      await page.waitForFunction(() => !!document.querySelector('button[data-action="forget-local"]'), {
        timeout: 10_000,
        polling: 100,
      });
      await page.evaluate(() => {
        (window as { before?: boolean }).before = true;
        location.hash = 'page=1';
        location.reload();
      });
      await page.waitForFunction(
        () => !(window as { before?: boolean }).before && document.documentElement.dataset.mentions === '2',
        { timeout: 20_000, polling: 100 },
      );
      expect(await page.evaluate(() => document.querySelector('[data-state="missing"]'))).toBeNull();
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
