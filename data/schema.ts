import * as v from 'valibot';
import { ENTITY_IDS } from '../engine/types.ts';

// A string of spaces would render as an empty tooltip line, so "non-empty" means "has visible text".
const Text = v.pipe(
  v.string(),
  v.check((s) => s.trim() !== '', 'must not be empty'),
);

/** A string shown to users, in every UI language. */
export const Localized = v.object({ en: Text, fr: Text });
export type Localized = v.InferOutput<typeof Localized>;

const Id = v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]*$/, 'ids are lowercase kebab-case'));
const IsoDate = v.pipe(
  v.string(),
  v.regex(/^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/, 'dates are YYYY-MM or YYYY-MM-DD'),
);
const LangTag = v.pipe(v.string(), v.regex(/^[a-z]{2,3}$/, 'languages are BCP 47 primary tags'));

/** Where a fact comes from: a document id and one of its part ids (e.g. `p2`). */
export const Citation = v.object({ doc: Id, part: Id });
export type Citation = v.InferOutput<typeof Citation>;

/** One part (line or group of lines) of a source document, verbatim, with our translation. */
export const Part = v.object({
  id: Id,
  /** `statement` parts are the numbered paragraphs (¶1…); the others are front and back matter. */
  kind: v.picklist(['title', 'label', 'dateline', 'issuers', 'statement', 'contacts']),
  /** Paragraph number shown as ¶N (statement parts only). */
  number: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  /** Verbatim text in the document's language; a multi-line part keeps its line breaks as `\n`. */
  text: Text,
  /** Our unofficial English translation. */
  en: Text,
});
export type Part = v.InferOutput<typeof Part>;

/** A source document: metadata plus its parts, which joined by `\n` give back the verbatim file. */
export const SourceDocument = v.object({
  id: Id,
  /** Name of the verbatim file in data/ (a bare file name, no folders). */
  file: v.pipe(v.string(), v.regex(/^[\w.-]+\.txt$/, 'file is a bare .txt file name')),
  lang: LangTag,
  /** Title in the document's language, as printed. */
  title: Text,
  /** Our English rendering of the title. */
  titleEn: Text,
  shortTitle: Localized,
  kind: Localized,
  date: IsoDate,
  place: Text,
  publisher: Localized,
  url: v.pipe(v.string(), v.url()),
  reportSite: v.pipe(v.string(), v.url()),
  /** The governments on whose behalf the document was issued. */
  states: v.array(Localized),
  /** Shown beside every English rendering of the document. */
  translationNote: Localized,
  parts: v.pipe(v.array(Part), v.minLength(1)),
});
export type SourceDocument = v.InferOutput<typeof SourceDocument>;

/**
 * A claim of the document: a verbatim quote from the cited part and our faithful English
 * rendering of exactly that quote. The card shows the quote once and the English once.
 */
export const Fact = v.object({
  id: Id,
  cite: Citation,
  /** Verbatim substring of the cited part's text (typographic apostrophes included), unique in it. */
  quote: Text,
  /** Our unofficial English translation of `quote`; `[…]` marks words we supply for readability. */
  en: Text,
  /** What the quote refers back to (an antecedent outside the quote), in each UI language. */
  context: v.optional(Localized),
});
export type Fact = v.InferOutput<typeof Fact>;

/** Facts to show first when the hovered text matches `match` (a case-insensitive regular expression). */
export const FormLead = v.object({
  /** Tested against the matched text, lower-cased, without diacritics (`comit` matches "Comité"). */
  match: v.pipe(v.string(), v.nonEmpty()),
  facts: v.pipe(v.array(Id), v.minLength(1)),
});
export type FormLead = v.InferOutput<typeof FormLead>;

export const Entity = v.object({
  id: v.picklist(ENTITY_IDS),
  name: Localized,
  /** Short form for chips and counts (e.g. "DPRK" / "RPDC"). */
  short: Localized,
  /** One line that says what the entity is, without repeating any of its facts. */
  summary: Localized,
  /** Ids of facts (in `facts`) about this entity, in paragraph order. */
  facts: v.array(Id),
  /** Per name form, the facts to show first (the first rule that matches wins). */
  leadByForm: v.array(FormLead),
  /** Ids of timeline events relevant to this entity. */
  timeline: v.array(Id),
  /** Ids of public-record items (in `background`) about this entity, shown apart from the statement. */
  background: v.array(Id),
});
export type Entity = v.InferOutput<typeof Entity>;

/**
 * A dated event the document itself dates: month-level unless the document gives the day
 * (public-record days belong in `background`). The quote is what the document says about it.
 */
export const TimelineEvent = v.object({
  id: Id,
  date: IsoDate,
  text: Localized,
  cite: v.optional(Citation),
  /** Verbatim substring of the cited part; required when `cite` is present. */
  quote: v.optional(Text),
});
export type TimelineEvent = v.InferOutput<typeof TimelineEvent>;

/** A UN document symbol: `S/RES/1718 (2006)`, `S/PV.9591`, `S/2024/255`, `A/RES/46/1`. */
export const UN_SYMBOL = /^(?:S\/RES\/\d+ \(\d{4}\)|S\/PV\.\d+|S\/\d{4}\/\d+|A\/RES\/\d+\/\d+)$/;

/**
 * A fact from the public record, not from the statement: shown in its own labelled section,
 * never beside the statement's quotes, each sourced to a UN document symbol.
 */
export const BackgroundItem = v.object({
  id: Id,
  date: v.optional(IsoDate),
  text: Localized,
  source: v.pipe(v.string(), v.regex(UN_SYMBOL, 'source is a UN document symbol')),
});
export type BackgroundItem = v.InferOutput<typeof BackgroundItem>;

export const Knowledge = v.object({
  entities: v.array(Entity),
  facts: v.array(Fact),
  /** The statement's key claims, as fact ids, in the order a reader should see them. */
  keyClaims: v.array(Id),
  timeline: v.array(TimelineEvent),
  /** Public-record items, each with a UN document symbol. */
  background: v.array(BackgroundItem),
});
export type Knowledge = v.InferOutput<typeof Knowledge>;

/**
 * Detection data: for each entity, its names per language (BCP 47 primary tag).
 * Syntax, interpreted by engine/aliases.ts: a trailing `*` accepts inflected word endings
 * (`Nordkorea*` → Nordkoreas, nordkoreanisch); an alias written in capitals (`DPRK`) matches
 * case-sensitively; other aliases ignore case, diacritics and spacing/hyphen differences.
 */
export const Aliases = v.record(
  v.picklist(ENTITY_IDS),
  v.record(v.pipe(v.string(), v.regex(/^[a-z]{2,3}$/)), v.array(v.pipe(v.string(), v.nonEmpty()))),
);
export type Aliases = v.InferOutput<typeof Aliases>;
