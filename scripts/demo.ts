// `npm start`: opens Chromium with the built extension on the bundled demo page. Headless when
// there is no display: saves screenshots of the page, of an open card and of the popup the
// toolbar button opens, and prints their paths.
import { join, resolve } from 'node:path';
import {
  clickToolbarButton,
  inToolbarPopup,
  launchBrowser,
  resultsDir,
  screenshotToolbarPopup,
  serveFixtures,
} from '../tests/e2e/harness.ts';
import { ensureChromium } from './ensure-chromium.ts';

const DEMO_DIR = resolve(import.meta.dirname, '../demo');

async function main(): Promise<void> {
  ensureChromium();
  const headless = !process.env.DISPLAY;
  const site = await serveFixtures(DEMO_DIR);
  const browser = await launchBrowser({ headless });
  const page = await browser.newPage(`${site.origin}/index.html`);
  await page.waitForFunction(() => (CSS.highlights.get('sanctions-context-msmt')?.size ?? 0) > 0, undefined, {
    timeout: 15000,
  });
  console.log(`Demo page: ${site.origin}/index.html`);

  if (!headless) {
    console.log('Hover a highlighted name to see its card. Press Ctrl-C to quit.');
    process.on('SIGINT', () => {
      void browser.close().then(() => site.close().then(() => process.exit(0)));
    });
    return;
  }

  const dir = await resultsDir();
  const pagePath = join(dir, 'demo-page.png');
  const cardPath = join(dir, 'demo-card.png');
  await page.screenshot({ path: pagePath });
  const point = await page.evaluate(() => {
    const range = [...(CSS.highlights.get('sanctions-context-msmt') ?? [])][0] as Range;
    const r = range.getClientRects()[0] ?? range.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  });
  await page.mouse.move(point.x, point.y, { steps: 5 });
  await page.waitForFunction(
    () =>
      !!document
        .querySelector('sanctions-context-card:not([data-pending])')
        ?.shadowRoot?.querySelector('[role="dialog"]'),
  );
  // Shown (not the copy drawn hidden ahead of the delay), and past its fade-in.
  await page.waitForTimeout(400);
  await page.screenshot({ path: cardPath });
  console.log(`Saved ${pagePath}`);
  console.log(`Saved ${cardPath}`);

  // The toolbar button, clicked as a reader does (headless Chromium draws no toolbar).
  await page.keyboard.press('Escape');
  await clickToolbarButton(browser, page);
  const popupPath = join(dir, 'demo-popup.png');
  const until = Date.now() + 10_000;
  while (!(await inToolbarPopup<boolean>(browser, `document.querySelector('.group') !== null`).catch(() => false))) {
    if (Date.now() > until) throw new Error('the popup listed no mentions within 10 s');
    await page.waitForTimeout(100);
  }
  await screenshotToolbarPopup(browser, popupPath);
  console.log(`Saved ${popupPath}`);
  await browser.close();
  await site.close();
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
