import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { Part, SourceDocument } from '../data/schema.ts';
import { t } from '../lib/i18n.ts';
import type { UiLang } from '../lib/ui-lang.ts';
import { formatIsoDate } from './card-model.ts';
import './statement.css';

/** What a statement-page URL hash asks for: `#p4&q=<encodeURIComponent(quote)>`. */
export interface StatementTarget {
  part?: string;
  quote?: string;
}

/**
 * Reads a statement-page hash (`#p4`, `#p4&q=…`, with or without the leading `#`).
 * Returns `{}` for an empty hash; drops a `q` that is not valid percent-encoding
 * rather than throwing, so a mangled link still lands on its paragraph.
 */
export function parseStatementHash(hash: string): StatementTarget {
  const [head = '', ...params] = hash.replace(/^#/, '').split('&');
  const target: StatementTarget = {};
  if (head && !head.includes('=')) target.part = head;
  for (const param of [head, ...params]) {
    if (!param.startsWith('q=')) continue;
    try {
      const quote = decodeURIComponent(param.slice(2));
      if (quote) target.quote = quote;
    } catch {
      // Malformed escape sequence: keep the paragraph, lose the quote.
    }
  }
  return target;
}

/** `text` with the first occurrence of `quote` wrapped in `<mark>`, built from string slices. */
function withQuoteLit(text: string, quote: string | undefined): ComponentChildren {
  const at = quote ? text.indexOf(quote) : -1;
  if (!quote || at < 0) return text;
  return [text.slice(0, at), <mark key="q">{quote}</mark>, text.slice(at + quote.length)];
}

function PartRow({ part, lang, target }: { part: Part; lang: UiLang; target: StatementTarget }) {
  const isTarget = part.id === target.part;
  const quote = isTarget ? target.quote : undefined;
  const quoteMissing = quote !== undefined && !part.text.includes(quote);
  const label = part.number === undefined ? undefined : t('statementParagraphLabel', lang, part.number);
  return (
    <section
      id={part.id}
      class={`part part-${part.kind}${isTarget ? ' is-target' : ''}`}
      aria-label={label}
      tabIndex={isTarget ? -1 : undefined}
    >
      <div class="gutter">
        {part.number !== undefined && (
          <a class="pilcrow" href={`#${part.id}`} aria-label={label}>
            {`¶${part.number}`}
          </a>
        )}
      </div>
      <div class="cols">
        <p class="fr" lang="fr">
          {withQuoteLit(part.text, quote)}
        </p>
        <div class="en-col">
          <p class="en-label">{t('statementUnofficialTranslation', lang)}</p>
          <p class="en" lang="en">
            {part.en}
          </p>
        </div>
      </div>
      {quoteMissing && (
        <p class="notice" role="status">
          {t('statementQuoteNotFound', lang)}
        </p>
      )}
    </section>
  );
}

export interface StatementViewProps {
  doc: SourceDocument;
  lang: UiLang;
  /** The page's `location.hash`; names the paragraph to show and the quote to light. */
  hash: string;
}

/**
 * The bundled statement, French original beside our unofficial English translation,
 * scrolled to the paragraph the hash names with its quote lit.
 */
export function StatementView({ doc, lang, hash }: StatementViewProps) {
  const target = parseStatementHash(hash);
  const rootRef = useRef<HTMLDivElement>(null);
  const front = doc.parts.filter((p) => p.kind !== 'contacts');
  const contacts = doc.parts.filter((p) => p.kind === 'contacts');
  const partMissing = target.part !== undefined && !doc.parts.some((p) => p.id === target.part);

  useEffect(() => {
    const root = rootRef.current;
    if (!root || !target.part) return;
    const section = root.ownerDocument.getElementById(target.part);
    if (!section || !root.contains(section)) return;
    const reduceMotion = root.ownerDocument.defaultView?.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    const mark = section.querySelector('mark');
    // The browser's own fragment scroll cannot find `p4&q=…`, so the page scrolls itself.
    (mark ?? section).scrollIntoView?.({ block: 'center', behavior: reduceMotion ? 'auto' : 'smooth' });
    // Focus moves too, so keyboard and screen-reader users land where sighted users look.
    section.focus({ preventScroll: true });
  }, [target.part, target.quote]);

  return (
    <div class="statement" ref={rootRef}>
      <header class="page-header">
        <h1 class="page-title">{doc.shortTitle[lang]}</h1>
        <p class="meta">
          {t('statementPublished', lang, doc.kind[lang], doc.publisher[lang], formatIsoDate(doc.date, lang))}
        </p>
        <nav class="page-links">
          <a href={doc.url} target="_blank" rel="noopener noreferrer">
            {t('statementOriginalLink', lang)}
          </a>
          <a href={doc.reportSite} target="_blank" rel="noopener noreferrer">
            {t('statementReportLink', lang)}
          </a>
        </nav>
      </header>
      {partMissing && (
        <p class="notice" role="status">
          {t('statementPartNotFound', lang, target.part ?? '')}
        </p>
      )}
      <main>
        <div class="col-heads">
          <span class="gutter" aria-hidden="true" />
          <p class="col-head">{t('statementFrenchOriginal', lang)}</p>
          <p class="col-head">{t('statementUnofficialTranslation', lang)}</p>
        </div>
        <article class="parts">
          {front.map((part) => (
            <PartRow key={part.id} part={part} lang={lang} target={target} />
          ))}
        </article>
        {contacts.length > 0 && (
          <aside class="contacts">
            <h2 class="contacts-title">{t('statementContactsHeading', lang)}</h2>
            {contacts.map((part) => (
              <PartRow key={part.id} part={part} lang={lang} target={target} />
            ))}
          </aside>
        )}
      </main>
      <footer class="about">
        <h2 class="about-title">{t('statementAboutHeading', lang)}</h2>
        <p>{t('statementAboutBundled', lang)}</p>
        <p>{t('statementAboutTranslation', lang)}</p>
      </footer>
    </div>
  );
}
