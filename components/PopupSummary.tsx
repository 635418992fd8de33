import type { ComponentChildren } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import type { Entity, SourceDocument } from '../data/schema.ts';
import type { SearchResult } from '../engine/search-knowledge.ts';
import type { EntityId } from '../engine/types.ts';
import {
  type ExportCitation,
  type ExportInput,
  exportFilename,
  hasPages,
  toCsv,
  toJson,
  toMarkdown,
} from '../lib/export.ts';
import { type MessageKey, t } from '../lib/i18n.ts';
import { logger } from '../lib/log.ts';
import type { MentionsResponse } from '../lib/messages.ts';
import type { RestrictedReason } from '../lib/page-access.ts';
import type { ShortcutInfo } from '../lib/shortcut.ts';
import type { UiLang } from '../lib/ui-lang.ts';
import { formatIsoDate } from './card-model.ts';
import { MentionList } from './MentionList.tsx';
import { ShortcutLine } from './options-fields.tsx';
import { countLabel, SearchBox, SearchResults } from './SearchPanel.tsx';
import { paragraphFragmentUrl } from './statement-citation.ts';

const log = logger('popup');

/** What the popup knows about the tab it describes. */
export type PageState =
  | { state: 'loading' }
  /** Closed to extensions, known from its URL (or from a PDF address that did not answer). */
  | { state: 'restricted'; reason: RestrictedReason }
  /** A web page whose content script does not answer: open before install or update. */
  | { state: 'reload' }
  /** No answer and no URL to explain it by. */
  | { state: 'unknown' }
  /** The settings keep the extension off this page. */
  | { state: 'inactive'; reason: 'disabled' | 'paused' | 'excluded' }
  | { state: 'ready'; response: MentionsResponse };

export interface PopupControls {
  enabled: boolean;
  /** Whether the tab's site is paused; undefined when the tab has no site to pause (or it is unknown). */
  paused: boolean | undefined;
  /** The tab's host name, shown in the pause switch. */
  site: string | undefined;
}

export interface PopupSummaryProps {
  lang: UiLang;
  doc: SourceDocument;
  page: PageState;
  controls: PopupControls;
  /** Problems met reading the stored settings; empty when they were fine. */
  settingsErrors: readonly string[];
  entityById: (id: EntityId) => Entity | undefined;
  /** The facts the card shows for a mention of `id` matched as `matched`, for exports. */
  citations: (id: EntityId, matched: string) => ExportCitation[];
  /** Searches the bundled knowledge; `searchKnowledge` in the extension. */
  search: (query: string, lang: UiLang) => SearchResult[];
  /** Extension URL of the statement page at `part` with `quote` lit. */
  statementHref: (part: string, quote: string) => string;
  /** Extension URL of the full-page search. */
  searchPageHref: string;
  /** The PDF reader opening the tab's PDF, offered on a PDF the browser's viewer shows. */
  readerHref?: string;
  /** Reveals mention `index` of frame `frameId` (the top frame when undefined); resolves to whether it could. */
  onReveal: (index: number, frameId?: number) => Promise<boolean>;
  /** Pauses or resumes the tab's site; resolves when stored (rejects when storage fails). */
  onSetPaused: (paused: boolean) => Promise<void>;
  onSetEnabled: (enabled: boolean) => Promise<void>;
  onOpenOptions: () => void;
  onReloadTab: () => void;
  /** Saves `content` as a file (a Blob URL and `<a download>` in the extension). */
  download: (filename: string, mime: string, content: string) => void;
  /** The clock used for export dates; tests pass a fixed one. */
  now?: () => Date;
  /** The "next mention" key; undefined while it is being read. */
  shortcut?: ShortcutInfo;
}

/** Most search results the popup lists. */
const SEARCH_LIMIT = 8;

const NEW_TAB = { target: '_blank', rel: 'noopener noreferrer' } as const;

const RESTRICTED: Record<RestrictedReason, MessageKey> = {
  browser: 'popupRestrictedBrowser',
  store: 'popupRestrictedStore',
  pdf: 'popupRestrictedPdf',
  source: 'popupRestrictedSource',
  file: 'popupRestrictedFile',
  extension: 'popupRestrictedExtension',
  scheme: 'popupRestrictedScheme',
};

function Switch({
  checked,
  disabled,
  label,
  onChange,
  name,
}: {
  checked: boolean;
  disabled?: boolean;
  label: string;
  name: string;
  onChange: (checked: boolean) => void;
}) {
  return (
    <label class="switch">
      <input
        type="checkbox"
        role="switch"
        name={name}
        checked={checked}
        disabled={disabled}
        aria-checked={checked}
        onChange={(e) => onChange(e.currentTarget.checked)}
      />
      <span>{label}</span>
    </label>
  );
}

type ExportProps = Pick<PopupSummaryProps, 'lang' | 'doc' | 'entityById' | 'citations' | 'download' | 'now'> & {
  response: MentionsResponse;
  announce: (message: string) => void;
};

function ExportButtons({ lang, doc, entityById, citations, download, now, response, announce }: ExportProps) {
  const run = (kind: 'csv' | 'json' | 'md') => {
    const date = now?.() ?? new Date();
    const input: ExportInput = {
      pageUrl: response.url ?? '',
      pageTitle: response.title ?? '',
      // A PDF in the reader: its own address, readable by anyone (the reader's is not).
      ...(response.site && hasPages(response.mentions) ? { sourceUrl: response.site } : {}),
      exportedAt: date,
      statement: {
        title: doc.title,
        titleEn: doc.titleEn,
        publisher: doc.publisher[lang],
        date: doc.date,
        url: doc.url,
        paragraphs: doc.parts.flatMap((p) =>
          p.number === undefined ? [] : [{ paragraph: p.number, part: p.id, url: paragraphFragmentUrl(doc, p) }],
        ),
      },
      mentions: response.mentions,
      entityName: (id) => entityById(id)?.name[lang] ?? id,
      citations,
    };
    const filename = exportFilename(kind, date);
    try {
      if (kind === 'csv') download(filename, 'text/csv;charset=utf-8', toCsv(input));
      else if (kind === 'md') download(filename, 'text/markdown;charset=utf-8', toMarkdown(input));
      else download(filename, 'application/json', toJson(input));
      announce(t('popupExported', lang, filename));
    } catch (error) {
      log.error('export failed', error);
      announce(t('popupExportFailed', lang));
    }
  };
  return (
    <fieldset class="export">
      <legend class="export-label">{t('popupExportLabel', lang)}</legend>
      <button type="button" class="button" data-export="csv" onClick={() => run('csv')}>
        {t('popupExportCsv', lang)}
      </button>
      <button type="button" class="button" data-export="json" onClick={() => run('json')}>
        {t('popupExportJson', lang)}
      </button>
      <button type="button" class="button" data-export="md" onClick={() => run('md')}>
        {t('popupExportMarkdown', lang)}
      </button>
    </fieldset>
  );
}

type PageSectionProps = Omit<PopupSummaryProps, 'search' | 'statementHref' | 'searchPageHref' | 'settingsErrors'> & {
  announce: (message: string) => void;
};

function PageSection(props: PageSectionProps) {
  const { lang, page, controls, onReloadTab, onOpenOptions } = props;
  const headingId = 'page-heading';
  let body: ComponentChildren;
  switch (page.state) {
    case 'loading':
      body = <p class="muted">{t('popupLoading', lang)}</p>;
      break;
    case 'restricted':
      body =
        page.reason === 'pdf' && props.readerHref ? (
          <div class="notice" data-state="restricted" data-reason="pdf">
            <p>{t('pdfOpenInReaderHint', lang)}</p>
            <a class="button primary" data-action="open-reader" href={props.readerHref} {...NEW_TAB}>
              {t('pdfOpenInReader', lang)}
            </a>
          </div>
        ) : (
          <p class="notice" data-state="restricted" data-reason={page.reason}>
            {t(RESTRICTED[page.reason], lang)}
          </p>
        );
      break;
    case 'reload':
      body = (
        <div class="notice" data-state="reload">
          <p>{t('popupNeedsReload', lang)}</p>
          <button type="button" class="button primary" onClick={onReloadTab}>
            {t('popupReloadTab', lang)}
          </button>
        </div>
      );
      break;
    case 'unknown':
      body = (
        <p class="notice" data-state="unknown">
          {t('popupCannotRead', lang)}
        </p>
      );
      break;
    case 'inactive':
      body = (
        <div class="notice" data-state="inactive" data-reason={page.reason}>
          <p>
            {page.reason === 'disabled'
              ? t('popupInactiveDisabled', lang)
              : page.reason === 'paused'
                ? t('popupInactivePaused', lang, controls.site ?? '')
                : t('popupInactiveExcluded', lang)}
          </p>
          {page.reason === 'excluded' && (
            <button type="button" class="link-button" onClick={onOpenOptions}>
              {t('popupOpenOptions', lang)}
            </button>
          )}
        </div>
      );
      break;
    case 'ready': {
      const { mentions, total, capped, error } = page.response;
      body = error ? (
        // Not "no mentions": the page was never read, and a reload loads the matcher again.
        <div class="notice" data-state="error" data-error={error} role="alert">
          <p>{t('popupMatcherUnavailable', lang)}</p>
          <button type="button" class="button primary" onClick={onReloadTab}>
            {t('popupReloadTab', lang)}
          </button>
        </div>
      ) : total === 0 ? (
        <p class="muted" data-state="empty">
          {t('popupNoMentions', lang)}
        </p>
      ) : (
        <>
          <p class="total" data-state="ready">
            {countLabel(total, lang, 'popupMentionCountOne', 'popupMentionCountMany')}
          </p>
          {capped && (
            <p class="notice small" data-state="capped">
              {t('popupCapped', lang, mentions.length)}
            </p>
          )}
          <MentionList
            lang={lang}
            mentions={mentions}
            entityById={props.entityById}
            onReveal={props.onReveal}
            announce={props.announce}
          />
        </>
      );
      break;
    }
  }
  return (
    <section aria-labelledby={headingId} aria-busy={page.state === 'loading'} class="page">
      <h2 id={headingId}>{t('popupThisPage', lang)}</h2>
      {body}
    </section>
  );
}

function ControlsSection({
  lang,
  controls,
  onSetPaused,
  onSetEnabled,
  onOpenOptions,
  announce,
}: Pick<PopupSummaryProps, 'lang' | 'controls' | 'onSetPaused' | 'onSetEnabled' | 'onOpenOptions'> & {
  announce: (message: string) => void;
}) {
  const headingId = 'controls-heading';
  const { enabled, paused, site } = controls;
  const save = (run: Promise<void>, done: string) =>
    run.then(
      () => announce(done),
      () => announce(t('popupSaveFailed', lang)),
    );
  return (
    <section class="controls" aria-labelledby={headingId}>
      <h2 id={headingId} class="visually-hidden">
        {t('popupControlsHeading', lang)}
      </h2>
      <Switch
        name="site"
        checked={paused === false}
        disabled={paused === undefined || !enabled}
        label={site ? t('popupSiteSwitch', lang, site) : t('popupSiteSwitchNoSite', lang)}
        onChange={(on) =>
          void save(
            onSetPaused(!on),
            on ? t('popupResumedStatus', lang, site ?? '') : t('popupPausedStatus', lang, site ?? ''),
          )
        }
      />
      <Switch
        name="enabled"
        checked={enabled}
        label={t('popupEnabledSwitch', lang)}
        onChange={(on) =>
          void save(onSetEnabled(on), on ? t('popupEnabledStatus', lang) : t('popupDisabledStatus', lang))
        }
      />
      <button type="button" class="link-button options" onClick={onOpenOptions}>
        {t('popupOpenOptions', lang)}
      </button>
    </section>
  );
}

/*
 * Element ids are fixed rather than from `useId`: the popup renders each section once, and
 * Preact's generated ids repeated across sections here, pointing a label at the wrong heading.
 */

/** The page's answer when it has mentions to export; undefined otherwise. */
function exportable(page: PageState): MentionsResponse | undefined {
  return page.state === 'ready' && !page.response.error && page.response.total > 0 ? page.response : undefined;
}

/**
 * The toolbar popup: which statement the extension explains; an action bar that never scrolls
 * away (pause on this site, global switch, options, export, search box); below it one scroll
 * area with what the tab mentions, grouped by entity in lists that collapse, each mention
 * revealable in the page, or the search results while a query is typed. Honest states for pages
 * the extension cannot read. Every string comes from the locale files or the data, rendered as text.
 */
export function PopupSummary(props: PopupSummaryProps) {
  const { lang, doc, statementHref, settingsErrors, page } = props;
  const [status, setStatus] = useState('');
  const [query, setQuery] = useState('');
  const results = useMemo(() => props.search(query, lang).slice(0, SEARCH_LIMIT), [query, lang, props.search]);
  // A changing suffix makes the live region announce the same message twice in a row.
  const announce = (message: string) => setStatus((prev) => (prev === message ? `${message}\u00a0` : message));
  const response = exportable(page);
  return (
    <main class="popup">
      <header class="top">
        <h1>
          <a href={statementHref('', '')} {...NEW_TAB}>
            {doc.shortTitle[lang]}
          </a>
        </h1>
        <p class="meta">{t('popupSource', lang, formatIsoDate(doc.date, lang), doc.publisher[lang])}</p>
      </header>
      <div class="actions">
        <ControlsSection {...props} announce={announce} />
        {response && <ExportButtons {...props} response={response} announce={announce} />}
        <SearchBox lang={lang} query={query} count={results.length} onInput={setQuery} />
      </div>
      <div class="scroll">
        {settingsErrors.length > 0 && (
          <div class="notice warn" data-state="settings-errors">
            <p>{t('popupSettingsNotice', lang)}</p>
            <ul class="errors small">
              {settingsErrors.slice(0, 3).map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
            <button type="button" class="link-button" onClick={props.onOpenOptions}>
              {t('popupSettingsOpen', lang)}
            </button>
          </div>
        )}
        <SearchResults lang={lang} query={query} results={results} statementHref={statementHref} />
        <PageSection {...props} announce={announce} />
        <footer class="about small">
          <p class="what">{t('popupWhatThis', lang)}</p>
          <p class="shortcut-line">
            <ShortcutLine info={props.shortcut} lang={lang} />
          </p>
          <p class="search-page-link">
            <a href={props.searchPageHref} {...NEW_TAB}>
              {t('popupOpenSearchPage', lang)}
            </a>
          </p>
        </footer>
      </div>
      <p class="status" role="status" aria-live="polite">
        {status}
      </p>
    </main>
  );
}
