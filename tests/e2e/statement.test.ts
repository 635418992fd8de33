import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { knowledge, statement } from '../../data/index.ts';
import { t } from '../../lib/i18n.ts';
import { type Browser, highlightTexts, launchBrowser, resultsDir, waitInPage } from './harness.ts';

/* The statement page (statement.html): both languages, deep links, its own highlights and cards, citations, print. */

let browser: Browser;
let base: string;

beforeAll(async () => {
  browser = await launchBrowser();
  base = `chrome-extension://${browser.extensionId}/statement.html`;
});

afterAll(async () => {
  await browser?.close();
});

const painted = () => (CSS.highlights.get('sanctions-context-msmt')?.size ?? 0) > 0;

/** Whether each language column of `part` is displayed and where it sits. */
function columns(page: Page, part: string) {
  return page.evaluate((id) => {
    const box = (sel: string) => {
      const el = document.querySelector<HTMLElement>(`#${id} ${sel}`);
      if (!el || getComputedStyle(el).display === 'none') return null;
      const r = el.getBoundingClientRect();
      return { left: r.left, top: r.top, width: r.width };
    };
    return { fr: box('.fr-col'), en: box('.en-col') };
  }, part);
}

describe('statement page', () => {
  let page: Page;

  beforeAll(async () => {
    page = await browser.newPage(base);
    await waitInPage(page, 'the statement’s own highlights', painted);
  });

  it('shows the French original verbatim beside the English translation on a wide screen', async () => {
    const cols = await columns(page, 'p2');
    expect(cols.fr && cols.en).toBeTruthy();
    // Side by side: same row, French on the left.
    expect(Math.abs((cols.fr?.top ?? 0) - (cols.en?.top ?? 1e4))).toBeLessThan(40);
    expect(cols.fr?.left ?? 1e4).toBeLessThan(cols.en?.left ?? 0);
    const p2 = statement.parts.find((p) => p.id === 'p2');
    expect(await page.textContent('#p2 .fr')).toBe(p2?.text);
    expect(await page.textContent('#p2 .en')).toBe(p2?.en);
    for (const n of [1, 2, 3, 4, 5, 6]) expect(await page.textContent(`#p${n} .pilcrow`)).toBe(`¶${n}`);
    expect(await page.getAttribute('a[href="https://msmt.info"]', 'target')).toBe('_blank');
  });

  it('highlights its own mentions with the same painter, in both languages, and opens their cards', async () => {
    const texts = await highlightTexts(page);
    expect(texts.msmt).toEqual(expect.arrayContaining(['Équipe multilatérale de surveillance des sanctions']));
    expect(texts.rgb).toEqual(expect.arrayContaining(['Bureau général de reconnaissance']));
    expect(texts['unsc-1718']?.length).toBeGreaterThan(0);
    expect(texts.dprk).toEqual(expect.arrayContaining(['RPDC', 'DPRK']));
    const target = await page.evaluate(() => {
      const range = [...(CSS.highlights.get('sanctions-context-rgb') ?? [])][0] as Range;
      range.startContainer.parentElement?.scrollIntoView({ block: 'center', behavior: 'instant' });
      const r = range.getClientRects()[0] ?? range.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    });
    await page.mouse.move(target.x - 150, target.y + 150);
    await page.mouse.move(target.x, target.y, { steps: 4 });
    await page.waitForSelector('.card-layer [role="dialog"]');
    const card = await page.evaluate(() => {
      const d = document.querySelector('.card-layer [role="dialog"]');
      return { entity: d?.getAttribute('data-entity'), facts: d?.querySelectorAll('.fact').length ?? 0 };
    });
    expect(card.entity).toBe('rgb');
    expect(card.facts).toBeGreaterThan(0);
    // The card's own text (entity names) is never painted.
    const inCard = await page.evaluate(() =>
      [...CSS.highlights.values()].some((h) =>
        [...(h as Highlight)].some((r) => (r as Range).startContainer.parentElement?.closest('.card-layer')),
      ),
    );
    expect(inCard).toBe(false);
    await page.keyboard.press('Escape');
    await page.waitForSelector('.card-layer [role="dialog"]', { state: 'detached' });
  });

  it('copies a quote with its citation from a card, and shows the public record on "More"', async () => {
    await page.evaluate(() => {
      const w = window as unknown as { copied: string[] };
      w.copied = [];
      navigator.clipboard.writeText = (text: string) => {
        w.copied.push(text);
        return Promise.resolve();
      };
    });
    const target = await page.evaluate(() => {
      const range = [...(CSS.highlights.get('sanctions-context-rgb') ?? [])][0] as Range;
      range.startContainer.parentElement?.scrollIntoView({ block: 'center', behavior: 'instant' });
      const r = range.getClientRects()[0] ?? range.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    });
    await page.mouse.move(target.x - 150, target.y + 150);
    await page.mouse.move(target.x, target.y, { steps: 4 });
    await page.waitForSelector('.card-layer [role="dialog"]');
    await page.click('.card-layer .fact .copy-quote button');
    await page.waitForSelector(`.card-layer .copy-quote [role="status"]:text("${t('statementCopied', 'en')}")`);
    const copied = await page.evaluate(() => (window as unknown as { copied: string[] }).copied[0] ?? '');
    expect(copied.startsWith('“Les entités nord-coréennes désignées par les Nations Unies')).toBe(true);
    expect(copied).toContain('[unofficial translation: “UN-designated North Korean entities');
    expect(copied).toContain('¶2');
    expect(copied).toContain(' (accessed ');
    expect(await page.locator('.card-layer .background').count()).toBe(0);
    await page.click('.card-layer button.more');
    await page.waitForSelector('.card-layer .background');
    expect(await page.textContent('.card-layer .background')).toContain('S/RES/2270 (2016)');
    await page.keyboard.press('Escape');
    await page.waitForSelector('.card-layer [role="dialog"]', { state: 'detached' });
  });

  it('copies a paragraph’s citation with a visible confirmation, and offers it selected when copying fails', async () => {
    // Clipboard permissions cannot be granted to extension origins over CDP, so the page's
    // clipboard is observed: what it is asked to write, and a refusal on the second try.
    await page.evaluate(() => {
      const w = window as unknown as { copied: string[] };
      w.copied = [];
      navigator.clipboard.writeText = (text: string) => {
        w.copied.push(text);
        return w.copied.length > 1 ? Promise.reject(new DOMException('denied', 'NotAllowedError')) : Promise.resolve();
      };
    });
    await page.click('#p2 .part-tools button');
    await page.waitForSelector(`#p2 .copied:text("${t('statementCopied', 'en')}")`);
    const copied = await page.evaluate(() => (window as unknown as { copied: string[] }).copied[0] ?? '');
    expect(copied).toContain('¶2');
    expect(copied).toContain(statement.title);
    expect(copied).toContain('Global Affairs Canada');
    // The canonical page URL and an access date; the text-fragment link stays a separate option.
    expect(copied).toContain(` ${statement.url} (accessed `);
    expect(copied).not.toContain('#:~:text=');
    expect(await page.getAttribute('#p2 .part-tools a', 'href')).toContain(`${statement.url}#:~:text=`);

    await page.click('#p4 .part-tools button');
    await page.waitForSelector('#p4 .copy-fallback textarea');
    // Selection and focus follow the render that shows the text area.
    await page
      .waitForFunction(
        () => {
          const area = document.querySelector<HTMLTextAreaElement>('#p4 .copy-fallback textarea');
          return !!area && document.activeElement === area && area.selectionEnd > area.selectionStart;
        },
        undefined,
        { timeout: 2000 },
      )
      .catch(() => {});
    const fallback = await page.evaluate(() => {
      const area = document.querySelector<HTMLTextAreaElement>('#p4 .copy-fallback textarea');
      return {
        value: area?.value ?? '',
        selected: area ? area.selectionEnd - area.selectionStart : 0,
        focused: document.activeElement === area,
      };
    });
    expect(fallback.value).toContain('¶4');
    expect(fallback.selected).toBe(fallback.value.length);
    expect(fallback.focused).toBe(true);
  });

  it('lands a deep link on the cited paragraph with the quote lit', async () => {
    const fact = knowledge.facts.find((f) => f.cite.part === 'p4') ?? knowledge.facts[0];
    if (!fact) throw new Error('no fact');
    const deep = await browser.newPage(`${base}#${fact.cite.part}&q=${encodeURIComponent(fact.quote)}`);
    await waitInPage(deep, 'the quote to be lit', () => !!document.querySelector('.is-target mark'));
    expect(await deep.textContent(`#${fact.cite.part} mark`)).toBe(fact.quote);
    await expect
      .poll(() =>
        deep.evaluate(() => {
          const r = document.querySelector('.is-target mark')?.getBoundingClientRect();
          return !!r && r.top >= 0 && r.bottom <= innerHeight;
        }),
      )
      .toBe(true);
    await deep.screenshot({ path: join(await resultsDir(), 'statement.png') });
    await deep.close();
  });

  it('switches between the languages on a narrow screen', async () => {
    await page.setViewportSize({ width: 600, height: 800 });
    let cols = await columns(page, 'p3');
    expect(cols.fr).toBeTruthy();
    expect(cols.en).toBeNull();
    await page.click('.lang-toggle button[lang="en"]');
    cols = await columns(page, 'p3');
    expect(cols.fr).toBeNull();
    expect(cols.en).toBeTruthy();
    expect(await page.getAttribute('.lang-toggle button[aria-pressed="true"]', 'lang')).toBe('en');
    await page.screenshot({ path: join(await resultsDir(), 'statement-narrow.png') });
    await page.setViewportSize({ width: 1100, height: 800 });
  });

  it('prints both languages, without controls, with the links written out', async () => {
    await page.setViewportSize({ width: 600, height: 800 });
    await page.emulateMedia({ media: 'print' });
    const printed = await page.evaluate(() => ({
      tools: getComputedStyle(document.querySelector('.part-tools') as Element).display,
      toggle: getComputedStyle(document.querySelector('.lang-toggle') as Element).display,
      fr: getComputedStyle(document.querySelector('#p3 .fr-col') as Element).display,
      en: getComputedStyle(document.querySelector('#p3 .en-col') as Element).display,
      url: getComputedStyle(document.querySelector('.page-links a') as Element, '::after').content,
    }));
    expect(printed).toMatchObject({ tools: 'none', toggle: 'none', fr: 'block', en: 'block' });
    expect(printed.url).toContain('canada.ca');
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1100, height: 800 });
  });

  it('on a 390×844 phone, the English view paints its mentions and lights the cited passage', async () => {
    const fact = knowledge.facts.find((f) => f.cite.part === 'p4' && f.quote.includes('1718')) ?? knowledge.facts[0];
    if (!fact) throw new Error('no fact');
    // Phone-sized before the page loads, so it is first read with the English column hidden.
    const phone = await browser.newPage('about:blank');
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${base}#${fact.cite.part}&q=${encodeURIComponent(fact.quote)}`);
    await waitInPage(phone, 'the statement’s own highlights', painted);
    const inEnglish = () =>
      [...CSS.highlights.values()].flatMap((h) =>
        [...(h as Highlight)]
          .filter((r) => (r as Range).startContainer.parentElement?.closest('.en-col'))
          .map((r) => (r as Range).toString()),
      );
    // The French view shows first; its English column is hidden and unpainted until shown.
    expect((await columns(phone, 'p3')).en).toBeNull();
    expect(await phone.evaluate(inEnglish)).toEqual([]);
    await phone.click('.lang-toggle button[lang="en"]');
    await expect.poll(() => phone.evaluate(inEnglish)).toEqual(expect.arrayContaining(['DPRK']));
    const lit = await phone.evaluate(() => {
      const mark = document.querySelector('.is-target .en mark');
      const r = mark?.getBoundingClientRect();
      return { text: mark?.textContent ?? '', shown: !!r && r.width > 0 && r.height > 0 };
    });
    expect(lit.shown).toBe(true);
    const part = statement.parts.find((p) => p.id === fact.cite.part);
    expect(part?.en.includes(lit.text)).toBe(true);
    expect(lit.text.length).toBeGreaterThan(20);
    await phone.evaluate(() =>
      document.querySelector('.is-target .en mark')?.scrollIntoView({ block: 'center', behavior: 'instant' }),
    );
    await phone.screenshot({ path: join(await resultsDir(), 'statement-phone.png') });
    await phone.close();
  });

  it('keeps the language switch in view while scrolling on a phone', async () => {
    const phone = await browser.newPage(base);
    await phone.setViewportSize({ width: 390, height: 844 });
    await waitInPage(phone, 'the statement’s own highlights', painted);
    const toggle = () =>
      phone.evaluate(() => {
        const r = document.querySelector('.lang-toggle')?.getBoundingClientRect();
        return { top: r?.top ?? -1, bottom: r?.bottom ?? -1, y: scrollY, h: innerHeight };
      });
    const before = await toggle();
    expect(before.top).toBeGreaterThan(0);
    await phone.evaluate(() => window.scrollTo({ top: 2500, behavior: 'instant' }));
    const after = await toggle();
    expect(after.y).toBeGreaterThan(2000);
    expect(after.top).toBeGreaterThanOrEqual(0);
    expect(after.bottom).toBeLessThanOrEqual(after.h);
    expect(after.bottom).toBeGreaterThan(after.top);
    // Still usable there: it switches the column without scrolling back.
    await phone.click('.lang-toggle button[lang="en"]');
    expect(await phone.getAttribute('.lang-toggle button[aria-pressed="true"]', 'lang')).toBe('en');
    await phone.close();
  });

  it('paints no mention inside a web address, and lets paragraphs flow across printed pages', async () => {
    const inLinks = await page.evaluate(() =>
      [...CSS.highlights.values()].flatMap((h) =>
        [...(h as Highlight)]
          .filter((r) => (r as Range).startContainer.parentElement?.closest('a'))
          .map((r) => (r as Range).toString()),
      ),
    );
    expect(await page.locator('.part a.url[href="https://msmt.info"]').count()).toBeGreaterThan(0);
    expect(inLinks).toEqual([]);
    await page.emulateMedia({ media: 'print' });
    const printed = await page.evaluate(() => ({
      breakInside: getComputedStyle(document.querySelector('.part') as Element).breakInside,
      url: getComputedStyle(document.querySelector('.part a.url') as Element).textDecorationLine,
    }));
    await page.emulateMedia({ media: 'screen' });
    expect(printed).toEqual({ breakInside: 'auto', url: 'none' });
  });

  it('says what is bundled and that nothing is fetched', async () => {
    const about = (await page.textContent('.about')) ?? '';
    expect(about).toContain(t('statementAboutBundled', 'en'));
    expect(about).toContain(String(knowledge.facts.length));
    const fetched = browser.requests.filter((r) => r.from.startsWith(base) && !r.url.startsWith('chrome-extension://'));
    expect(fetched).toEqual([]);
  });
});
