import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Part, SourceDocument } from '../data/schema.ts';
import { alignedTranslation } from '../engine/search-knowledge.ts';
import { t } from '../lib/i18n.ts';
import type { UiLang } from '../lib/ui-lang.ts';
import { formatIsoDate } from './card-model.ts';
import { citationText, paragraphFragmentUrl } from './statement-citation.ts';
import './statement.css';
import { logger } from '../lib/log.ts';

const log = logger('statement');

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
    } catch (error) {
      // Malformed escape sequence: keep the paragraph, lose the quote.
      log.debug('malformed quote in the address', param, error);
    }
  }
  return target;
}

/** Web addresses in the statement's text, without the punctuation that ends their sentence. */
const URL_PATTERN = /https?:\/\/[^\s«»"<>]+?(?=[.,;:!?)»]*(?:\s|$))/gu;

/**
 * `text` as nodes, with `lit` (`[start, end)`) wrapped in `<mark>` and web addresses made links
 * (the page paints no mention inside a link: "msmt.info" in an address is not a mention). Built
 * from string slices, so nothing is parsed as markup.
 */
function richText(text: string, lit: readonly [number, number] | undefined): ComponentChildren {
  const urls = [...text.matchAll(URL_PATTERN)].map((m) => [m.index, m.index + m[0].length] as const);
  const cuts = [...new Set([0, text.length, ...urls.flat(), ...(lit ?? [])])].sort((a, b) => a - b);
  const out: ComponentChildren[] = [];
  let marked: ComponentChildren[] = [];
  const flush = () => {
    if (marked.length > 0) out.push(<mark key={`m${out.length}`}>{marked}</mark>);
    marked = [];
  };
  for (let i = 0; i + 1 < cuts.length; i++) {
    const start = cuts[i] ?? 0;
    const end = cuts[i + 1] ?? start;
    if (start === end) continue;
    const url = urls.find(([a, b]) => start >= a && end <= b);
    const piece = url ? (
      <a key={`u${start}`} class="url" href={text.slice(url[0], url[1])} target="_blank" rel="noopener noreferrer">
        {text.slice(start, end)}
      </a>
    ) : (
      text.slice(start, end)
    );
    if (lit && start >= lit[0] && end <= lit[1]) marked.push(piece);
    else {
      flush();
      out.push(piece);
    }
  }
  flush();
  return out;
}

/** How long the "Copied" confirmation stays. */
const COPIED_MS = 2500;

/** Copies `text`; rejects when the clipboard refuses (no permission, page not focused). */
export type CopyText = (text: string) => Promise<void>;

function defaultCopy(text: string): Promise<void> {
  return navigator.clipboard ? navigator.clipboard.writeText(text) : Promise.reject(new Error('no clipboard'));
}

/** "Copy citation" with a visible confirmation; on failure shows the citation selected, to copy by hand. */
function CopyCitation({ doc, part, lang, copy }: { doc: SourceDocument; part: Part; lang: UiLang; copy: CopyText }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const fallbackRef = useRef<HTMLTextAreaElement>(null);
  const text = citationText(doc, part, lang);
  // Selected in the same commit that shows the text area, so it is never seen unselected.
  useLayoutEffect(() => {
    if (state === 'failed') fallbackRef.current?.select();
  }, [state]);
  useEffect(() => {
    if (state !== 'copied') return;
    const timer = setTimeout(() => setState('idle'), COPIED_MS);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <div class="copy">
      <button
        type="button"
        class="tool"
        aria-label={t('statementCopyCitationLabel', lang, part.number ?? '')}
        onClick={() =>
          copy(text).then(
            () => setState('copied'),
            () => setState('failed'),
          )
        }
      >
        {t('statementCopyCitation', lang)}
      </button>
      <span class="copied" role="status">
        {state === 'copied' ? t('statementCopied', lang) : ''}
      </span>
      {state === 'failed' && (
        <div class="copy-fallback">
          <p>{t('statementCopyFailed', lang)}</p>
          <textarea ref={fallbackRef} readOnly rows={3} value={text} aria-label={t('statementCopyCitation', lang)} />
        </div>
      )}
    </div>
  );
}

function PartRow({
  doc,
  part,
  lang,
  target,
  copy,
}: {
  doc: SourceDocument;
  part: Part;
  lang: UiLang;
  target: StatementTarget;
  copy: CopyText;
}) {
  const isTarget = part.id === target.part;
  const quote = isTarget ? target.quote : undefined;
  const at = quote ? part.text.indexOf(quote) : -1;
  const quoteMissing = quote !== undefined && at < 0;
  const litFr = quote && at >= 0 ? ([at, at + quote.length] as const) : undefined;
  // The same passage in our English, so the translation view lights it too.
  const litEn = quote ? alignedTranslation(part.text, part.en, quote) : undefined;
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
        <div class="fr-col">
          <p class="fr" lang="fr">
            {richText(part.text, litFr)}
          </p>
        </div>
        <div class="en-col">
          <p class="en-label">{t('statementUnofficialTranslation', lang)}</p>
          <p class="en" lang="en">
            {richText(part.en, litEn)}
          </p>
        </div>
      </div>
      {part.number !== undefined && (
        <div class="part-tools">
          <CopyCitation doc={doc} part={part} lang={lang} copy={copy} />
          <a
            class="tool-link"
            href={paragraphFragmentUrl(doc, part)}
            target="_blank"
            rel="noopener noreferrer"
            aria-label={t('statementParagraphOriginalLabel', lang, part.number)}
          >
            {t('statementParagraphOriginal', lang)}
          </a>
        </div>
      )}
      {quoteMissing && (
        <p class="notice" role="status">
          {t('statementQuoteNotFound', lang)}
        </p>
      )}
    </section>
  );
}

/** Counts shown in "About this data"; the page passes the bundled knowledge's sizes. */
export interface BundleCounts {
  entities: number;
  facts: number;
  events: number;
}

export interface StatementViewProps {
  doc: SourceDocument;
  lang: UiLang;
  /** The page's `location.hash`; names the paragraph to show and the quote to light. */
  hash: string;
  /** Sizes of the bundled knowledge, for "About this data"; the line is left out without them. */
  counts?: BundleCounts;
  /** Copies a citation; the clipboard API unless a test supplies one. */
  copy?: CopyText;
  /**
   * Called after the language shown on narrow screens changed, once the new column is on screen:
   * the page paints mentions of visible text only, so it reads the page again.
   */
  onShownChange?: (shown: 'fr' | 'en') => void;
}

/**
 * The bundled statement, French original beside our unofficial English translation (one at a
 * time, switchable, on narrow screens), scrolled to the paragraph the hash names with its quote
 * lit; each numbered paragraph can be cited or opened on the original page.
 */
export function StatementView({ doc, lang, hash, counts, copy = defaultCopy, onShownChange }: StatementViewProps) {
  const target = parseStatementHash(hash);
  const [shown, setShown] = useState<'fr' | 'en'>('fr');
  const rootRef = useRef<HTMLDivElement>(null);
  const front = doc.parts.filter((p) => p.kind !== 'contacts');
  const contacts = doc.parts.filter((p) => p.kind === 'contacts');
  const partMissing = target.part !== undefined && !doc.parts.some((p) => p.id === target.part);

  const firstShown = useRef(true);
  useEffect(() => {
    if (firstShown.current) {
      firstShown.current = false;
      return;
    }
    onShownChange?.(shown);
  }, [shown]);

  useEffect(() => {
    const root = rootRef.current;
    if (!root || !target.part) return;
    const section = root.ownerDocument.getElementById(target.part);
    if (!section || !root.contains(section)) return;
    const reduceMotion = root.ownerDocument.defaultView?.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    // Both languages are lit; on a narrow screen only one column shows, so aim at the shown one.
    const mark = section.querySelector(`.${shown} mark`) ?? section.querySelector('mark');
    // The browser's own fragment scroll cannot find `p4&q=…`, so the page scrolls itself.
    (mark ?? section).scrollIntoView?.({ block: 'center', behavior: reduceMotion ? 'auto' : 'smooth' });
    // Focus moves too, so keyboard and screen-reader users land where sighted users look.
    section.focus({ preventScroll: true });
  }, [target.part, target.quote]);

  return (
    <div class={`statement show-${shown}`} ref={rootRef}>
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
        <fieldset class="lang-toggle">
          <legend class="visually-hidden">{t('statementLanguageTabs', lang)}</legend>
          {/* Short language names: the switch stays on screen, so it must cover little of the text. */}
          <button
            type="button"
            lang="fr"
            title={t('statementFrenchOriginal', lang)}
            aria-pressed={shown === 'fr'}
            onClick={() => setShown('fr')}
          >
            {t('statementShowFrench', lang)}
          </button>
          <button
            type="button"
            lang="en"
            title={t('statementUnofficialTranslation', lang)}
            aria-pressed={shown === 'en'}
            onClick={() => setShown('en')}
          >
            {t('statementShowEnglish', lang)}
          </button>
        </fieldset>
        <div class="col-heads">
          <span class="gutter" aria-hidden="true" />
          <p class="col-head">{t('statementFrenchOriginal', lang)}</p>
          <p class="col-head">{t('statementUnofficialTranslation', lang)}</p>
        </div>
        <article class="parts">
          {front.map((part) => (
            <PartRow key={part.id} doc={doc} part={part} lang={lang} target={target} copy={copy} />
          ))}
        </article>
        {contacts.length > 0 && (
          <aside class="contacts">
            <h2 class="contacts-title">{t('statementContactsHeading', lang)}</h2>
            {contacts.map((part) => (
              <PartRow key={part.id} doc={doc} part={part} lang={lang} target={target} copy={copy} />
            ))}
          </aside>
        )}
      </main>
      <footer class="about">
        <h2 class="about-title">{t('statementAboutHeading', lang)}</h2>
        <p>{t('statementAboutBundled', lang)}</p>
        {counts && (
          <p>
            {t(
              'statementAboutContents',
              lang,
              doc.parts.filter((p) => p.number !== undefined).length,
              counts.entities,
              counts.facts,
              counts.events,
            )}
          </p>
        )}
        <p>{t('statementAboutTranslation', lang)}</p>
        <p class="card-hint">{t('statementCardHint', lang)}</p>
      </footer>
    </div>
  );
}
