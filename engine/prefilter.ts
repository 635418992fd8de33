/*
 * A cheap first look at a text: can it hold a mention at all? Almost every text on the web
 * cannot, and answering that with one native regular-expression search is many times cheaper than
 * the matcher, which walks a trie at every word start. The page layer asks it of every text node,
 * so that only the few blocks that pass are read in full and matched.
 *
 * The answer must never be "no" for a text the matcher would find something in, or for a text
 * that changes the page context (see `pageContext`): every alias of every entity contains one of
 * the keys (engine/prefilter-keys.ts) once folded, and every code unit the matcher folds to a
 * key's character is found as that character, either as written or once the text is stripped of
 * diacritics (scripts/generate-engine-tables.ts `prefilterTables` builds the tables and refuses
 * keys it cannot cover; tests/engine/prefilter.test.ts tries every such code unit in every key).
 */
import { PREFILTER_EXTRA, PREFILTER_HYPHENS, PREFILTER_IGNORABLE, PREFILTER_STRIP } from './generated-tables.ts';
import { PREFILTER_KEYS } from './prefilter-keys.ts';

/** A character class for key character `k`: itself, its capital and what else the matcher folds to it. */
function charClass(k: string): string {
  return `[${(k + k.toUpperCase() + (PREFILTER_EXTRA[k] ?? '')).replace(/[\\\]^-]/g, '\\$&')}]`;
}

/** An alternation of `keys`, those with a common first character grouped (the engine tries far fewer branches). */
function alternation(keys: readonly string[]): string {
  const byFirst = new Map<string, string[]>();
  for (const key of keys) {
    const rest = byFirst.get(key.charAt(0));
    if (rest) rest.push(key.slice(1));
    else byFirst.set(key.charAt(0), [key.slice(1)]);
  }
  // A key that is a prefix of another is enough for both.
  const branches = [...byFirst].map(([k, rest]) => charClass(k) + (rest.includes('') ? '' : alternation(rest)));
  return branches.length === 1 ? (branches[0] as string) : `(?:${branches.join('|')})`;
}

/**
 * The compiled search, once per JavaScript realm: the content script's boot script and the module
 * it loads when a page wakes (each a bundle with its own copy of this file) run in the same
 * isolated world, and the second one finds it compiled by the first.
 */
interface Shared {
  search: RegExp | null;
  /** Code units after which the text is searched again, stripped (see `mayMention`). */
  strip: RegExp | null;
}
const SHARED_KEY = Symbol.for('sanctions-context.prefilter');
const realm = globalThis as { [SHARED_KEY]?: Shared };
realm[SHARED_KEY] ??= { search: null, strip: null };
const shared: Shared = realm[SHARED_KEY];

/**
 * An invisible character (soft hyphen, zero-width, combining mark, vowel point), which may hide a
 * name from a plain comparison; a hyphen at a line break ("Recon-\nnaissance"), which the matcher
 * joins; or a key, each character as the matcher folds it.
 */
function compile(): RegExp {
  return new RegExp(`[${PREFILTER_IGNORABLE}]|[${PREFILTER_HYPHENS}][ \\t]*[\\n\\r]|${alternation(PREFILTER_KEYS)}`);
}

const DIACRITICS = /[\u0300-\u036f]/g;

/**
 * False only when `text` certainly holds no mention and nothing that changes the page context: no
 * key word stem (folded as the matcher folds), no invisible character and no hyphen at a line
 * break. True for anything that might; `findMentions` then decides. A text with letters written
 * with diacritics or in full width ("Corée", "ＤＰＲＫ") is searched a second time with those
 * stripped (the same as scripts/generate-engine-tables.ts `prefilterStrip`). False for the empty string.
 */
export function mayMention(text: string): boolean {
  shared.search ??= compile();
  const search = shared.search;
  if (search.test(text)) return true;
  shared.strip ??= new RegExp(`[${PREFILTER_STRIP}]`);
  return shared.strip.test(text) && search.test(text.normalize('NFKD').replace(DIACRITICS, ''));
}
