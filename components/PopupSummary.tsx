import type { ComponentChildren } from 'preact';
import { useId, useMemo, useState } from 'preact/hooks';
import type { Entity, SourceDocument } from '../data/schema.ts';
import type { SearchResult, SnippetRange } from '../engine/search-knowledge.ts';
import { ENTITY_IDS, type EntityId } from '../engine/types.ts';
import { type MessageKey, t } from '../lib/i18n.ts';
import type { MentionsResponse } from '../lib/messages.ts';
import type { UiLang } from '../lib/ui-lang.ts';
import { formatIsoDate } from './card-model.ts';
import { ENTITY_COLORS } from './palette.ts';

/** What the popup knows about the active tab's mentions. */
export type PageMentions =
  | { state: 'loading' }
  /** No content script answered: a browser page, a store page, or a tab opened before install. */
  | { state: 'unavailable' }
  | { state: 'ready'; response: MentionsResponse };

export interface PopupSummaryProps {
  lang: UiLang;
  doc: SourceDocument;
  page: PageMentions;
  entityById: (id: EntityId) => Entity | undefined;
  /** Searches the bundled knowledge; `searchKnowledge` in the extension. */
  search: (query: string, lang: UiLang) => SearchResult[];
  /** Extension URL of the statement page at `part` with `quote` lit. */
  statementHref: (part: string, quote: string) => string;
}

const MAX_RESULTS = 8;
const NEW_TAB = { target: '_blank', rel: 'noopener noreferrer' } as const;
const KIND_LABEL: Record<SearchResult['kind'], MessageKey> = {
  entity: 'popupKindEntity',
  fact: 'popupKindFact',
  part: 'popupKindPart',
};

/** `text` with `ranges` wrapped in `<mark>`, built from slices so nothing is parsed as markup. */
function Marked({ text, ranges }: { text: string; ranges: readonly SnippetRange[] }) {
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

function countLabel(n: number, lang: UiLang, one: MessageKey, many: MessageKey): string {
  return n === 1 ? t(one, lang) : t(many, lang, n);
}

function PageSection({ lang, page, entityById }: Pick<PopupSummaryProps, 'lang' | 'page' | 'entityById'>) {
  const headingId = useId();
  let body: ComponentChildren;
  if (page.state === 'loading') {
    body = <p class="muted">{t('popupLoading', lang)}</p>;
  } else if (page.state === 'unavailable') {
    body = <p class="notice">{t('popupCannotRead', lang)}</p>;
  } else {
    const { mentions, total, capped } = page.response;
    const counts = new Map<EntityId, number>();
    for (const m of mentions) counts.set(m.entity, (counts.get(m.entity) ?? 0) + 1);
    // Entities in their fixed order, so the list does not reshuffle from page to page.
    const rows = ENTITY_IDS.filter((id) => counts.has(id));
    body =
      total === 0 ? (
        <p class="muted">{t('popupNoMentions', lang)}</p>
      ) : (
        <>
          <p class="total">{countLabel(total, lang, 'popupMentionCountOne', 'popupMentionCountMany')}</p>
          <ul class="entities">
            {rows.map((id) => {
              const entity = entityById(id);
              return (
                <li key={id} class="entity-row">
                  <span class="swatch" style={{ background: ENTITY_COLORS[id].accent }} aria-hidden="true" />
                  <span class="entity-name" title={entity?.name[lang]}>
                    {entity?.short[lang] ?? id}
                  </span>
                  <span class="entity-count">{counts.get(id)}</span>
                </li>
              );
            })}
          </ul>
          {capped && <p class="muted small">{t('popupCapped', lang, mentions.length)}</p>}
        </>
      );
  }
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t('popupThisPage', lang)}</h2>
      {body}
    </section>
  );
}

function ResultItem({
  result,
  lang,
  statementHref,
}: {
  result: SearchResult;
  lang: UiLang;
  statementHref: PopupSummaryProps['statementHref'];
}) {
  // A fact's title is its wording in the UI language; when that is also what matched, show it once, marked.
  const titleIsSnippet = result.snippet === result.title;
  const href = result.cite ? statementHref(result.cite.part, result.quote ?? '') : statementHref('', '');
  const paragraph = result.cite?.number;
  return (
    <li class="result">
      <a class="result-title" href={href} lang={titleIsSnippet ? result.snippetLang : undefined} {...NEW_TAB}>
        {titleIsSnippet ? <Marked text={result.snippet} ranges={result.matches} /> : result.title}
      </a>
      {!titleIsSnippet && (
        <p class="result-snippet" lang={result.snippetLang}>
          <Marked text={result.snippet} ranges={result.matches} />
        </p>
      )}
      <p class="result-meta">
        {t(KIND_LABEL[result.kind], lang)}
        {paragraph !== undefined && ` · ${t('cardChipParagraph', lang, paragraph)}`}
      </p>
    </li>
  );
}

function SearchSection({ lang, search, statementHref }: Pick<PopupSummaryProps, 'lang' | 'search' | 'statementHref'>) {
  const [query, setQuery] = useState('');
  const inputId = useId();
  const results = useMemo(() => search(query, lang).slice(0, MAX_RESULTS), [query, lang, search]);
  const typed = query.trim() !== '';
  return (
    <search class="search">
      <label for={inputId}>{t('popupSearchLabel', lang)}</label>
      <input
        id={inputId}
        type="search"
        value={query}
        placeholder={t('popupSearchPlaceholder', lang)}
        autocomplete="off"
        spellcheck={false}
        onInput={(e) => setQuery(e.currentTarget.value)}
      />
      <p class="visually-hidden" aria-live="polite">
        {typed ? countLabel(results.length, lang, 'popupSearchResultsOne', 'popupSearchResultsMany') : ''}
      </p>
      {typed && results.length === 0 && <p class="muted">{t('popupSearchNoResults', lang, query.trim())}</p>}
      {results.length > 0 && (
        <ul class="results">
          {results.map((r) => (
            <ResultItem key={`${r.kind}:${r.id}`} result={r} lang={lang} statementHref={statementHref} />
          ))}
        </ul>
      )}
    </search>
  );
}

/**
 * The toolbar popup: which statement the extension explains, what the active page mentions
 * (grouped by entity), and a search over the statement. Every string comes from the locale files
 * or the data bundle, rendered as text.
 */
export function PopupSummary({ lang, doc, page, entityById, search, statementHref }: PopupSummaryProps) {
  return (
    <main class="popup">
      <header>
        <h1>
          <a href={statementHref('', '')} {...NEW_TAB}>
            {doc.shortTitle[lang]}
          </a>
        </h1>
        <p class="meta">{t('popupSource', lang, formatIsoDate(doc.date, lang), doc.publisher[lang])}</p>
        <p class="what">{t('popupWhatThis', lang)}</p>
      </header>
      <PageSection lang={lang} page={page} entityById={entityById} />
      <SearchSection lang={lang} search={search} statementHref={statementHref} />
    </main>
  );
}
