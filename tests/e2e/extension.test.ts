import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MentionsResponse } from '../../lib/messages.ts';
import {
  type Browser,
  EXTENSION_DIR,
  type FixtureServer,
  highlightSizes,
  highlightTexts,
  inWorker,
  launchBrowser,
  resultsDir,
  serveFixtures,
  waitInPage,
} from './harness.ts';

/** The few extension APIs the tests call inside the service worker (no @types/chrome in the project). */
interface ChromeApi {
  tabs: {
    query(q: { active: boolean; lastFocusedWindow: boolean }): Promise<{ id?: number }[]>;
    sendMessage(tabId: number, message: unknown, options?: { frameId: number }): Promise<MentionsResponse>;
  };
  action: { getBadgeText(details: { tabId: number }): Promise<string> };
  commands: { getAll(): Promise<{ name?: string; shortcut?: string }[]> };
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

/** Centre of the first painted range of `entity`, in viewport coordinates. */
function firstRangeCentre(page: Page, entity: string): Promise<{ x: number; y: number; text: string }> {
  return page.evaluate((name) => {
    const h = CSS.highlights.get(name);
    const range = h ? ([...h][0] as Range | undefined) : undefined;
    if (!range) throw new Error(`no range in ${name}`);
    range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
    const r = range.getClientRects()[0] ?? range.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2, text: range.toString() };
  }, `sanctions-context-${entity}`);
}

/** What the open card shows, read through its open shadow root; null when no card is open. */
function readCard(page: Page) {
  return page.evaluate(() => {
    const host = document.querySelector('sanctions-context-card:not([data-pending])');
    const root = host?.shadowRoot;
    const dialog = root?.querySelector<HTMLElement>('[role="dialog"]');
    if (!host || !root || !dialog) return null;
    const box = dialog.getBoundingClientRect();
    const links = [...root.querySelectorAll<HTMLAnchorElement>('a.link')].map((a) => ({
      text: a.textContent ?? '',
      href: a.href,
    }));
    return {
      label: dialog.getAttribute('aria-label') ?? '',
      name: root.querySelector('.name')?.textContent ?? '',
      facts: root.querySelectorAll('.fact').length,
      chip: root.querySelector<HTMLAnchorElement>('a.chip')?.href ?? '',
      links,
      box: { left: box.left, top: box.top, right: box.right, bottom: box.bottom, width: box.width },
      fontSize: getComputedStyle(dialog).fontSize,
      focusedInside: document.activeElement === host && root.activeElement !== null,
      activeRole: root.activeElement?.getAttribute('role') ?? root.activeElement?.localName ?? '',
      viewport: { width: innerWidth, height: innerHeight },
    };
  });
}

async function waitForCard(page: Page, open: boolean) {
  await waitInPage(
    page,
    open ? 'the card to open' : 'the card to close',
    open
      ? () =>
          !!document
            .querySelector('sanctions-context-card:not([data-pending])')
            ?.shadowRoot?.querySelector('[role="dialog"]')
      : () => !document.querySelector('sanctions-context-card:not([data-pending])'),
  );
}

async function activeTabId(): Promise<number> {
  return inWorker(
    browser,
    async () => {
      const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      return tab?.id ?? -1;
    },
    null,
  );
}

describe('multilingual article', () => {
  let page: Page;

  beforeAll(async () => {
    page = await browser.newPage(`${site.origin}/article.html?other=${encodeURIComponent(other.origin)}`);
    await waitInPage(page, 'highlights', () =>
      ['dprk', 'unsc-1718', 'rgb', 'msmt'].every(
        (id) => (CSS.highlights.get(`sanctions-context-${id}`)?.size ?? 0) > 0,
      ),
    );
  });

  it('registers one highlight per entity holding the expected mentions', async () => {
    const texts = await highlightTexts(page);
    expect(texts.dprk).toEqual(
      expect.arrayContaining(['North Korea', 'DPRK', 'Corée du Nord', 'Nordkorea', '북한', '北朝鮮', 'КНДР']),
    );
    // A mention split across elements ("North <em>Korea</em>") is one range.
    expect(texts.dprk?.filter((t) => t === 'North Korea').length).toBeGreaterThanOrEqual(2);
    expect(texts['unsc-1718']?.some((t) => /1718/.test(t))).toBe(true);
    expect(texts.rgb).toEqual(expect.arrayContaining(['Reconnaissance General Bureau', '정찰총국']));
    expect(texts.msmt).toEqual(expect.arrayContaining(['Multilateral Sanctions Monitoring Team', 'MSMT']));
    const sizes = await highlightSizes(page);
    for (const [id, list] of Object.entries(texts)) expect(sizes[id]).toBe(list.length);
    await page.screenshot({ path: join(await resultsDir(), 'e2e-highlighted.png') });
  });

  it('paints nothing in hidden text or in "République de Corée"', async () => {
    const stray = await page.evaluate(() => {
      const bad: string[] = [];
      for (const [name, h] of CSS.highlights) {
        for (const r of h as Highlight) {
          const el = (r as Range).startContainer.parentElement;
          if (el?.closest('.hidden-note, #p-trap')) bad.push(`${name}: ${r.toString()}`);
        }
      }
      return bad;
    });
    expect(stray).toEqual([]);
  });

  it('leaves the article DOM byte-identical', async () => {
    const { before, after } = await page.evaluate(() => ({
      before: (window as unknown as { __articleBefore: string }).__articleBefore,
      after: document.getElementById('story')?.outerHTML,
    }));
    expect(before.length).toBeGreaterThan(500);
    expect(after).toBe(before);
  });

  it('highlights inside a cross-origin iframe', async () => {
    const frame = page.frames().find((f) => f.url().startsWith(other.origin));
    expect(frame, 'cross-origin frame loaded').toBeTruthy();
    await frame?.waitForFunction(hasDprk, undefined, { timeout: 8000, polling: 50 });
    const size = await frame?.evaluate(() => CSS.highlights.get('sanctions-context-dprk')?.size ?? 0);
    expect(size).toBe(2);
  });

  it('answers get-mentions and shows the count on the badge', async () => {
    await page.bringToFront();
    const tabId = await activeTabId();
    const answer = await inWorker(
      browser,
      async (id: number) => chrome.tabs.sendMessage(id, { type: 'get-mentions' }, { frameId: 0 }),
      tabId,
    );
    const sizes = await highlightSizes(page);
    const painted = Object.values(sizes).reduce((a, b) => a + b, 0);
    expect(answer.total).toBe(painted);
    expect(answer.mentions[0]).toMatchObject({ index: 0, entity: 'dprk', text: 'North Korea' });
    expect(answer.mentions[0]?.snippet).toContain('Who watches the sanctions');
    // Top frame plus the iframe's two mentions, reported by each frame's content script.
    await expect
      .poll(() => inWorker(browser, (id: number) => chrome.action.getBadgeText({ tabId: id }), tabId), {
        timeout: 5000,
      })
      .toBe(String(painted + 2));
  });

  it('opens a card on hover with a cited fact, a working ¶ link, and closes on Escape', async () => {
    await page.bringToFront();
    const target = await firstRangeCentre(page, 'msmt');
    await page.mouse.move(target.x - 200, target.y + 200);
    await page.mouse.move(target.x, target.y, { steps: 4 });
    await waitForCard(page, true);
    const card = await readCard(page);
    expect(card?.facts).toBeGreaterThanOrEqual(1);
    // Placed next to the mention: just below it, or just above when flipped.
    const mentionBox = await page.evaluate(() => {
      const r = ([...(CSS.highlights.get('sanctions-context-msmt') ?? [])][0] as Range).getBoundingClientRect();
      return { top: r.top, bottom: r.bottom };
    });
    const gap = Math.min(
      Math.abs((card?.box.top ?? -1e4) - mentionBox.bottom),
      Math.abs((card?.box.bottom ?? -1e4) - mentionBox.top),
    );
    expect(gap).toBeLessThan(20);
    expect(card?.label.length).toBeGreaterThan(0);
    const statementLink = card?.links.find((l) => l.href.includes('/statement.html#p'));
    expect(statementLink, 'an "Open in statement ¶N" link').toBeTruthy();
    // Past the card's 120 ms fade-in, so the screenshot shows it as the reader does.
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(await resultsDir(), 'e2e-card.png') });

    const [opened] = await Promise.all([
      browser.context.waitForEvent('page'),
      page.evaluate(() =>
        document
          .querySelector('sanctions-context-card:not([data-pending])')
          ?.shadowRoot?.querySelector<HTMLAnchorElement>('a.link')
          ?.click(),
      ),
    ]);
    await opened.waitForLoadState();
    const href = statementLink?.href ?? '';
    expect(opened.url()).toBe(href);
    const quote = decodeURIComponent(href.split('&q=')[1] ?? '');
    await waitInPage(opened, 'the quoted sentence to be lit', () => !!document.querySelector('mark'));
    const lit = await opened.evaluate(() => {
      const mark = document.querySelector('mark');
      const r = mark?.getBoundingClientRect();
      return { text: mark?.textContent ?? '', visible: !!r && r.bottom > 0 && r.top < innerHeight };
    });
    expect(lit.text).toBe(quote);
    await opened.close();

    await page.bringToFront();
    await page.mouse.move(target.x, target.y);
    await waitForCard(page, true);
    await page.keyboard.press('Escape');
    await waitForCard(page, false);
  });

  it('keeps the card open while the pointer travels into it, closes after leaving both', async () => {
    const target = await firstRangeCentre(page, 'dprk');
    await page.mouse.move(target.x, target.y);
    await waitForCard(page, true);
    const card = await readCard(page);
    if (!card) throw new Error('card missing');
    // Walk from the mention into the card, then stay there past the close grace period.
    await page.mouse.move((card.box.left + card.box.right) / 2, card.box.top + 20, { steps: 6 });
    await page.waitForTimeout(700);
    expect(await readCard(page)).not.toBeNull();
    await page.mouse.move(5, card.viewport.height - 5, { steps: 3 });
    await waitForCard(page, false);
  });

  it('draws the card out of sight before the hover delay ends and shows it when it does', async () => {
    await page.mouse.move(5, 5);
    await waitForCard(page, false);
    const target = await firstRangeCentre(page, 'dprk');
    // Watched in the page, so no polling can miss the short time the card is hidden.
    const watching = page.evaluate(
      () =>
        new Promise<{
          hidden: boolean;
          hiddenHit: string;
          shownAfterMs: number;
          shownHit: string;
          hiddenForMs: number;
        }>((done, fail) => {
          let seen: { at: number; hidden: boolean; hiddenHit: string } | undefined;
          const hitAt = (host: Element) => {
            const box = host.shadowRoot?.querySelector('[role="dialog"]')?.getBoundingClientRect();
            return box ? (document.elementFromPoint(box.left + box.width / 2, box.top + 10)?.localName ?? '') : '';
          };
          const check = () => {
            const host = document.querySelector('sanctions-context-card');
            if (!host) return;
            const hidden = getComputedStyle(host).visibility === 'hidden';
            if (!seen) seen = { at: performance.now(), hidden, hiddenHit: hidden ? hitAt(host) : '' };
            if (hidden) return;
            observer.disconnect();
            done({
              hidden: seen.hidden,
              hiddenHit: seen.hiddenHit,
              hiddenForMs: performance.now() - seen.at,
              shownAfterMs: performance.now() - moved,
              shownHit: hitAt(host),
            });
          };
          let moved = 0;
          document.addEventListener(
            'pointermove',
            () => {
              moved ||= performance.now();
            },
            { capture: true },
          );
          const observer = new MutationObserver(check);
          observer.observe(document.documentElement, { childList: true, subtree: true, attributes: true });
          setTimeout(() => fail(new Error('no card within 5 s')), 5000);
        }),
    );
    await page.mouse.move(target.x, target.y);
    const seen = await watching;
    // Drawn hidden first: nothing of it can be hit, and it stayed so for a while…
    expect(seen.hidden).toBe(true);
    expect(seen.hiddenHit).not.toBe('sanctions-context-card');
    expect(seen.hiddenForMs).toBeGreaterThan(50);
    // …then shown, on top, when the delay (300 ms by default) ended.
    expect(seen.shownAfterMs).toBeGreaterThanOrEqual(290);
    expect(seen.shownHit).toBe('sanctions-context-card');
    // A card drawn for a mention the pointer leaves before the delay ends is taken away unseen.
    await page.mouse.move(5, 5);
    await waitForCard(page, false);
    await waitInPage(page, 'every card host to be gone', () => !document.querySelector('sanctions-context-card'));
    const other = await firstRangeCentre(page, 'msmt');
    await page.mouse.move(other.x, other.y);
    await waitInPage(page, 'a hidden card to be drawn', () => !!document.querySelector('sanctions-context-card'));
    await page.mouse.move(5, 5);
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => document.querySelectorAll('sanctions-context-card').length)).toBe(0);
  });

  it('the browser really assigns the next-mention shortcut the manifest suggests', async () => {
    const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
    const suggested: string = manifest.commands['next-mention'].suggested_key.default;
    expect(suggested).toMatch(/^(Alt|Ctrl)\+Shift\+[A-Z]$/);
    const commands = await inWorker(browser, async () => chrome.commands.getAll(), undefined);
    const next = commands.find((c) => c.name === 'next-mention');
    // An empty shortcut is what Chromium gives a key it refuses (it did so for Alt+Shift+N).
    expect(next?.shortcut).toBe(suggested);
  });

  it('the card’s footer names the assigned next-mention key', async () => {
    const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
    const suggested: string = manifest.commands['next-mention'].suggested_key.default;
    expect(suggested.length).toBeGreaterThan(0);
    await page.bringToFront();
    const target = await firstRangeCentre(page, 'rgb');
    await page.mouse.move(target.x, target.y);
    await waitForCard(page, true);
    // The key comes from the background a moment after the card opens, the first time.
    await expect
      .poll(() =>
        page.evaluate(
          () =>
            document
              .querySelector('sanctions-context-card:not([data-pending])')
              ?.shadowRoot?.querySelector('footer .shortcut')?.textContent,
        ),
      )
      .toBe(`${suggested}: next mention`);
    await page.keyboard.press('Escape');
    await waitForCard(page, false);
  });

  it('moves to the next mention with focus from the keyboard command, Tab stays in the card, Escape returns focus', async () => {
    // Headless Chromium cannot press a manifest shortcut; the background's command handler sends
    // exactly this message, so this drives the content-script side of the path.
    await page.bringToFront();
    const tabId = await activeTabId();
    await inWorker(
      browser,
      async (id: number) => chrome.tabs.sendMessage(id, { type: 'next-mention' }, { frameId: 0 }),
      tabId,
    );
    await waitForCard(page, true);
    let card = await readCard(page);
    expect(card?.focusedInside).toBe(true);
    expect(card?.activeRole).toBe('dialog');
    await page.keyboard.press('Tab');
    card = await readCard(page);
    expect(card?.focusedInside).toBe(true);
    expect(['a', 'button']).toContain(card?.activeRole);
    await page.keyboard.press('Escape');
    await waitForCard(page, false);

    await inWorker(
      browser,
      async (id: number) => chrome.tabs.sendMessage(id, { type: 'next-mention' }, { frameId: 0 }),
      tabId,
    );
    await waitForCard(page, true);
    const name = (await readCard(page))?.name;
    expect(name?.length).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
    await waitForCard(page, false);
  });
});

describe('editable fields', () => {
  it('keeps inputs, textareas and editors exact, unpainted and typeable', async () => {
    const page = await browser.newPage(`${site.origin}/editable.html`);
    await waitInPage(page, 'the plain paragraph to be painted', hasDprk);
    const state = await page.evaluate(() => {
      const inFields: string[] = [];
      for (const [, h] of CSS.highlights) {
        for (const r of h as Highlight) {
          const el = (r as Range).startContainer.parentElement;
          if (el?.closest('input, textarea, [contenteditable]')) inFields.push(r.toString());
        }
      }
      const before = (window as unknown as { __editBefore: Record<string, string> }).__editBefore;
      return {
        inFields,
        unchanged:
          (document.getElementById('field') as HTMLInputElement).value === before.field &&
          (document.getElementById('area') as HTMLTextAreaElement).value === before.area &&
          document.getElementById('editor')?.innerHTML === before.editor &&
          document.getElementById('plain-editor')?.textContent === before.plain,
        custom: document.querySelectorAll('sanctions-context-mark').length,
      };
    });
    expect(state).toEqual({ inFields: [], unchanged: true, custom: 0 });

    await page.click('#field');
    await page.keyboard.press('End');
    await page.keyboard.type(' DPRK!');
    await page.click('#area');
    await page.keyboard.press('End');
    await page.keyboard.type(' North Korea?');
    await page.click('#editor b');
    await page.keyboard.press('End');
    await page.keyboard.type(' typed');
    await page.waitForTimeout(300);
    const after = await page.evaluate(() => ({
      field: (document.getElementById('field') as HTMLInputElement).value,
      area: (document.getElementById('area') as HTMLTextAreaElement).value,
      editor: document.getElementById('editor')?.textContent,
    }));
    expect(after.field).toBe('North Korea and the DPRK in an input DPRK!');
    expect(after.area).toBe('The DPRK, North Korea and the MSMT in a textarea North Korea?');
    expect(after.editor).toBe('An editor paragraph on North Korea and resolution 1718. typed');
    await page.close();
  });
});

describe('pages that change', () => {
  it('highlights late and shadow-root text, and drops removed text', async () => {
    const page = await browser.newPage(`${site.origin}/dynamic.html`);
    await waitInPage(page, 'late text to be painted', () => {
      const h = CSS.highlights.get('sanctions-context-msmt');
      return !!h && [...h].some((r) => (r as Range).startContainer.parentElement?.id === 'late');
    });
    const shadow = await page.evaluate(() => {
      const h = CSS.highlights.get('sanctions-context-rgb');
      return h ? [...h].map((r) => (r as Range).startContainer.getRootNode() instanceof ShadowRoot) : [];
    });
    expect(shadow).toEqual([true]);
    expect((await highlightSizes(page)).dprk).toBe(2);
    await page.evaluate(() => (window as unknown as { removeDoomed: () => void }).removeDoomed());
    await waitInPage(
      page,
      'removed text to lose its range',
      () => CSS.highlights.get('sanctions-context-dprk')?.size === 1,
    );
    const connected = await page.evaluate(() =>
      [...CSS.highlights].every(([, h]) => [...(h as Highlight)].every((r) => (r as Range).startContainer.isConnected)),
    );
    expect(connected).toBe(true);
    await page.close();
  });

  it('wakes a page that names nothing when a mention appears, in its shadow roots too', async () => {
    const page = await browser.newPage(`${site.origin}/quiet.html`);
    // The iframe's mentions prove the content script runs on this page (positive control).
    const frame = page.frames().find((f) => f.url().endsWith('/framed-inner.html'));
    await frame?.waitForFunction(() => (CSS.highlights.get('sanctions-context-rgb')?.size ?? 0) > 0, undefined, {
      timeout: 8000,
      polling: 50,
    });
    // The top page names nothing: its frame loaded nothing more than the quiet check.
    expect(await page.evaluate(() => [...CSS.highlights.keys()])).toEqual([]);
    await page.evaluate(() => (window as unknown as { addMention: () => void }).addMention());
    await waitInPage(
      page,
      'the added mention to be painted',
      () => CSS.highlights.get('sanctions-context-msmt')?.size === 1,
    );
    await page.close();

    const shadowPage = await browser.newPage(`${site.origin}/quiet.html?shadow=1`);
    await waitInPage(shadowPage, 'the shadow roots’ mentions to be painted', () => {
      const h = CSS.highlights.get('sanctions-context-dprk');
      const ids = new Set(h ? [...h].map((r) => (r as Range).startContainer.parentElement?.id) : []);
      return ids.has('in-shadow') && ids.has('in-plain-shadow');
    });
    await shadowPage.close();
  });

  it('takes an iframe’s count off the badge when it navigates to a page that names nothing', async () => {
    const page = await browser.newPage(`${site.origin}/framed.html`);
    await page.bringToFront();
    const tabId = await activeTabId();
    const badge = () => inWorker(browser, (id: number) => chrome.action.getBadgeText({ tabId: id }), tabId);
    // The top page's mention and the frame's two, then the top page's alone once the frame shows an ad.
    await expect.poll(badge, { timeout: 8000 }).toBe('3');
    await page.evaluate(() => {
      (document.getElementById('note') as HTMLIFrameElement).src = 'quiet-inner.html';
    });
    await expect.poll(badge, { timeout: 8000 }).toBe('1');
    await page.close();
  });

  it('keeps working on a page that re-renders every 100 ms', async () => {
    const page = await browser.newPage(`${site.origin}/rerender.html`);
    await waitInPage(page, 'the static line to be painted', hasDprk);
    await page.waitForTimeout(2500);
    const state = await page.evaluate(() => {
      const w = window as unknown as { __renders: number; __problems: string[] };
      const ranges = [...CSS.highlights].flatMap(([, h]) => [...(h as Highlight)] as Range[]);
      return {
        renders: w.__renders,
        problems: w.__problems,
        detached: ranges.filter((r) => !r.startContainer.isConnected).length,
        live: ranges.some((r) => r.startContainer.parentElement?.closest('#live')),
        ticker: ranges.some((r) => r.startContainer.parentElement?.id === 'ticker'),
      };
    });
    expect(state.renders).toBeGreaterThan(15);
    expect(state.problems).toEqual([]);
    expect(state.detached).toBeLessThanOrEqual(3);
    expect(state.live).toBe(true);
    expect(state.ticker).toBe(true);
    await page.close();
  });

  it('puts back a deleted highlight once per deletion', async () => {
    const page = await browser.newPage(`${site.origin}/deleter.html`);
    await waitInPage(
      page,
      'three deletions',
      () => (window as unknown as { __deletions: number }).__deletions === 3,
      12000,
    );
    await page.waitForTimeout(2500);
    const state = await page.evaluate(() => ({
      deletions: (window as unknown as { __deletions: number }).__deletions,
      reappearances: (window as unknown as { __reappearances: number }).__reappearances,
      present: CSS.highlights.has('sanctions-context-dprk'),
      size: CSS.highlights.get('sanctions-context-dprk')?.size,
    }));
    expect(state).toEqual({ deletions: 3, reappearances: 3, present: true, size: 2 });
    await page.close();
  });
});

describe('hostile page CSS', () => {
  it('cannot restyle or hide the card', async () => {
    const page = await browser.newPage(`${site.origin}/hostile.html`);
    await waitInPage(page, 'highlights', hasDprk);
    const target = await firstRangeCentre(page, 'dprk');
    await page.mouse.move(target.x, target.y);
    await waitForCard(page, true);
    const card = await readCard(page);
    if (!card) throw new Error('card missing');
    expect(card.fontSize).toBe('14px');
    expect(card.box.width).toBeGreaterThanOrEqual(250);
    expect(card.box.width).toBeLessThanOrEqual(370);
    expect(card.box.left).toBeGreaterThanOrEqual(0);
    expect(card.box.right).toBeLessThanOrEqual(card.viewport.width);
    expect(card.box.top).toBeGreaterThanOrEqual(0);
    // The card is on top: the element at its centre is the card's host, not the page's cover.
    const onTop = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.localName, {
      x: (card.box.left + card.box.right) / 2,
      y: card.box.top + 10,
    });
    expect(onTop).toBe('sanctions-context-card');
    await page.close();
  });
});

describe('whole run', () => {
  it('logged no console errors and made no network request from extension contexts', () => {
    expect(browser.errors).toEqual([]);
    // Extension files are not network: WXT loads the card's CSS from a dynamic
    // chrome-extension://<random id>/ URL (web_accessible_resources with use_dynamic_url).
    const packaged = (url: string) =>
      url.startsWith('chrome-extension://') && existsSync(join(EXTENSION_DIR, new URL(url).pathname));
    const allowed = [site.origin, other.origin];
    const outside = browser.requests.filter(
      (r) => !allowed.some((a) => r.url.startsWith(a)) && !r.url.startsWith('data:') && !packaged(r.url),
    );
    expect(outside).toEqual([]);
    // Fixture pages load no sub-resources, so every request to the fixture servers is a page
    // navigation; anything else would have come from the extension.
    const fromExtension = browser.requests.filter(
      (r) =>
        (r.url.startsWith(site.origin) || r.url.startsWith(other.origin)) &&
        r.type !== 'document' &&
        !r.url.endsWith('/favicon.ico'),
    );
    expect(fromExtension).toEqual([]);
    expect(browser.requests.length).toBeGreaterThan(5);
  });
});
