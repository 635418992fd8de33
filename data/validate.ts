import * as v from 'valibot';
import { ENTITY_IDS } from '../engine/types.ts';
import rawAliases from './aliases.json' with { type: 'json' };
import rawKnowledge from './knowledge.json' with { type: 'json' };
import { Aliases, Knowledge, SourceDocument } from './schema.ts';
import rawStatement from './statement.json' with { type: 'json' };

/**
 * The bundle as stored, before parsing, so that a broken file reaches the validator as data
 * instead of failing at import. This module stays free of Node APIs (it ships in the extension
 * through data/index.ts): callers that can read the disk pass the verbatim files in `files`.
 */
export interface RawBundle {
  readonly documents: readonly unknown[];
  readonly knowledge: unknown;
  readonly aliases: unknown;
  /** Verbatim source files by file name (`SourceDocument.file`); omit to skip the file comparison. */
  readonly files?: Readonly<Record<string, string>>;
}

/** The bundle as shipped in data/, without the verbatim files. */
export const rawBundle: RawBundle = { documents: [rawStatement], knowledge: rawKnowledge, aliases: rawAliases };

function issuesToMessages(label: string, issues: readonly v.BaseIssue<unknown>[]): string[] {
  return issues.map((issue) => {
    const path = v.getDotPath(issue);
    return `${path ? `${label}.${path}` : label}: ${issue.message}`;
  });
}

/**
 * Parses one piece of the bundle with its schema.
 * Returns the typed value; throws an Error listing every schema problem with its path when invalid.
 */
export function parseOrThrow<S extends v.GenericSchema>(schema: S, value: unknown, label: string): v.InferOutput<S> {
  const result = v.safeParse(schema, value);
  if (result.success) return result.output;
  throw new Error(`Invalid data bundle (${label}):\n${issuesToMessages(label, result.issues).join('\n')}`);
}

/** Fewest words (with a letter or digit) in a fact's quote. */
export const MIN_QUOTE_WORDS = 4;

function occurrences(text: string, needle: string): number {
  let count = 0;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) count++;
  return count;
}

/** Ids that occur more than once, each reported once. */
function duplicates(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const id of ids) (seen.has(id) ? dup : seen).add(id);
  return [...dup];
}

// Aliases are compared the way a reader sees them: `Nordkorea*` and `nordkorea` are one name.
function aliasKey(alias: string): string {
  return alias.replaceAll('*', '').trim().normalize('NFC').toLowerCase();
}

function checkDocument(doc: SourceDocument, files: RawBundle['files'], errors: string[]): void {
  const where = `document "${doc.id}"`;
  for (const id of duplicates(doc.parts.map((p) => p.id))) errors.push(`${where}: duplicate part id "${id}"`);
  for (const n of duplicates(doc.parts.flatMap((p) => (p.number === undefined ? [] : [String(p.number)])))) {
    errors.push(`${where}: duplicate paragraph number ${n}`);
  }
  for (const part of doc.parts) {
    if (part.kind === 'statement' && part.number === undefined)
      errors.push(`${where}: statement part "${part.id}" has no number`);
    if (part.kind !== 'statement' && part.number !== undefined)
      errors.push(`${where}: ${part.kind} part "${part.id}" must not have a number`);
  }
  const titlePart = doc.parts.find((p) => p.kind === 'title');
  if (titlePart && titlePart.text !== doc.title)
    errors.push(`${where}: title differs from the text of part "${titlePart.id}"`);

  if (!files) return;
  const fileText = files[doc.file];
  if (fileText === undefined) {
    errors.push(`${where}: no verbatim text supplied for ${doc.file}`);
    return;
  }
  const joined = doc.parts.map((p) => p.text).join('\n');
  if (joined === fileText) return;
  const fileLines = fileText.split('\n');
  const partLines = joined.split('\n');
  let line = 0;
  while (line < fileLines.length && fileLines[line] === partLines[line]) line++;
  // Map the differing line back to the part that holds it, so the message says what to fix.
  let first = 0;
  const part = doc.parts.find((p) => {
    first += p.text.split('\n').length;
    return line < first;
  });
  errors.push(
    `${where}: parts joined by "\\n" differ from ${doc.file} at line ${line + 1}` +
      (part ? ` (part "${part.id}")` : ' (past the last part)'),
  );
}

/**
 * Checks the data bundle: schemas, then cross-references (citations, verbatim quotes, ids, alias
 * ownership, parts against the verbatim file when `bundle.files` is given).
 * Returns human-readable error messages; an empty array when the bundle is valid. When a piece
 * fails its schema, only the schema errors are returned (cross-checks need typed data). Never throws.
 */
export function validateBundle(bundle: RawBundle = rawBundle): string[] {
  const errors: string[] = [];
  const documents: SourceDocument[] = [];
  bundle.documents.forEach((raw, i) => {
    const label = `documents[${i}]`;
    const result = v.safeParse(SourceDocument, raw);
    if (result.success) documents.push(result.output);
    else errors.push(...issuesToMessages(label, result.issues));
  });
  const knowledgeResult = v.safeParse(Knowledge, bundle.knowledge);
  if (!knowledgeResult.success) errors.push(...issuesToMessages('knowledge', knowledgeResult.issues));
  const aliasesResult = v.safeParse(Aliases, bundle.aliases);
  if (!aliasesResult.success) errors.push(...issuesToMessages('aliases', aliasesResult.issues));
  if (errors.length > 0 || !knowledgeResult.success || !aliasesResult.success) return errors;
  const knowledge = knowledgeResult.output;
  const aliases = aliasesResult.output;

  for (const id of duplicates(documents.map((d) => d.id))) errors.push(`duplicate document id "${id}"`);
  for (const doc of documents) checkDocument(doc, bundle.files, errors);

  const partText = (cite: { doc: string; part: string }): string | undefined =>
    documents.find((d) => d.id === cite.doc)?.parts.find((p) => p.id === cite.part)?.text;
  const paragraphOf = (cite: { doc: string; part: string }): number =>
    documents.find((d) => d.id === cite.doc)?.parts.find((p) => p.id === cite.part)?.number ?? 0;

  const checkQuote = (owner: string, cite: { doc: string; part: string }, quote: string): void => {
    const doc = documents.find((d) => d.id === cite.doc);
    if (!doc) {
      errors.push(`${owner}: cites missing document "${cite.doc}"`);
      return;
    }
    const part = doc.parts.find((p) => p.id === cite.part);
    if (!part) errors.push(`${owner}: cites missing part "${cite.part}" of "${cite.doc}"`);
    else if (!part.text.includes(quote))
      errors.push(`${owner}: quote is not a verbatim substring of ${cite.doc}#${cite.part}: "${quote}"`);
  };

  for (const id of duplicates(knowledge.facts.map((f) => f.id))) errors.push(`duplicate fact id "${id}"`);
  for (const fact of knowledge.facts) {
    const owner = `fact "${fact.id}"`;
    checkQuote(owner, fact.cite, fact.quote);
    // A text fragment lights the first occurrence, and a two-word quote proves nothing.
    const words = fact.quote.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
    if (words < MIN_QUOTE_WORDS) errors.push(`${owner}: quote has ${words} words, fewer than ${MIN_QUOTE_WORDS}`);
    const text = partText(fact.cite);
    if (text !== undefined && occurrences(text, fact.quote) > 1)
      errors.push(`${owner}: quote occurs more than once in ${fact.cite.part}`);
  }

  for (const id of duplicates(knowledge.timeline.map((e) => e.id))) errors.push(`duplicate timeline id "${id}"`);
  for (const event of knowledge.timeline) {
    const owner = `timeline event "${event.id}"`;
    // Day-level dates the statement does not give belong in the public-record background.
    const doc = documents.find((d) => d.id === event.cite?.doc);
    if (event.date.length === 10 && event.date !== doc?.date)
      errors.push(`${owner}: day-level date ${event.date} is not the cited document's date`);
    if (event.cite && event.quote !== undefined) checkQuote(owner, event.cite, event.quote);
    else if (event.cite) errors.push(`${owner}: has a cite but no quote`);
    else if (event.quote !== undefined) errors.push(`${owner}: has a quote but no cite`);
  }

  const factIds = new Set(knowledge.facts.map((f) => f.id));
  const timelineIds = new Set(knowledge.timeline.map((e) => e.id));
  const shown = new Set(knowledge.keyClaims);
  for (const id of duplicates(knowledge.entities.map((e) => e.id))) errors.push(`duplicate entity id "${id}"`);
  for (const id of ENTITY_IDS) {
    if (!knowledge.entities.some((e) => e.id === id)) errors.push(`entity "${id}" has no entry in knowledge`);
  }
  for (const entity of knowledge.entities) {
    for (const id of entity.facts) {
      shown.add(id);
      if (!factIds.has(id)) errors.push(`entity "${entity.id}": unknown fact "${id}"`);
    }
    for (const id of duplicates(entity.facts)) errors.push(`entity "${entity.id}": fact "${id}" listed twice`);
    for (const id of entity.timeline) {
      if (!timelineIds.has(id)) errors.push(`entity "${entity.id}": unknown timeline event "${id}"`);
    }
  }
  const backgroundIds = new Set(knowledge.background.map((b) => b.id));
  for (const id of duplicates(knowledge.background.map((b) => b.id))) errors.push(`duplicate background id "${id}"`);
  const factById = new Map(knowledge.facts.map((f) => [f.id, f]));
  for (const entity of knowledge.entities) {
    const where = `entity "${entity.id}"`;
    for (const id of entity.background) {
      if (!backgroundIds.has(id)) errors.push(`${where}: unknown background item "${id}"`);
    }
    // Facts with a broken citation are reported above; the order check skips them.
    const numbers = entity.facts.flatMap((id) => {
      const f = factById.get(id);
      const n = f ? paragraphOf(f.cite) : 0;
      return n > 0 ? [n] : [];
    });
    if (numbers.some((n, i) => i > 0 && n < (numbers[i - 1] ?? 0)))
      errors.push(`${where}: facts are not in paragraph order`);
    for (const rule of entity.leadByForm) {
      try {
        new RegExp(rule.match, 'iu');
      } catch (error) {
        errors.push(`${where}: leadByForm pattern "${rule.match}" is not a regular expression (${String(error)})`);
      }
      for (const id of rule.facts) {
        if (!entity.facts.includes(id)) errors.push(`${where}: leadByForm names "${id}", not one of its facts`);
      }
    }
  }
  for (const id of knowledge.keyClaims) if (!factIds.has(id)) errors.push(`keyClaims: unknown fact "${id}"`);
  for (const id of duplicates(knowledge.keyClaims)) errors.push(`keyClaims: fact "${id}" listed twice`);
  for (const id of factIds)
    if (!shown.has(id)) errors.push(`fact "${id}" is shown by no entity and is not a key claim`);

  const owners = new Map<string, { entity: string; alias: string }>();
  for (const id of ENTITY_IDS) {
    const byLang = aliases[id];
    if (!byLang) {
      errors.push(`aliases: no entry for entity "${id}"`);
      continue;
    }
    for (const alias of Object.values(byLang).flat()) {
      const key = aliasKey(alias);
      const owner = owners.get(key);
      if (!owner) owners.set(key, { entity: id, alias });
      else if (owner.entity !== id)
        errors.push(`aliases: "${alias}" (${id}) is also claimed by "${owner.entity}" as "${owner.alias}"`);
    }
  }
  return errors;
}
