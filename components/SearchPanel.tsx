import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { SearchResult, SnippetRange } from '../engine/search-knowledge.ts';
import { type MessageKey, t } from '../lib/i18n.ts';
import type { UiLang } from '../lib/ui-lang.ts';

export interface SearchPanelProps {
  lang: UiLang;
  /** Searches the bundled knowledge; `searchKnowledge` in the extension. */
  search: (query: string, lang: UiLang) => SearchResult[];
  /** Extension URL of the statement page at `part` with `quote` lit (`part` empty: the page's top). */
  statementHref: (part: string, quote: string) => string;
  /** The query shown first (the search page reads it from its URL). */
  initialQuery?: string;
  /** Called with each new query (the search page mirrors it in its URL). */
  onQueryChange?: (query: string) => void;
  /** Most results shown. */
  limit?: number;
  autoFocus?: boolean;
}

const NEW_TAB = { target: '_blank', rel: 'noopener noreferrer' } as const;
const KIND_LABEL: Record<SearchResult['kind'], MessageKey> = {
  fact: 'popupKindFact',
  part: 'popupKindPart',
};

/** `text` with `ranges` wrapped in `<mark>`, built from slices so nothing is parsed as markup. */
export function Marked({ text, ranges }: { text: string; ranges: readonly SnippetRange[] }) {
  const pieces: ComponentChildren[] = [];
  let at = 0;
  for (const r of ranges) {
    if (r.start < at || r.end > text.length) continue;
    if (r.start > at) pieces.push(text.slice(at, r.start));
    pieces.push(<mark key={r.start}>{text.slice(r.start, r.end)}</mark>);
    at = r.end;
  }
  if (at < text.length) pieces.push(text.slice(at));
  return <>{pieces}</>;
}

/** "1 result" / "N results" style labels. */
export function countLabel(n: number, lang: UiLang, one: MessageKey, many: MessageKey): string {
  return n === 1 ? t(one, lang) : t(many, lang, n);
}

function ResultItem({
  result,
  lang,
  statementHref,
}: {
  result: SearchResult;
  lang: UiLang;
  statementHref: SearchPanelProps['statementHref'];
}) {
  // Every result is one sentence: the link opens its paragraph with the French sentence lit.
  const href = statementHref(result.cite.part, result.quote ?? '');
  return (
    <li class="result" data-kind={result.kind} data-part={result.cite.part}>
      <a class="result-title" href={href} {...NEW_TAB}>
        {result.title}
        <span class="visually-hidden">{` ${t('opensInNewTab', lang)}`}</span>
      </a>
      <p class="result-snippet" lang={result.snippetLang}>
        <Marked text={result.snippet} ranges={result.matches} />
      </p>
      <p class="result-meta">
        {t(KIND_LABEL[result.kind], lang)}
        {result.about && ` · ${result.about}`}
      </p>
    </li>
  );
}

export interface SearchBoxProps {
  lang: UiLang;
  query: string;
  onInput: (query: string) => void;
  /** Results found for `query`, said by a live region once the reader typed something. */
  count: number;
  autoFocus?: boolean;
}

/** The labelled search field with its live result count; results are drawn by {@link SearchResults}. */
export function SearchBox({ lang, query, onInput, count, autoFocus = false }: SearchBoxProps) {
  const inputId = 'search-input';
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (autoFocus) inputRef.current?.focus();
  }, [autoFocus]);
  return (
    <search class="search">
      <label for={inputId}>{t('popupSearchLabel', lang)}</label>
      <input
        id={inputId}
        ref={inputRef}
        type="search"
        value={query}
        placeholder={t('popupSearchPlaceholder', lang)}
        autocomplete="off"
        spellcheck={false}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
      <p class="visually-hidden" aria-live="polite">
        {query.trim() !== '' ? countLabel(count, lang, 'popupSearchResultsOne', 'popupSearchResultsMany') : ''}
      </p>
    </search>
  );
}

/** The results of `query`: an honest "no results" for a typed query that found none, nothing for no query. */
export function SearchResults({
  lang,
  query,
  results,
  statementHref,
}: {
  lang: UiLang;
  query: string;
  results: readonly SearchResult[];
  statementHref: SearchPanelProps['statementHref'];
}) {
  if (query.trim() === '') return null;
  // `search` in the class: the results belong to the search wherever the box is placed.
  return (
    <div class="search search-results">
      {results.length === 0 ? (
        <p class="muted no-results">{t('popupSearchNoResults', lang, query.trim())}</p>
      ) : (
        <ul class="results">
          {results.map((r) => (
            <ResultItem key={`${r.kind}:${r.id}`} result={r} lang={lang} statementHref={statementHref} />
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * Search box over the statement, its facts and names, in English and French, with results that
 * open the statement page at the cited paragraph. Used by the search page; the popup places the
 * box and the results apart (the box in its action bar).
 */
export function SearchPanel({
  lang,
  search,
  statementHref,
  initialQuery = '',
  onQueryChange,
  limit = 8,
  autoFocus = false,
}: SearchPanelProps) {
  const [query, setQuery] = useState(initialQuery);
  const results = useMemo(() => search(query, lang).slice(0, limit), [query, lang, search, limit]);
  return (
    <div class="search-panel">
      <SearchBox
        lang={lang}
        query={query}
        count={results.length}
        autoFocus={autoFocus}
        onInput={(q) => {
          setQuery(q);
          onQueryChange?.(q);
        }}
      />
      <SearchResults lang={lang} query={query} results={results} statementHref={statementHref} />
    </div>
  );
}
