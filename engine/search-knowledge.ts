import Fuse, { type FuseResult, type FuseResultMatch, type IFuseOptions } from 'fuse.js';
import { documents, knowledge } from '../data/index.ts';
import type { Localized } from '../data/schema.ts';

/*
 * Full-text search over the bundled knowledge (entities, facts, statement parts) in English and
 * French, for the popup's search box. It pulls the whole data bundle and fuse.js, so only extension
 * pages import it: the content script must not (its size budget).
 */

export type SearchLang = 'en' | 'fr';

/** A range `[start, end)` of UTF-16 offsets into a result's `snippet`. */
export interface SnippetRange {
  start: number;
  end: number;
}

export interface SearchResult {
  kind: 'entity' | 'fact' | 'part';
  /** Entity id, fact id or part id. */
  id: string;
  /** What the result is, in the requested language. */
  title: string;
  /** The text that matched (or a window of it, with `…` where cut), in the requested language when that text matched. */
  snippet: string;
  /** Language of `snippet` (for the `lang` attribute): `lang`, unless only the other language matched. */
  snippetLang: SearchLang;
  /** Where the statement page should open; absent for entities. */
  cite?: { doc: string; part: string; number?: number };
  /** Verbatim quote from the cited part, for the statement page to light (facts only). */
  quote?: string;
  /** Relevance from 0 (barely) to 1 (exact); results are sorted by it, best first. */
  score: number;
  /** The matching words in `snippet`, in order, non-overlapping. */
  matches: SnippetRange[];
}

export interface SearchOptions {
  /** Most results returned; 20 when absent. */
  limit?: number;
}

type FieldKey = 'name.en' | 'name.fr' | 'short.en' | 'short.fr' | 'body.en' | 'body.fr' | 'quote';

interface SearchRecord {
  kind: SearchResult['kind'];
  id: string;
  /** Title per language. */
  titles: Localized;
  name?: Localized;
  short?: Localized;
  body: Localized;
  quote?: string;
  /** Language of `quote`: its document's. */
  quoteLang?: SearchLang;
  cite?: SearchResult['cite'];
}

const DEFAULT_LIMIT = 20;
/** Long enough to show a whole fact; paragraphs are cut to a window around the first match. */
const SNIPPET_MAX = 240;
const SNIPPET_LEAD = 60;
const PART_TITLE_MAX = 90;
/** Longer queries are cut: bitap cost grows with pattern length, and nobody types more in a popup. */
const QUERY_MAX = 200;

const FUSE_OPTIONS: IFuseOptions<SearchRecord> = {
  keys: [
    { name: 'name.en', weight: 2 },
    { name: 'name.fr', weight: 2 },
    { name: 'short.en', weight: 2 },
    { name: 'short.fr', weight: 2 },
    { name: 'body.en', weight: 1 },
    { name: 'body.fr', weight: 1 },
    { name: 'quote', weight: 1 },
  ],
  includeScore: true,
  includeMatches: true,
  ignoreLocation: true,
  ignoreDiacritics: true,
  threshold: 0.35,
  minMatchCharLength: 2,
  useExtendedSearch: true,
  // Typographic apostrophes become ASCII ones, one character for one, so that "d'experts" finds
  // "d’experts" and the match offsets still index the original text.
  getFn: (record, path) => {
    const value = Fuse.config.getFn(record, path);
    return typeof value === 'string' ? foldApostrophes(value) : value;
  },
};

function foldApostrophes(text: string): string {
  return text.replace(/[’‘ʼ]/g, "'");
}

function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.lastIndexOf(' ', max - 1);
  return `${text.slice(0, cut > max / 2 ? cut : max - 1)}…`;
}

function buildRecords(): SearchRecord[] {
  const records: SearchRecord[] = [];
  for (const e of knowledge.entities) {
    records.push({ kind: 'entity', id: e.id, titles: e.name, name: e.name, short: e.short, body: e.summary });
  }
  for (const f of knowledge.facts) {
    const doc = documents.find((d) => d.id === f.cite.doc);
    const number = doc?.parts.find((p) => p.id === f.cite.part)?.number;
    records.push({
      kind: 'fact',
      id: f.id,
      titles: f.text,
      body: f.text,
      quote: f.quote,
      quoteLang: doc?.lang === 'en' ? 'en' : 'fr',
      cite: { ...f.cite, ...(number === undefined ? {} : { number }) },
    });
  }
  for (const doc of documents) {
    for (const p of doc.parts) {
      // Numbered paragraphs are named by their ¶; front and back matter by their own (short) text.
      const titles: Localized =
        p.number === undefined
          ? { en: truncate(p.en, PART_TITLE_MAX), fr: truncate(p.text, PART_TITLE_MAX) }
          : { en: `¶${p.number} · ${doc.shortTitle.en}`, fr: `¶${p.number} · ${doc.shortTitle.fr}` };
      // The part's `text` is in the document's language; the index keys are by language.
      const body: Localized = doc.lang === 'fr' ? { en: p.en, fr: p.text } : { en: p.en, fr: p.en };
      records.push({
        kind: 'part',
        id: p.id,
        titles,
        body,
        cite: { doc: doc.id, part: p.id, ...(p.number === undefined ? {} : { number: p.number }) },
      });
    }
  }
  return records;
}

let index: Fuse<SearchRecord> | undefined;

// Built on the first search, not at import: the popup shows its header before anyone types.
function searchIndex(): Fuse<SearchRecord> {
  index ??= new Fuse(buildRecords(), FUSE_OPTIONS);
  return index;
}

/**
 * Turns what the reader typed into a fuse.js extended-search query: the whole phrase, fuzzy,
 * OR (when it does not match) every word, each fuzzy, all required in one field. fuse.js tries
 * the OR groups in order, so a phrase match wins its better offsets. Words of three letters or
 * fewer must appear as typed: one typo in "gel" or "RGB" would match almost any paragraph.
 * Returns '' when nothing searchable is left.
 */
function extendedQuery(query: string): string {
  // Characters that carry meaning in fuse.js extended search are not searchable here.
  const cleaned = foldApostrophes(query.normalize('NFC')).slice(0, QUERY_MAX).replace(/["|]/g, ' ');
  const words = cleaned
    .split(/\s+/)
    .map((w) => w.replace(/^['=!^]+/, '').replace(/\$+$/, ''))
    .filter((w) => w.length >= 2);
  if (words.length === 0) return '';
  const term = (w: string) => (w.length <= 3 ? `'${w}` : w);
  if (words.length === 1) return term(words[0] ?? '');
  return `"${words.join(' ')}" | ${words.map(term).join(' ')}`;
}

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
}

/**
 * The ranges worth painting in `text`: fuse.js also reports short scraps of fuzzy matches and
 * every occurrence of short words inside longer ones ("des" in "désignées"), which read as noise.
 */
function usefulRanges(text: string, match: FuseResultMatch | undefined): SnippetRange[] {
  if (!match) return [];
  const ranges: SnippetRange[] = [];
  for (const [first, last] of match.indices) {
    const start = Math.max(0, first);
    let end = Math.min(text.length, last + 1);
    const length = end - start;
    const startsWord = !isWordChar(text[start - 1]);
    if (length < 3 || (!startsWord && length < 5)) continue;
    // A fuzzy match marks only the letters it shares with the query ("Russ" for "russe" in
    // "Russie"): paint the whole word. Short exact words stay as typed ("des", not "désignées").
    if (length >= 4) while (end < text.length && isWordChar(text[end])) end += 1;
    ranges.push({ start, end });
  }
  return ranges;
}

/** Which fields may supply the snippet, best first: the reader's language, then the French original. */
function snippetFields(record: SearchRecord, lang: SearchLang): FieldKey[] {
  const other: SearchLang = lang === 'en' ? 'fr' : 'en';
  switch (record.kind) {
    case 'entity':
      // The entity's name in `lang` is its title already: a match there leaves the summary as snippet.
      return [`body.${lang}`, `body.${other}`, `name.${other}`, `short.${other}`];
    case 'fact':
      return [`body.${lang}`, 'quote', `body.${other}`];
    case 'part':
      return [`body.${lang}`, `body.${other}`];
  }
}

function fieldText(record: SearchRecord, key: FieldKey): string {
  if (key === 'quote') return record.quote ?? '';
  const [field, lang] = key.split('.') as ['name' | 'short' | 'body', SearchLang];
  return record[field]?.[lang] ?? '';
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

/** Sorts and merges touching or overlapping ranges. */
function mergeRanges(ranges: SnippetRange[]): SnippetRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: SnippetRange[] = [];
  for (const r of sorted) {
    const last = merged.at(-1);
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
}

function toResult(hit: FuseResult<SearchRecord>, lang: SearchLang): SearchResult {
  const record = hit.item;
  const matchFor = (key: FieldKey) => hit.matches?.find((m) => m.key === key);
  let snippetText = record.body[lang];
  let snippetLang = lang;
  let ranges: SnippetRange[] = [];
  for (const key of snippetFields(record, lang)) {
    const text = fieldText(record, key);
    const found = usefulRanges(text, matchFor(key));
    if (found.length > 0) {
      snippetText = text;
      snippetLang = key === 'quote' ? (record.quoteLang ?? 'fr') : (key.split('.')[1] as SearchLang);
      ranges = found;
      break;
    }
  }
  const { snippet, matches } = windowAround(snippetText, mergeRanges(ranges));
  return {
    kind: record.kind,
    id: record.id,
    title: record.titles[lang],
    snippet,
    snippetLang,
    ...(record.cite ? { cite: record.cite } : {}),
    ...(record.quote ? { quote: record.quote } : {}),
    // fuse.js scores 0 for a perfect match and 1 for none; readers of this API expect the reverse.
    score: 1 - (hit.score ?? 1),
    matches,
  };
}

/**
 * Searches entity names and summaries, facts (both wordings and the French quote) and the
 * statement's parts (French original and English translation) for `query`, ignoring case and
 * accents and tolerating typos in longer words. Titles and snippets are in `lang`, except a
 * snippet that only matched in the other language, which shows that text.
 * Returns results best first, at most `options.limit` (20 by default); an empty array for an
 * empty or whitespace-only query, for a query with nothing searchable, and if the search fails.
 */
export function searchKnowledge(query: string, lang: SearchLang, options: SearchOptions = {}): SearchResult[] {
  try {
    const pattern = extendedQuery(query);
    if (!pattern) return [];
    const limit = Math.max(0, Math.floor(options.limit ?? DEFAULT_LIMIT));
    return searchIndex()
      .search(pattern, { limit })
      .map((hit) => toResult(hit, lang));
  } catch {
    // A search box must never break the popup: a failure reads as "no results".
    return [];
  }
}
