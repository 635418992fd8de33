// `npm run screenshots`: redraws the README's pictures in docs/screenshots/ from the built
// extension in headless Chromium (run `npm run build` first): the demo page, an open card, the
// popup at 380×600, the statement page on a phone and on a desktop, the options page and the PDF
// reader with a card open. Fixed viewports and the bundled demo page keep them comparable.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { type Browser, inWorker, launchBrowser, serveFixtures } from '../tests/e2e/harness.ts';
import { twoColumnPdf } from '../tests/fixtures/make-pdfs.ts';
import { ensureChromium } from './ensure-chromium.ts';

const OUT = resolve(import.meta.dirname, '../docs/screenshots');
const DEMO_DIR = resolve(import.meta.dirname, '../demo');

declare const chrome: {
  tabs: { query(q: object): Promise<{ id?: number }[]> };
  windows: { create(o: object): Promise<unknown> };
};

/** Rests the pointer on the first range of `highlight` and waits for its card. */
async function hover(page: Page, highlight: string, cardSelector: string): Promise<void> {
  const point = await page.evaluate((name) => {
    const range = [...(CSS.highlights.get(name) ?? [])][0] as Range | undefined;
    if (!range) throw new Error(`no ${name} highlight`);
    const r = range.getClientRects()[0] ?? range.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  }, highlight);
  await page.mouse.move(point.x + 80, point.y + 120);
  await page.mouse.move(point.x, point.y, { steps: 5 });
  await page.waitForFunction(
    (selector) =>
      !!document.querySelector(selector) ||
      !!document.querySelector('sanctions-context-card:not([data-pending])')?.shadowRoot?.querySelector(selector),
    cardSelector,
    { timeout: 10_000 },
  );
  // Past the card's fade-in.
  await page.waitForTimeout(400);
}

async function shoot(page: Page, name: string): Promise<void> {
  const path = join(OUT, name);
  await page.screenshot({ path });
  console.log(`Saved ${path}`);
}

async function popupFor(browser: Browser): Promise<Page> {
  const tabId = await inWorker(
    browser,
    async () => (await chrome.tabs.query({ active: true, windowType: 'normal' }))[0]?.id ?? -1,
    null,
  );
  const url = `chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`;
  const [popup] = await Promise.all([
    browser.context.waitForEvent('page', (p) => p.url().startsWith(url)),
    inWorker(browser, (u: string) => chrome.windows.create({ url: u, type: 'popup', width: 400, height: 640 }), url),
  ]);
  await popup.waitForLoadState();
  await popup.setViewportSize({ width: 380, height: 600 });
  await popup.waitForSelector('.group');
  return popup;
}

async function main(): Promise<void> {
  ensureChromium();
  const pdfDir = mkdtempSync(join(tmpdir(), 'screenshots-'));
  writeFileSync(join(pdfDir, 'report.pdf'), await twoColumnPdf());
  const site = await serveFixtures(DEMO_DIR);
  const browser = await launchBrowser({ headless: true });
  try {
    const page = await browser.newPage(`${site.origin}/index.html`);
    await page.setViewportSize({ width: 1100, height: 800 });
    await page.waitForFunction(() => (CSS.highlights.get('sanctions-context-msmt')?.size ?? 0) > 0);
    await shoot(page, 'page.png');
    await hover(page, 'sanctions-context-msmt', '[role="dialog"]');
    await shoot(page, 'card.png');
    await page.mouse.move(5, 795);

    const popup = await popupFor(browser);
    await shoot(popup, 'popup.png');
    await popup.close();

    const base = `chrome-extension://${browser.extensionId}`;
    const phone = await browser.newPage(`${base}/statement.html#p4`);
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.waitForFunction(() => CSS.highlights.size > 0);
    await shoot(phone, 'statement-phone.png');
    await phone.setViewportSize({ width: 1280, height: 800 });
    await phone.waitForTimeout(300);
    await shoot(phone, 'statement.png');

    const options = await browser.newPage(`${base}/options.html`);
    await options.setViewportSize({ width: 900, height: 1000 });
    await options.waitForSelector('main.options fieldset');
    await shoot(options, 'options.png');

    const reader = await browser.newPage(`${base}/pdf.html`);
    await reader.setViewportSize({ width: 1280, height: 800 });
    await reader.setInputFiles('input[type=file]', join(pdfDir, 'report.pdf'));
    await reader.waitForFunction(() => CSS.highlights.has('sanctions-context-rgb'), undefined, { timeout: 20_000 });
    await hover(reader, 'sanctions-context-rgb', '.card-layer [role="dialog"]');
    await shoot(reader, 'pdf-reader.png');
  } finally {
    await browser.close();
    await site.close();
    rmSync(pdfDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
