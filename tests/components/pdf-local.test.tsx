// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { formatSize, ReaderToolbar, type ToolbarActions } from '../../components/pdf/ReaderToolbar.tsx';
import { ReaderNotices, StatusPanel } from '../../components/pdf/StatusPanel.tsx';
import { t } from '../../lib/i18n.ts';

/* The reader's parts for the local PDFs it keeps: the Forget button, the "no longer kept" panel, the notices. */

let container: HTMLElement;
beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(() => {
  act(() => render(null, container));
  container.remove();
});

const actions = (): ToolbarActions => ({
  openFile: vi.fn(),
  goTo: vi.fn(),
  zoom: vi.fn(),
  setScale: vi.fn(),
  find: vi.fn(),
  forgetLocal: vi.fn(),
});

function toolbar(count: number, bytes: number, acts = actions()) {
  act(() =>
    render(
      <ReaderToolbar
        lang="en"
        loaded={null}
        kept={{ count, bytes }}
        page={1}
        scale="auto"
        find={{ current: 0, total: 0, notFound: false }}
        findRef={{ current: null }}
        actions={acts}
      />,
      container,
    ),
  );
  return acts;
}

describe('the Forget button', () => {
  it('says how many local PDFs are kept and their size, and forgets them on click', () => {
    const acts = toolbar(3, 12_345_678);
    const button = container.querySelector<HTMLButtonElement>('button[data-action="forget-local"]');
    expect(button?.textContent).toBe('Forget local PDFs (3, 12.3 MB)');
    expect(button?.title).toBe(t('pdfLocalForgetHint', 'en', 5, 200));
    act(() => button?.click());
    expect(acts.forgetLocal).toHaveBeenCalledTimes(1);
  });

  it('is not there while none is kept, next to Open PDF… which always is', () => {
    toolbar(0, 0);
    expect(container.querySelector('input[type="file"]')).not.toBeNull();
    expect(container.querySelector('button[data-action="forget-local"]')).toBeNull();
  });
});

describe('formatSize', () => {
  it('gives kB below 1 MB and MB above, with the decimals that matter, in the interface language', () => {
    expect(formatSize(200_000_000, 'en')).toBe('200 MB');
    expect(formatSize(1_250_000, 'en')).toBe('1.3 MB');
    expect(formatSize(123_456, 'en')).toBe('123 kB');
    expect(formatSize(8_700, 'en')).toBe('8.7 kB');
    expect(formatSize(0, 'en')).toBe('0 kB');
    // French: decimal comma and its own unit names (the space before the unit may be a narrow no-break one).
    expect(formatSize(1_250_000, 'fr').replace(/\s/g, ' ')).toBe('1,3 Mo');
    expect(formatSize(8_700, 'fr').replace(/\s/g, ' ')).toBe('8,7 ko');
  });
});

describe('the panel of a local PDF no longer kept', () => {
  it('names the file, in both languages, and offers Open PDF… that opens the file picked', () => {
    const onFile = vi.fn();
    const panel = (lang: 'en' | 'fr') =>
      render(
        <StatusPanel
          lang={lang}
          status={{ kind: 'missing', name: 'report.pdf' }}
          passwordRef={{ current: null }}
          onAllow={vi.fn()}
          onPassword={vi.fn()}
          onFile={onFile}
        />,
        container,
      );
    act(() => panel('en'));
    expect(container.querySelector('[data-state="missing"] [role="alert"]')?.textContent).toBe(
      'report.pdf was opened from your computer and is no longer kept in this browser.',
    );
    const input = container.querySelector<HTMLInputElement>('[data-state="missing"] input[type="file"]');
    expect(input?.closest('label')?.textContent).toBe(t('pdfOpen', 'en'));
    const picked = new File(['%PDF-1.7'], 'report.pdf', { type: 'application/pdf' });
    Object.defineProperty(input, 'files', { value: [picked], configurable: true });
    act(() => {
      input?.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(onFile).toHaveBeenCalledWith(picked);
    act(() => panel('fr'));
    expect(container.querySelector('[data-state="missing"] [role="alert"]')?.textContent).toBe(
      'report.pdf a été ouvert depuis votre ordinateur et n’est plus gardé dans ce navigateur.',
    );
  });
});

describe('the notices about kept PDFs', () => {
  const notices = (local: Parameters<typeof ReaderNotices>[0]['local']) =>
    act(() => render(<ReaderNotices lang="en" paused={null} noText={false} local={local} />, container));

  it('say why the address will not reopen a PDF, and how many were forgotten', () => {
    notices({ kind: 'not-kept', reason: 'failed' });
    expect(container.querySelector('[data-state="not-kept"]')?.textContent).toBe(t('pdfLocalNotKept', 'en'));
    notices({ kind: 'not-kept', reason: 'too-large' });
    expect(container.querySelector('[data-state="not-kept"]')?.textContent).toBe(t('pdfLocalTooLarge', 'en', 200));
    expect(container.textContent).toContain('200 MB');
    notices({ kind: 'forgotten', count: 4 });
    expect(container.querySelector('[data-state="forgotten"]')?.textContent).toBe(t('pdfLocalForgotten', 'en', 4));
    notices(null);
    expect(container.querySelector('.notice')).toBeNull();
  });
});
