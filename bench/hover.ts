/**
 * Hover to card, as a reader meets it the first time on a page: load a page with mentions in a
 * fresh profile, let it settle, move the pointer once onto the first painted mention, and time in
 * the page, from that pointer event, when the card's host is in the DOM and shown, and the frame
 * that paints it. The card opens after the hover intent's delay (300 ms by default); what is over it is the
 * cost of getting the card's code and drawing it, the first time included.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch } from './measure.ts';

export interface HoverSample {
  /** Pointer event to the card's host in the DOM and not hidden, ms. */
  insertedMs: number;
  /** Pointer event to the end of the frame that first paints the card, ms. */
  paintedMs: number;
}

/**
 * What the page records: the pointer event's time, when the card's host is in the DOM and shown
 * (a card may be drawn hidden ahead of the delay and unhidden when it ends), and the end of the
 * first frame after that.
 */
const RECORDER = `(() => {
  const out = (window.benchHover = {});
  document.addEventListener('pointermove', () => { out.moved ??= performance.now(); }, { capture: true, once: true });
  const check = (host, observer) => {
    if (out.inserted !== undefined || !host.isConnected) return;
    if (!host.checkVisibility({ visibilityProperty: true })) return;
    out.inserted = performance.now();
    requestAnimationFrame(() => setTimeout(() => { out.painted = performance.now(); }, 0));
    observer.disconnect();
  };
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes' && r.target.localName === 'sanctions-context-card') check(r.target, observer);
      for (const n of r.addedNodes) if (n.localName === 'sanctions-context-card') check(n, observer);
    }
  });
  observer.observe(document.documentElement, { childList: true, subtree: true, attributes: true });
})()`;

/** Scrolls the first painted mention to the middle of the window; false before highlights. */
const SHOW_FIRST_MENTION = `(() => {
  for (const [name, highlight] of CSS.highlights) {
    if (!name.startsWith('sanctions-context-')) continue;
    for (const range of highlight) {
      range.startContainer.parentElement.scrollIntoView({ block: 'center' });
      return true;
    }
  }
  return false;
})()`;

/** Centre of the first painted mention, in viewport coordinates. */
const FIRST_MENTION = `(() => {
  for (const [name, highlight] of CSS.highlights) {
    if (!name.startsWith('sanctions-context-')) continue;
    for (const range of highlight) {
      const box = range.getClientRects()[0];
      if (box) return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
    }
  }
  return null;
})()`;

/**
 * One first hover on `url` with the extension in `extension`. Throws when the page shows no
 * mention within 20 s or no card within 5 s of the hover.
 */
export async function measureHover(extension: string, url: string): Promise<HoverSample> {
  const profile = await mkdtemp(join(tmpdir(), 'bench-hover-'));
  const { context } = await launch(extension, profile);
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(SHOW_FIRST_MENTION, undefined, { timeout: 20_000, polling: 50 });
    // Settled: the page's scan is over and nothing else is loading.
    await page.waitForTimeout(800);
    const point = (await page.evaluate(FIRST_MENTION)) as { x: number; y: number };
    await page.evaluate(RECORDER);
    await page.mouse.move(point.x, point.y);
    await page.waitForFunction('window.benchHover.painted !== undefined', undefined, { timeout: 5000, polling: 10 });
    const times = (await page.evaluate('window.benchHover')) as { moved: number; inserted: number; painted: number };
    return { insertedMs: times.inserted - times.moved, paintedMs: times.painted - times.moved };
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
}
