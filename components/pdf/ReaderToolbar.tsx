import { t } from '../../lib/i18n.ts';
import { type KeptUsage, MAX_KEPT_BYTES, MAX_KEPT_FILES } from '../../lib/local-pdfs.ts';
import type { UiLang } from '../../lib/ui-lang.ts';
import { type FindResult, type Loaded, ZOOM_STEPS } from './reader-state.ts';

/** What the toolbar asks of the reader. */
export interface ToolbarActions {
  openFile(file: File): void;
  goTo(page: number): void;
  zoom(direction: 1 | -1): void;
  setScale(value: string): void;
  find(query: string, how: 'input' | 'next' | 'previous'): void;
  /** Forgets the local PDFs the reader keeps. */
  forgetLocal(): void;
}

/**
 * The PDF reader's toolbar: Open PDF… always, and the button that forgets the local PDFs the
 * reader keeps while it keeps any (`kept`); page, zoom and find controls and the links to the
 * original and the download once a document is `loaded`.
 */
export function ReaderToolbar({
  lang,
  loaded,
  kept,
  page,
  scale,
  find,
  findRef,
  actions,
}: {
  lang: UiLang;
  loaded: Loaded | null;
  kept: KeptUsage;
  page: number;
  scale: string;
  find: FindResult;
  findRef: { current: HTMLInputElement | null };
  actions: ToolbarActions;
}) {
  return (
    <div class="toolbar" role="toolbar" aria-label={t('pdfToolbarLabel', lang)}>
      <OpenPdfButton lang={lang} onFile={actions.openFile} />
      {kept.count > 0 && (
        <button
          type="button"
          class="button forget"
          data-action="forget-local"
          title={t('pdfLocalForgetHint', lang, MAX_KEPT_FILES, MAX_KEPT_BYTES / 1_000_000)}
          onClick={actions.forgetLocal}
        >
          {t('pdfLocalForget', lang, kept.count, formatSize(kept.bytes, lang))}
        </button>
      )}
      {loaded && (
        <>
          <PageControls lang={lang} page={page} pages={loaded.pages} goTo={actions.goTo} />
          <ZoomControls lang={lang} scale={scale} actions={actions} />
          <FindControls lang={lang} find={find} findRef={findRef} onFind={actions.find} />
          <span class="group end">
            {loaded.original && (
              <a class="button" href={loaded.original} target="_blank" rel="noopener noreferrer">
                {t('pdfOpenOriginal', lang)}
              </a>
            )}
            <a class="button" href={loaded.download} download={loaded.name}>
              {t('pdfDownload', lang)}
            </a>
          </span>
        </>
      )}
    </div>
  );
}

/** Open PDF…: the page's file picker, styled as a button; calls `onFile` with the file picked. */
export function OpenPdfButton({ lang, onFile }: { lang: UiLang; onFile: (file: File) => void }) {
  return (
    <label class="button open">
      <input
        type="file"
        accept="application/pdf,.pdf"
        class="visually-hidden"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          if (file) onFile(file);
          e.currentTarget.value = '';
        }}
      />
      <span>{t('pdfOpen', lang)}</span>
    </label>
  );
}

/**
 * A size of `bytes` for `lang`, in kB below 1 MB (one decimal below 10 kB) and in MB with one
 * decimal above ("8.7 kB", "12.3 MB"; "8,7 ko" in French). Decimal units, as browsers show file sizes.
 */
export function formatSize(bytes: number, lang: UiLang): string {
  const big = bytes >= 1_000_000;
  return new Intl.NumberFormat(lang, {
    style: 'unit',
    unit: big ? 'megabyte' : 'kilobyte',
    unitDisplay: 'short',
    maximumFractionDigits: big || bytes < 10_000 ? 1 : 0,
  }).format(big ? bytes / 1_000_000 : bytes / 1000);
}

/** An icon button whose label is also its tooltip. */
function IconButton({
  label,
  disabled,
  onClick,
  children,
}: {
  label: string;
  disabled?: boolean;
  onClick: () => void;
  children: string;
}) {
  return (
    <button type="button" class="icon" aria-label={label} title={label} disabled={disabled} onClick={onClick}>
      {children}
    </button>
  );
}

function PageControls({
  lang,
  page,
  pages,
  goTo,
}: {
  lang: UiLang;
  page: number;
  pages: number;
  goTo: (page: number) => void;
}) {
  return (
    <span class="group">
      <IconButton label={t('pdfPreviousPage', lang)} disabled={page <= 1} onClick={() => goTo(page - 1)}>
        ‹
      </IconButton>
      <label class="page-number">
        <span class="visually-hidden">{t('pdfPageLabel', lang)}</span>
        <input
          type="text"
          inputMode="numeric"
          name="page"
          size={4}
          value={String(page)}
          onChange={(e) => goTo(Number(e.currentTarget.value))}
        />
      </label>
      <span class="muted">{t('pdfPageCount', lang, pages)}</span>
      <IconButton label={t('pdfNextPage', lang)} disabled={page >= pages} onClick={() => goTo(page + 1)}>
        ›
      </IconButton>
    </span>
  );
}

function ZoomControls({ lang, scale, actions }: { lang: UiLang; scale: string; actions: ToolbarActions }) {
  return (
    <span class="group">
      <IconButton label={t('pdfZoomOut', lang)} onClick={() => actions.zoom(-1)}>
        −
      </IconButton>
      <label>
        <span class="visually-hidden">{t('pdfZoomLabel', lang)}</span>
        <select name="zoom" value={scale} onChange={(e) => actions.setScale(e.currentTarget.value)}>
          <option value="auto">{t('pdfZoomAuto', lang)}</option>
          <option value="page-width">{t('pdfZoomPageWidth', lang)}</option>
          <option value="page-fit">{t('pdfZoomPageFit', lang)}</option>
          {ZOOM_STEPS.map((z) => (
            <option key={z} value={String(z)}>{`${Math.round(z * 100)} %`}</option>
          ))}
          {!['auto', 'page-width', 'page-fit', ...ZOOM_STEPS.map(String)].includes(scale) && (
            <option value={scale}>{`${Math.round(Number(scale) * 100)} %`}</option>
          )}
        </select>
      </label>
      <IconButton label={t('pdfZoomIn', lang)} onClick={() => actions.zoom(1)}>
        +
      </IconButton>
    </span>
  );
}

function FindControls({
  lang,
  find,
  findRef,
  onFind,
}: {
  lang: UiLang;
  find: FindResult;
  findRef: { current: HTMLInputElement | null };
  onFind: ToolbarActions['find'];
}) {
  return (
    <span class="group find">
      <label>
        <span class="visually-hidden">{t('pdfFindLabel', lang)}</span>
        <input
          ref={findRef}
          type="search"
          name="find"
          placeholder={t('pdfFindLabel', lang)}
          onInput={(e) => onFind(e.currentTarget.value, 'input')}
          onKeyDown={(e) => {
            if (e.key === 'Enter') onFind(e.currentTarget.value, e.shiftKey ? 'previous' : 'next');
          }}
        />
      </label>
      <IconButton label={t('pdfFindPrevious', lang)} onClick={() => onFind(findRef.current?.value ?? '', 'previous')}>
        ↑
      </IconButton>
      <IconButton label={t('pdfFindNext', lang)} onClick={() => onFind(findRef.current?.value ?? '', 'next')}>
        ↓
      </IconButton>
      <span class="muted" aria-live="polite">
        {find.notFound
          ? t('pdfFindNotFound', lang)
          : find.total > 0
            ? t('pdfFindCount', lang, find.current, find.total)
            : ''}
      </span>
    </span>
  );
}
