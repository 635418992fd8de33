/**
 * Constants shared by the alias index (engine/alias-index.ts) and the script that compiles its
 * tables at build time (scripts/generate-engine-tables.ts).
 *
 * Flags of an alias entry are decided at build time from the alias text, so that the matcher
 * ships neither the alias strings nor the tests on them.
 */

/** Written in capitals (DPRK, RGB): matched case-sensitively, diacritics kept (MŠMT ≠ MSMT). */
export const ACRONYM = 1;
/** Needs no word boundary at its start (a Han, Kana or Hangul name inside a compound). */
export const OPEN_START = 2;
/** Needs no word boundary at its end. */
export const OPEN_END = 4;
/** Bare 朝鲜 / 朝鮮, which `isChaoxianState` decides. */
export const RULE_CHAOXIAN = 8;
/** An inverted list form ending in ", North" ("Korea, North"), which `continuesAfterNorth` may veto. */
export const RULE_INVERTED_NORTH = 16;
/** The Security Council's document symbol (S/RES/1718): a mention whatever the context. */
export const RULE_SECURITY_COUNCIL_SYMBOL = 32;
/** The report site's host name (msmt.info), the one name that is itself a URL. */
export const RULE_HOST = 64;

/** Scan class bits, one byte per code unit (see `classTable` in the generator): folds to nothing. */
export const CLASS_IGNORABLE = 1;
/** A word character (fold.ts `isWordCode`). */
export const CLASS_WORD = 2;
/** Folds to the first code unit of some name or acronym. */
export const CLASS_START = 4;
/** Folds to the first code unit of a name that may start inside a word. */
export const CLASS_OPEN_START = 8;
/** An Arabic or Hebrew proclitic, after which a name may start inside the word. */
export const CLASS_PROCLITIC = 16;

/** Arabic proclitics: wa- "and", fa- "so", bi- "with/by", li- "for", ka- "like". */
export const ARABIC_PROCLITICS: readonly number[] = [0x0648, 0x0641, 0x0628, 0x0644, 0x0643];
/** Hebrew prefixes: ve- "and", ha- "the", be- "in", le- "to", mi- "from", she- "that", ke- "as". */
export const HEBREW_PROCLITICS: readonly number[] = [0x05d5, 0x05d4, 0x05d1, 0x05dc, 0x05de, 0x05e9, 0x05db];
