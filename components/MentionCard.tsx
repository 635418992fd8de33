import type { TargetedKeyboardEvent } from 'preact';
import { useId } from 'preact/hooks';
import * as bundled from '../data/index.ts';
import type { Localized } from '../data/schema.ts';
import type { EntityId } from '../engine/types.ts';
import { t } from '../lib/i18n.ts';
import type { UiLang } from '../lib/ui-lang.ts';
import { type CardFact, type CardSource, cardModel } from './card-model.ts';
import { ENTITY_COLORS } from './palette.ts';
import './card.css';

/** Card data plus the statement it cites (for the dialog's label). */
export type MentionCardSource = CardSource & { statement: { shortTitle: Localized } };

export interface MentionCardProps {
  mention: { entity: EntityId; text: string };
  lang: UiLang;
  onClose: () => void;
  /** Extension URL of the statement page at `part` with `quote` lit. */
  statementUrl: (part: string, quote: string) => string;
  /** Where facts come from; the bundled statement unless a test supplies fixtures. */
  source?: MentionCardSource;
}

/** Props every outbound link shares: the card lives on someone else's page, so never navigate it. */
const NEW_TAB = { target: '_blank', rel: 'noopener noreferrer' } as const;

function NewTabHint({ lang }: { lang: UiLang }) {
  return <span class="visually-hidden">{` ${t('opensInNewTab', lang)}`}</span>;
}

function FactItem({ fact, lang, href }: { fact: CardFact; lang: UiLang; href: string }) {
  const chipText =
    fact.paragraph === undefined ? t('cardChipFrontMatter', lang) : t('cardChipParagraph', lang, fact.paragraph);
  const chipLabel =
    fact.paragraph === undefined ? t('cardChipLabelFrontMatter', lang) : t('cardChipLabel', lang, fact.paragraph);
  return (
    <li class="fact">
      <p class="fact-text">
        <a
          class="chip"
          href={href}
          aria-label={`${chipLabel} ${t('opensInNewTab', lang)}`}
          title={chipLabel}
          {...NEW_TAB}
        >
          {chipText}
        </a>{' '}
        {fact.text}
      </p>
      <blockquote class="quote" lang="fr" cite={fact.originalUrl}>
        {fact.quote}
      </blockquote>
    </li>
  );
}

/**
 * The hover card for one mention: what the statement says about its entity, with citations.
 * Everything from the data and the page is rendered as text nodes, never parsed as markup.
 */
export function MentionCard({ mention, lang, onClose, statementUrl, source = bundled }: MentionCardProps) {
  const summaryId = useId();
  const model = cardModel(mention.entity, lang, source);
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
          {model.facts.length > 0 ? (
            <ul class="facts">
              {model.facts.map((fact) => (
                <FactItem key={fact.id} fact={fact} lang={lang} href={statementUrl(fact.part, fact.quote)} />
              ))}
            </ul>
          ) : (
            <p class="empty">{t('cardNoFacts', lang)}</p>
          )}
        </section>
      )}
      {model && model.dates.length > 0 && (
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
      {first && (
        <footer class="links">
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
        </footer>
      )}
    </div>
  );
}
