import * as v from 'valibot';
import { ENTITY_IDS } from '../engine/types.ts';

/** A string shown to users, in every UI language. */
export const Localized = v.object({ en: v.pipe(v.string(), v.nonEmpty()), fr: v.pipe(v.string(), v.nonEmpty()) });
export type Localized = v.InferOutput<typeof Localized>;

const Id = v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]*$/, 'ids are lowercase kebab-case'));
const IsoDate = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}(-\d{2})?$/, 'dates are YYYY-MM or YYYY-MM-DD'));

/** Where a fact comes from: a document id and one of its part ids (e.g. `p2`). */
export const Citation = v.object({ doc: Id, part: Id });
export type Citation = v.InferOutput<typeof Citation>;

/** One part (line) of a source document, verbatim, with our translation. */
export const Part = v.object({
  id: Id,
  /** `statement` parts are the numbered paragraphs (¶1…); the others are front and back matter. */
  kind: v.picklist(['title', 'label', 'dateline', 'issuers', 'statement', 'contacts']),
  /** Paragraph number shown as ¶N (statement parts only). */
  number: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  /** Verbatim text in the document's language. */
  text: v.pipe(v.string(), v.nonEmpty()),
  /** Our unofficial English translation. */
  en: v.pipe(v.string(), v.nonEmpty()),
});
export type Part = v.InferOutput<typeof Part>;

export const SourceDocument = v.object({
  id: Id,
  /** Name of the verbatim file in data/. */
  file: v.string(),
  lang: v.literal('fr'),
  title: v.pipe(v.string(), v.nonEmpty()),
  shortTitle: Localized,
  titleEn: v.pipe(v.string(), v.nonEmpty()),
  kind: Localized,
  date: IsoDate,
  place: v.pipe(v.string(), v.nonEmpty()),
  publisher: Localized,
  url: v.pipe(v.string(), v.url()),
  reportSite: v.pipe(v.string(), v.url()),
  states: v.array(Localized),
  translationNote: Localized,
  parts: v.array(Part),
});
export type SourceDocument = v.InferOutput<typeof SourceDocument>;

/** A claim the document makes, in our words, backed by a verbatim quote from the cited part. */
export const Fact = v.object({
  id: Id,
  text: Localized,
  cite: Citation,
  /** Verbatim substring of the cited part's text. */
  quote: v.pipe(v.string(), v.nonEmpty()),
});
export type Fact = v.InferOutput<typeof Fact>;

export const Entity = v.object({
  id: v.picklist(ENTITY_IDS),
  name: Localized,
  /** Short form for chips and counts (e.g. "DPRK" / "RPDC"). */
  short: Localized,
  summary: Localized,
  /** Ids of facts (in `facts`) shown on this entity's card, most important first. */
  facts: v.array(Id),
  /** Ids of timeline events relevant to this entity. */
  timeline: v.array(Id),
});
export type Entity = v.InferOutput<typeof Entity>;

export const TimelineEvent = v.object({
  id: Id,
  date: IsoDate,
  text: Localized,
  /** Present when the statement itself states the event; absent for day-level dates from public record. */
  cite: v.optional(Citation),
  quote: v.optional(v.string()),
});
export type TimelineEvent = v.InferOutput<typeof TimelineEvent>;

export const Knowledge = v.object({
  entities: v.array(Entity),
  facts: v.array(Fact),
  /** The statement's key claims, as fact ids, in the order a reader should see them. */
  keyClaims: v.array(Id),
  timeline: v.array(TimelineEvent),
});
export type Knowledge = v.InferOutput<typeof Knowledge>;

/**
 * Detection data: for each entity, its names per language (BCP 47 primary tag).
 * Syntax, interpreted by engine/aliases.ts: a trailing `*` accepts inflected word endings
 * (`Nordkorea*` → Nordkoreas, nordkoreanisch); an alias written in capitals (`DPRK`) matches
 * case-sensitively; other aliases ignore case, diacritics and spacing/hyphen differences.
 */
export const Aliases = v.record(v.picklist(ENTITY_IDS), v.record(v.pipe(v.string(), v.regex(/^[a-z]{2,3}$/)), v.array(v.pipe(v.string(), v.nonEmpty()))));
export type Aliases = v.InferOutput<typeof Aliases>;
