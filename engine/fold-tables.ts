/**
 * The folds of engine/fold.ts as complete tables, and the matcher's class byte per code unit,
 * decoded at load from their build-time encoding (engine/generated-tables.ts): the matcher's copy. fold.ts computes each entry from its rules the
 * first time a code unit is met, which is right for the small script injected into every page but
 * costs the matcher ~10 ms of Unicode regular expressions and normalisation before its first scan;
 * decoding these runs costs a few tenths of a millisecond. The functions below have the semantics
 * of their fold.ts namesakes (tests/engine/generated-tables.test.ts compares all 65,536 entries).
 *
 * The fold tables hold deltas, not values: `(code + LOOSE[code]) & 0xffff` is the folded code. A
 * zeroed table is the identity and costs nothing to allocate, where writing 65,536 values costs
 * about a millisecond before the JIT has compiled the loop.
 */

import { CLASS_WORD } from './alias-constants.ts';
import { foldStringWith } from './fold-string.ts';
import { CLASS_RUNS, LOOSE_RUNS, STRICT_RUNS } from './generated-tables.ts';

export { IGNORABLE, isCjkCode, SEP } from './code-classes.ts';

/**
 * The numbers of a string written by `encodeNumbers` (scripts/generate-engine-tables.ts): one code
 * unit (value + 0x20) below 0x4000, else two. Empty for ''. One loop without calls, as it runs
 * while the module loads, before the JIT has compiled anything.
 */
export function decodeNumbers(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const v = s.charCodeAt(i) - 0x20;
    if (v < 0x4000) out.push(v);
    else out.push(((v - 0x4000) << 12) | (s.charCodeAt(++i) - 0x20));
  }
  return out;
}

/** Delta table of a fold from its runs (gap, length × 2 + step, first value); all zeros (the identity) for ''. */
export function decodeFoldTable(runs: string): Uint16Array {
  const delta = new Uint16Array(0x10000);
  const n = decodeNumbers(runs);
  let c = 0;
  for (let i = 0; i + 2 < n.length; i += 3) {
    c += n[i] as number;
    const lengthStep = n[i + 1] as number;
    const step = lengthStep & 1;
    let value = n[i + 2] as number;
    for (const end = c + (lengthStep >> 1); c < end; c++, value += step) delta[c] = (value - c) & 0xffff;
  }
  return delta;
}

/** 0/1 table from runs of 1s (gap, length); all zeros for ''. */
export function decodeBitTable(runs: string): Uint8Array {
  const table = new Uint8Array(0x10000);
  const n = decodeNumbers(runs);
  let c = 0;
  for (let i = 0; i + 1 < n.length; i += 2) {
    c += n[i] as number;
    const end = c + (n[i + 1] as number);
    // Short runs in a loop: TypedArray fill costs a runtime call.
    if (end - c > 64) table.fill(1, c, end);
    else for (let k = c; k < end; k++) table[k] = 1;
    c = end;
  }
  return table;
}

/** Byte table from runs of equal non-zero values (gap, length, value); all zeros for ''. */
export function decodeByteTable(runs: string): Uint8Array {
  const table = new Uint8Array(0x10000);
  const n = decodeNumbers(runs);
  let c = 0;
  for (let i = 0; i + 2 < n.length; i += 3) {
    c += n[i] as number;
    const end = c + (n[i + 1] as number);
    const value = n[i + 2] as number;
    if (end - c > 64) table.fill(value, c, end);
    else for (let k = c; k < end; k++) table[k] = value;
    c = end;
  }
  return table;
}

/** Loose fold as deltas: `(code + LOOSE[code]) & 0xffff`. Must not be written to. */
export const LOOSE: Uint16Array = decodeFoldTable(LOOSE_RUNS);
/** Strict fold as deltas, the same way. Must not be written to. */
export const STRICT: Uint16Array = decodeFoldTable(STRICT_RUNS);
/**
 * The matcher's class of each code unit: CLASS_* bits of engine/alias-constants.ts, among them
 * CLASS_WORD (fold.ts `isWordCode`). Must not be written to.
 */
export const CLASS: Uint8Array = decodeByteTable(CLASS_RUNS);

/** As fold.ts `foldLoose`: case-, diacritic- and width-insensitive fold of one code unit. */
export function foldLoose(code: number): number {
  return (code + (LOOSE[code] as number)) & 0xffff;
}

/** As fold.ts `foldStrict`: width-insensitive, case-sensitive fold of one code unit. */
export function foldStrict(code: number): number {
  return (code + (STRICT[code] as number)) & 0xffff;
}

/** As fold.ts `isWordCode`: a letter, digit or mark of a space-separated script, or "_". */
export function isWordCode(code: number): boolean {
  return ((CLASS[code] as number) & CLASS_WORD) !== 0;
}

/** As fold.ts `foldString`: the loose fold of a string, ignorables dropped, separators collapsed; '' for ''. */
export function foldString(text: string): string {
  return foldStringWith(text, foldLoose);
}
