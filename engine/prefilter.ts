/*
 * A cheap first look at a text: can it hold a mention at all? Almost every text on the web
 * cannot, and answering that with a native regular-expression search is many times cheaper than
 * the matcher, which walks a trie at every word start. The page layer asks it of every text node,
 * so that only the few blocks that pass are read in full and matched.
 *
 * The answer must never be "no" for a text the matcher would find something in, or for a text
 * that changes the page context (see `pageContext`): every alias of every entity contains one of
 * the keys (engine/prefilter-keys.ts) once folded, and every code unit the matcher folds to a
 * key's character is found as that character, as written or once the text is stripped of
 * diacritics. The expressions are built with the other tables (scripts/generate-engine-tables.ts
 * `prefilterPatterns`), so that no frame spends time building them, and
 * tests/engine/prefilter.test.ts tries every such code unit in every key.
 */
import {
  PREFILTER_HYPHENS,
  PREFILTER_IGNORED,
  PREFILTER_KEYS_PATTERN,
  PREFILTER_SPACES,
  PREFILTER_STRIP,
  PREFILTER_WAKE_PATTERN,
} from './generated-tables.ts';
import { stripDiacritics } from './strip-diacritics.ts';

/**
 * The expressions, compiled on first use and once per JavaScript realm: the content script's boot
 * script and the module it loads when a page wakes (each a bundle with its own copy of this file)
 * run in the same isolated world, and the second one finds them compiled by the first.
 */
interface Shared {
  keys: RegExp | null;
  wake: RegExp | null;
  invisible: RegExp | null;
  break: RegExp | null;
  ignored: RegExp | null;
  runs: RegExp | null;
  strip: RegExp | null;
  stripAll: RegExp | null;
}
const SHARED_KEY = Symbol.for('sanctions-context.prefilter');
const realm = globalThis as { [SHARED_KEY]?: Shared };
realm[SHARED_KEY] ??= {
  keys: null,
  wake: null,
  invisible: null,
  break: null,
  ignored: null,
  runs: null,
  strip: null,
  stripAll: null,
};
const shared: Shared = realm[SHARED_KEY];

/**
 * False only when `text` certainly holds no mention and nothing that changes the page context: no
 * key word stem, folded as the matcher folds. True for anything that might; `findMentions` then
 * decides. A text is searched again, as the matcher reads it, when it holds
 * - a code unit the matcher ignores (soft hyphen, zero-width joiner, combining mark, vowel point),
 *   or a hyphen at a line break ("Recon-\nnaissance", which the matcher joins): with those
 *   deleted ("Ko\u00adrea" reads "Korea");
 * - letters written with diacritics or in full width ("Corée", "ＤＰＲＫ"): with those stripped
 *   (the same as engine/strip-diacritics.ts).
 * False for the empty string.
 */
export function mayMention(text: string): boolean {
  shared.keys ??= new RegExp(PREFILTER_KEYS_PATTERN, 'i');
  return search(shared.keys, text);
}

/**
 * As `mayMention`, for the keys of names that count on their own (engine/prefilter-keys.ts
 * `WAKE_KEYS`): whether a quiet frame has something to read. Text that holds only the other keys
 * ("panel", "Experten") matters once the frame is awake, never alone.
 */
export function mayWake(text: string): boolean {
  shared.wake ??= new RegExp(PREFILTER_WAKE_PATTERN, 'i');
  return search(shared.wake, text);
}

function search(keys: RegExp, text: string): boolean {
  if (keys.test(text)) return true;
  let read = text;
  // Soft hyphens, zero-width joiners (Persian text, emoji sequences), line-end hyphens: common,
  // and almost never inside a name, so the text is searched again without them rather than
  // admitted for holding one.
  shared.break ??= new RegExp(hyphenAtBreak());
  shared.invisible ??= new RegExp(`[${PREFILTER_IGNORED}]|${shared.break.source}`);
  if (shared.invisible.test(read)) {
    shared.ignored ??= new RegExp(`[${PREFILTER_IGNORED}]`, 'g');
    read = read.replace(shared.ignored, '');
    if (shared.break.test(read)) {
      const hyphenated = shared.break;
      shared.runs ??= new RegExp(`[${PREFILTER_SPACES}${PREFILTER_HYPHENS}\\n\\r]+`, 'g');
      read = read.replace(shared.runs, (run) => (hyphenated.test(run) ? '' : run));
    }
    if (keys.test(read)) return true;
  }
  shared.strip ??= new RegExp(`[${PREFILTER_STRIP}]`);
  return shared.strip.test(read) && keys.test(stripped(read));
}

/**
 * A hyphen and a line break in one run of spaces and hyphens, which the matcher joins inside a
 * name ("Recon-\nnaissance"), in either order; code units the matcher ignores, also part of such
 * a run, are either deleted first or found by the other half of `invisible`. Some hyphen and line
 * break of such a run have only spaces and hyphens between them, so each scan stops at the next
 * line break; and a hyphen with another before it in that stretch is not tried again (the
 * look-behind, after the hyphen so that the search still skips ahead to hyphens and line breaks),
 * so a long row of hyphens is scanned once, not once per hyphen.
 */
function hyphenAtBreak(): string {
  const hyphen = `[${PREFILTER_HYPHENS}]`;
  const inLine = `[${PREFILTER_SPACES}${PREFILTER_HYPHENS}]`;
  return `${hyphen}(?<!${hyphen}${inLine}*?${hyphen})${inLine}*[\\n\\r]|[\\n\\r]${inLine}*${hyphen}`;
}

/**
 * `text` with each code unit of the strip class stripped of its diacritics (`stripDiacritics`),
 * every other code unit as it is. The matcher folds one code unit at a time, and the generator
 * has put every code unit it folds to a key's character either in the keys' expression or in the
 * strip class (and in that class only code units that strip to a key's character or fold to
 * none), so stripping those alone finds every key that stripping the whole text would, without normalising
 * the whole text (per 32-character piece of the engine bench's corpus, 556 → 520 ns for the
 * prefilter as a whole).
 */
function stripped(text: string): string {
  shared.stripAll ??= new RegExp(`[${PREFILTER_STRIP}]`, 'g');
  return text.replace(shared.stripAll, strippedCode);
}

/** Each code unit of the strip class, stripped, as it was first asked for. */
const strippedCodes = new Map<string, string>();

function strippedCode(code: string): string {
  let out = strippedCodes.get(code);
  if (out === undefined) {
    out = stripDiacritics(code);
    strippedCodes.set(code, out);
  }
  return out;
}
