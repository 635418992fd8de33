import {
  ARABIC_PROCLITICS,
  CLASS_IGNORABLE,
  CLASS_OPEN_START,
  CLASS_PROCLITIC,
  CLASS_START,
  CLASS_WORD,
  HEBREW_PROCLITICS,
  OPEN_END,
  OPEN_START,
} from './alias-constants.ts';
import { CLASS, decodeNumbers, IGNORABLE, LOOSE, SEP, STRICT } from './fold-tables.ts';
import {
  ALIAS_ENTRIES,
  LOOSE_TRIE_CODES,
  LOOSE_TRIE_INFO,
  LOOSE_TRIE_NEXT,
  STRICT_TRIE_CODES,
  STRICT_TRIE_INFO,
  STRICT_TRIE_NEXT,
} from './generated-tables.ts';
import { ENTITY_IDS, type EntityId } from './types.ts';

/** What the index knows of one name of an entity (flags: engine/alias-constants.ts). */
export interface AliasEntry {
  entity: EntityId;
  /** ACRONYM, OPEN_START, OPEN_END and the RULE_* flags of engine/alias-constants.ts. */
  flags: number;
}

/** A raw match of one alias, before disambiguation. */
export interface AliasMatch {
  entry: AliasEntry;
  start: number;
  end: number;
}

const ENTRIES: readonly AliasEntry[] = ALIAS_ENTRIES.map(([entity, flags]) => ({
  entity: ENTITY_IDS[entity] as EntityId,
  flags,
}));

/** Bits of a node's info: it has children (the first is the next node). */
const HAS_CHILD = 1;
/** A `*` follows: any further letters of the same word are part of the name. */
const WILD = 2;
/** Entry number + 1 of the name ending at the node (0: none) is the info shifted right by this. */
const OUT_SHIFT = 2;

/**
 * A trie as the generator flattened it, depth first (scripts/generate-engine-tables.ts): node 0 is
 * the root, a node's first child is the node after it, `next` links siblings (0 ends a list). The
 * codes are read in place from the string, so loading costs only the small tables below.
 */
interface Trie {
  /** Code unit of the edge into each node. */
  codes: string;
  /** HAS_CHILD | WILD | (entry + 1) << OUT_SHIFT, per node. */
  info: Uint8Array;
  next: Uint16Array;
  /** The root's child by folded code, 0 for none. */
  rootChild: Uint16Array;
  /**
   * What the second character of a name from root child `r` says, at `(r × 31 + f) & 0xffff` (a
   * hash: collisions only ever cost a walk): 0, no name goes on with `f`; 1, some do, ask
   * `third`; 2, walk (a name ends after `f` or has a `*` there, or `f` is an ignorable or
   * separator code, which the walk handles itself).
   */
  second: Uint8Array;
  /** 1 at `(r × 961 + f2 × 31 + f3) & 0xffff` when some name from root child `r` goes on with `f2` then `f3`. */
  third: Uint8Array;
}

/** Child of `node` by folded code `f`, or 0. */
function childOf(trie: Trie, node: number, f: number): number {
  if (node === 0) return trie.rootChild[f] as number;
  if (((trie.info[node] as number) & HAS_CHILD) === 0) return 0;
  let c = node + 1;
  while (c !== 0 && trie.codes.charCodeAt(c) !== f) c = trie.next[c] as number;
  return c;
}

/** Reads one trie of generated-tables.ts: its sibling links and the two lookup tables of its root. */
function decodeTrie(codes: string, infoRuns: string, nextRuns: string): Trie {
  const info = new Uint8Array(codes.length).fill(HAS_CHILD);
  const infoPairs = decodeNumbers(infoRuns);
  let node = 0;
  for (let i = 0; i + 1 < infoPairs.length; i += 2) {
    node += infoPairs[i] as number;
    info[node] = infoPairs[i + 1] as number;
  }
  const next = new Uint16Array(codes.length);
  const nextPairs = decodeNumbers(nextRuns);
  node = 0;
  for (let i = 0; i + 1 < nextPairs.length; i += 2) {
    node += nextPairs[i] as number;
    next[node] = node + (nextPairs[i + 1] as number);
  }
  const trie: Trie = {
    codes,
    info,
    next,
    rootChild: new Uint16Array(0x10000),
    second: new Uint8Array(0x10000),
    third: new Uint8Array(0x10000),
  };
  const { second, third } = trie;
  if (codes.length < 2) return trie;
  // Entries only ever go up (collisions included), so that a walk is skipped only where it cannot
  // match. Loops without calls: this runs while the module loads.
  for (let r = 1; r !== 0; r = next[r] as number) {
    trie.rootChild[codes.charCodeAt(r)] = r;
    const bits = info[r] as number;
    // A one-letter name, or a `*` right after the first letter: always walk.
    if ((bits & WILD) !== 0 || bits >> OUT_SHIFT !== 0) second.fill(2);
    second[(r * 31 + IGNORABLE) & 0xffff] = 2;
    second[(r * 31 + SEP) & 0xffff] = 2;
    if ((bits & HAS_CHILD) === 0) continue;
    for (let c = r + 1; c !== 0; c = next[c] as number) {
      const f2 = codes.charCodeAt(c);
      const cBits = info[c] as number;
      const key = (r * 31 + f2) & 0xffff;
      const value = (cBits & WILD) !== 0 || cBits >> OUT_SHIFT !== 0 ? 2 : 1;
      if ((second[key] as number) < value) second[key] = value;
      third[(r * 961 + f2 * 31 + IGNORABLE) & 0xffff] = 1;
      third[(r * 961 + f2 * 31 + SEP) & 0xffff] = 1;
      if ((cBits & HAS_CHILD) === 0) continue;
      for (let g = c + 1; g !== 0; g = next[g] as number) third[(r * 961 + f2 * 31 + codes.charCodeAt(g)) & 0xffff] = 1;
    }
  }
  return trie;
}

/**
 * Aliases (data/aliases.json, compiled at build time) in two tries: names (loose fold) and acronyms
 * (strict fold). Matching walks a trie from each possible start, so the cost is linear in the text
 * and bounded by the longest name; there is no backtracking to blow up.
 */
export class AliasIndex {
  private readonly loose: Trie;
  private readonly strict: Trie;

  constructor() {
    this.loose = decodeTrie(LOOSE_TRIE_CODES, LOOSE_TRIE_INFO, LOOSE_TRIE_NEXT);
    this.strict = decodeTrie(STRICT_TRIE_CODES, STRICT_TRIE_INFO, STRICT_TRIE_NEXT);
  }

  /**
   * Every leftmost-longest alias match in `text`, in order and non-overlapping within each trie.
   * Returns an empty array when nothing matches; never throws.
   */
  scan(text: string): AliasMatch[] {
    const out: AliasMatch[] = [];
    const n = text.length;
    // Locals rather than module bindings: this loop runs cold (interpreted) on a page's first
    // text, where every module variable read costs a check.
    const cls = CLASS;
    const loose = LOOSE;
    const strict = STRICT;
    const looseRoot = this.loose.rootChild;
    const strictRoot = this.strict.rootChild;
    const looseSecond = this.loose.second;
    const strictSecond = this.strict.second;
    const looseThird = this.loose.third;
    const strictThird = this.strict.third;
    let prevWord = false; // is the last visible character before i a word character?
    let skipUntil = 0;
    for (let i = 0; i < n; i++) {
      const code = text.charCodeAt(i);
      const k = cls[code] as number;
      if ((k & CLASS_IGNORABLE) !== 0) continue;
      // Inside a word only names of scripts without spaces can start; skipping the rest keeps
      // one long "word" (10 MB without a space) linear instead of a walk from every letter.
      if (
        (k & (CLASS_START | CLASS_PROCLITIC)) !== 0 &&
        i >= skipUntil &&
        (!prevWord || (k & CLASS_OPEN_START) !== 0)
      ) {
        let best: AliasMatch | null = null;
        // Most word starts fail by their third letter: the `second` and `third` tables tell so
        // without a walk, whose calls are what a page's first, still interpreted, scan spends
        // its time on. Near the end of the text, walk.
        const ln = looseRoot[(code + (loose[code] as number)) & 0xffff] as number;
        let walkLoose = ln !== 0;
        const sn = strictRoot[(code + (strict[code] as number)) & 0xffff] as number;
        let walkStrict = sn !== 0;
        if ((walkLoose || walkStrict) && i + 2 < n) {
          const c2 = text.charCodeAt(i + 1);
          const c3 = text.charCodeAt(i + 2);
          if (walkLoose) {
            const f2 = (c2 + (loose[c2] as number)) & 0xffff;
            const second = looseSecond[(ln * 31 + f2) & 0xffff] as number;
            if (second !== 2) {
              const f3 = (c3 + (loose[c3] as number)) & 0xffff;
              walkLoose = second === 1 && looseThird[(ln * 961 + f2 * 31 + f3) & 0xffff] === 1;
            }
          }
          if (walkStrict) {
            const f2 = (c2 + (strict[c2] as number)) & 0xffff;
            const second = strictSecond[(sn * 31 + f2) & 0xffff] as number;
            if (second !== 2) {
              const f3 = (c3 + (strict[c3] as number)) & 0xffff;
              walkStrict = second === 1 && strictThird[(sn * 961 + f2 * 31 + f3) & 0xffff] === 1;
            }
          }
        }
        if (walkLoose) best = this.walkFrom(text, i, i, 0, false, this.loose, loose, prevWord);
        if (walkStrict) {
          const m = this.walkFrom(text, i, i, 0, false, this.strict, strict, prevWord);
          if (m && (!best || m.end > best.end)) best = m;
        }
        // Arabic and Hebrew attach conjunctions and prepositions to the next word (وكوريا,
        // בצפון): after such proclitics at a word start, a name starts as at a word boundary.
        // Looked at only where a word starts with one, so other scripts pay nothing.
        if (!best && !prevWord && (k & CLASS_PROCLITIC) !== 0) best = this.afterProclitics(text, i);
        if (best) {
          out.push(best);
          skipUntil = best.end;
        }
      }
      prevWord = (k & CLASS_WORD) !== 0;
    }
    return out;
  }

  /** The longest match of either trie starting at `i` (`inWord`: a word character precedes it), or null. */
  private longestAt(text: string, i: number, inWord: boolean): AliasMatch | null {
    const code = text.charCodeAt(i);
    let best: AliasMatch | null = null;
    if (this.loose.rootChild[(code + (LOOSE[code] as number)) & 0xffff] !== 0)
      best = this.walkFrom(text, i, i, 0, false, this.loose, LOOSE, inWord);
    if (this.strict.rootChild[(code + (STRICT[code] as number)) & 0xffff] !== 0) {
      const m = this.walkFrom(text, i, i, 0, false, this.strict, STRICT, inWord);
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

  /**
   * Follows `trie` from node `from` (0: its root) at text position `pos`, the name having started
   * at `start`; `fold` is the trie's delta fold table. Where a `*` node could either take an
   * explicit child or swallow the letter as an inflection ("Kore*" beside "Korea Utara"), both
   * paths are tried; names have few `*`, so the branching stays small and bounded by name length.
   * Returns the longest match, or null.
   */
  private walkFrom(
    text: string,
    start: number,
    pos: number,
    from: number,
    wild: boolean,
    trie: Trie,
    fold: Uint16Array,
    prevWord: boolean,
  ): AliasMatch | null {
    const n = text.length;
    const strict = STRICT;
    const cls = CLASS;
    let node = from;
    let j = pos;
    let inWild = wild;
    let best: AliasMatch | null = null;
    while (j < n) {
      const code = text.charCodeAt(j);
      const f = (code + (fold[code] as number)) & 0xffff;
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
          const f2 = (c2 + (fold[c2] as number)) & 0xffff;
          if (f2 !== SEP && f2 !== IGNORABLE) break;
          if (c2 === 0x0a || c2 === 0x0d) newline = true;
          else if (f2 === SEP && ((c2 + (strict[c2] as number)) & 0xffff) !== SEP) hyphen = true;
          k++;
        }
        const sepChild = node === 0 ? 0 : childOf(trie, node, SEP);
        if (sepChild !== 0) {
          node = sepChild;
          j = k;
          inWild = false;
          continue;
        }
        // At least three syllables before the space: "남북 한자리" must not read as 북한, and the
        // prefilter can rely on the first three syllables of a name being written together.
        if (j - start >= 3 && k < n && isHangul(text.charCodeAt(k)) && isHangul(text.charCodeAt(j - 1))) {
          const ck = text.charCodeAt(k);
          if (childOf(trie, node, (ck + (fold[ck] as number)) & 0xffff) !== 0) {
            j = k;
            continue;
          }
        }
        if (hyphen && newline && node !== 0 && k < n && ((cls[text.charCodeAt(k)] as number) & CLASS_WORD) !== 0) {
          j = k;
          continue;
        }
        break;
      }
      const child = inWild ? 0 : childOf(trie, node, f);
      const canSwallow = ((trie.info[node] as number) & WILD) !== 0 && ((cls[code] as number) & CLASS_WORD) !== 0;
      if (child !== 0 && canSwallow) {
        const viaChild = this.walkFrom(text, start, j + 1, child, false, trie, fold, prevWord);
        const viaWild = this.walkFrom(text, start, j + 1, node, true, trie, fold, prevWord);
        const longer = !viaWild || (viaChild && viaChild.end >= viaWild.end) ? viaChild : viaWild;
        return longer ?? best;
      }
      if (child !== 0) {
        node = child;
        j++;
      } else if (canSwallow) {
        inWild = true;
        j++;
      } else break;
      const out = (trie.info[node] as number) >> OUT_SHIFT;
      if (out !== 0) {
        const entry = ENTRIES[out - 1] as AliasEntry;
        if ((entry.flags & OPEN_START) !== 0 || !prevWord) {
          if ((entry.flags & OPEN_END) !== 0 || ((cls[nextVisible(text, j)] as number) & CLASS_WORD) === 0)
            best = { entry, start, end: j };
        }
      }
    }
    return best;
  }
}

const TATWEEL = 0x0640;
const ARABIC_PROCLITIC_SET: ReadonlySet<number> = new Set(ARABIC_PROCLITICS);
const HEBREW_PROCLITIC_SET: ReadonlySet<number> = new Set(HEBREW_PROCLITICS);
const MAX_PROCLITICS = 3;

/** The proclitic set that `code` belongs to (Arabic or Hebrew), or null. */
function procliticSet(code: number): ReadonlySet<number> | null {
  return ARABIC_PROCLITIC_SET.has(code)
    ? ARABIC_PROCLITIC_SET
    : HEBREW_PROCLITIC_SET.has(code)
      ? HEBREW_PROCLITIC_SET
      : null;
}

/** A Hangul syllable. */
function isHangul(code: number): boolean {
  return code >= 0xac00 && code <= 0xd7a3;
}

/** Code of the next visible character at or after i, or 0 at the end of the text. */
export function nextVisible(text: string, i: number): number {
  for (let k = i; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (((c + (STRICT[c] as number)) & 0xffff) !== IGNORABLE) return c;
  }
  return 0;
}
