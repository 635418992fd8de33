import { foldLoose, foldStrict, foldTables, IGNORABLE, isCjkCode, SEP } from './fold.ts';
import type { EntityId } from './types.ts';

/** One name of an entity, as compiled from data/aliases.json. */
export interface AliasEntry {
  entity: EntityId;
  alias: string;
  /** Written in capitals (DPRK, RGB): matched case-sensitively, diacritics kept (MŠMT ≠ MSMT). */
  acronym: boolean;
  /** Needs no word boundary at its start / end (Han, Kana, Hangul compound without spaces). */
  openStart: boolean;
  openEnd: boolean;
}

interface TrieNode {
  next: Map<number, TrieNode> | null;
  /** A `*` follows here: any further letters of the same word are part of the name. */
  wild: boolean;
  out: AliasEntry | null;
}

/** A raw match of one alias, before disambiguation. */
export interface AliasMatch {
  entry: AliasEntry;
  start: number;
  end: number;
}

const WILD = 42; // '*'

function newNode(): TrieNode {
  return { next: null, wild: false, out: null };
}

function isAcronym(alias: string): boolean {
  return !alias.includes('*') && alias === alias.toUpperCase() && /\p{Lu}.*\p{Lu}/u.test(alias);
}

/**
 * Aliases compiled into two tries: names (loose fold) and acronyms (strict fold). Matching walks a
 * trie from each possible start, so the cost is linear in the text and bounded by the longest name;
 * there is no backtracking to blow up.
 */
export class AliasMatcher {
  private readonly loose = newNode();
  private readonly strict = newNode();
  private readonly looseStarts = new Uint8Array(0x10000);
  private readonly strictStarts = new Uint8Array(0x10000);
  /** First characters of names that may start inside a word (Han, Kana, Hangul). */
  private readonly openStarts = new Uint8Array(0x10000);
  /** Alias strings (folded) that more than one entity claims; empty when the data is sound. */
  readonly conflicts: string[] = [];
  /** Complete fold tables, read directly in the loops below (see `foldTables`). */
  private readonly foldLoose: Uint16Array;
  private readonly foldStrict: Uint16Array;
  private readonly word: Uint8Array;

  constructor(aliases: Partial<Record<EntityId, Record<string, readonly string[]>>>) {
    const tables = foldTables();
    this.foldLoose = tables.loose;
    this.foldStrict = tables.strict;
    this.word = tables.word;
    for (const [entity, byLang] of Object.entries(aliases) as [EntityId, Record<string, readonly string[]>][]) {
      for (const list of Object.values(byLang)) for (const alias of list) this.add(entity, alias);
    }
  }

  private add(entity: EntityId, alias: string): void {
    const acronym = isAcronym(alias);
    const fold = acronym ? foldStrict : foldLoose;
    let node = acronym ? this.strict : this.loose;
    const starts = acronym ? this.strictStarts : this.looseStarts;
    let first = true;
    let lastSep = true;
    let firstCode = -1;
    let lastCode = -1;
    for (let i = 0; i < alias.length; i++) {
      const code = alias.charCodeAt(i);
      if (code === WILD) {
        node.wild = true;
        continue;
      }
      let f = fold(code);
      if (f === IGNORABLE) continue;
      if (f === SEP) {
        // Korean spacing varies (다국적 제재 모니터링팀, 다국적제재모니터링팀): names are stored
        // without spaces between Hangul syllables, and the scan skips such spaces in the text.
        if (lastSep || (isHangul(lastCode) && isHangul(nextLetter(alias, i)))) continue;
        lastSep = true;
      } else {
        lastSep = false;
        if (firstCode < 0) firstCode = code;
        lastCode = code;
      }
      if (first) {
        starts[f] = 1;
        if (isCjkCode(code)) this.openStarts[f] = 1;
        first = false;
      }
      if (!node.next) node.next = new Map();
      let child = node.next.get(f);
      if (!child) {
        child = newNode();
        node.next.set(f, child);
      }
      node = child;
      f = 0;
    }
    const entry: AliasEntry = {
      entity,
      alias,
      acronym,
      openStart: isCjkCode(firstCode),
      openEnd: isCjkCode(lastCode) && !alias.endsWith('*'),
    };
    if (node.out && node.out.entity !== entity) this.conflicts.push(alias);
    if (!node.out) node.out = entry;
  }

  /**
   * Every leftmost-longest alias match in `text`, in order and non-overlapping within each trie.
   * Returns an empty array when nothing matches; never throws.
   */
  scan(text: string): AliasMatch[] {
    const out: AliasMatch[] = [];
    const n = text.length;
    const { foldLoose: loose, foldStrict: strict, word } = this;
    let prevWord = false; // is the last visible character before i a word character?
    let skipUntil = 0;
    for (let i = 0; i < n; i++) {
      const code = text.charCodeAt(i);
      const lf = loose[code] as number;
      if (lf === IGNORABLE) continue;
      // Inside a word only names of scripts without spaces can start; skipping the rest keeps
      // one long "word" (10 MB without a space) linear instead of a walk from every letter.
      if (i >= skipUntil && (!prevWord || this.openStarts[lf] === 1)) {
        let best: AliasMatch | null = null;
        if (this.looseStarts[lf] === 1) best = this.walk(text, i, this.loose, loose, prevWord);
        if (this.strictStarts[strict[code] as number] === 1) {
          const m = this.walk(text, i, this.strict, strict, prevWord);
          if (m && (!best || m.end > best.end)) best = m;
        }
        // Arabic and Hebrew attach conjunctions and prepositions to the next word (وكوريا,
        // בצפון): after such proclitics at a word start, a name starts as at a word boundary.
        // Looked at only where a word starts with one, so other scripts pay nothing.
        if (!best && !prevWord && code >= 0x05d0 && code <= 0x0648 && procliticSet(code) !== null) {
          best = this.afterProclitics(text, i);
        }
        if (best) {
          out.push(best);
          skipUntil = best.end;
        }
      }
      prevWord = word[code] === 1;
    }
    return out;
  }

  /** The longest match of either trie starting at `i` (`inWord`: a word character precedes it), or null. */
  private longestAt(text: string, i: number, inWord: boolean): AliasMatch | null {
    const code = text.charCodeAt(i);
    let best: AliasMatch | null = null;
    if (this.looseStarts[this.foldLoose[code] as number] === 1)
      best = this.walk(text, i, this.loose, this.foldLoose, inWord);
    if (this.strictStarts[this.foldStrict[code] as number] === 1) {
      const m = this.walk(text, i, this.strict, this.foldStrict, inWord);
      if (m && (!best || m.end > best.end)) best = m;
    }
    return best;
  }

  /**
   * A name right after one to three proclitics of one script at the word start `i` (وب, ول, וב,
   * שב; لـ with a tatweel, also before a Latin acronym: لـMSMT). The proclitics stay outside the
   * match. Null when no name follows them.
   */
  private afterProclitics(text: string, i: number): AliasMatch | null {
    const set = procliticSet(text.charCodeAt(i));
    if (set === null) return null;
    let p = i;
    for (let n = 0; n < MAX_PROCLITICS && p < text.length && set.has(text.charCodeAt(p)); n++) {
      p++;
      const at = text.charCodeAt(p) === TATWEEL ? p + 1 : p;
      if (at >= text.length) break;
      const m = this.longestAt(text, at, false);
      if (m) return m;
    }
    return null;
  }

  private walk(text: string, start: number, root: TrieNode, fold: Uint16Array, prevWord: boolean): AliasMatch | null {
    return this.walkFrom(text, start, start, root, false, root, fold, prevWord);
  }

  /**
   * Follows the trie from `node` at text position `j`. Where a `*` node could either take an
   * explicit child or swallow the letter as an inflection ("Kore*" beside "Korea Utara"), both
   * paths are tried; names have few `*`, so the branching stays small and bounded by name length.
   */
  private walkFrom(
    text: string,
    start: number,
    pos: number,
    from: TrieNode,
    wild: boolean,
    root: TrieNode,
    fold: Uint16Array,
    prevWord: boolean,
  ): AliasMatch | null {
    const n = text.length;
    const { foldStrict: strict, word } = this;
    let node = from;
    let j = pos;
    let inWild = wild;
    let best: AliasMatch | null = null;
    while (j < n) {
      const code = text.charCodeAt(j);
      const f = fold[code] as number;
      if (f === IGNORABLE) {
        j++;
        continue;
      }
      if (f === SEP) {
        // A run of spaces/hyphens is one separator; a hyphen at a line break inside a word
        // ("Recon-\nnaissance") is print hyphenation and joins the two halves.
        let k = j;
        let hyphen = false;
        let newline = false;
        while (k < n) {
          const c2 = text.charCodeAt(k);
          const f2 = fold[c2] as number;
          if (f2 !== SEP && f2 !== IGNORABLE) break;
          if (c2 === 0x0a || c2 === 0x0d) newline = true;
          else if (f2 === SEP && strict[c2] !== SEP) hyphen = true;
          k++;
        }
        const child = node.next?.get(SEP);
        if (child && node !== root) {
          node = child;
          j = k;
          inWild = false;
          continue;
        }
        // At least three syllables before the space: "남북 한자리" must not read as 북한, and the
        // prefilter can rely on the first three syllables of a name being written together.
        if (j - start >= 3 && k < n && isHangul(text.charCodeAt(k)) && isHangul(text.charCodeAt(j - 1))) {
          if (node.next?.has(fold[text.charCodeAt(k)] as number)) {
            j = k;
            continue;
          }
        }
        if (hyphen && newline && node !== root && k < n && word[text.charCodeAt(k)] === 1) {
          j = k;
          continue;
        }
        break;
      }
      const child = inWild ? undefined : node.next?.get(f);
      const canSwallow = node.wild && word[code] === 1;
      if (child && canSwallow) {
        const viaChild = this.walkFrom(text, start, j + 1, child, false, root, fold, prevWord);
        const viaWild = this.walkFrom(text, start, j + 1, node, true, root, fold, prevWord);
        const longer = !viaWild || (viaChild && viaChild.end >= viaWild.end) ? viaChild : viaWild;
        return longer ?? best;
      }
      if (child) {
        node = child;
        j++;
      } else if (canSwallow) {
        inWild = true;
        j++;
      } else break;
      const entry = node.out;
      if (entry && (entry.openStart || !prevWord)) {
        if (entry.openEnd || word[nextVisible(text, j)] !== 1) best = { entry, start, end: j };
      }
    }
    return best;
  }
}

const TATWEEL = 0x0640;
/** Arabic proclitics: wa- "and", fa- "so", bi- "with/by", li- "for", ka- "like". */
const ARABIC_PROCLITICS = new Set([0x0648, 0x0641, 0x0628, 0x0644, 0x0643]);
/** Hebrew prefixes: ve- "and", ha- "the", be- "in", le- "to", mi- "from", she- "that", ke- "as". */
const HEBREW_PROCLITICS = new Set([0x05d5, 0x05d4, 0x05d1, 0x05dc, 0x05de, 0x05e9, 0x05db]);
const MAX_PROCLITICS = 3;

/** The proclitic set that `code` belongs to (Arabic or Hebrew), or null. */
function procliticSet(code: number): ReadonlySet<number> | null {
  return ARABIC_PROCLITICS.has(code) ? ARABIC_PROCLITICS : HEBREW_PROCLITICS.has(code) ? HEBREW_PROCLITICS : null;
}

/** A Hangul syllable. */
function isHangul(code: number): boolean {
  return code >= 0xac00 && code <= 0xd7a3;
}

/** Code of the first character after position i of an alias that is not a space or hyphen, or 0. */
function nextLetter(alias: string, i: number): number {
  for (let k = i + 1; k < alias.length; k++) {
    const code = alias.charCodeAt(k);
    if (foldLoose(code) !== SEP) return code;
  }
  return 0;
}

/** Code of the next visible character at or after i, or 0 at the end of the text. */
export function nextVisible(text: string, i: number): number {
  for (let k = i; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (foldStrict(c) !== IGNORABLE) return c;
  }
  return 0;
}
