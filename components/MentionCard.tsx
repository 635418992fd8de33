import type { TargetedKeyboardEvent } from 'preact';
import { useId, useState } from 'preact/hooks';
import * as bundled from '../data/index.ts';
import type { SourceDocument } from '../data/schema.ts';
import type { EntityId } from '../engine/types.ts';
import { t } from '../lib/i18n.ts';
import { logger } from '../lib/log.ts';
import { ENTITY_COLORS } from '../lib/palette.ts';
import type { UiLang } from '../lib/ui-lang.ts';
import { type CardFact, type CardSource, cardModel } from './card-model.ts';
import { quoteWithCitation } from './statement-citation.ts';
import './card.css';

const log = logger('card');

/** Card data plus the statement it cites (for the dialog's label and the quote citations). */
export type MentionCardSource = CardSource & { statement: SourceDocument };

/** Copies `text`; rejects when the clipboard refuses (no permission, page not focused). */
export type CopyText = (text: string) => Promise<void>;

function defaultCopy(text: string): Promise<void> {
  return navigator.clipboard ? navigator.clipboard.writeText(text) : Promise.reject(new Error('no clipboard'));
}

export interface MentionCardProps {
  mention: { entity: EntityId; text: string };
  lang: UiLang;
  onClose: () => void;
  /** Extension URL of the statement page at `part` with `quote` lit. */
  statementUrl: (part: string, quote: string) => string;
  /** Where facts come from; the bundled statement unless a test supplies fixtures. */
  source?: MentionCardSource;
  /** Copies a quote with its citation; the clipboard API unless a test supplies one. */
  copy?: CopyText;
  /** The key assigned to "next mention" ("Alt+Shift+M"), shown in the footer; nothing when empty or unknown. */
  shortcut?: string;
}

/** Props every outbound link shares: the card lives on someone else's page, so never navigate it. */
const NEW_TAB = { target: '_blank', rel: 'noopener noreferrer' } as const;

function NewTabHint({ lang }: { lang: UiLang }) {
  return <span class="visually-hidden">{` ${t('opensInNewTab', lang)}`}</span>;
}

/** "Copy quote with citation": says "Copied", or shows the text selected to copy by hand. */
function CopyQuote({ fact, lang, doc, copy }: { fact: CardFact; lang: UiLang; doc: SourceDocument; copy: CopyText }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const part = doc.parts.find((p) => p.id === fact.part);
  if (!part) return null;
  const text = quoteWithCitation(doc, part, fact.quote, fact.en, lang);
  const onClick = () =>
    copy(text).then(
      () => setState('copied'),
      (error: unknown) => {
        log.warn('clipboard refused the quote', error);
        setState('failed');
      },
    );
  return (
    <p class="copy-quote">
      <button
        type="button"
        class="link"
        aria-label={t('cardCopyQuoteLabel', lang, fact.paragraph ?? '')}
        onClick={() => void onClick()}
      >
        {t('cardCopyQuote', lang)}
      </button>{' '}
      <span role="status">{state === 'copied' ? t('statementCopied', lang) : ''}</span>
      {state === 'failed' && (
        <textarea
          readOnly
          rows={3}
          value={text}
          aria-label={t('statementCopyFailed', lang)}
          ref={(el) => el?.select()}
        />
      )}
    </p>
  );
}

function FactItem({
  fact,
  lang,
  href,
  doc,
  copy,
}: {
  fact: CardFact;
  lang: UiLang;
  href: string;
  doc: SourceDocument;
  copy: CopyText;
}) {
  const chipText =
    fact.paragraph === undefined ? t('cardChipFrontMatter', lang) : t('cardChipParagraph', lang, fact.paragraph);
  const chipLabel =
    fact.paragraph === undefined ? t('cardChipLabelFrontMatter', lang) : t('cardChipLabel', lang, fact.paragraph);
  const chip = (
    <a class="chip" href={href} aria-label={`${chipLabel} ${t('opensInNewTab', lang)}`} title={chipLabel} {...NEW_TAB}>
      {chipText}
    </a>
  );
  // The French quote once and, in the English interface, our English once: nothing said twice.
  return (
    <li class="fact" data-fact={fact.id}>
      {lang === 'en' ? (
        <>
          <p class="fact-text" lang="en">
            {chip} {fact.en}
          </p>
          <blockquote class="quote" lang="fr" cite={fact.originalUrl}>
            {fact.quote}
          </blockquote>
        </>
      ) : (
        <p class="fact-text" lang="fr">
          {chip} {`« ${fact.quote} »`}
        </p>
      )}
      {fact.context && <p class="fact-context">{fact.context}</p>}
      <CopyQuote fact={fact} lang={lang} doc={doc} copy={copy} />
    </li>
  );
}

/**
 * The hover card for one mention: what the statement says about its entity, with citations.
 * Everything from the data and the page is rendered as text nodes, never parsed as markup.
 */
export function MentionCard({
  mention,
  lang,
  onClose,
  statementUrl,
  source = bundled,
  copy = defaultCopy,
  shortcut,
}: MentionCardProps) {
  const summaryId = useId();
  const moreId = useId();
  const [expanded, setExpanded] = useState(false);
  const model = cardModel(mention.entity, lang, source, mention.text);
  // Compact first view: the facts that fit this mention; "More" adds the rest, dates and background.
  const facts = model ? (expanded ? model.facts : model.facts.slice(0, model.compactCount)) : [];
  const hasMore =
    model !== undefined &&
    (model.facts.length > model.compactCount || model.dates.length > 0 || model.background.length > 0);
  const colors = ENTITY_COLORS[mention.entity];
  const name = model?.name ?? mention.text;
  const first = model?.facts[0];

  const onKeyDown = (event: TargetedKeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Escape') return;
    // Keep the page's own Escape handlers (its dialogs, menus) from reacting to ours.
    event.stopPropagation();
    onClose();
  };

  return (
    <div
      class="card"
      role="dialog"
      aria-label={t('cardAriaLabel', lang, name, source.statement.shortTitle[lang])}
      aria-describedby={summaryId}
      tabIndex={-1}
      data-entity={mention.entity}
      style={{ '--accent': colors.accent, '--accent-dark': colors.accentDark }}
      onKeyDown={onKeyDown}
    >
      <header class="header">
        <div class="titles">
          <h2 class="name">{name}</h2>
          <p class="matched">{t('cardMatched', lang, mention.text)}</p>
        </div>
        <button
          type="button"
          class="close"
          aria-label={t('cardClose', lang)}
          title={t('cardClose', lang)}
          onClick={onClose}
        >
          <span aria-hidden="true">{'×'}</span>
        </button>
      </header>
      <p class="summary" id={summaryId}>
        {model ? model.summary : t('cardUnknownEntity', lang)}
      </p>
      {model && (
        <section class="section">
          <h3 class="section-title">{t('cardFactsHeading', lang)}</h3>
          {facts.length > 0 ? (
            <ul class="facts">
              {facts.map((fact) => (
                <FactItem
                  key={fact.id}
                  fact={fact}
                  lang={lang}
                  href={statementUrl(fact.part, fact.quote)}
                  doc={source.statement}
                  copy={copy}
                />
              ))}
            </ul>
          ) : (
            <p class="empty">{t('cardNoFacts', lang)}</p>
          )}
        </section>
      )}
      {model && expanded && (
        <div id={moreId}>
          {model.dates.length > 0 && (
            <section class="section">
              <h3 class="section-title">{t('cardDatesHeading', lang)}</h3>
              <ul class="dates">
                {model.dates.map((d) => (
                  <li key={d.id} class="date">
                    <time dateTime={d.iso}>{d.label}</time>
                    <span class="date-text">{d.text}</span>
                  </li>
                ))}
              </ul>
            </section>
          )}
          {model.background.length > 0 && (
            <section class="section background">
              <h3 class="section-title">{t('cardBackgroundHeading', lang)}</h3>
              <ul class="dates">
                {model.background.map((b) => (
                  <li key={b.id} class="date" data-background={b.id}>
                    {b.iso && <time dateTime={b.iso}>{b.label}</time>}
                    <span class="date-text">
                      {b.text} <cite>{t('cardBackgroundSource', lang, b.source)}</cite>
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
      )}
      {hasMore && (
        <button
          type="button"
          class="link more"
          aria-expanded={expanded}
          aria-controls={expanded ? moreId : undefined}
          onClick={() => setExpanded(!expanded)}
        >
          {expanded ? t('cardLess', lang) : t('cardMore', lang)}
        </button>
      )}
      {(first || shortcut) && (
        <footer class="links">
          {first && (
            <>
              <a class="link" href={statementUrl(first.part, first.quote)} {...NEW_TAB}>
                {first.paragraph === undefined
                  ? t('cardOpenInStatement', lang)
                  : t('cardOpenInStatementParagraph', lang, first.paragraph)}
                <NewTabHint lang={lang} />
              </a>
              <a class="link" href={first.originalUrl} {...NEW_TAB}>
                {t('cardOriginal', lang)}
                <NewTabHint lang={lang} />
              </a>
            </>
          )}
          {shortcut && <span class="shortcut">{t('cardShortcut', lang, shortcut)}</span>}
        </footer>
      )}
    </div>
  );
}
