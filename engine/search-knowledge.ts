import Fuse from 'fuse.js';
import { documents, knowledge } from '../data/index.ts';
import { logger } from '../lib/log.ts';
import type { EntityId } from './types.ts';

const log = logger('search');

/*
 * Full-text search over the bundled statement for the popup's search box and the search page.
 * The unit of search is one sentence of the statement, French original and our English
 * translation side by side: each sentence is one result at most, and each result opens the
 * statement at its paragraph with the sentence lit. A result must contain every query word, or a
 * word that closely matches it (same start, or one or two typos in a long word, found by fuse.js
 * over the statement's vocabulary); a query that
 * matches nothing gives no results rather than the least bad ones.
 * It pulls the whole data bundle, so only extension pages import it: the content script must not.
 */

export type SearchLang = 'en' | 'fr';

/** A range `[start, end)` of UTF-16 offsets into a result's `snippet`. */
export interface SnippetRange {
  start: number;
  end: number;
}

export interface SearchResult {
  /** `fact`: the sentence holds one of the card facts; `part`: any other sentence of the statement. */
  kind: 'fact' | 'part';
  /** Sentence id: the part id and the sentence's position in it (`p2-3`). */
  id: string;
  /** Where the sentence is: its ¶ and the statement's short title, in the requested language. */
  title: string;
  /** The sentence (or a window of it, with `…` where cut), in the requested language when that text matched. */
  snippet: string;
  /** Language of `snippet` (for the `lang` attribute): `lang`, unless only the other language matched. */
  snippetLang: SearchLang;
  /** Where the statement page should open. */
  cite: { doc: string; part: string; number?: number };
  /** The French sentence, verbatim from the cited part, for the statement page to light (always set here). */
  quote?: string;
  /** Names of the entities the sentence is about, when the query matched one of them by name. */
  about?: string;
  /** Relevance from 0 (barely) to 1 (exact); results are sorted by it, best first. */
  score: number;
  /** The matching words in `snippet`, in order, non-overlapping. */
  matches: SnippetRange[];
}

export interface SearchOptions {
  /** Most results returned; 20 when absent. */
  limit?: number;
}

interface Token {
  /** Folded form (lower case, no diacritics). */
  word: string;
  start: number;
  end: number;
}

interface SentenceRecord {
  id: string;
  kind: SearchResult['kind'];
  cite: SearchResult['cite'];
  text: Record<SearchLang, string>;
  tokens: Record<SearchLang, Token[]>;
  /** The entities whose facts this sentence holds, with their names folded into tokens. */
  entities: EntityId[];
  nameTokens: string[];
  titles: Record<SearchLang, string>;
}

const DEFAULT_LIMIT = 20;
/** Long enough for most sentences; longer ones are cut to a window around the matches. */
const SNIPPET_MAX = 240;
const SNIPPET_LEAD = 60;
/** Longer queries are cut: nobody types more in a popup, and the cost grows with each word. */
const QUERY_MAX = 200;
const MAX_QUERY_WORDS = 12;
/** Parts that are not statement content (a one-word label, the media contacts) are not searched. */
const SKIPPED_KINDS = new Set(['label', 'contacts']);
/** Sentence ends: `.`, `!` or `?`, then a space, then a capital (after an optional opening quote). */
const SENTENCE_BREAK = /(?<=[.!?])\s+(?=[«“]?\s*\p{Lu})/u;
const WORD = /[\p{L}\p{N}]+/gu;

/** Lower case without diacritics; one UTF-16 unit per letter of the inputs this search sees. */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Words of `text` with their offsets in `text` (folded one letter at a time, so offsets hold). */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    tokens.push({ word: fold(m[0]), start: m.index, end: m.index + m[0].length });
  }
  return tokens;
}

/** Splits a part into sentences; returns the whole text as one sentence when the languages disagree. */
function sentencePairs(fr: string, en: string): [string, string][] {
  const frs = fr.split(SENTENCE_BREAK);
  const ens = en.split(SENTENCE_BREAK);
  if (frs.length !== ens.length) return [[fr, en]];
  return frs.map((s, i) => [s, ens[i] ?? '']);
}

/** Start and end offsets of each sentence of `text`, split where {@link sentencePairs} splits. */
function sentenceSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  let at = 0;
  for (const m of text.matchAll(new RegExp(SENTENCE_BREAK.source, 'gu'))) {
    spans.push([at, m.index]);
    at = m.index + m[0].length;
  }
  spans.push([at, text.length]);
  return spans;
}

/**
 * Where our English says what `quote` (verbatim from the French `fr`) says: the English sentences
 * in the same positions as the French sentences the quote spans. Returns `[start, end)` offsets in
 * `en`; undefined when the quote is not in `fr` or the two texts have different sentence counts.
 */
export function alignedTranslation(fr: string, en: string, quote: string): [number, number] | undefined {
  const at = quote ? fr.indexOf(quote) : -1;
  if (at < 0) return undefined;
  const frSpans = sentenceSpans(fr);
  const enSpans = sentenceSpans(en);
  if (frSpans.length !== enSpans.length) return undefined;
  const first = frSpans.findIndex(([, end]) => end > at);
  const last = frSpans.findIndex(([, end]) => end >= at + quote.length);
  const start = enSpans[first]?.[0];
  const end = enSpans[last]?.[1];
  return start === undefined || end === undefined ? undefined : [start, end];
}

/** Which entities' facts lie in `sentence` (a fact quote may span only part of it). */
function entitiesIn(doc: string, part: string, sentence: string): { entities: EntityId[]; fact: boolean } {
  const factIds = new Set(
    knowledge.facts
      .filter(
        (f) => f.cite.doc === doc && f.cite.part === part && (sentence.includes(f.quote) || f.quote.includes(sentence)),
      )
      .map((f) => f.id),
  );
  const entities = knowledge.entities.filter((e) => e.facts.some((id) => factIds.has(id))).map((e) => e.id);
  return { entities, fact: factIds.size > 0 };
}

function entityNames(e: { name: Record<SearchLang, string>; short: Record<SearchLang, string> }): string[] {
  return [e.name.en, e.name.fr, e.short.en, e.short.fr];
}

function buildRecords(): SentenceRecord[] {
  const records: SentenceRecord[] = [];
  for (const doc of documents) {
    for (const part of doc.parts) {
      if (SKIPPED_KINDS.has(part.kind)) continue;
      const titles: Record<SearchLang, string> =
        part.number === undefined
          ? { en: doc.shortTitle.en, fr: doc.shortTitle.fr }
          : { en: `¶${part.number} · ${doc.shortTitle.en}`, fr: `¶${part.number} · ${doc.shortTitle.fr}` };
      // The document's own text is French here; a document in English would index it twice.
      const original = part.text;
      sentencePairs(original, part.en).forEach(([fr, en], i) => {
        const { entities, fact } = entitiesIn(doc.id, part.id, fr);
        const names = knowledge.entities.filter((e) => entities.includes(e.id)).flatMap(entityNames);
        records.push({
          id: `${part.id}-${i + 1}`,
          kind: fact ? 'fact' : 'part',
          cite: { doc: doc.id, part: part.id, ...(part.number === undefined ? {} : { number: part.number }) },
          text: { fr, en },
          tokens: { fr: tokenize(fr), en: tokenize(en) },
          entities,
          nameTokens: tokenize(names.join(' ')).map((t) => t.word),
          titles,
        });
      });
    }
  }
  return records;
}

let records: SentenceRecord[] | undefined;

/*
 * Typo tolerance comes from fuse.js over the statement's vocabulary (its distinct folded words,
 * both languages and the entity names). Fuse's Bitap search finds a pattern anywhere inside a
 * text, so every word is wrapped in marks that no word contains: a query word wrapped the same
 * way can then only line up with a whole word, and Bitap's error count is the number of letters
 * to add, drop or change to turn one word into the other. A letter swap counts as two.
 */
const PAD_START = '<<<';
const PAD_END = '>>>';
/** Typos allowed in a query word of `length` letters: none up to 4 letters, one from 5, two from 8. */
export function allowedTypos(length: number): number {
  return length >= 8 ? 2 : length >= 5 ? 1 : 0;
}
/**
 * Fuse scores a match errors ÷ pattern length (with `ignoreLocation`). The loosest match the rule
 * allows is two typos in an 8-letter word; tighter ones (one typo in 5 to 7 letters, three in long
 * words) are left to {@link vocabularyMatches}, as Fuse has one threshold for every pattern length.
 */
const FUSE_THRESHOLD = allowedTypos(8) / (8 + PAD_START.length + PAD_END.length);

let vocabulary: Fuse<string> | undefined;
/** Matches per query word, kept while the reader types; cleared when it grows past a popup's use. */
const matchCache = new Map<string, ReadonlyMap<string, number>>();
const MATCH_CACHE_MAX = 500;

function buildVocabulary(from: readonly SentenceRecord[]): Fuse<string> {
  const words = new Set<string>();
  for (const r of from) {
    for (const t of [...r.tokens.en, ...r.tokens.fr]) words.add(t.word);
    for (const w of r.nameTokens) words.add(w);
  }
  return new Fuse(
    [...words].map((w) => PAD_START + w + PAD_END),
    { threshold: FUSE_THRESHOLD, ignoreLocation: true, ignoreFieldNorm: true, includeScore: true, shouldSort: false },
  );
}

/** Bitap errors behind a Fuse score of `pattern` (score = errors ÷ length; an exact match scores 0.001). */
function errorsOf(score: number | undefined, pattern: string): number {
  return Math.round((score ?? 1) * pattern.length);
}

/**
 * The statement's words that match the folded query word `q`, with how well: 1 for the same
 * word, 0.9 for a word that starts with a query word of 4+ letters ("cryptomonnaie" →
 * "cryptomonnaies"), 0.8 for one typo in a query word of 5+ letters, 0.7 for two in one of 8+.
 * Words of three letters or fewer match only themselves: one typo in "gel" or "RGB" would match
 * almost anything. An empty map when nothing matches.
 */
export function vocabularyMatches(q: string): ReadonlyMap<string, number> {
  const cached = matchCache.get(q);
  if (cached) return cached;
  records ??= buildRecords();
  vocabulary ??= buildVocabulary(records);
  const found = new Map<string, number>();
  const word = (padded: string) => padded.slice(PAD_START.length, -PAD_END.length);
  const whole = PAD_START + q + PAD_END;
  for (const r of vocabulary.search(whole)) {
    const errors = errorsOf(r.score, whole);
    if (errors <= allowedTypos(q.length)) found.set(word(r.item), errors === 0 ? 1 : errors === 1 ? 0.8 : 0.7);
  }
  if (q.length >= 4) {
    // The word's start without its end mark: found with no error only in words that begin with it.
    const head = PAD_START + q;
    for (const r of vocabulary.search(head)) {
      if (errorsOf(r.score, head) !== 0) continue;
      const w = word(r.item);
      found.set(w, Math.max(found.get(w) ?? 0, 0.9));
    }
  }
  if (matchCache.size >= MATCH_CACHE_MAX) matchCache.clear();
  matchCache.set(q, found);
  return found;
}

interface FieldMatch {
  quality: number;
  /** Token indexes of the best match of each query word, in query order. */
  positions: number[];
}

/** Every query word's best match in `tokens`; undefined when one of them has none. */
function matchField(words: string[], tokens: readonly { word: string }[]): FieldMatch | undefined {
  let total = 0;
  const positions: number[] = [];
  for (const q of words) {
    const matches = vocabularyMatches(q);
    let best = 0;
    let at = -1;
    tokens.forEach((t, i) => {
      const m = matches.get(t.word) ?? 0;
      if (m > best) {
        best = m;
        at = i;
      }
    });
    if (best === 0) return undefined;
    total += best;
    positions.push(at);
  }
  // Words typed together that stand together in the text rank first (a phrase match).
  const together = positions.every((p, i) => i === 0 || p === (positions[i - 1] ?? -2) + 1);
  const quality = (total / words.length) * (words.length > 1 && together ? 1 : 0.9);
  return { quality, positions };
}

/** The ranges of every token in `tokens` that matches some query word. */
function matchRanges(words: string[], tokens: Token[]): SnippetRange[] {
  const matches = words.map(vocabularyMatches);
  return tokens.filter((t) => matches.some((m) => m.has(t.word))).map((t) => ({ start: t.start, end: t.end }));
}

/** Cuts `text` to a window around its densest run of ranges, shifting the ranges to match. */
function windowAround(text: string, ranges: SnippetRange[]): { snippet: string; matches: SnippetRange[] } {
  if (text.length <= SNIPPET_MAX) return { snippet: text, matches: ranges };
  let bestStart = 0;
  let bestCover = -1;
  for (const anchor of ranges) {
    const from = Math.max(0, anchor.start - SNIPPET_LEAD);
    const to = from + SNIPPET_MAX;
    const cover = ranges.reduce((sum, r) => sum + Math.max(0, Math.min(r.end, to) - Math.max(r.start, from)), 0);
    if (cover > bestCover) {
      bestCover = cover;
      bestStart = from;
    }
  }
  // Start and end on word boundaries so that no half word opens or closes the snippet.
  let start = bestStart;
  if (start > 0) {
    const space = text.indexOf(' ', start);
    if (space !== -1 && space < start + SNIPPET_LEAD / 2) start = space + 1;
  }
  let end = Math.min(text.length, start + SNIPPET_MAX);
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > start + SNIPPET_MAX / 2) end = space;
  }
  const prefix = start > 0 ? '…' : '';
  const suffix = end < text.length ? '…' : '';
  const shift = prefix.length - start;
  const matches = ranges
    .filter((r) => r.end > start && r.start < end)
    .map((r) => ({ start: Math.max(r.start, start) + shift, end: Math.min(r.end, end) + shift }));
  return { snippet: prefix + text.slice(start, end) + suffix, matches };
}

/** The query's searchable words, folded; empty when nothing searchable is left. */
function queryWords(query: string): string[] {
  const words = tokenize(query.normalize('NFC').slice(0, QUERY_MAX))
    .map((t) => t.word)
    .filter((w) => w.length >= 2);
  return [...new Set(words)].slice(0, MAX_QUERY_WORDS);
}

function search(record: SentenceRecord, words: string[], lang: SearchLang): SearchResult | undefined {
  const other: SearchLang = lang === 'en' ? 'fr' : 'en';
  // The reader's language first, then the other; an entity's name last (the sentence does not spell it).
  const own = matchField(words, record.tokens[lang]);
  const foreign = own ? undefined : matchField(words, record.tokens[other]);
  const named =
    own || foreign
      ? undefined
      : matchField(
          words,
          record.nameTokens.map((word) => ({ word })),
        );
  const snippetLang = foreign ? other : lang;
  const quality = own?.quality ?? (foreign ? foreign.quality * 0.95 : named ? named.quality * 0.9 : 0);
  if (quality === 0) return undefined;
  const text = record.text[snippetLang];
  const ranges = named ? [] : matchRanges(words, record.tokens[snippetLang]);
  const { snippet, matches } = windowAround(text, ranges);
  // Only the entities whose own names matched: the sentence may hold facts of several.
  const about = named
    ? knowledge.entities
        .filter((e) => record.entities.includes(e.id))
        .filter((e) => matchField(words, tokenize(entityNames(e).join(' '))))
        .map((e) => `${e.name[lang]} (${e.short[lang]})`)
        .join(', ')
    : undefined;
  return {
    kind: record.kind,
    id: record.id,
    title: record.titles[lang],
    snippet,
    snippetLang,
    cite: record.cite,
    quote: record.text.fr,
    ...(about ? { about } : {}),
    score: Math.max(0, Math.min(1, quality)),
    matches,
  };
}

/**
 * Searches the statement's sentences (French original and our English translation, and the
 * names of the entities whose facts they hold) for `query`, ignoring case and accents and
 * tolerating typos in longer words. Every query word must match. Titles are in `lang`; a snippet
 * is in `lang` unless only the other language matched.
 * Returns results best first (paragraph order among equals), one per sentence, at most
 * `options.limit` (20 by default); an empty array for an empty query, for a query with nothing
 * searchable or that matches nothing, and if the search fails.
 */
export function searchKnowledge(query: string, lang: SearchLang, options: SearchOptions = {}): SearchResult[] {
  try {
    const words = queryWords(query);
    if (words.length === 0) return [];
    const limit = Math.max(0, Math.floor(options.limit ?? DEFAULT_LIMIT));
    records ??= buildRecords();
    const results = records.flatMap((record, order) => {
      const result = search(record, words, lang);
      return result ? [{ result, order }] : [];
    });
    return results
      .sort((a, b) => b.result.score - a.result.score || a.order - b.order)
      .slice(0, limit)
      .map((r) => r.result);
  } catch (error) {
    // A search box must never break the popup: a failure reads as "no results".
    log.error('search failed', error);
    return [];
  }
}
