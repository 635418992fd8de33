import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { knowledge } from '../../data/index.ts';
import { CSV_COLUMNS } from '../../lib/export.ts';
import { t } from '../../lib/i18n.ts';
import { parseCsv } from '../helpers/csv.ts';
import {
  type Browser,
  clickToolbarButton,
  type FixtureServer,
  FRENCH_UI,
  highlightSizes,
  inToolbarPopup,
  inWorker,
  launchBrowser,
  PAINTED,
  ROOT,
  resultsDir,
  serveFixtures,
  waitInPage,
} from './harness.ts';

/*
 * The popup, opened for a fixture tab. Most tests open popup.html in a small window of their own
 * (as the real popup is: a separate view, the page staying the active tab of its window) and
 * point it at the fixture with `?tab=<id>`, so that Playwright can drive it; a tab in the same
 * window would push the fixture into the background, where it gets no frames. The popup the
 * toolbar button really opens (`clickToolbarButton`: headless Chromium shows no toolbar) is
 * checked too: it finds its tab with no query, and comes with the `activeTab` grant.
 */

interface ChromeApi {
  tabs: {
    query(q: { active: boolean; windowType: 'normal' }): Promise<{ id?: number }[]>;
    sendMessage(tabId: number, message: unknown, options: { frameId: number }): Promise<unknown>;
  };
  windows: { create(o: { url: string; type: 'popup'; width: number; height: number }): Promise<unknown> };
}
declare const chrome: ChromeApi;

const hasAllHighlights = () =>
  ['dprk', 'unsc-1718', 'rgb', 'msmt'].every((id) => (CSS.highlights.get(`sanctions-context-${id}`)?.size ?? 0) > 0);

async function openFixture(browser: Browser, site: FixtureServer): Promise<{ page: Page; tabId: number }> {
  const page = await browser.newPage(`${site.origin}/report-page.html`);
  await waitInPage(page, 'highlights', hasAllHighlights);
  const tabId = await inWorker(
    browser,
    async () => (await chrome.tabs.query({ active: true, windowType: 'normal' }))[0]?.id ?? -1,
    null,
  );
  expect(tabId).toBeGreaterThan(0);
  return { page, tabId };
}

async function openPopup(browser: Browser, tabId: number, size = { width: 380, height: 900 }): Promise<Page> {
  const url = `chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`;
  const [popup] = await Promise.all([
    browser.context.waitForEvent('page', (p) => p.url().startsWith(url)),
    inWorker(browser, (u: string) => chrome.windows.create({ url: u, type: 'popup', width: 420, height: 760 }), url),
  ]);
  await popup.waitForLoadState();
  await popup.setViewportSize(size);
  return popup;
}

/** Per-entity counts the popup shows, from each group's count badge. */
function popupCounts(popup: Page): Promise<Record<string, number>> {
  return popup.evaluate(() => {
    const out: Record<string, number> = {};
    for (const g of document.querySelectorAll<HTMLElement>('.group')) {
      out[g.dataset.entity ?? '?'] = Number(g.querySelector('.entity-count')?.textContent);
    }
    return out;
  });
}

/** Per-entity counts in the popup the toolbar button opened, as `popupCounts` reads them. */
function toolbarPopupCounts(browser: Browser): Promise<Record<string, number>> {
  return inToolbarPopup(
    browser,
    `Object.fromEntries([...document.querySelectorAll('.group')].map((g) =>
      [g.dataset.entity ?? '?', Number(g.querySelector('.entity-count')?.textContent)]))`,
  );
}

/** Closes the popup the toolbar button opened, as a click elsewhere does. */
function closeToolbarPopup(browser: Browser): Promise<void> {
  return inToolbarPopup(browser, 'void setTimeout(() => window.close(), 0)');
}

async function download(popup: Page, kind: 'csv' | 'json' | 'md'): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([popup.waitForEvent('download'), popup.click(`button[data-export="${kind}"]`)]);
  const path = await file.path();
  return { name: file.suggestedFilename(), text: await readFile(path, 'utf8') };
}

/** Waits for a card in `page` and returns its dialog's label and facts heading. */
async function cardText(page: Page): Promise<{ label: string; text: string }> {
  await waitInPage(
    page,
    'the card to open',
    () =>
      !!document
        .querySelector('sanctions-context-card:not([data-pending])')
        ?.shadowRoot?.querySelector('[role="dialog"]'),
  );
  return page.evaluate(() => {
    const dialog = document
      .querySelector('sanctions-context-card:not([data-pending])')
      ?.shadowRoot?.querySelector('[role="dialog"]');
    return { label: dialog?.getAttribute('aria-label') ?? '', text: dialog?.textContent ?? '' };
  });
}

describe('popup (English browser)', () => {
  let browser: Browser;
  let site: FixtureServer;
  let fixture: Page;
  let tabId: number;
  let popup: Page;

  beforeAll(async () => {
    site = await serveFixtures();
    browser = await launchBrowser();
    ({ page: fixture, tabId } = await openFixture(browser, site));
    popup = await openPopup(browser, tabId);
    await popup.waitForSelector('.group');
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('lists the page’s mentions with the right count per entity, as accessible grouped lists', async () => {
    const painted = await highlightSizes(fixture);
    const shown = await popupCounts(popup);
    const expected = Object.fromEntries(Object.entries(painted).filter(([, n]) => n > 0));
    expect(Object.keys(expected).sort()).toEqual([...PAINTED].sort());
    expect(shown).toEqual(expected);
    const total = Object.values(painted).reduce((a, b) => a + b, 0);
    expect(await popup.textContent('.total')).toBe(t('popupMentionCountMany', 'en', total));
    // Each group is a labelled section with a heading and a labelled list of buttons.
    const a11y = await popup.evaluate(() =>
      [...document.querySelectorAll('.group')].map((g) => ({
        heading: document.getElementById(g.getAttribute('aria-labelledby') ?? '')?.localName,
        list: g.querySelector('ol')?.getAttribute('aria-label') ?? '',
        buttons: g.querySelectorAll('ol button').length,
        tabbable: g.querySelectorAll('ol button[tabindex="0"]').length,
      })),
    );
    for (const g of a11y) {
      expect(g.heading).toBe('h3');
      expect(g.list.length).toBeGreaterThan(0);
      expect(g.buttons).toBeGreaterThan(0);
      expect(g.tabbable).toBe(1);
    }
    await popup.screenshot({ path: join(await resultsDir(), 'popup.png'), fullPage: true });
  });

  it('reveals a mention far down the page: scrolls, flashes it and opens its card', async () => {
    expect(await fixture.evaluate(() => scrollY)).toBe(0);
    const last = popup.locator('.group[data-entity="msmt"] ol button').last();
    const text = await last.locator('.mention-text').textContent();
    expect(text).toBe('MSMT');
    await last.click();
    // The flash lasts about a second: poll it from here rather than wait for a frame.
    await expect
      .poll(() => fixture.evaluate(() => [...(CSS.highlights.get('sanctions-context-flash') ?? [])].map(String)), {
        timeout: 3000,
        interval: 50,
      })
      .toEqual(['MSMT']);
    await cardText(fixture);
    await expect
      .poll(() =>
        fixture.evaluate(() => {
          const r = document.getElementById('far')?.getBoundingClientRect();
          return !!r && r.top >= 0 && r.bottom <= innerHeight && scrollY > 1000;
        }),
      )
      .toBe(true);
    await expect.poll(() => popup.textContent('[role="status"]')).toContain('2');
    expect(await popup.getAttribute('.group[data-entity="msmt"] ol button >> nth=-1', 'aria-current')).toBe('true');
  });

  it('steps to the previous and next mention of one entity', async () => {
    const group = popup.locator('.group[data-entity="dprk"]');
    const n = await group.locator('ol button').count();
    expect(n).toBeGreaterThanOrEqual(2);
    await group.locator('button.next').click();
    await expect.poll(() => group.locator('.position').textContent()).toBe(t('popupPosition', 'en', 1, n));
    await group.locator('button.prev').click();
    await expect.poll(() => group.locator('.position').textContent()).toBe(t('popupPosition', 'en', n, n));
    await expect
      .poll(() => fixture.evaluate(() => [...(CSS.highlights.get('sanctions-context-flash') ?? [])].map(String)))
      .toHaveLength(1);
  });

  it('moves through a list with the arrow keys', async () => {
    const buttons = popup.locator('.group[data-entity="dprk"] ol button');
    await buttons.first().focus();
    await popup.keyboard.press('ArrowDown');
    await expect
      .poll(() => popup.evaluate(() => document.activeElement?.getAttribute('data-index')))
      .toBe(await buttons.nth(1).getAttribute('data-index'));
    await popup.keyboard.press('Home');
    await expect
      .poll(() => popup.evaluate(() => document.activeElement?.getAttribute('data-index')))
      .toBe(await buttons.first().getAttribute('data-index'));
  });

  it('exports the page’s mentions with citations as valid CSV and JSON', async () => {
    const painted = await highlightSizes(fixture);
    const total = Object.values(painted).reduce((a, b) => a + b, 0);
    const pageUrl = fixture.url();

    const csv = await download(popup, 'csv');
    expect(csv.name).toMatch(/^sanctions-context-mentions-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = parseCsv(csv.text.replace(/^\uFEFF/, ''));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    // The mention table ends at the empty line before the statement's paragraph links.
    const end = rows.findIndex((r, i) => i > 0 && r.length === 1 && r[0] === '');
    const body = rows.slice(1, end === -1 ? undefined : end);
    expect(body).toHaveLength(total);
    for (const r of body) expect(r).toHaveLength(CSV_COLUMNS.length);
    const col = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    const nameOf = (id: string) => knowledge.entities.find((e) => e.id === id)?.name.en;
    for (const entity of PAINTED) {
      expect(body.filter((r) => r[col('entity')] === nameOf(entity))).toHaveLength(painted[entity] ?? -1);
    }
    expect(new Set(body.map((r) => r[col('page_url')]))).toEqual(new Set([pageUrl]));
    expect(body[0]?.[col('page_title')]).toBe(await fixture.title());
    // The line that starts like a spreadsheet formula stays text.
    const formula = body.find((r) => r[col('snippet')]?.includes('SUM(A1)'));
    expect(formula?.[col('snippet')]?.startsWith("'=")).toBe(true);
    const msmt = body.find((r) => r[col('entity')] === nameOf('msmt'));
    expect(msmt?.[col('paragraphs')]).toMatch(/¶\d/);
    expect(msmt?.[col('quote_fr')]?.length).toBeGreaterThan(20);
    expect(msmt?.[col('mention_link')]).toContain(`${pageUrl.split('#')[0]}#:~:text=`);
    // Statement links come once per cited paragraph, after the mention table.
    const links = rows.slice(end + 2);
    expect(links.length).toBeGreaterThan(0);
    for (const r of links) expect(r[1]).toMatch(/^https:\/\/www\.canada\.ca\/.*#:~:text=/);

    const json = await download(popup, 'json');
    expect(json.name).toMatch(/^sanctions-context-mentions-\d{4}-\d{2}-\d{2}\.json$/);
    const parsed = JSON.parse(json.text) as {
      page: { url: string; title: string };
      statement: { url: string; paragraphs: { paragraph: number; url: string }[] };
      mentions: { entity: { id: string }; text: string; paragraphs: number[]; quote: string }[];
    };
    expect(parsed.page).toEqual({ url: pageUrl, title: await fixture.title() });
    expect(parsed.mentions).toHaveLength(total);
    expect(parsed.mentions.map((m) => m.text)).toEqual(body.map((r) => r[col('matched_text')]));
    const withFacts = parsed.mentions.find((m) => m.entity.id === 'unsc-1718');
    expect(withFacts?.paragraphs.length).toBeGreaterThan(0);
    expect(withFacts?.quote).toContain('1718');
    expect(parsed.statement.paragraphs[0]?.url).toMatch(/^https:\/\/www\.canada\.ca\//);
  });

  it('finds the asset-freeze paragraph in French and English, and opens it with the quote lit', async () => {
    const assetFreeze = knowledge.facts.find((f) => f.cite.part === 'p2' && f.quote.includes('gel des avoirs'));
    expect(assetFreeze, 'a fact quoting the asset freeze in ¶2').toBeTruthy();
    const input = popup.locator('search input');
    for (const query of ['gel des avoirs', 'asset freeze']) {
      await input.fill(query);
      await expect.poll(() => popup.locator('.result[data-part="p2"]').count()).toBeGreaterThan(0);
    }
    const fact = popup.locator(`.result[data-kind="fact"][data-part="p2"] a`).first();
    const href = (await fact.getAttribute('href')) ?? '';
    const [opened] = await Promise.all([browser.context.waitForEvent('page'), fact.click()]);
    await opened.waitForLoadState();
    expect(opened.url()).toBe(href);
    await waitInPage(opened, 'the quote to be lit', () => !!document.querySelector('#p2 mark'));
    const lit = await opened.evaluate(() => {
      const mark = document.querySelector('#p2 mark');
      const r = mark?.getBoundingClientRect();
      return { text: mark?.textContent ?? '', visible: !!r && r.bottom > 0 && r.top < innerHeight };
    });
    expect(href).toContain('#p2&q=');
    expect(decodeURIComponent(href.split('&q=')[1] ?? '')).toBe(lit.text);
    expect(lit.text).toBe(assetFreeze?.quote);
    await expect
      .poll(() =>
        opened.evaluate(() => {
          const r = document.querySelector('#p2 mark')?.getBoundingClientRect();
          return !!r && r.top >= 0 && r.bottom <= innerHeight;
        }),
      )
      .toBe(true);
    await opened.close();
  });

  it('opens the full-page search from a URL query', async () => {
    const page = await browser.newPage(
      `chrome-extension://${browser.extensionId}/search.html?q=${encodeURIComponent('gel des avoirs')}`,
    );
    await page.waitForSelector('.result[data-part="p2"]');
    expect(await page.inputValue('search input')).toBe('gel des avoirs');
    await page.fill('search input', 'asset freeze');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('asset freeze');
    await page.close();
  });

  it('pauses the site at once and for good, and resumes it', async () => {
    const sw = popup.locator('input[name="site"]');
    expect(await sw.isChecked()).toBe(true);
    await sw.click();
    await waitInPage(fixture, 'highlights to go', () => !CSS.highlights.get('sanctions-context-dprk')?.size);
    await popup.waitForSelector('[data-state="inactive"][data-reason="paused"]');
    await fixture.reload();
    await fixture.waitForTimeout(800);
    expect(Object.values(await highlightSizes(fixture)).every((n) => n === 0)).toBe(true);
    await popup.locator('input[name="site"]').click();
    await waitInPage(fixture, 'highlights to come back', hasAllHighlights);
    await popup.waitForSelector('.group');
    expect(await popupCounts(popup)).toEqual(
      Object.fromEntries(Object.entries(await highlightSizes(fixture)).filter(([, n]) => n > 0)),
    );
  });

  it('the popup the toolbar button opens lists the mentions of the tab it was clicked on', async () => {
    await fixture.bringToFront();
    const painted = Object.fromEntries(Object.entries(await highlightSizes(fixture)).filter(([, n]) => n > 0));
    expect(Object.keys(painted).length).toBeGreaterThan(0);
    await clickToolbarButton(browser, fixture);
    await expect.poll(() => toolbarPopupCounts(browser), { timeout: 8000 }).toEqual(painted);
    await closeToolbarPopup(browser);
  });

  it('says plainly that a browser page cannot be read', async () => {
    // Without the toolbar click there is no activeTab grant, so the URL is hidden and the popup
    // falls back to the general explanation; the per-kind messages are unit-tested.
    const internal = await browser.newPage('chrome://version');
    const id = await inWorker(
      browser,
      async () => (await chrome.tabs.query({ active: true, windowType: 'normal' }))[0]?.id ?? -1,
      null,
    );
    const view = await openPopup(browser, id);
    await view.waitForSelector('[data-state="unknown"], [data-state="restricted"]');
    const notice = (await view.textContent('.page .notice')) ?? '';
    expect([t('popupCannotRead', 'en'), t('popupRestrictedBrowser', 'en')]).toContain(notice);
    expect(await view.locator('.group').count()).toBe(0);
    await view.close();
    await internal.close();
  });
});

describe('popup and card (French browser)', () => {
  let browser: Browser;
  let site: FixtureServer;

  beforeAll(async () => {
    site = await serveFixtures();
    browser = await launchBrowser(FRENCH_UI);
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('shows the popup and the card in French', async () => {
    expect(await inWorker(browser, async () => navigator.language, null)).toMatch(/^fr/);
    const { page, tabId } = await openFixture(browser, site);
    const popup = await openPopup(browser, tabId);
    await popup.waitForSelector('.group');
    expect(await popup.getAttribute('html', 'lang')).toBe('fr');
    expect(await popup.textContent('.page h2')).toBe(t('popupThisPage', 'fr'));
    expect(await popup.textContent('search label')).toBe(t('popupSearchLabel', 'fr'));
    expect(await popup.textContent('button[data-export="csv"]')).toBe(t('popupExportCsv', 'fr'));
    await popup.screenshot({ path: join(await resultsDir(), 'popup-fr.png'), fullPage: true });

    await popup.locator('.group[data-entity="unsc-1718"] ol button').first().click();
    const card = await cardText(page);
    expect(card.text).toContain(t('cardFactsHeading', 'fr'));
    expect(card.label).toContain(knowledge.entities.find((e) => e.id === 'unsc-1718')?.name.fr ?? '?');
  });
});

/** The id of the active tab of a normal window (the fixture just opened). */
function activeTabId(browser: Browser): Promise<number> {
  return inWorker(
    browser,
    async () => (await chrome.tabs.query({ active: true, windowType: 'normal' }))[0]?.id ?? -1,
    null,
  );
}

/** A page with `n` mentions of each entity, to fill the popup's list. */
function manyMentions(n: number): string {
  const line = (i: number) =>
    `<p>Item ${i}: North Korea, resolution 1718, the Reconnaissance General Bureau and the MSMT.</p>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Many</title></head><body>${Array.from(
    { length: n },
    (_, i) => line(i),
  ).join('')}</body></html>`;
}

describe('popup: frames and layout', () => {
  let browser: Browser;
  let site: FixtureServer;

  beforeAll(async () => {
    site = await serveFixtures(undefined, { '/many.html': () => manyMentions(60) });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('lists and exports the mentions of a same-origin frame, and reveals one inside the frame', async () => {
    const page = await browser.newPage(`${site.origin}/framed.html`);
    await waitInPage(
      page,
      'the top page highlight',
      () => (CSS.highlights.get('sanctions-context-dprk')?.size ?? 0) > 0,
    );
    const inner = page.frames().find((f) => f.url().endsWith('/framed-inner.html'));
    expect(inner, 'the same-origin frame').toBeTruthy();
    await inner?.waitForFunction(() => (CSS.highlights.get('sanctions-context-rgb')?.size ?? 0) > 0, undefined, {
      polling: 50,
      timeout: 8000,
    });
    const tabId = await activeTabId(browser);
    const popup = await openPopup(browser, tabId);
    // The frame reports its count to the background a moment after it painted.
    await expect.poll(async () => (await popupCounts(popup)).rgb ?? 0, { timeout: 5000 }).toBe(1);
    expect(await popupCounts(popup)).toEqual({ dprk: 1, rgb: 1, msmt: 1 });
    expect(await popup.textContent('.total')).toBe(t('popupMentionCountMany', 'en', 3));
    expect(await popup.getAttribute('.group[data-entity="rgb"] ol button', 'data-frame')).not.toBe('0');

    const json = await download(popup, 'json');
    const parsed = JSON.parse(json.text) as { page: { url: string }; mentions: { text: string }[] };
    expect(parsed.page.url).toBe(page.url());
    expect(parsed.mentions.map((m) => m.text).sort()).toEqual(
      ['North Korea', 'Reconnaissance General Bureau', 'Multilateral Sanctions Monitoring Team'].sort(),
    );
    const md = await download(popup, 'md');
    expect(md.text).toContain('Reconnaissance General Bureau');

    expect(await page.evaluate(() => scrollY)).toBe(0);
    await popup.locator('.group[data-entity="rgb"] ol button').first().click();
    await expect
      .poll(() => inner?.evaluate(() => [...(CSS.highlights.get('sanctions-context-flash') ?? [])].map(String)), {
        timeout: 3000,
        interval: 50,
      })
      .toEqual(['Reconnaissance General Bureau']);
    // The top page scrolled the frame into view, and nothing flashed in the top page.
    await expect.poll(() => page.evaluate(() => scrollY)).toBeGreaterThan(1000);
    expect(await page.evaluate(() => CSS.highlights.get('sanctions-context-flash')?.size ?? 0)).toBe(0);
    await expect.poll(() => popup.textContent('[role="status"]')).toContain('1');
    await popup.close();
    await page.close();
  });

  it('lists a frame’s mentions when the top page names nothing, whose listener starts on the click', async () => {
    const page = await browser.newPage(`${site.origin}/quiet.html`);
    const inner = page.frames().find((f) => f.url().endsWith('/framed-inner.html'));
    expect(inner, 'the same-origin frame').toBeTruthy();
    await inner?.waitForFunction(() => (CSS.highlights.get('sanctions-context-rgb')?.size ?? 0) > 0, undefined, {
      polling: 50,
      timeout: 8000,
    });
    await page.bringToFront();
    const tabId = await activeTabId(browser);
    const askTop = () =>
      inWorker(
        browser,
        (id: number) =>
          chrome.tabs.sendMessage(id, { type: 'get-mentions' }, { frameId: 0 }).then(
            (answer) => `answered ${(answer as { total?: number } | undefined)?.total}`,
            (error: unknown) => `rejected: ${String(error)}`,
          ),
        tabId,
      );
    // The quiet top frame has set up no messaging: nothing listens there yet.
    expect(await askTop()).toMatch(/^rejected: .*Receiving end does not exist/);
    // The toolbar click opens the popup and grants it access to the tab, with which it starts
    // the top frame's listener, and lists the frame's mentions.
    await clickToolbarButton(browser, page);
    await expect.poll(() => toolbarPopupCounts(browser), { timeout: 8000 }).toEqual({ rgb: 1, msmt: 1 });
    expect(await askTop()).toBe('answered 0');
    expect(await inToolbarPopup(browser, `document.querySelector('.page .notice') === null`)).toBe(true);
    await closeToolbarPopup(browser);
    await page.close();
  });

  it('lists mentions the page gains while the popup is open', async () => {
    const page = await browser.newPage(`${site.origin}/framed.html`);
    await waitInPage(
      page,
      'the top page highlight',
      () => (CSS.highlights.get('sanctions-context-dprk')?.size ?? 0) > 0,
    );
    const popup = await openPopup(browser, await activeTabId(browser));
    await expect.poll(async () => (await popupCounts(popup)).dprk ?? 0, { timeout: 5000 }).toBe(1);
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.textContent = 'A late paragraph on the DPRK and the Reconnaissance General Bureau.';
      document.body.append(p);
    });
    await expect.poll(async () => (await popupCounts(popup)).dprk ?? 0, { timeout: 6000 }).toBe(2);
    await popup.close();
    await page.close();
  });

  it('keeps export, search and pause in view at 380×600 on a page with many mentions', async () => {
    const page = await browser.newPage(`${site.origin}/many.html`);
    await waitInPage(page, 'highlights', hasAllHighlights);
    const popup = await openPopup(browser, await activeTabId(browser), { width: 380, height: 600 });
    await popup.waitForSelector('.group');
    const boxes = await popup.evaluate(() => {
      const box = (sel: string) => {
        const r = document.querySelector(sel)?.getBoundingClientRect();
        return r ? { top: r.top, bottom: r.bottom, left: r.left, right: r.right } : null;
      };
      return {
        viewport: { width: innerWidth, height: innerHeight },
        scrolled: scrollY,
        pageHeight: document.documentElement.scrollHeight,
        list: document.querySelector('.scroll')?.scrollHeight ?? 0,
        controls: [
          'button[data-export="csv"]',
          'button[data-export="json"]',
          'button[data-export="md"]',
          'search input',
          'input[name="site"]',
        ].map((sel) => ({ sel, box: box(sel) })),
        scrollAreas: [...document.querySelectorAll('*')].filter((el) => {
          const s = getComputedStyle(el);
          return /auto|scroll/.test(s.overflowY) && el.scrollHeight > el.clientHeight;
        }).length,
      };
    });
    expect(boxes.viewport).toEqual({ width: 380, height: 600 });
    expect(boxes.scrolled).toBe(0);
    // The list is far longer than the popup, yet the page itself does not scroll: one area does.
    expect(boxes.list).toBeGreaterThan(1000);
    expect(boxes.pageHeight).toBeLessThanOrEqual(600);
    expect(boxes.scrollAreas).toBe(1);
    for (const { sel, box } of boxes.controls) {
      expect(box, sel).not.toBeNull();
      expect(box?.top, sel).toBeGreaterThanOrEqual(0);
      expect(box?.bottom, sel).toBeLessThanOrEqual(600);
      expect(box?.left, sel).toBeGreaterThanOrEqual(0);
      expect(box?.right, sel).toBeLessThanOrEqual(380);
    }
    // Scrolling the list leaves the actions where they were.
    await popup.evaluate(() => document.querySelector('.scroll')?.scrollBy(0, 800));
    const after = await popup.evaluate(() => document.querySelector('search input')?.getBoundingClientRect().top);
    expect(after).toBe(boxes.controls[3]?.box?.top);
    await popup.screenshot({ path: join(await resultsDir(), 'popup-380x600.png') });
    // The key Chromium assigned to "next mention", read with commands.getAll().
    const manifest = JSON.parse(await readFile(join(ROOT, '.output/chrome-mv3/manifest.json'), 'utf8'));
    const suggested: string = manifest.commands['next-mention'].suggested_key.default;
    await expect.poll(() => popup.textContent('.shortcut')).toBe(t('shortcutAssigned', 'en', suggested));
    await popup.close();
    await page.close();
  });

  it('shows the assigned next-mention key on the options page', async () => {
    const manifest = JSON.parse(await readFile(join(ROOT, '.output/chrome-mv3/manifest.json'), 'utf8'));
    const suggested: string = manifest.commands['next-mention'].suggested_key.default;
    const options = await browser.newPage(`chrome-extension://${browser.extensionId}/options.html`);
    await options.waitForSelector('.shortcut[data-state="set"]');
    expect(await options.textContent('.shortcut')).toBe(t('shortcutAssigned', 'en', suggested));
    expect(await options.textContent('#shortcut-h')).toBe(t('shortcutHeading', 'en'));
    await options.close();
  });
});
