import type { BackgroundItem, Citation, Entity, Fact, Part, TimelineEvent } from '../data/schema.ts';
import type { EntityId } from '../engine/types.ts';
import { logger } from '../lib/log.ts';
import type { UiLang } from '../lib/ui-lang.ts';

const log = logger('card-model');

/** The data lookups a card needs; `data/index.ts` provides them for the bundled statement. */
export interface CardSource {
  entityById(id: EntityId): Entity | undefined;
  factsFor(id: EntityId): Fact[];
  timelineFor(id: EntityId): TimelineEvent[];
  backgroundFor(id: EntityId): BackgroundItem[];
  findPart(cite: Citation): Part | undefined;
  originalUrlForQuote(fact: Fact): string;
}

/** One key fact on a card. */
export interface CardFact {
  id: string;
  /** Our unofficial English translation of `quote` (the card shows it in the English UI). */
  en: string;
  /** What the quote refers back to, in the UI language; undefined when it stands alone. */
  context: string | undefined;
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

/** One public-record item, shown apart from the statement's facts. */
export interface CardBackground {
  id: string;
  /** ISO date, when the item has one. */
  iso: string | undefined;
  /** The date written out in the UI language; undefined without a date. */
  label: string | undefined;
  text: string;
  /** UN document symbol (`S/RES/1718 (2006)`). */
  source: string;
}

/** Everything the hover card shows, already in the UI language. */
export interface CardModel {
  entity: EntityId;
  name: string;
  short: string;
  summary: string;
  /** The facts that fit the hovered form first, then the others in paragraph order. */
  facts: CardFact[];
  /** How many of `facts` the compact first view shows (at least one when there are facts). */
  compactCount: number;
  dates: CardDate[];
  background: CardBackground[];
}

/** Most facts on an expanded card; the compact view shows at most `COMPACT_FACTS`. */
export const MAX_FACTS = 5;
export const COMPACT_FACTS = 2;
export const MAX_DATES = 4;

/** Lower case without diacritics, so `comit` matches "Comité" and `resolu` matches "Résolution". */
function foldForm(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * The ids of the facts to show first for `matched` (the first `leadByForm` rule whose pattern
 * matches); an empty array when no rule matches, when `matched` is empty, or a pattern is invalid.
 */
export function leadFactIds(entity: Entity, matched: string): string[] {
  const folded = foldForm(matched);
  if (!folded) return [];
  for (const rule of entity.leadByForm) {
    let pattern: RegExp;
    try {
      pattern = new RegExp(rule.match, 'iu');
    } catch (error) {
      // data/validate.ts rejects such patterns; a card must still open if one slips through.
      log.warn('invalid leadByForm pattern', rule.match, error);
      continue;
    }
    if (pattern.test(folded)) return rule.facts;
  }
  return [];
}

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
    en: fact.en,
    context: fact.context?.[lang],
    part: part.id,
    paragraph: part.number,
    quote: fact.quote,
    originalUrl: source.originalUrlForQuote(fact),
  };
}

/**
 * Builds the hover card's content for `entity` in `lang`, ordering facts for the hovered text
 * `matched` ("1718 Committee" leads with the Panel of Experts paragraph; "resolution 1718" with
 * the asset freeze), then in paragraph order.
 * Returns undefined when the data knows nothing about the entity; the card then shows
 * only the matched text. Facts whose quote cannot be verified are left out, and facts
 * and dates are capped at `MAX_FACTS` / `MAX_DATES`.
 */
export function cardModel(entity: EntityId, lang: UiLang, source: CardSource, matched = ''): CardModel | undefined {
  const info = source.entityById(entity);
  if (!info) return undefined;
  const all = source
    .factsFor(entity)
    .map((fact) => cardFact(fact, lang, source))
    .filter((fact): fact is CardFact => fact !== undefined);
  const lead = leadFactIds(info, matched);
  const leading = lead.flatMap((id) => all.filter((f) => f.id === id));
  const facts = [...leading, ...all.filter((f) => !lead.includes(f.id))].slice(0, MAX_FACTS);
  // A matched form says which facts fit this mention; otherwise the first ones in paragraph order.
  const compactCount = Math.min(facts.length, leading.length > 0 ? leading.length : COMPACT_FACTS);
  const dates = [...source.timelineFor(entity)]
    .sort((a, b) => a.date.localeCompare(b.date))
    .slice(-MAX_DATES)
    .map((event) => ({
      id: event.id,
      iso: event.date,
      label: formatIsoDate(event.date, lang),
      text: event.text[lang],
    }));
  const background = source.backgroundFor(entity).map((item) => ({
    id: item.id,
    iso: item.date,
    label: item.date === undefined ? undefined : formatIsoDate(item.date, lang),
    text: item.text[lang],
    source: item.source,
  }));
  return {
    entity,
    name: info.name[lang],
    short: info.short[lang],
    summary: info.summary[lang],
    facts,
    compactCount,
    dates,
    background,
  };
}
