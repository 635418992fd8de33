import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  LOOKUP_MENU_ID,
  MAX_QUERY_LENGTH,
  openLookup,
  registerLookupMenu,
  searchPageUrl,
} from '../../lib/context-menu.ts';

const BASE = 'chrome-extension://abc/search.html';

beforeEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
  vi.spyOn(fakeBrowser.runtime, 'getURL').mockImplementation((path: string) => `chrome-extension://abc${path}`);
});

describe('searchPageUrl', () => {
  it('puts the selection in q, encoded', () => {
    expect(searchPageUrl(BASE, 'gel des avoirs')).toBe(`${BASE}?q=gel%20des%20avoirs`);
    expect(searchPageUrl(BASE, 'R&D? #1 / «RPDC»')).toBe(`${BASE}?q=${encodeURIComponent('R&D? #1 / «RPDC»')}`);
  });

  it('collapses whitespace and cuts long selections', () => {
    expect(searchPageUrl(BASE, '  asset\n\n  freeze\t')).toBe(`${BASE}?q=asset%20freeze`);
    const q = new URL(searchPageUrl(BASE, 'word '.repeat(200))).searchParams.get('q') ?? '';
    expect(q.length).toBeLessThanOrEqual(MAX_QUERY_LENGTH);
    expect(q.startsWith('word word')).toBe(true);
    expect(q.endsWith(' ')).toBe(false);
  });

  it('gives the bare page for a blank selection', () => {
    expect(searchPageUrl(BASE, ' \n ')).toBe(BASE);
  });
});

describe('openLookup', () => {
  it('opens the search page for the selection next to the clicked tab', async () => {
    const created = vi.spyOn(fakeBrowser.tabs, 'create');
    const opened = await openLookup(
      { menuItemId: LOOKUP_MENU_ID, selectionText: 'Reconnaissance General Bureau' },
      { id: 7, index: 2, windowId: 1 },
    );
    expect(opened).toBe(true);
    expect(created).toHaveBeenCalledTimes(1);
    expect(created.mock.calls[0]?.[0]).toEqual({
      url: `${BASE}?q=Reconnaissance%20General%20Bureau`,
      index: 3,
      windowId: 1,
      openerTabId: 7,
    });
  });

  it('works without a tab (selection in an extension page or PDF viewer)', async () => {
    const created = vi.spyOn(fakeBrowser.tabs, 'create');
    expect(await openLookup({ menuItemId: LOOKUP_MENU_ID, selectionText: 'MSMT' })).toBe(true);
    expect(created.mock.calls[0]?.[0]).toEqual({ url: `${BASE}?q=MSMT` });
  });

  it('ignores other menu items and blank selections', async () => {
    const created = vi.spyOn(fakeBrowser.tabs, 'create');
    expect(await openLookup({ menuItemId: 'someone-else', selectionText: 'DPRK' })).toBe(false);
    expect(await openLookup({ menuItemId: LOOKUP_MENU_ID, selectionText: '   ' })).toBe(false);
    expect(await openLookup({ menuItemId: LOOKUP_MENU_ID })).toBe(false);
    expect(created).not.toHaveBeenCalled();
  });
});

describe('registerLookupMenu', () => {
  it('replaces any old item with one selection item titled from the locale', async () => {
    const calls: string[] = [];
    const menus = fakeBrowser.contextMenus as unknown as Record<string, unknown>;
    menus.removeAll = async () => {
      calls.push('removeAll');
    };
    menus.create = (props: { id: string; title: string; contexts: string[] }) => {
      calls.push(`create ${props.id} ${props.title} ${props.contexts.join()}`);
      return props.id;
    };
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation((key: string) =>
      key === 'contextMenuLookUp' ? 'Look up “%s”' : '',
    );
    await registerLookupMenu();
    expect(calls).toEqual(['removeAll', `create ${LOOKUP_MENU_ID} Look up “%s” selection`]);
  });

  it('never rejects when the browser has no menu API', async () => {
    const menus = fakeBrowser.contextMenus as unknown as Record<string, unknown>;
    menus.removeAll = () => Promise.reject(new Error('no menus'));
    await expect(registerLookupMenu()).resolves.toBeUndefined();
  });
});
