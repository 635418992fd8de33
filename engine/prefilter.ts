/*
 * A cheap first look at a text: can it hold a mention at all? Almost every text on the web
 * cannot, and answering that with a few table lookups per character is several times cheaper than
 * the matcher, which walks a trie at every word start. The page layer asks it of every text node,
 * so that only the few blocks that pass are read in full and matched.
 *
 * The answer must never be "no" for a text the matcher would find something in, or for a text
 * that changes the page context (see `pageContext`): every alias of every entity contains one
 * of the keys below (written folded), once folded, and `tests/engine/prefilter.test.ts` fails the day an alias is added
 * that does not. Keys are word stems, not whole aliases, so that inflected and compound forms
 * ("nordkoreanisch", "Koreańskiej") are covered by the same key.
 */
const KEYS = [
  // The DPRK: every name contains "Korea" in some language, or one of the acronyms. The Romance
  // forms are listed whole ("core" alone is in French "encore" and English "score").
  'kore',
  'coree',
  'corea',
  'coreia',
  'coreen',
  'corean',
  'coreea',
  'коре',
  'κορε',
  'كوري',
  // Persian: "کره" alone folds like Arabic "الكرة" (the ball), so the other words of the names
  // (شمالی, دموکرات), written as they fold: Arabic yā' and kāf for the Persian letters.
  'شمالي',
  'دموكرات',
  'קוריא',
  'कोरिया',
  'trieu',
  '북한',
  // Three syllables: 조선 alone is also shipbuilding (조선업).
  '조선민',
  '북조선',
  '朝鮮',
  '朝鲜',
  '北韩',
  '北韓',
  'dprk',
  'd.p.r',
  'rpdc',
  'r.p.d',
  'dvrk',
  'kldr',
  'krld',
  'кндр',
  'chdcnd',
  'kdhc',
  'rrdk',
  // Resolution 1718 and its committee; also "1718 (2006)", which makes a page topical.
  '1718',
  // The Reconnaissance General Bureau.
  'rgb',
  'reconn',
  'aufklar',
  'reconoc',
  'reconhec',
  'ricogniz',
  'разведыв',
  '정찰총',
  '정찰정',
  '偵察',
  '侦察',
  'pengintai',
  'استطلاع',
  // The Multilateral Sanctions Monitoring Team; "msmt" also covers the Czech ministry's MŠMT.
  'msmt',
  'emss',
  'multilat',
  'многосторон',
  '다국적',
  '多国間',
  '多边',
  '多邊',
  '多国制',
  'عقوبات',
  'الرصد',
  'yaptir', // Turkish "yaptırım", dotless ı folded
  'pemantau',
  // The Czech ministry of education, whose pages make "MSMT" ambiguous.
  'skolstv',
  'mladeze',
  // The UN Panel of Experts, by its "panel" or "group of" words where the bare word for
  // "expert" is ordinary prose (English, French, Korean, Chinese, Japanese).
  'panel',
  "d'expert",
  'expertos',
  'experten',
  'perit',
  'espert',
  'especialist',
  'sachverst',
  'эксперт',
  '패널',
  '家パネ',
  '家小组',
  '家小組',
];

const GRAM_MASK = 0xffff;
/** What invisible characters fold to (the engine's IGNORABLE). */
const IGNORABLE = 0;
/** What spaces and hyphens fold to (the engine's SEP). */
const SEP = 32;

interface Tables {
  /**
   * Bit 1 where the hash of two folded characters is that of a two-character key (the CJK ones),
   * bit 2 of three characters where it is a three-character key's, bit 4 of four characters where
   * it is the first four of a longer key's. Two characters alone ("co", "re", "pe") start too many
   * ordinary words; four rarely start a key's word without being one.
   */
  grams: Uint8Array;
  /** Folded keys (as code arrays) by their first folded code unit, to confirm a hit. */
  byFirst: Map<number, Uint16Array[]>;
}

/**
 * The tables and the fold cache, once per JavaScript realm: the content script's boot script and
 * the module it loads when a page wakes (each a bundle with its own copy of this file) run in the
 * same isolated world, and the second one finds them built and filled by the first.
 */
interface Shared {
  tables: Tables | null;
  folded: Uint16Array;
}
const SHARED_KEY = Symbol.for('sanctions-context.prefilter');
const realm = globalThis as { [SHARED_KEY]?: Shared };
realm[SHARED_KEY] ??= { tables: null, folded: new Uint16Array(0x10000) };
const shared: Shared = realm[SHARED_KEY];

// The prefilter runs in the script every page and frame gets, before anything else: it folds
// with a fold of its own rather than the engine's (engine/fold.ts), whose tables and Unicode
// class cost milliseconds to set up. The two agree on every character that folds to a key's
// character, an invisible one or a separator (tests/engine/prefilter.test.ts checks all 65,536
// code units); elsewhere this one may fold more, which only admits more text.
const SPACES =
  '\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';
// Hyphens join the words of a name as spaces do; one before a line break may split a word.
const HYPHENS = '-\u2010\u2011\u2012\u2013\u2212\ufe63\uff0d\u05be';
const APOSTROPHES = "'`\xb4\u2018\u2019\u201b\u2032\u02bc\u02b9\uff07";
const ZERO_WIDTH = '\xad\u180e\u200b\u200c\u200d\u2060\ufeff';
/** Arabic-script letters written two ways (Persian kāf and yā, alif maqṣūra, tā' marbūṭa), as the engine folds them. */
const ARABIC: Record<number, number> = { 1705: 0x0643, 1740: 0x064a, 1609: 0x064a, 1577: 0x0647 };

/** Arabic harakat and Hebrew niqqud and cantillation marks: optional vowel points. */
function isPointing(c: number): boolean {
  return (
    (c >= 0x0591 && c <= 0x05c7 && c !== 0x05be && c !== 0x05c0 && c !== 0x05c3 && c !== 0x05c6) ||
    (c >= 0x0610 && c <= 0x061a) ||
    (c >= 0x064b && c <= 0x065f) ||
    c === 0x0670
  );
}

/** The fold of one code unit: case, diacritics and width removed; IGNORABLE for invisible ones, SEP for spaces and hyphens. */
function foldCode(c: number): number {
  const ch = String.fromCharCode(c);
  if (ZERO_WIDTH.includes(ch) || (c >= 0x0300 && c < 0x0370) || isPointing(c)) return IGNORABLE;
  if (SPACES.includes(ch) || HYPHENS.includes(ch)) return SEP;
  if (APOSTROPHES.includes(ch)) return 0x27;
  if (c >= 0xff01 && c <= 0xff5e)
    return String.fromCharCode(c - 0xfee0)
      .toLowerCase()
      .charCodeAt(0);
  if (c >= 0x2000 || (c >= 0xd800 && c < 0xe000)) return c;
  const base = ch.normalize('NFD').charAt(0).toLowerCase();
  let l = base.length === 1 ? base.charCodeAt(0) : c;
  if (l === 0x131) l = 0x69; // Turkish dotless ı → i
  return ARABIC[l] ?? l;
}

/**
 * Folds are computed once per code unit met, so a page pays only for the characters it has;
 * stored as `fold ^ 0xffff`, so the zeros a new array starts with mean "not yet" and no frame
 * fills 128 KB before it reads a word (U+FFFF, a noncharacter, is simply folded every time).
 */
const folded = shared.folded;

function fold(code: number): number {
  const f = folded[code] as number;
  if (f !== 0) return f ^ 0xffff;
  const g = foldCode(code);
  folded[code] = g ^ 0xffff;
  return g;
}

/** The keys that are not written as the prefilter folds them (for the test that wants none). */
export function unfoldedKeys(): string[] {
  return KEYS.filter((key) => Array.from(key, (ch) => String.fromCharCode(fold(ch.charCodeAt(0)))).join('') !== key);
}

/**
 * The prefilter's own fold of code unit `code`, for the test that compares it with the engine's:
 * IGNORABLE (0) for invisible characters, SEP (32) for spaces and hyphens.
 */
export function prefilterFold(code: number): number {
  return fold(code);
}

/** The keys as code arrays (written folded: see `unfoldedKeys`). */
export function prefilterKeys(): Uint16Array[] {
  return KEYS.map((key) => Uint16Array.from(key, (ch) => ch.charCodeAt(0)));
}

// The hashes of two, three and four folded characters; `mayMention` computes them inline.
const hash2 = (a: number, b: number) => ((a << 7) ^ b) & GRAM_MASK;
const hash3 = (a: number, b: number, c: number) => ((a << 10) ^ (b << 5) ^ c) & GRAM_MASK;
const hash4 = (a: number, b: number, c: number, d: number) => ((a << 9) ^ (b << 6) ^ (c << 3) ^ d) & GRAM_MASK;

/** Built on first use: loading the prefilter on a page must cost nothing. */
function build(): Tables {
  const grams = new Uint8Array(GRAM_MASK + 1);
  const byFirst = new Map<number, Uint16Array[]>();
  for (const c of prefilterKeys()) {
    if (c.length < 2) throw new Error(`a prefilter key is shorter than two characters: ${String.fromCharCode(...c)}`);
    const [a, b, d, e] = c as unknown as [number, number, number, number];
    const [at, bit] = c.length === 2 ? [hash2(a, b), 1] : c.length === 3 ? [hash3(a, b, d), 2] : [hash4(a, b, d, e), 4];
    grams[at] = (grams[at] as number) | bit;
    const list = byFirst.get(a);
    if (list) list.push(c);
    else byFirst.set(a, [c]);
  }
  return { grams, byFirst };
}

/** True when one of `keys` (folded) starts at `at` in `text`. */
function keyAt(text: string, at: number, keys: readonly Uint16Array[]): boolean {
  outer: for (const key of keys) {
    if (at + key.length > text.length) continue;
    for (let j = 1; j < key.length; j++) {
      if (fold(text.charCodeAt(at + j)) !== key[j]) continue outer;
    }
    return true;
  }
  return false;
}

/** True when a line break at `i` follows a hyphen ("Recon-\nnaissance"), which the matcher joins. */
function hyphenBefore(text: string, i: number): boolean {
  for (let k = i - 1; k >= 0; k--) {
    const code = text.charCodeAt(k);
    if (code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d) continue;
    return HYPHENS.includes(String.fromCharCode(code));
  }
  return false;
}

/**
 * False only when `text` certainly holds no mention and nothing that changes the page context:
 * no key word stem (folded like the matcher folds), no invisible character (soft hyphen,
 * zero-width, combining mark) and no hyphen at a line break, either of which could hide a name
 * from a plain comparison. True for anything that might; `findMentions` then decides. Costs about
 * four table lookups per character; false for the empty string.
 */
export function mayMention(text: string): boolean {
  const n = text.length;
  if (n === 0) return false;
  shared.tables ??= build();
  const tables = shared.tables;
  const { grams, byFirst } = tables;
  // The three folded characters before `i`; a separator stays in them (no key holds one).
  let p1 = SEP;
  let p2 = SEP;
  let p3 = SEP;
  // Written out by hand: before V8 optimises it, this loop runs in the interpreter, where every
  // call per character costs as much as the rest of the iteration.
  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i);
    let f = (folded[code] as number) ^ 0xffff;
    if (f === 0xffff) f = fold(code);
    if (f === IGNORABLE) return true;
    if (f === SEP) {
      if ((code === 0x0a || code === 0x0d) && hyphenBefore(text, i)) return true;
    } else {
      const hit =
        ((grams[((p1 << 7) ^ f) & GRAM_MASK] as number) & 1) |
        ((grams[((p2 << 10) ^ (p1 << 5) ^ f) & GRAM_MASK] as number) & 2) |
        ((grams[((p3 << 9) ^ (p2 << 6) ^ (p1 << 3) ^ f) & GRAM_MASK] as number) & 4);
      if (hit !== 0 && keyEndingAt(text, i, hit, byFirst)) return true;
    }
    p3 = p2;
    p2 = p1;
    p1 = f;
  }
  return false;
}

/** True when a key starts 1, 2 or 3 characters before `i` (as bits 1, 2, 4 of `hit` say). */
function keyEndingAt(text: string, i: number, hit: number, byFirst: Map<number, Uint16Array[]>): boolean {
  for (let back = 1, bit = 1; back <= 3; back++, bit <<= 1) {
    if ((hit & bit) === 0 || i - back < 0) continue;
    const keys = byFirst.get(fold(text.charCodeAt(i - back)));
    if (keys !== undefined && keyAt(text, i - back, keys)) return true;
  }
  return false;
}
