/**
 * Constants and classes of code units shared by the two fold implementations (engine/fold.ts,
 * filled lazily for the script on every page, and engine/fold-tables.ts, complete for the
 * matcher). A module of its own, with no side effects, so that the matcher's bundle does not carry
 * fold.ts's rules and tables.
 */

/** Code units that carry no letter: soft hyphen, zero-width characters, BOM, combining marks. */
export const IGNORABLE = 0;
/** Every kind of space, line break and hyphen folds to this separator. */
export const SEP = 32;

/** Han, Kana and Hangul blocks: scripts written without spaces between words. */
export function isCjkCode(c: number): boolean {
  return (
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0xac00 && c <= 0xd7af) ||
    (c >= 0x3040 && c <= 0x30ff) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0x1100 && c <= 0x11ff) ||
    (c >= 0x3130 && c <= 0x318f) ||
    (c >= 0x31f0 && c <= 0x31ff) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xff66 && c <= 0xff9f) ||
    c === 0x3005
  );
}
