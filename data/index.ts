import type { EntityId } from '../engine/types.ts';
import {
  Aliases,
  type BackgroundItem,
  type Citation,
  type Entity,
  type Fact,
  Knowledge,
  type Part,
  SourceDocument,
  type TimelineEvent,
} from './schema.ts';
import { parseOrThrow, rawBundle } from './validate.ts';

export type { BackgroundItem, Citation, Entity, Fact, Localized, Part, TimelineEvent } from './schema.ts';
export type { Aliases, Knowledge, SourceDocument };

// Parsed at import so a malformed bundle fails loudly in tests and at start-up, naming the bad path.
// Cross-checks (verbatim quotes, ids) run in data/validate.ts at build and in tests, not here.
const parsedDocuments = rawBundle.documents.map((raw, i) => parseOrThrow(SourceDocument, raw, `documents[${i}]`));

/** Every source document the facts may cite; the statement of 22 October 2025 first. */
export const documents: readonly SourceDocument[] = parsedDocuments;
/** The MSMT joint statement of 22 October 2025. */
export const statement: SourceDocument = (() => {
  const first = parsedDocuments[0];
  if (!first) throw new Error('Invalid data bundle: it has no source document');
  return first;
})();
export const knowledge: Knowledge = parseOrThrow(Knowledge, rawBundle.knowledge, 'knowledge');
/** Detection data per entity and language, from data/aliases.json. */
export const aliases: Aliases = parseOrThrow(Aliases, rawBundle.aliases, 'aliases');

const factsById = new Map(knowledge.facts.map((f) => [f.id, f]));
const timelineById = new Map(knowledge.timeline.map((e) => [e.id, e]));
const backgroundById = new Map(knowledge.background.map((b) => [b.id, b]));

/** Returns the cited part, or undefined when the document or the part does not exist. */
export function findPart(cite: Citation): Part | undefined {
  return documents.find((d) => d.id === cite.doc)?.parts.find((p) => p.id === cite.part);
}

/** Returns the entity's knowledge entry, or undefined when it has none. */
export function entityById(id: EntityId): Entity | undefined {
  return knowledge.entities.find((e) => e.id === id);
}

/** Returns the entity's facts in paragraph order; an empty array for an entity without facts. */
export function factsFor(id: EntityId): Fact[] {
  return (entityById(id)?.facts ?? []).flatMap((factId) => factsById.get(factId) ?? []);
}

/** Returns the entity's timeline events, oldest first; an empty array when it has none. */
export function timelineFor(id: EntityId): TimelineEvent[] {
  const events = (entityById(id)?.timeline ?? []).flatMap((eventId) => timelineById.get(eventId) ?? []);
  // ISO dates sort as strings; a month-only date ("2024-10") sorts before that month's days.
  return events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** Returns the entity's public-record items, as listed; an empty array when it has none. */
export function backgroundFor(id: EntityId): BackgroundItem[] {
  return (entityById(id)?.background ?? []).flatMap((itemId) => backgroundById.get(itemId) ?? []);
}

/**
 * Percent-encodes a text-fragment term: encodeURIComponent leaves `-` alone, but the
 * text-fragment syntax reserves it (with `,` and `&`, which encodeURIComponent already escapes).
 */
function encodeTextFragmentTerm(text: string): string {
  return encodeURIComponent(text).replaceAll('-', '%2D');
}

/**
 * Returns the URL of the fact's original document page scrolled to and highlighting its quote
 * (`#:~:text=`); an empty string when the fact cites an unknown document.
 */
export function originalUrlForQuote(fact: Fact): string {
  const doc = documents.find((d) => d.id === fact.cite.doc);
  if (!doc) return '';
  const base = doc.url.split('#')[0] ?? doc.url;
  return `${base}#:~:text=${encodeTextFragmentTerm(fact.quote)}`;
}
