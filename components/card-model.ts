import type { Citation, Entity, Fact, Part, TimelineEvent } from '../data/schema.ts';
import type { EntityId } from '../engine/types.ts';
import type { UiLang } from '../lib/ui-lang.ts';

/** The data lookups a card needs; `data/index.ts` provides them for the bundled statement. */
export interface CardSource {
  entityById(id: EntityId): Entity | undefined;
  factsFor(id: EntityId): Fact[];
  timelineFor(id: EntityId): TimelineEvent[];
  findPart(cite: Citation): Part | undefined;
  originalUrlForQuote(fact: Fact): string;
}

/** One key fact on a card. */
export interface CardFact {
  id: string;
  /** The claim in our words, in the UI language. */
  text: string;
  /** Part id in the statement (`p4`), the target of the ¶ chip. */
  part: string;
  /** ¶ number for statement paragraphs; undefined for front matter (title, issuers…). */
  paragraph: number | undefined;
  /** Verbatim French quote from the cited part. */
  quote: string;
  /** canada.ca URL with a text fragment of the quote. */
  originalUrl: string;
}

/** One dated event on a card. */
export interface CardDate {
  id: string;
  /** ISO date (`2024-04` or `2024-03-28`) for the `datetime` attribute. */
  iso: string;
  /** The date written out in the UI language ("April 2024", "28 mars 2024"). */
  label: string;
  text: string;
}

/** Everything the hover card shows, already in the UI language. */
export interface CardModel {
  entity: EntityId;
  name: string;
  short: string;
  summary: string;
  facts: CardFact[];
  dates: CardDate[];
}

/** A card shows between two and four facts: enough to be useful, few enough to read at a glance. */
export const MAX_FACTS = 4;
export const MAX_DATES = 4;

/**
 * Writes an ISO date (`YYYY-MM` or `YYYY-MM-DD`) out in `lang`.
 * Returns the input unchanged when it is not such a date.
 */
export function formatIsoDate(iso: string, lang: UiLang): string {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m;
  // UTC on both sides so the reader's time zone never shifts a date by one day.
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, d ? Number(d) : 1));
  const options: Intl.DateTimeFormatOptions = d
    ? { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }
    : { year: 'numeric', month: 'long', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', options).format(date);
}

function cardFact(fact: Fact, lang: UiLang, source: CardSource): CardFact | undefined {
  const part = source.findPart(fact.cite);
  // A fact whose quote is not in its part would send readers to a citation that does not
  // back it; the data tests reject such facts, and the card drops any that slip through.
  if (!part?.text.includes(fact.quote)) return undefined;
  return {
    id: fact.id,
    text: fact.text[lang],
    part: part.id,
    paragraph: part.number,
    quote: fact.quote,
    originalUrl: source.originalUrlForQuote(fact),
  };
}

/**
 * Builds the hover card's content for `entity` in `lang`.
 * Returns undefined when the data knows nothing about the entity; the card then shows
 * only the matched text. Facts whose quote cannot be verified are left out, and facts
 * and dates are capped at `MAX_FACTS` / `MAX_DATES`.
 */
export function cardModel(entity: EntityId, lang: UiLang, source: CardSource): CardModel | undefined {
  const info = source.entityById(entity);
  if (!info) return undefined;
  const facts = source
    .factsFor(entity)
    .map((fact) => cardFact(fact, lang, source))
    .filter((fact): fact is CardFact => fact !== undefined)
    .slice(0, MAX_FACTS);
  const dates = [...source.timelineFor(entity)]
    .sort((a, b) => a.date.localeCompare(b.date))
    .slice(-MAX_DATES)
    .map((event) => ({
      id: event.id,
      iso: event.date,
      label: formatIsoDate(event.date, lang),
      text: event.text[lang],
    }));
  return { entity, name: info.name[lang], short: info.short[lang], summary: info.summary[lang], facts, dates };
}
