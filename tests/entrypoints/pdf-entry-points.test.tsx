// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PopupSummary, type PopupSummaryProps } from '../../components/PopupSummary.tsx';
import { entityById, statement } from '../../data/index.ts';
import { openPdfLink, PDF_LINK_PATTERNS, PDF_MENU_ID, registerPdfMenu } from '../../lib/context-menu.ts';
import { t } from '../../lib/i18n.ts';
import { isPdfAddress, readerUrl } from '../../lib/page-access.ts';

/* How PDFs reach the reader: the popup's button on a PDF tab and the link menu item. */

const READER = 'chrome-extension://abc/pdf.html';

describe('isPdfAddress and readerUrl', () => {
  it('know a PDF by the path of a web or file address', () => {
    expect(isPdfAddress('https://example.org/reports/annual.pdf')).toBe(true);
    expect(isPdfAddress('http://example.org/A.PDF?download=1#page=3')).toBe(true);
    expect(isPdfAddress('file:///home/reader/report.pdf')).toBe(true);
    expect(isPdfAddress('https://example.org/report.pdf.html')).toBe(false);
    expect(isPdfAddress('https://example.org/?file=report.pdf')).toBe(false);
    expect(isPdfAddress('chrome://settings/a.pdf')).toBe(false);
    expect(isPdfAddress('not a url')).toBe(false);
    expect(isPdfAddress(undefined)).toBe(false);
  });

  it('open a web PDF by its address, and a local one through the picker', () => {
    const url = 'https://example.org/reports/annual report.pdf?v=2';
    expect(readerUrl(READER, url)).toBe(`${READER}?file=${encodeURIComponent(url)}`);
    expect(new URL(readerUrl(READER, url)).searchParams.get('file')).toBe(url);
    expect(readerUrl(READER, 'file:///home/reader/report.pdf')).toBe(READER);
    expect(readerUrl(READER, undefined)).toBe(READER);
    expect(readerUrl(READER, 'not a url')).toBe(READER);
  });
});

describe('popup on a PDF tab', () => {
  let container: HTMLElement;
  beforeEach(() => {
    container = document.createElement('div');
    document.body.append(container);
  });
  afterEach(() => {
    act(() => render(null, container));
    container.remove();
  });

  const props = (over: Partial<PopupSummaryProps>): PopupSummaryProps => ({
    lang: 'en',
    doc: statement,
    page: { state: 'restricted', reason: 'pdf' },
    controls: { enabled: true, paused: undefined, site: undefined },
    settingsErrors: [],
    entityById,
    citations: () => [],
    search: () => [],
    statementHref: () => 'ext://statement.html',
    searchPageHref: 'ext://search.html',
    onReveal: vi.fn(async () => true),
    onSetPaused: vi.fn(async () => {}),
    onSetEnabled: vi.fn(async () => {}),
    onOpenOptions: vi.fn(),
    onReloadTab: vi.fn(),
    download: vi.fn(),
    ...over,
  });

  it('offers "Open in the reader" instead of "cannot read this page"', () => {
    const href = `${READER}?file=${encodeURIComponent('https://example.org/a.pdf')}`;
    act(() => render(<PopupSummary {...props({ readerHref: href })} />, container));
    const link = container.querySelector<HTMLAnchorElement>('a[data-action="open-reader"]');
    expect(link?.textContent).toBe(t('pdfOpenInReader', 'en'));
    expect(link?.getAttribute('href')).toBe(href);
    expect(link?.target).toBe('_blank');
    expect(container.textContent).not.toContain(t('popupRestrictedPdf', 'en'));
  });

  it('keeps the explanation for other closed pages, and without a reader address', () => {
    act(() =>
      render(
        <PopupSummary {...props({ page: { state: 'restricted', reason: 'store' }, readerHref: READER })} />,
        container,
      ),
    );
    expect(container.querySelector('a[data-action="open-reader"]')).toBeNull();
    expect(container.textContent).toContain(t('popupRestrictedStore', 'en'));
    act(() => render(<PopupSummary {...props({})} />, container));
    expect(container.querySelector('a[data-action="open-reader"]')).toBeNull();
    expect(container.textContent).toContain(t('popupRestrictedPdf', 'en'));
  });
});

describe('the link menu item', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.restoreAllMocks();
    vi.spyOn(fakeBrowser.runtime, 'getURL').mockImplementation((path: string) => `chrome-extension://abc${path}`);
  });

  it('is created on links to PDFs only', async () => {
    const created: unknown[] = [];
    (fakeBrowser.contextMenus as unknown as Record<string, unknown>).create = (p: unknown) => {
      created.push(p);
      return PDF_MENU_ID;
    };
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation((key: string) =>
      key === 'contextMenuOpenPdf' ? 'Open PDF in Sanctions Context reader' : '',
    );
    await registerPdfMenu();
    expect(created).toEqual([
      {
        id: PDF_MENU_ID,
        title: 'Open PDF in Sanctions Context reader',
        contexts: ['link'],
        targetUrlPatterns: [...PDF_LINK_PATTERNS],
      },
    ]);
  });

  it('opens the reader on the link next to the clicked tab', async () => {
    const created = vi.spyOn(fakeBrowser.tabs, 'create');
    const link = 'https://example.org/docs/report.pdf';
    expect(await openPdfLink({ menuItemId: PDF_MENU_ID, linkUrl: link }, { id: 4, index: 0, windowId: 2 })).toBe(true);
    expect(created.mock.calls[0]?.[0]).toEqual({
      url: `${READER}?file=${encodeURIComponent(link)}`,
      index: 1,
      windowId: 2,
      openerTabId: 4,
    });
  });

  it('ignores other items and links that are not web addresses', async () => {
    const created = vi.spyOn(fakeBrowser.tabs, 'create');
    expect(await openPdfLink({ menuItemId: 'other', linkUrl: 'https://example.org/a.pdf' })).toBe(false);
    expect(await openPdfLink({ menuItemId: PDF_MENU_ID, linkUrl: 'javascript:alert(1)' })).toBe(false);
    expect(await openPdfLink({ menuItemId: PDF_MENU_ID })).toBe(false);
    expect(created).not.toHaveBeenCalled();
    // Positive control: the same spy sees a real click.
    await openPdfLink({ menuItemId: PDF_MENU_ID, linkUrl: 'https://example.org/a.pdf' });
    expect(created).toHaveBeenCalledTimes(1);
  });
});
