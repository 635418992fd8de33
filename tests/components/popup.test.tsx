// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LIST_LIMIT } from '../../components/MentionList.tsx';
import { type PageState, PopupSummary, type PopupSummaryProps } from '../../components/PopupSummary.tsx';
import { entityById, statement } from '../../data/index.ts';
import type { SearchResult } from '../../engine/search-knowledge.ts';
import type { EntityId } from '../../engine/types.ts';
import { CSV_COLUMNS } from '../../lib/export.ts';
import { t } from '../../lib/i18n.ts';
import type { MentionSummary } from '../../lib/messages.ts';
import { explainNoAnswer, type RestrictedReason, restrictedReason } from '../../lib/page-access.ts';
import type { UiLang } from '../../lib/ui-lang.ts';
import { parseCsv } from '../helpers/csv.ts';

let container: HTMLElement;
beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(() => {
  act(() => render(null, container));
  container.remove();
});

const m = (index: number, entity: EntityId, text: string, snippet = `… ${text} …`): MentionSummary => ({
  index,
  entity,
  text,
  snippet,
});

const MENTIONS: MentionSummary[] = [
  m(0, 'dprk', 'North Korea', 'Talks on North Korea resumed.'),
  m(1, 'msmt', 'MSMT'),
  m(2, 'dprk', 'DPRK'),
  m(3, 'unsc-1718', 'resolution 1718'),
  m(4, 'dprk', 'Corée du Nord'),
];

const ready = (mentions = MENTIONS, extra: { capped?: boolean; total?: number } = {}): PageState => ({
  state: 'ready',
  response: {
    mentions,
    total: extra.total ?? mentions.length,
    capped: extra.capped ?? false,
    url: 'https://news.example/story',
    title: 'A story',
  },
});

function props(over: Partial<PopupSummaryProps> = {}): PopupSummaryProps {
  return {
    lang: 'en',
    doc: statement,
    page: ready(),
    controls: { enabled: true, paused: false, site: 'news.example' },
    settingsErrors: [],
    entityById,
    citations: () => [{ paragraph: 2, part: 'p2', quote: 'q', en: 'e' }],
    search: () => [],
    statementHref: (part, quote) => `ext://statement.html#${part}&q=${encodeURIComponent(quote)}`,
    searchPageHref: 'ext://search.html',
    onReveal: vi.fn(async () => true),
    onSetPaused: vi.fn(async () => {}),
    onSetEnabled: vi.fn(async () => {}),
    onOpenOptions: vi.fn(),
    onReloadTab: vi.fn(),
    download: vi.fn(),
    now: () => new Date(2025, 9, 22, 10, 0),
    ...over,
  };
}

function show(p: PopupSummaryProps) {
  act(() => render(<PopupSummary {...p} />, container));
  return p;
}

const $ = <E extends Element = HTMLElement>(sel: string) => container.querySelector<E>(sel);
const $$ = <E extends Element = HTMLElement>(sel: string) => [...container.querySelectorAll<E>(sel)];

async function click(el: Element | null) {
  if (!el) throw new Error('nothing to click');
  await act(async () => {
    (el as HTMLElement).click();
  });
}

describe('PopupSummary: the page’s mentions', () => {
  it('groups mentions by entity in the fixed entity order, with counts and snippets', () => {
    show(props());
    const groups = $$('.group');
    expect(groups.map((g) => g.dataset.entity)).toEqual(['dprk', 'unsc-1718', 'msmt']);
    expect(groups.map((g) => g.querySelector('.entity-count')?.textContent)).toEqual(['3', '1', '1']);
    expect($('.total')?.textContent).toBe(t('popupMentionCountMany', 'en', 5));
    const first = groups[0]?.querySelector('ol button');
    expect(first?.querySelector('.mention-text')?.textContent).toBe('North Korea');
    expect(first?.querySelector('.snippet')?.textContent).toBe('Talks on North Korea resumed.');
    expect(first?.querySelector('.snippet mark')?.textContent).toBe('North Korea');
  });

  it('starts a PDF mention’s snippet with its page, and a web page’s with nothing', () => {
    const pdf = [
      { ...m(0, 'dprk', 'DPRK', 'coal from the DPRK to a buyer'), page: 12 },
      { ...m(1, 'dprk', 'DPRK', 'the DPRK again'), page: 40 },
    ];
    show(props({ page: ready(pdf) }));
    const snippets = $$('.group[data-entity="dprk"] .snippet');
    expect(snippets.map((e) => e.textContent)).toEqual([
      `${t('popupPdfPage', 'en', 12)} · coal from the DPRK to a buyer`,
      `${t('popupPdfPage', 'en', 40)} · the DPRK again`,
    ]);
    expect(snippets[0]?.textContent).toMatch(/^p\. 12 · /);
    expect(snippets[0]?.querySelector('mark')?.textContent).toBe('DPRK');
    // Control: without pages, no page part.
    show(props());
    expect($$('.snippet').length).toBeGreaterThan(0);
    expect($$('.snippet-page')).toHaveLength(0);
  });

  it('is accessible: labelled sections and lists, one tabbable button per list, a live status region', () => {
    show(props());
    // The controls, the page and one group per entity mentioned: a broken render fails here
    // rather than passing the checks below on nothing.
    expect($$('section').map((s) => s.className)).toEqual(['controls', 'page', 'group', 'group', 'group']);
    for (const section of $$('section')) {
      const label = section.getAttribute('aria-labelledby');
      expect(label, section.className).toBeTruthy();
      const heading = document.getElementById(label ?? '');
      expect(heading && /^h[1-6]$/.test(heading.localName), `heading for ${section.className}`).toBe(true);
      expect(section.contains(heading)).toBe(true);
    }
    expect($$('.group')).toHaveLength(3);
    for (const group of $$('.group')) {
      expect(group.querySelector('h3')?.textContent).toContain(entityById(group.dataset.entity as EntityId)?.name.en);
      expect(group.querySelector('ol')?.getAttribute('aria-label')).toBeTruthy();
      expect(group.querySelectorAll('ol button[tabindex="0"]')).toHaveLength(1);
      const steps = [...group.querySelectorAll('.step')];
      expect(steps).toHaveLength(2);
      for (const b of steps) expect(b.getAttribute('aria-label')).toBeTruthy();
    }
    const ids = $$('[id]').map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect($('[role="status"]')?.getAttribute('aria-live')).toBe('polite');
    const switches = $$('input[role="switch"]');
    expect(switches).toHaveLength(2);
    expect(switches.every((s) => s.closest('label')?.textContent)).toBe(true);
  });

  it('reveals a clicked mention and says so in the live region', async () => {
    const p = show(props());
    await click($('.group[data-entity="msmt"] ol button'));
    expect(p.onReveal).toHaveBeenCalledWith(1, undefined);
    expect($('[role="status"]')?.textContent).toBe(t('popupRevealed', 'en', entityById('msmt')?.name.en ?? '', 1, 1));
    expect($('.group[data-entity="msmt"] ol button')?.getAttribute('aria-current')).toBe('true');
  });

  it('steps to the next and previous mention of one entity, wrapping around', async () => {
    const p = show(props());
    const group = () => $('.group[data-entity="dprk"]');
    await click(group()?.querySelector('.next') ?? null);
    await click(group()?.querySelector('.next') ?? null);
    await click(group()?.querySelector('.next') ?? null);
    await click(group()?.querySelector('.next') ?? null);
    expect(vi.mocked(p.onReveal).mock.calls.map((c) => c[0])).toEqual([0, 2, 4, 0]);
    expect(group()?.querySelector('.position')?.textContent).toBe(t('popupPosition', 'en', 1, 3));
    await click(group()?.querySelector('.prev') ?? null);
    expect(vi.mocked(p.onReveal).mock.calls.at(-1)?.[0]).toBe(4);
    expect(group()?.querySelector('.position')?.textContent).toBe(t('popupPosition', 'en', 3, 3));
  });

  it('starts "previous" from the last mention', async () => {
    const p = show(props());
    await click($('.group[data-entity="dprk"] .prev'));
    expect(p.onReveal).toHaveBeenCalledWith(4, undefined);
  });

  it('says when a mention has left the page', async () => {
    show(props({ onReveal: vi.fn(async () => false) }));
    await click($('.group[data-entity="dprk"] ol button'));
    expect($('[role="status"]')?.textContent).toBe(t('popupRevealFailed', 'en'));
  });

  it('moves focus through a list with the arrow keys (roving tab index)', async () => {
    show(props());
    const buttons = () => $$<HTMLButtonElement>('.group[data-entity="dprk"] ol button');
    buttons()[0]?.focus();
    await act(async () => {
      buttons()[0]?.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
      await new Promise((r) => setTimeout(r, 50));
    });
    expect(buttons().map((b) => b.tabIndex)).toEqual([-1, 0, -1]);
    await act(async () => {
      buttons()[1]?.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true }));
      await new Promise((r) => setTimeout(r, 50));
    });
    expect(buttons().map((b) => b.tabIndex)).toEqual([-1, -1, 0]);
  });

  it('lists long groups in part, behind a "Show all" button, and steps beyond what is listed', async () => {
    const many = Array.from({ length: LIST_LIMIT + 5 }, (_, i) => m(i, 'rgb', `RGB ${i}`));
    const p = show(props({ page: ready(many) }));
    expect($$('.group ol button')).toHaveLength(LIST_LIMIT);
    await click($('.group .prev'));
    expect(p.onReveal).toHaveBeenCalledWith(LIST_LIMIT + 4, undefined);
    expect($$('.group ol button')).toHaveLength(LIST_LIMIT + 5);
  });

  it('says when the list was capped', () => {
    show(props({ page: ready(MENTIONS, { capped: true, total: 9000 }) }));
    expect($('.total')?.textContent).toBe(t('popupMentionCountMany', 'en', 9000));
    expect($('[data-state="capped"]')?.textContent).toBe(t('popupCapped', 'en', MENTIONS.length));
  });

  it('exports CSV and JSON of the listed mentions with citations, dated file names', async () => {
    const p = show(props());
    await click($('button[data-export="csv"]'));
    await click($('button[data-export="json"]'));
    const calls = vi.mocked(p.download).mock.calls;
    expect(calls.map((c) => [c[0], c[1]])).toEqual([
      ['sanctions-context-mentions-2025-10-22.csv', 'text/csv;charset=utf-8'],
      ['sanctions-context-mentions-2025-10-22.json', 'application/json'],
    ]);
    const rows = parseCsv(calls[0]?.[2] ?? '');
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows.slice(1, 1 + MENTIONS.length).map((r) => [r[1], r[4], r[5], r[7]])).toEqual(
      MENTIONS.map((x) => ['https://news.example/story', entityById(x.entity)?.name.en, x.text, '¶2']),
    );
    const json = JSON.parse(calls[1]?.[2] ?? '{}');
    expect(json.page).toEqual({ url: 'https://news.example/story', title: 'A story' });
    expect(json.mentions).toHaveLength(MENTIONS.length);
    expect($('[role="status"]')?.textContent).toBe(
      t('popupExported', 'en', 'sanctions-context-mentions-2025-10-22.json'),
    );
  });
});

describe('PopupSummary: honest states', () => {
  it('shows loading as busy', () => {
    show(props({ page: { state: 'loading' } }));
    expect($('section.page')?.getAttribute('aria-busy')).toBe('true');
    expect($('section.page')?.textContent).toContain(t('popupLoading', 'en'));
  });

  it('says there are no mentions, and offers no export', () => {
    show(props({ page: ready([]) }));
    expect($('[data-state="empty"]')?.textContent).toBe(t('popupNoMentions', 'en'));
    expect($('.export')).toBeNull();
    expect($('.group')).toBeNull();
  });

  it('says the matcher failed to load, not that there are no mentions, and offers a reload', async () => {
    const failed: PageState = {
      state: 'ready',
      response: { mentions: [], total: 0, capped: false, url: 'https://news.example/', error: 'matcher-unavailable' },
    };
    const p = show(props({ page: failed }));
    const notice = $('[data-state="error"]');
    expect(notice?.getAttribute('role')).toBe('alert');
    expect(notice?.dataset.error).toBe('matcher-unavailable');
    expect(notice?.querySelector('p')?.textContent).toBe(
      'Sanctions Context could not load its matcher on this page; reload the tab.',
    );
    expect($('[data-state="empty"]')).toBeNull();
    expect($('section.page')?.textContent).not.toContain(t('popupNoMentions', 'en'));
    expect($('.export')).toBeNull();
    await click($('[data-state="error"] button'));
    expect(p.onReloadTab).toHaveBeenCalledOnce();
    // The same answer without `error` is an honest "no mentions" (the control for the checks above).
    show(props({ page: ready([]) }));
    expect($('[data-state="error"]')).toBeNull();
    expect($('[data-state="empty"]')).not.toBeNull();
  });

  it('says the matcher failed in French', () => {
    const failed: PageState = {
      state: 'ready',
      response: { mentions: [], total: 0, capped: false, error: 'matcher-unavailable' },
    };
    show(props({ lang: 'fr', page: failed }));
    expect($('[data-state="error"] p')?.textContent).toBe(
      'Sanctions Context n’a pas pu charger son outil de repérage sur cette page ; rechargez l’onglet.',
    );
  });

  const reasons: [RestrictedReason, Parameters<typeof t>[0]][] = [
    ['browser', 'popupRestrictedBrowser'],
    ['store', 'popupRestrictedStore'],
    ['pdf', 'popupRestrictedPdf'],
    ['source', 'popupRestrictedSource'],
    ['file', 'popupRestrictedFile'],
    ['extension', 'popupRestrictedExtension'],
    ['scheme', 'popupRestrictedScheme'],
  ];
  for (const [reason, key] of reasons) {
    it(`explains a ${reason} page`, () => {
      show(props({ page: { state: 'restricted', reason } }));
      expect($('[data-state="restricted"]')?.textContent).toBe(t(key, 'en'));
    });
  }

  it('offers to reload a tab opened before install', async () => {
    const p = show(props({ page: { state: 'reload' } }));
    expect($('[data-state="reload"]')?.textContent).toContain(t('popupNeedsReload', 'en'));
    await click($('[data-state="reload"] button'));
    expect(p.onReloadTab).toHaveBeenCalledOnce();
  });

  it('explains a paused site, a switched-off extension and an excluded site', async () => {
    show(
      props({
        page: { state: 'inactive', reason: 'paused' },
        controls: { enabled: true, paused: true, site: 'a.example' },
      }),
    );
    expect($('[data-state="inactive"]')?.textContent).toBe(t('popupInactivePaused', 'en', 'a.example'));
    show(props({ page: { state: 'inactive', reason: 'disabled' } }));
    expect($('[data-state="inactive"]')?.textContent).toBe(t('popupInactiveDisabled', 'en'));
    const p = show(props({ page: { state: 'inactive', reason: 'excluded' } }));
    await click($('[data-state="inactive"] button'));
    expect(p.onOpenOptions).toHaveBeenCalledOnce();
  });

  it('shows settings that could not be read, with a way to the options', async () => {
    const p = show(props({ settingsErrors: ['enabled: expected boolean'] }));
    expect($('[data-state="settings-errors"]')?.textContent).toContain(t('popupSettingsNotice', 'en'));
    expect($('[data-state="settings-errors"]')?.textContent).toContain('enabled: expected boolean');
    await click($('[data-state="settings-errors"] button'));
    expect(p.onOpenOptions).toHaveBeenCalledOnce();
  });
});

describe('PopupSummary: controls and language', () => {
  it('pauses the site and switches the extension off through the switches, and says so', async () => {
    const p = show(props());
    const site = $<HTMLInputElement>('input[name="site"]');
    expect(site?.checked).toBe(true);
    expect(site?.closest('label')?.textContent).toBe(t('popupSiteSwitch', 'en', 'news.example'));
    await click(site);
    expect(p.onSetPaused).toHaveBeenCalledWith(true);
    expect($('[role="status"]')?.textContent).toBe(t('popupPausedStatus', 'en', 'news.example'));
    await click($('input[name="enabled"]'));
    expect(p.onSetEnabled).toHaveBeenCalledWith(false);
  });

  it('cannot pause a tab without a site, nor while switched off', () => {
    show(props({ controls: { enabled: true, paused: undefined, site: undefined } }));
    expect($<HTMLInputElement>('input[name="site"]')?.disabled).toBe(true);
    show(props({ controls: { enabled: false, paused: false, site: 'x.example' } }));
    expect($<HTMLInputElement>('input[name="site"]')?.disabled).toBe(true);
  });

  it('says when a setting could not be saved', async () => {
    show(props({ onSetEnabled: vi.fn(async () => Promise.reject(new Error('quota'))) }));
    await click($('input[name="enabled"]'));
    await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
    expect($('[role="status"]')?.textContent).toBe(t('popupSaveFailed', 'en'));
  });

  it('renders in French', () => {
    const lang: UiLang = 'fr';
    show(props({ lang }));
    expect($('h1')?.textContent).toBe(statement.shortTitle.fr);
    expect($('section.page h2')?.textContent).toBe(t('popupThisPage', 'fr'));
    expect($('.group[data-entity="dprk"] h3')?.textContent).toContain(entityById('dprk')?.short.fr);
    expect($('button[data-export="csv"]')?.textContent).toBe(t('popupExportCsv', 'fr'));
  });

  it('shows search results that open the statement at the paragraph, matching words marked', async () => {
    const result: SearchResult = {
      kind: 'part',
      id: 'p2',
      title: '¶2',
      snippet: 'le gel des avoirs imposé',
      snippetLang: 'fr',
      cite: { doc: statement.id, part: 'p2', number: 2 },
      score: 0.9,
      matches: [{ start: 3, end: 17 }],
    };
    const search = vi.fn((q: string) => (q ? [result] : []));
    show(props({ search }));
    const input = $<HTMLInputElement>('search input');
    await act(async () => {
      if (!input) return;
      input.value = 'gel des avoirs';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(search).toHaveBeenLastCalledWith('gel des avoirs', 'en');
    const link = $<HTMLAnchorElement>('.result a');
    expect(link?.getAttribute('href')).toBe('ext://statement.html#p2&q=');
    expect($('.result mark')?.textContent).toBe('gel des avoirs');
  });
});

describe('restrictedReason / explainNoAnswer', () => {
  const cases: [string | undefined, RestrictedReason | null][] = [
    ['chrome://extensions/', 'browser'],
    ['edge://settings', 'browser'],
    ['about:addons', 'browser'],
    ['about:blank', 'browser'],
    ['https://chromewebstore.google.com/detail/x/abc', 'store'],
    ['https://chrome.google.com/webstore/detail/abc', 'store'],
    ['https://addons.mozilla.org/fr/firefox/', 'store'],
    ['https://microsoftedge.microsoft.com/addons/detail/x', 'store'],
    ['https://chrome.google.com/search', null],
    ['view-source:https://example.org/', 'source'],
    ['chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/index.html', 'pdf'],
    ['chrome-extension://abcdefghijklmnopabcdefghijklmnop/statement.html', 'extension'],
    ['moz-extension://1234/popup.html', 'extension'],
    ['data:text/html,hello', 'scheme'],
    ['https://example.org/report.pdf', null],
    ['file:///home/me/a.html', null],
    ['https://example.org/', null],
    ['', null],
    [undefined, null],
    ['not a url', null],
  ];
  for (const [url, reason] of cases) {
    it(`${String(url)} → ${String(reason)}`, () => expect(restrictedReason(url)).toBe(reason));
  }

  it('explains a silent tab from its address', () => {
    expect(explainNoAnswer('https://example.org/a.PDF', true)).toEqual({ kind: 'restricted', reason: 'pdf' });
    expect(explainNoAnswer('file:///home/reader/a.html', false)).toEqual({ kind: 'restricted', reason: 'file' });
    expect(explainNoAnswer('file:///home/reader/a.html', true)).toEqual({ kind: 'reload' });
    expect(explainNoAnswer('https://example.org/', undefined)).toEqual({ kind: 'reload' });
    expect(explainNoAnswer('chrome://newtab', undefined)).toEqual({ kind: 'restricted', reason: 'browser' });
    expect(explainNoAnswer(undefined, undefined)).toEqual({ kind: 'unknown' });
  });
});

describe('PopupSummary: Markdown export', () => {
  it('downloads a Markdown table of the mentions, dated, and says so', async () => {
    const p = show(props());
    const button = $('button[data-export="md"]');
    expect(button?.textContent).toBe(t('popupExportMarkdown', 'en'));
    await click(button);
    const [name, mime, text] = vi.mocked(p.download).mock.calls[0] ?? [];
    expect([name, mime]).toEqual(['sanctions-context-mentions-2025-10-22.md', 'text/markdown;charset=utf-8']);
    expect(text?.split('\n').filter((l) => l.startsWith('| '))).toHaveLength(1 + MENTIONS.length);
    expect(text).toContain('[North Korea](https://news.example/story#:~:text=Talks%20on-,North%20Korea,-resumed.)');
    expect($('[role="status"]')?.textContent).toBe(
      t('popupExported', 'en', 'sanctions-context-mentions-2025-10-22.md'),
    );
  });
});

describe('PopupSummary: layout, frames and shortcut', () => {
  it('keeps the controls, export and search box in the action bar, and the lists in one scroll area', () => {
    show(props());
    const actions = $('.actions');
    expect(actions?.querySelector('input[name="site"]')).not.toBeNull();
    expect(actions?.querySelectorAll('button[data-export]')).toHaveLength(3);
    expect(actions?.querySelector('search input')).not.toBeNull();
    expect($('.scroll .group')).not.toBeNull();
    expect($('.actions .group')).toBeNull();
  });

  it('folds and unfolds an entity’s list with its heading button', async () => {
    show(props());
    const toggle = $<HTMLButtonElement>('.group[data-entity="dprk"] .group-toggle');
    const list = $<HTMLOListElement>('.group[data-entity="dprk"] ol');
    expect(toggle?.getAttribute('aria-expanded')).toBe('true');
    expect(toggle?.getAttribute('aria-controls')).toBe(list?.id);
    expect(list?.hidden).toBe(false);
    await click(toggle);
    expect(toggle?.getAttribute('aria-expanded')).toBe('false');
    expect(list?.hidden).toBe(true);
    await click(toggle);
    expect(list?.hidden).toBe(false);
  });

  it('reveals a mention of a sub-frame in its frame, and keys mentions by frame', async () => {
    const framed = [...MENTIONS, { ...m(0, 'dprk', 'DPRK in a frame'), frameId: 4 }];
    const p = show(props({ page: ready(framed) }));
    const buttons = $$('.group[data-entity="dprk"] ol button');
    expect(buttons.map((b) => b.textContent?.includes('in a frame'))).toEqual([false, false, false, true]);
    expect(buttons.at(-1)?.dataset.frame).toBe('4');
    await click(buttons.at(-1) ?? null);
    expect(p.onReveal).toHaveBeenLastCalledWith(0, 4);
  });

  it('shows search results in the scroll area above the mentions', async () => {
    const result: SearchResult = {
      kind: 'fact',
      id: 'p2-1',
      title: 'A fact',
      snippet: 'asset freeze',
      snippetLang: 'en',
      matches: [],
      cite: { doc: 'msmt', part: 'p2', number: 2 },
      quote: 'gel des avoirs',
      score: 1,
    };
    show(props({ search: (q) => (q ? [result] : []) }));
    expect($('.results')).toBeNull();
    const input = $<HTMLInputElement>('search input');
    if (!input) throw new Error('no search box');
    await act(async () => {
      input.value = 'freeze';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect($('.scroll .results li')?.textContent).toContain('A fact');
  });

  it('shows the assigned shortcut, or where to set it in each browser', () => {
    show(props({ shortcut: { shortcut: 'Alt+Shift+M', where: 'chromium' } }));
    expect($('.shortcut')?.textContent).toBe(t('shortcutAssigned', 'en', 'Alt+Shift+M'));
    expect($('.shortcut')?.textContent).toBe('Next mention: Alt+Shift+M');
    show(props({ shortcut: { shortcut: '', where: 'chromium' } }));
    expect($('.shortcut')?.textContent).toBe('Not set: set it at chrome://extensions/shortcuts');
    show(props({ lang: 'fr', shortcut: { shortcut: '', where: 'firefox' } }));
    expect($('.shortcut')?.textContent).toBe(t('shortcutUnsetFirefox', 'fr'));
    expect($('.shortcut')?.textContent).toContain('Gérer les raccourcis');
  });
});
