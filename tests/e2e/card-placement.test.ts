import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, FIXTURES_DIR, type FixtureServer, launchBrowser, serveFixtures, waitInPage } from './harness.ts';

/*
 * Where a card goes, in a real browser, for both hosts of cards (a web page through the content
 * script, and the statement page): whatever the viewport and wherever the mention sits in it,
 * the card never covers its mention and never leaves the viewport. A card that fits neither
 * above nor below shrinks and scrolls inside.
 */

const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
] as const;
const SPOTS = ['top', 'middle', 'bottom'] as const;
type Spot = (typeof SPOTS)[number];

/** One mention between two screens of empty page, so it can be scrolled to any height of the viewport. */
const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Card placement</title>
<style>body { margin: 0; font: 16px/1.5 sans-serif; } .spacer { height: 3000px; } p { margin: 0 16px; }</style>
</head><body>
<div class="spacer"></div>
<p>Officials said the DPRK kept up its programmes.</p>
<div class="spacer"></div>
</body></html>`;

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

interface Placed {
  card: Box & { text: string; entity: string; scrolls: boolean };
  mention: Box;
  viewport: { width: number; height: number };
}

let browser: Browser;
let site: FixtureServer;

beforeAll(async () => {
  site = await serveFixtures(FIXTURES_DIR, { '/placement.html': () => PAGE });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/**
 * Scrolls the page so that the `nth` painted range of `entity` sits at `spot` of the viewport
 * (12 px from an edge, or centred), and returns its viewport box.
 */
function scrollMentionTo(page: Page, entity: string, nth: number, spot: Spot): Promise<Box> {
  return page.evaluate(
    ({ name, nth, spot }) => {
      const range = [...(CSS.highlights.get(name) ?? [])][nth] as Range | undefined;
      if (!range) throw new Error(`no range ${nth} in ${name}`);
      const r0 = range.getBoundingClientRect();
      const want =
        spot === 'top' ? 12 : spot === 'middle' ? (innerHeight - r0.height) / 2 : innerHeight - r0.height - 12;
      window.scrollTo({ top: r0.top + scrollY - want, behavior: 'instant' });
      const r = range.getBoundingClientRect();
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    },
    { name: `sanctions-context-${entity}`, nth, spot },
  );
}

/** The open card's box and text, the box of the `nth` painted range of `entity`, and the viewport. */
function readPlacement(page: Page, entity: string, nth: number, dialogSelector: string): Promise<Placed | null> {
  return page.evaluate(
    ({ name, nth, dialogSelector }) => {
      const host = document.querySelector('sanctions-context-card:not([data-pending])');
      const dialog = (host?.shadowRoot ?? document).querySelector<HTMLElement>(dialogSelector);
      const range = [...(CSS.highlights.get(name) ?? [])][nth] as Range | undefined;
      if (!dialog || !range) return null;
      const box = (r: DOMRect) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
      return {
        card: {
          ...box(dialog.getBoundingClientRect()),
          text: dialog.textContent ?? '',
          entity: dialog.dataset.entity ?? '',
          scrolls: dialog.scrollHeight > dialog.clientHeight + 1,
        },
        mention: box(range.getBoundingClientRect()),
        // The part of the viewport a card can use: scroll bars excluded.
        viewport: { width: document.documentElement.clientWidth, height: document.documentElement.clientHeight },
      };
    },
    { name: `sanctions-context-${entity}`, nth, dialogSelector },
  );
}

const boxText = (b: Box) => `${Math.round(b.left)},${Math.round(b.top)}–${Math.round(b.right)},${Math.round(b.bottom)}`;

const intersects = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** Moves the pointer from the far side of the viewport onto `mention` and waits for a card. */
async function hover(page: Page, mention: Box, spot: Spot, isOpen: () => boolean) {
  const size = page.viewportSize() ?? { width: 0, height: 0 };
  await page.mouse.move(size.width - 4, spot === 'top' ? size.height - 4 : 4);
  await page.mouse.move((mention.left + mention.right) / 2, (mention.top + mention.bottom) / 2, { steps: 4 });
  await waitInPage(page, 'the card to open', isOpen);
  // Past the card's 120 ms fade-in (it starts 2 px low) and the placement's own frame.
  await page.waitForTimeout(300);
}

/** Checks one placement and returns it for the summary line. */
function expectPlaced(placed: Placed | null, entity: string, spot: Spot) {
  if (!placed) throw new Error('no card or no mention to measure');
  const { card, mention, viewport } = placed;
  // Positive controls: the card is the hovered mention's, drawn and filled, and the mention is in view.
  expect(card.entity).toBe(entity);
  expect(card.right - card.left).toBeGreaterThan(100);
  expect(card.bottom - card.top).toBeGreaterThan(40);
  expect(card.text.trim().length).toBeGreaterThan(20);
  expect(mention.top).toBeGreaterThanOrEqual(0);
  expect(mention.bottom).toBeLessThanOrEqual(viewport.height);
  // The card leaves its word readable…
  const where = `card ${boxText(card)}, mention ${boxText(mention)}, viewport ${viewport.width}×${viewport.height}`;
  expect(intersects(card, mention), where).toBe(false);
  if (spot === 'top') expect(card.top, where).toBeGreaterThanOrEqual(mention.bottom);
  if (spot === 'bottom') expect(card.bottom, where).toBeLessThanOrEqual(mention.top);
  // …and stays whole on screen.
  expect(card.left, where).toBeGreaterThanOrEqual(0);
  expect(card.top, where).toBeGreaterThanOrEqual(0);
  expect(card.right, where).toBeLessThanOrEqual(viewport.width);
  expect(card.bottom, where).toBeLessThanOrEqual(viewport.height);
  return `${spot}: ${where}${card.scrolls ? ', card scrolls inside' : ''}`;
}

/** How a test finds the card of one host of cards. */
interface CardHost {
  /** Selector of the card's dialog, in the card's shadow root when there is one. */
  dialog: string;
  /** Run in the page (serialised on its own): whether a card is open, and whether none is. */
  isOpen(): boolean;
  isClosed(): boolean;
}

/**
 * Puts the `nth` painted DPRK mention at the top, the middle and the bottom of the viewport in
 * turn, hovers it and checks its card's placement; closes each card with Escape.
 */
async function checkEverySpot(page: Page, nth: number, host: CardHost) {
  const seen: string[] = [];
  for (const spot of SPOTS) {
    const mention = await scrollMentionTo(page, 'dprk', nth, spot);
    await hover(page, mention, spot, host.isOpen);
    seen.push(expectPlaced(await readPlacement(page, 'dprk', nth, host.dialog), 'dprk', spot));
    await page.keyboard.press('Escape');
    await waitInPage(page, 'the card to close', host.isClosed);
  }
  console.log(seen.join('\n'));
}

const painted = () => (CSS.highlights.get('sanctions-context-dprk')?.size ?? 0) > 0;

describe('card placement on a web page (content script)', () => {
  let page: Page;
  const host: CardHost = {
    dialog: '[role="dialog"]',
    isOpen: () =>
      !!document
        .querySelector('sanctions-context-card:not([data-pending])')
        ?.shadowRoot?.querySelector('[role="dialog"]'),
    isClosed: () => !document.querySelector('sanctions-context-card:not([data-pending])'),
  };

  beforeAll(async () => {
    page = await browser.newPage(`${site.origin}/placement.html`);
    await waitInPage(page, 'the mention to be painted', painted);
  });

  for (const viewport of VIEWPORTS) {
    it(`at ${viewport.width}×${viewport.height}, never covers its mention nor leaves the viewport`, async () => {
      await page.setViewportSize(viewport);
      await checkEverySpot(page, 0, host);
    });
  }
});

describe('card placement on the statement page', () => {
  let page: Page;
  const host: CardHost = {
    dialog: '.card-layer [role="dialog"]',
    isOpen: () => !!document.querySelector('.card-layer [role="dialog"]'),
    isClosed: () => !document.querySelector('.card-layer [role="dialog"]'),
  };

  beforeAll(async () => {
    page = await browser.newPage(`chrome-extension://${browser.extensionId}/statement.html`);
    await waitInPage(page, 'the statement’s highlights', painted);
  });

  for (const viewport of VIEWPORTS) {
    it(`at ${viewport.width}×${viewport.height}, never covers its mention nor leaves the viewport`, async () => {
      await page.setViewportSize(viewport);
      // A one-line mention far enough from both ends of the statement to be scrolled anywhere.
      const nth = await page.evaluate(() => {
        const ranges = [...(CSS.highlights.get('sanctions-context-dprk') ?? [])] as Range[];
        const max = document.documentElement.scrollHeight;
        return ranges.findIndex((r) => {
          const top = r.getBoundingClientRect().top + scrollY;
          return r.getClientRects().length === 1 && top > innerHeight && top < max - innerHeight;
        });
      });
      expect(nth, 'a one-line mention away from both ends').toBeGreaterThanOrEqual(0);
      await checkEverySpot(page, nth, host);
    });
  }
});
