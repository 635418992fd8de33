import {
  ACRONYM,
  OPEN_END,
  OPEN_START,
  RULE_CHAOXIAN,
  RULE_HOST,
  RULE_INVERTED_NORTH,
  RULE_SECURITY_COUNCIL_SYMBOL,
} from './alias-constants.ts';
import { AliasIndex, type AliasMatch } from './alias-index.ts';
import { foldString } from './fold-tables.ts';
import { ALIAS_CONFLICTS } from './generated-tables.ts';
import { findResolution1718 } from './resolution-1718.ts';
import { continuesAfterNorth, isBukhanPlace, isChaoxianState } from './script-rules.ts';
import type { EntityId, Mention } from './types.ts';
import {
  AGENCY_MARKS,
  AGENCY_WORDS,
  COLOUR_MARKS,
  COLOUR_WORDS,
  CZECH_MINISTRY,
  SANCTIONS_MARKS,
  SANCTIONS_WORDS,
  UN_ACRONYMS,
  UN_MARKS,
  UN_WORDS,
} from './vocabulary.ts';

/**
 * What the whole page says, for deciding the ambiguous short forms of one block. A page that
 * names the DPRK, the RGB or the MSMT unambiguously is "topical": there, "RGB" away from colour
 * words is the agency and "MSMT" is the team.
 */
export interface PageContext {
  /** The page names an entity unambiguously (North Korea, Reconnaissance General Bureau, …). */
  readonly topical: boolean;
  /** The page is about the Czech ministry of education (MŠMT), whose acronym is also MSMT. */
  readonly czechMinistry: boolean;
}

const aliases = new AliasIndex();

/** Aliases that another entity already claims once folded, found when compiling them (empty when the data is sound). */
export const aliasConflicts: readonly string[] = ALIAS_CONFLICTS;

const LOCAL_RADIUS = 120;
const NEAR_RADIUS = 400;

/** Whether a DPRK name match is the state: the language rules for ambiguous bare forms. */
function isDprk(text: string, m: AliasMatch): boolean {
  const { flags } = m.entry;
  if ((flags & RULE_CHAOXIAN) !== 0) return isChaoxianState(text, m.start, m.end);
  if (isBukhanPlace(text, m.start, m.end)) return false;
  return (flags & RULE_INVERTED_NORTH) === 0 || !continuesAfterNorth(text, m.end);
}

/** True when a match is strong evidence that the page is about our topic. */
function isStrongEvidence(text: string, m: AliasMatch): boolean {
  const e = m.entry.entity;
  if (e === 'dprk') return isDprk(text, m);
  return (e === 'rgb' || e === 'msmt') && (m.entry.flags & ACRONYM) === 0;
}

/**
 * Summarises a page's texts (its blocks) for {@link findMentions}. Stops reading as soon as both
 * answers are known. An empty page gives `{topical: false, czechMinistry: false}`.
 */
export function pageContext(texts: Iterable<string>): PageContext {
  let topical = false;
  let czechMinistry = false;
  for (const text of texts) {
    if (!czechMinistry && CZECH_MINISTRY.test(text)) czechMinistry = true;
    if (!topical) topical = isTopical(text, null);
    if (topical && czechMinistry) break;
  }
  return { topical, czechMinistry };
}

/**
 * Does `text` name the topic unambiguously? `matches` are its alias matches when already known
 * (null: scanned here, only if the resolution's citation does not settle it first).
 */
function isTopical(text: string, matches: readonly AliasMatch[] | null): boolean {
  // "resolution 1718 (2006)" is the Security Council's own citation: unambiguous.
  if (findResolution1718(text).some((r) => /^\s*\(2006\)/.test(text.slice(r.end, r.end + 10)))) return true;
  for (const m of matches ?? aliases.scan(text)) {
    if (isStrongEvidence(text, m) && !inUrlOrCode(text, m)) return true;
  }
  return false;
}

const MAX_URL_REACH = 300;
const URL_STOP = '"\'<>()[]{}|`';

/** Printable ASCII that can be part of a URL, path or e-mail address (not brackets or quotes). */
function isUrlCode(code: number): boolean {
  return code > 0x20 && code < 0x7f && !URL_STOP.includes(String.fromCharCode(code));
}

/** Bounds of the run of URL characters around [start, end), looking at most MAX_URL_REACH characters each way. */
function tokenAround(text: string, start: number, end: number): [number, number] {
  let a = start;
  while (a > 0 && start - a < MAX_URL_REACH && isUrlCode(text.charCodeAt(a - 1))) a--;
  let b = end;
  while (b < text.length && b - end < MAX_URL_REACH && isUrlCode(text.charCodeAt(b))) b++;
  return [a, b];
}

/**
 * Names inside URLs, e-mail addresses, file paths and slugs are not prose mentions
 * (`/north-korea-sanctions/`, `dprk-sanctions`), nor are programme codes such as `[DPRK3]`.
 * The report site's host `msmt.info` is the one name that is itself a URL.
 */
function inUrlOrCode(text: string, m: AliasMatch): boolean {
  const { start, end } = m;
  const [a, b] = tokenAround(text, start, end);
  const token = text.slice(a, b);
  const before = text.slice(a, start);
  const isUrl =
    token.includes('://') ||
    /^www\./i.test(token) ||
    /^[\w-]+(?:\.[\w-]+)+\/\S/.test(token) ||
    (/^\/[^/\s]+\//.test(token) && !/\s/.test(token)) ||
    /@[\w-]+\./.test(token);
  if (isUrl) {
    const isHost = (m.entry.flags & RULE_HOST) !== 0 && (before === '' || /(?:\/\/|www\.)$/i.test(before));
    return !isHost;
  }
  const matched = text.slice(start, end);
  const prev = text.charAt(start - 1);
  const next = text.charAt(end);
  // Slug: lower-case words joined by hyphens or underscores, continuing on either side.
  const acronym = (m.entry.flags & ACRONYM) !== 0;
  if (!acronym && /[-_]/.test(matched) && matched === matched.toLowerCase() && /\s/.test(matched) === false) {
    if (/[-_/]/.test(prev) || /[-_/]/.test(next)) return true;
  }
  if (acronym && prev === '[' && (next === ']' || next === '-')) return true;
  // A list of programme tags whose brackets were split off by a CSV field: "DPRK] [DPRK2".
  if (acronym && next === ']' && (start === 0 || /["',;[]/.test(prev))) return true;
  return false;
}

/** Index of the first match whose end is at or after `pos` (matches are sorted and non-overlapping). */
function firstEndingAfter(matches: readonly AliasMatch[], pos: number): number {
  let lo = 0;
  let hi = matches.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((matches[mid] as AliasMatch).end < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Is there a match of `entity` (a full name when `long`) within `radius` of `pos`? */
function hasNear(matches: readonly AliasMatch[], entity: EntityId, pos: number, radius: number, long = false): boolean {
  for (let i = firstEndingAfter(matches, pos - radius); i < matches.length; i++) {
    const m = matches[i] as AliasMatch;
    if (m.start > pos + radius) break;
    if (m.entry.entity === entity && !(long && (m.entry.flags & ACRONYM) !== 0)) return true;
  }
  return false;
}

/**
 * Verdicts on the words around a position, computed once per 64-character bucket and per
 * vocabulary, and only for the vocabularies asked about: a page full of short forms ("RGB RGB
 * RGB …") then costs one look at its surroundings per bucket, not one per mention, and stays linear.
 */
class Surroundings {
  private readonly cache = new Map<number, { raw: string; folded: string | null; known: number; bits: number }>();
  constructor(private readonly text: string) {}

  /** Is a word of vocabulary `kind` (COLOUR, AGENCY, …) near `pos`? */
  has(pos: number, kind: number): boolean {
    const bucket = pos >> 6;
    let entry = this.cache.get(bucket);
    if (entry === undefined) {
      const from = bucket << 6;
      const raw = this.text.slice(
        Math.max(0, from - LOCAL_RADIUS),
        Math.min(this.text.length, from + 64 + LOCAL_RADIUS),
      );
      entry = { raw, folded: null, known: 0, bits: 0 };
      this.cache.set(bucket, entry);
    }
    if ((entry.known & kind) === 0) {
      const raw = entry.raw;
      entry.folded ??= foldString(raw);
      const folded = entry.folded;
      let yes = false;
      if (kind === COLOUR) yes = COLOUR_WORDS.test(folded) || COLOUR_MARKS.test(raw);
      else if (kind === AGENCY) yes = AGENCY_WORDS.test(folded) || AGENCY_MARKS.test(raw);
      else if (kind === SANCTIONS) yes = SANCTIONS_WORDS.test(folded) || SANCTIONS_MARKS.test(raw);
      else if (kind === UN) yes = UN_ACRONYMS.test(raw) || UN_MARKS.test(raw) || UN_WORDS.test(folded);
      else yes = CZECH_MINISTRY.test(raw);
      entry.known |= kind;
      if (yes) entry.bits |= kind;
    }
    return (entry.bits & kind) !== 0;
  }
}
const COLOUR = 1;
const AGENCY = 2;
const SANCTIONS = 4;
const UN = 8;
const CZECH = 16;

function isRgbAgency(
  text: string,
  all: readonly AliasMatch[],
  i: number,
  ctx: PageContext,
  near: Surroundings,
): boolean {
  const m = all[i] as AliasMatch;
  if (text.charAt(m.end) === '(') return false; // RGB(255, 0, 0) in code
  // "Reconnaissance General Bureau (RGB)" defines the acronym whatever else is around.
  const prev = all[i - 1];
  if (prev && prev.entry.entity === 'rgb' && (prev.entry.flags & ACRONYM) === 0 && m.start - prev.end <= 3) return true;
  if (near.has(m.start, COLOUR)) return false;
  return ctx.topical || hasNear(all, 'dprk', m.start, NEAR_RADIUS) || near.has(m.start, AGENCY);
}

function isMsmtTeam(
  text: string,
  all: readonly AliasMatch[],
  i: number,
  ctx: PageContext,
  near: Surroundings,
): boolean {
  const m = all[i] as AliasMatch;
  if (/^[-‐–/]\s?\d/u.test(text.slice(m.end, m.end + 3))) return false; // Czech file numbers: MSMT-12345/2019
  if (/č\.\s?j\.\s*$/iu.test(text.slice(Math.max(0, m.start - 8), m.start))) return false;
  const strong = hasNear(all, 'dprk', m.start, NEAR_RADIUS) || hasNear(all, 'msmt', m.start, NEAR_RADIUS, true);
  if (ctx.czechMinistry || near.has(m.start, CZECH)) return strong;
  return ctx.topical || strong || near.has(m.start, SANCTIONS);
}

function isUnContext(
  text: string,
  start: number,
  end: number,
  all: readonly AliasMatch[],
  ctx: PageContext,
  near: Surroundings,
): boolean {
  if (ctx.topical || hasNear(all, 'dprk', start, NEAR_RADIUS)) return true;
  // "UNSCR 1718" / "UNSCR1718" names the Security Council itself.
  if (/^unscr/i.test(text.slice(start, start + 5))) return true;
  // "resolution 1718 (2006)": the Security Council's citation style.
  if (/^\s*\(2006\)/.test(text.slice(end, end + 10))) return true;
  return near.has(start, UN);
}

function accept(text: string, all: readonly AliasMatch[], i: number, ctx: PageContext, near: Surroundings): boolean {
  const m = all[i] as AliasMatch;
  if (inUrlOrCode(text, m)) return false;
  const { entity, flags } = m.entry;
  const acronym = (flags & ACRONYM) !== 0;
  switch (entity) {
    case 'dprk':
      return isDprk(text, m);
    case 'rgb':
      return !acronym || isRgbAgency(text, all, i, ctx, near);
    case 'msmt':
      return !acronym || isMsmtTeam(text, all, i, ctx, near);
    case 'unsc-1718':
      return (flags & RULE_SECURITY_COUNCIL_SYMBOL) !== 0 || isUnContext(text, m.start, m.end, all, ctx, near);
    case 'panel-of-experts':
      return (
        ctx.topical ||
        hasNear(all, 'dprk', m.start, NEAR_RADIUS) ||
        /1718/.test(text.slice(Math.max(0, m.start - 80), m.end + 80))
      );
  }
}

/**
 * Finds the mentions of the DPRK, resolution 1718, the RGB, the MSMT (and the Panel of Experts)
 * in `text`, in document order and non-overlapping, with UTF-16 offsets into `text`.
 * `context` describes the rest of the page (see {@link pageContext}); without it, `text` is taken
 * as the whole page. Returns an empty array for text with no mentions; never throws on any string.
 */
export function findMentions(text: string, context?: PageContext): Mention[] {
  if (text.length === 0) return [];
  const all = aliases.scan(text);
  // As pageContext([text]), without scanning the text a second time.
  const ctx = context ?? { topical: isTopical(text, all), czechMinistry: CZECH_MINISTRY.test(text) };
  const near = new Surroundings(text);
  const found: Mention[] = [];
  for (let i = 0; i < all.length; i++) {
    const m = all[i] as AliasMatch;
    if (accept(text, all, i, ctx, near)) found.push(mention(text, m.entry.entity, m.start, m.end));
  }
  for (const span of findResolution1718(text)) {
    const probe: AliasMatch = {
      entry: NUMBER_ENTRY,
      start: span.start,
      end: span.end,
    };
    if (!inUrlOrCode(text, probe) && isUnContext(text, span.start, span.end, all, ctx, near)) {
      found.push(mention(text, 'unsc-1718', span.start, span.end));
    }
  }
  return nonOverlapping(found);
}

/** The entry of a "1718" that the resolution rule found (not an alias of the data). */
const NUMBER_ENTRY = { entity: 'unsc-1718', flags: OPEN_START | OPEN_END } as const;

function mention(text: string, entity: EntityId, start: number, end: number): Mention {
  return { entity, start, end, text: text.slice(start, end) };
}

/** Sorts by start and keeps, of overlapping mentions, the earliest and then the longest. */
function nonOverlapping(list: Mention[]): Mention[] {
  if (list.length < 2) return list;
  list.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Mention[] = [];
  let lastEnd = -1;
  for (const m of list) {
    if (m.start >= lastEnd) {
      kept.push(m);
      lastEnd = m.end;
    } else if (m.entity === kept[kept.length - 1]?.entity && m.end > lastEnd) {
      // Same entity found by two routes ("resolution 1718" alias and the 1718 rule): keep the union.
      const last = kept[kept.length - 1] as Mention;
      kept[kept.length - 1] = { ...last, end: m.end, text: last.text + m.text.slice(lastEnd - m.start) };
      lastEnd = m.end;
    }
  }
  return kept;
}
