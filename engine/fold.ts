/**
 * Character folding for matching: one UTF-16 code unit in, one code unit out, so offsets into the
 * original text survive without an offset map. Folding is by table lookup, which keeps the scanner
 * cheaper than a regular expression over a normalised copy of the text.
 */

import { IGNORABLE, SEP } from './code-classes.ts';
import { foldStringWith } from './fold-string.ts';

export { IGNORABLE, isCjkCode, SEP } from './code-classes.ts';

const TABLE_SIZE = 0x10000;
/** Marks a table entry not computed yet: tables fill lazily so that loading the engine costs ~nothing. */
const UNKNOWN = 0xffff;
/** Case- and diacritic-insensitive fold (for names). */
const loose = new Uint16Array(TABLE_SIZE).fill(UNKNOWN);
/** Case-sensitive fold that only maps full-width Latin to ASCII and drops ignorables (for acronyms). */
const strict = new Uint16Array(TABLE_SIZE).fill(UNKNOWN);
/** 1 for letters and digits of scripts that separate words with spaces (Latin, Greek, Cyrillic…), 0 if not, 2 unknown. */
const wordChar = new Uint8Array(TABLE_SIZE).fill(2);

const SPACES = [
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006,
  0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
];
// U+05BE is the Hebrew maqaf, which joins words as a hyphen does (צפון־קוריאה).
const HYPHENS = [0x2d, 0x2010, 0x2011, 0x2012, 0x2013, 0x2212, 0xfe63, 0xff0d, 0x05be];
const APOSTROPHES = [0x27, 0x60, 0xb4, 0x2018, 0x2019, 0x201b, 0x2032, 0x02bc, 0x02b9, 0xff07];
const ZERO_WIDTH = [0xad, 0x180e, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff];
const IS_WORD = /[\p{L}\p{N}\p{M}_]/u;

/**
 * Arabic-script letters written two ways for the same name: Persian kāf and yā (کره / كره), alif
 * maqṣūra for final yā, tā' marbūṭa for hā'. Folding them lets one alias cover both spellings.
 * (Hamza on alif, أ إ آ, already folds to ا by decomposition.)
 */
const ARABIC_VARIANTS = new Map<number, number>([
  [0x06a9, 0x0643], // ک → ك
  [0x06cc, 0x064a], // ی → ي
  [0x0649, 0x064a], // ى → ي
  [0x0629, 0x0647], // ة → ه
]);

/** Arabic harakat (not the tatweel, which stays a letter) and Hebrew niqqud and cantillation marks. */
function isPointing(c: number): boolean {
  return (
    (c >= 0x0591 && c <= 0x05bd) ||
    c === 0x05bf ||
    c === 0x05c1 ||
    c === 0x05c2 ||
    c === 0x05c4 ||
    c === 0x05c5 ||
    c === 0x05c7 ||
    (c >= 0x0610 && c <= 0x061a) ||
    (c >= 0x064b && c <= 0x065f) ||
    c === 0x0670
  );
}

/** Computes the three table entries of one code unit. */
function fill(c: number): void {
  let l = c;
  let s = c;
  let w = 0;
  if (c >= 0xd800 && c < 0xe000) {
    // surrogate halves: never part of a name
  } else if (c >= 0xff01 && c <= 0xff5e) {
    // Full-width ASCII (ＭＳＭＴ) folds to ASCII.
    s = c - 0xfee0;
    const ascii = String.fromCharCode(s);
    l = ascii.toLowerCase().charCodeAt(0);
    w = /[A-Za-z0-9]/.test(ascii) ? 1 : 0;
  } else if (c >= 0x0300 && c < 0x0370) {
    l = IGNORABLE; // combining diacritics (decomposed input)
    w = 1;
  } else if (isPointing(c)) {
    l = IGNORABLE; // Arabic harakat and Hebrew niqqud: optional vowel points, rarely written
    w = 1;
  } else if (c < 0x2000) {
    // Latin, Greek, Cyrillic and their extensions: fold case and strip diacritics (NFD, keep the
    // base letter) so "Corée", "COREE" and "coree" compare equal.
    const ch = String.fromCharCode(c);
    if (IS_WORD.test(ch)) {
      w = 1;
      const base = ch.normalize('NFD').charAt(0).toLowerCase();
      if (base.length === 1) l = base.charCodeAt(0);
      if (l === 0x451) l = 0x435; // ё → е, as Russian is usually written
      if (l === 0x131) l = 0x69; // Turkish dotless ı → i, so that YAPTIRIM and Yaptırım compare equal
      l = ARABIC_VARIANTS.get(l) ?? l;
    }
  }
  loose[c] = l;
  strict[c] = s;
  wordChar[c] = w;
}

function build(): void {
  for (let c = 0; c < 0x80; c++) fill(c);
  for (const c of SPACES) loose[c] = strict[c] = SEP;
  for (const c of HYPHENS) {
    fill(c);
    loose[c] = SEP;
  }
  for (const c of APOSTROPHES) {
    fill(c);
    loose[c] = 0x27;
  }
  for (const c of ZERO_WIDTH) {
    loose[c] = strict[c] = IGNORABLE;
    wordChar[c] = 0;
  }
  for (const c of SPACES) wordChar[c] = 0;
  wordChar[0x5f] = 1; // "_" joins identifiers: DPRK_LIST is not prose
}
build();

let complete = false;

/**
 * The three fold tables, every entry computed (~7 ms the first time). For the matcher's loops,
 * which then read them directly: the lazy functions below cost a call per character there,
 * as V8 stops inlining them into the loop. The tables must not be written to.
 */
export function foldTables(): { loose: Uint16Array; strict: Uint16Array; word: Uint8Array } {
  if (!complete) {
    for (let c = 0; c < TABLE_SIZE; c++) if (wordChar[c] === 2) fill(c);
    complete = true;
  }
  return { loose, strict, word: wordChar };
}

/** Case-, diacritic- and width-insensitive fold of one code unit (IGNORABLE for invisible ones, SEP for spaces and hyphens). */
export function foldLoose(code: number): number {
  const f = loose[code] as number;
  if (f !== UNKNOWN) return f;
  fill(code);
  return loose[code] as number;
}

/** Width-insensitive, case-sensitive fold of one code unit (IGNORABLE for invisible ones, SEP for spaces). */
export function foldStrict(code: number): number {
  const f = strict[code] as number;
  if (f !== UNKNOWN) return f;
  fill(code);
  return strict[code] as number;
}

/** True for a letter, digit or mark of a space-separated script (Latin, Greek, Cyrillic, …) or "_". */
export function isWordCode(code: number): boolean {
  const w = wordChar[code] as number;
  if (w !== 2) return w === 1;
  fill(code);
  return wordChar[code] === 1;
}

/** Folds a whole string with the loose fold, dropping ignorables and collapsing separators; for building tries and vocabulary checks. */
export function foldString(text: string): string {
  return foldStringWith(text, foldLoose);
}
