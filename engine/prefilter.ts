/*
 * A cheap first look at a text: can it hold a mention at all? Almost every text on the web
 * cannot, and answering that with two table lookups per character is several times cheaper than
 * the matcher, which walks a trie at every word start. The page layer asks it of every text node,
 * so that only the few blocks that pass are read in full and matched.
 *
 * The answer must never be "no" for a text the matcher would find something in, or for a text
 * that changes the page context (see `pageContext`): every alias of every entity contains one
 * of the keys below, once folded, and `tests/engine/prefilter.test.ts` fails the day an alias is added
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
  // Persian: "کره" alone folds like Arabic "الكرة" (the ball), so the other words of the names.
  'شمالی',
  'دموکرات',
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
  'yaptır',
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

const PAIR_BITS = 16;
const PAIR_MASK = (1 << PAIR_BITS) - 1;
const UNKNOWN = 0xffff;
/** What invisible characters fold to (the engine's IGNORABLE). */
const IGNORABLE = 0;
/** What spaces and hyphens fold to (the engine's SEP). */
const SEP = 32;

interface Tables {
  /** 1 where the hash of two folded characters is that of the first two of some key. */
  pairs: Uint8Array;
  /** Folded keys (as code arrays) by their first folded code unit, to confirm a pair hit. */
  byFirst: Map<number, Uint16Array[]>;
}

let tables: Tables | null = null;

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

/** Folds are computed once per code unit met, so a page pays only for the characters it has. */
const folded = new Uint16Array(0x10000).fill(UNKNOWN);

function fold(code: number): number {
  const f = folded[code] as number;
  if (f !== UNKNOWN) return f;
  const g = foldCode(code);
  folded[code] = g;
  return g;
}

/** `text` folded, invisible characters dropped: how a key is compared. */
function foldKey(text: string): Uint16Array {
  const codes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const f = fold(text.charCodeAt(i));
    if (f !== IGNORABLE) codes.push(f);
  }
  return Uint16Array.from(codes);
}

/**
 * The prefilter's own fold of code unit `code`, for the test that compares it with the engine's:
 * IGNORABLE (0) for invisible characters, SEP (32) for spaces and hyphens.
 */
export function prefilterFold(code: number): number {
  return fold(code);
}

/** The keys, folded, for the same test. */
export function prefilterKeys(): Uint16Array[] {
  return KEYS.map(foldKey);
}

function pairHash(a: number, b: number): number {
  return ((a << 7) ^ b) & PAIR_MASK;
}

/** Built on first use: loading the prefilter on a page must cost nothing. */
function build(): Tables {
  const pairs = new Uint8Array(1 << PAIR_BITS);
  const byFirst = new Map<number, Uint16Array[]>();
  for (const key of KEYS) {
    const codes = foldKey(key);
    if (codes.length < 2) throw new Error(`prefilter key "${key}" is shorter than two characters`);
    const first = codes[0] as number;
    pairs[pairHash(first, codes[1] as number)] = 1;
    const list = byFirst.get(first);
    if (list) list.push(codes);
    else byFirst.set(first, [codes]);
  }
  return { pairs, byFirst };
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
 * two table lookups per character; false for the empty string.
 */
export function mayMention(text: string): boolean {
  const n = text.length;
  if (n === 0) return false;
  tables ??= build();
  const { pairs, byFirst } = tables;
  let prev = fold(text.charCodeAt(0));
  if (prev === IGNORABLE) return true;
  for (let i = 1; i < n; i++) {
    const code = text.charCodeAt(i);
    const f = fold(code);
    if (f === IGNORABLE) return true;
    if (f === SEP) {
      if ((code === 0x0a || code === 0x0d) && hyphenBefore(text, i)) return true;
    } else if (pairs[pairHash(prev, f)] === 1) {
      const keys = byFirst.get(prev);
      if (keys !== undefined && keyAt(text, i - 1, keys)) return true;
    }
    prev = f;
  }
  return false;
}
