/**
 * `npx tsx scripts/generate-engine-tables.ts` writes engine/generated-tables.ts: the matcher's
 * fold tables, its class byte per code unit, a letter-or-digit table and the alias tries, computed
 * here at build time so that the matcher module, which a page loads when it may mention the topic,
 * only decodes them (well under a millisecond) instead of folding 64K code units with Unicode
 * regular expressions and compiling 247 aliases at run time (tens of milliseconds there).
 *
 * The source of truth stays engine/fold.ts (the folding rules) and data/aliases.json; the
 * generated file is checked in, and tests/engine/generated-tables.test.ts fails when it is not what
 * this script produces from them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import aliasData from '../data/aliases.json' with { type: 'json' };
import {
  ACRONYM,
  ARABIC_PROCLITICS,
  CLASS_IGNORABLE,
  CLASS_OPEN_START,
  CLASS_PROCLITIC,
  CLASS_START,
  CLASS_WORD,
  HEBREW_PROCLITICS,
  OPEN_END,
  OPEN_START,
  RULE_CHAOXIAN,
  RULE_HOST,
  RULE_INVERTED_NORTH,
  RULE_SECURITY_COUNCIL_SYMBOL,
} from '../engine/alias-constants.ts';
import { foldLoose, foldStrict, foldTables, IGNORABLE, isCjkCode, SEP } from '../engine/fold.ts';
import { PREFILTER_KEYS, WAKE_KEYS } from '../engine/prefilter-keys.ts';
import { isBareChaoxian, isInvertedNorthAlias } from '../engine/script-rules.ts';
import { stripDiacritics } from '../engine/strip-diacritics.ts';
import { ENTITY_IDS, type EntityId } from '../engine/types.ts';
import { logger } from '../lib/log.ts';

const log = logger('generate-engine-tables');

/** Where the generated module goes, relative to the project root. */
export const GENERATED_TABLES_PATH = 'engine/generated-tables.ts';
/**
 * What the generated module is made from (relative to the project root): builds that stamp their
 * sources (scripts/build-scan.ts) list these too, since their bundle no longer reads them.
 */
export const GENERATOR_INPUTS = [
  'data/aliases.json',
  'data/entities.ts',
  'engine/alias-constants.ts',
  'engine/code-classes.ts',
  'engine/fold.ts',
  'engine/prefilter-keys.ts',
  'engine/strip-diacritics.ts',
  'engine/script-rules.ts',
  'scripts/generate-engine-tables.ts',
];
const ROOT = resolve(fileURLToPath(import.meta.url), '../..');

/** Marks "a `*` follows here" in an encoded alias. No folded alias code unit is `*` (checked below). */
export const WILD_MARK = 0x2a;

/** Written in capitals (DPRK, RGB): matched case-sensitively, diacritics kept (MŠMT ≠ MSMT). */
function isAcronym(alias: string): boolean {
  return !alias.includes('*') && alias === alias.toUpperCase() && /\p{Lu}.*\p{Lu}/u.test(alias);
}

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

/** One alias as the matcher stores it: the trie it goes into, its folded code units with `*` marks, its flags. */
export interface CompiledAlias {
  entity: EntityId;
  alias: string;
  acronym: boolean;
  /** Folded code units, with WILD_MARK where a `*` accepts the rest of the word. */
  codes: number[];
  flags: number;
}

/**
 * Folds one alias the way the matcher walks text: acronyms with the strict fold, names with the
 * loose one; ignorables dropped, runs of spaces and hyphens as one SEP, and no SEP between Hangul
 * syllables (Korean spacing varies: 다국적 제재 모니터링팀 = 다국적제재모니터링팀; the scan skips
 * such spaces in the text).
 */
export function compileAlias(entity: EntityId, alias: string): CompiledAlias {
  const acronym = isAcronym(alias);
  const fold = acronym ? foldStrict : foldLoose;
  const codes: number[] = [];
  let lastSep = true;
  let firstCode = -1;
  let lastCode = -1;
  for (let i = 0; i < alias.length; i++) {
    const code = alias.charCodeAt(i);
    if (code === WILD_MARK) {
      codes.push(WILD_MARK);
      continue;
    }
    const f = fold(code);
    if (f === IGNORABLE) continue;
    if (f === SEP) {
      if (lastSep || (isHangul(lastCode) && isHangul(nextLetter(alias, i)))) continue;
      lastSep = true;
    } else {
      lastSep = false;
      if (firstCode < 0) firstCode = code;
      lastCode = code;
    }
    if (f === WILD_MARK) throw new Error(`alias "${alias}" folds to a reserved code unit`);
    codes.push(f);
  }
  let flags = acronym ? ACRONYM : 0;
  if (isCjkCode(firstCode)) flags |= OPEN_START;
  if (isCjkCode(lastCode) && !alias.endsWith('*')) flags |= OPEN_END;
  if (isBareChaoxian(alias)) flags |= RULE_CHAOXIAN;
  if (isInvertedNorthAlias(alias)) flags |= RULE_INVERTED_NORTH;
  if (alias.startsWith('S/RES/')) flags |= RULE_SECURITY_COUNCIL_SYMBOL;
  if (alias.toLowerCase() === 'msmt.info') flags |= RULE_HOST;
  return { entity, alias, acronym, codes, flags };
}

/** Every alias of the data file, compiled, in file order (which decides who wins a shared name). */
export function compileAliases(data: Partial<Record<EntityId, Record<string, readonly string[]>>>): CompiledAlias[] {
  const out: CompiledAlias[] = [];
  for (const [entity, byLang] of Object.entries(data) as [EntityId, Record<string, readonly string[]>][]) {
    for (const list of Object.values(byLang)) for (const alias of list) out.push(compileAlias(entity, alias));
  }
  return out;
}

/** Folded strings (the aliases) that more than one entity claims, in the order they are met; empty when sound. */
export function aliasConflicts(compiled: readonly CompiledAlias[]): string[] {
  const owner = new Map<string, EntityId>();
  const conflicts: string[] = [];
  for (const c of compiled) {
    // The trie node of an alias is its code sequence without the `*` marks.
    const key = `${c.acronym ? 'S' : 'L'}${String.fromCharCode(...c.codes.filter((x) => x !== WILD_MARK))}`;
    const first = owner.get(key);
    if (first === undefined) owner.set(key, c.entity);
    else if (first !== c.entity) conflicts.push(c.alias);
  }
  return conflicts;
}

/**
 * Numbers as a string literal's code units: n < 0x4000 is one unit (n + 0x20, printable), larger
 * n two (0x4020 + high bits, then 0x20 + low 12 bits). Decoded by `decodeNumbers` in
 * engine/fold-tables.ts.
 */
function encodeNumbers(values: readonly number[]): string {
  let s = '';
  for (const n of values) {
    if (!Number.isInteger(n) || n < 0 || n > 0xffff) throw new Error(`cannot encode ${n}`);
    s += n < 0x4000 ? String.fromCharCode(n + 0x20) : String.fromCharCode(0x4020 + (n >> 12), 0x20 + (n & 0xfff));
  }
  return s;
}

/**
 * A 64K fold table as runs over the code units it does not map to themselves: per run, the gap
 * since the previous run, the length × 2 + step, and the first value; values go up by `step` (0: all
 * the same, like the accented forms of one letter; 1: a shifted block, like A–Z to a–z). '' for
 * the identity.
 */
export function encodeFoldTable(table: Uint16Array): string {
  const numbers: number[] = [];
  let prevEnd = 0;
  let c = 0;
  while (c < 0x10000) {
    const v = table[c] as number;
    if (v === c) {
      c++;
      continue;
    }
    let sameEnd = c + 1;
    while (sameEnd < 0x10000 && table[sameEnd] === v && sameEnd !== v) sameEnd++;
    let stepEnd = c + 1;
    while (stepEnd < 0x10000 && table[stepEnd] === v + (stepEnd - c) && table[stepEnd] !== stepEnd) stepEnd++;
    const step = stepEnd > sameEnd ? 1 : 0;
    const end = step ? stepEnd : sameEnd;
    numbers.push(c - prevEnd, (end - c) * 2 + step, v);
    prevEnd = end;
    c = end;
  }
  return encodeNumbers(numbers);
}

/** The runs of 1s of a 0/1 table, as gap and length pairs; '' for all zeros. */
export function encodeBitTable(table: Uint8Array): string {
  const numbers: number[] = [];
  let prevEnd = 0;
  let c = 0;
  while (c < table.length) {
    if (table[c] !== 1) {
      c++;
      continue;
    }
    let end = c + 1;
    while (end < table.length && table[end] === 1) end++;
    numbers.push(c - prevEnd, end - c);
    prevEnd = end;
    c = end;
  }
  return encodeNumbers(numbers);
}

/** Bits of a trie node's info (engine/alias-index.ts). */
const NODE_HAS_CHILD = 1;
const NODE_WILD = 2;
/** Entry number + 1 of the name ending at the node, shifted by this. */
const NODE_OUT_SHIFT = 2;

interface BuildNode {
  code: number;
  children: Map<number, BuildNode>;
  wild: boolean;
  /** Entry number + 1, 0 for none. */
  out: number;
}

/**
 * The trie of one fold's aliases, flattened in depth-first order (node 0 is the root; a node's
 * first child, if any, is the next node): per node its code unit; the info (NODE_* bits) of the
 * nodes where it is not just NODE_HAS_CHILD; (node, sibling) pairs for the few nodes with a next
 * sibling. The first alias to end at a node owns it, in the order of data/aliases.json. For no
 * aliases, just the root.
 */
export function encodeTrie(
  compiled: readonly CompiledAlias[],
  entries: Map<string, number>,
): { codes: string; info: string; next: string } {
  const newNode = (code: number): BuildNode => ({ code, children: new Map(), wild: false, out: 0 });
  const root = newNode(0x20);
  for (const c of compiled) {
    let node = root;
    for (const code of c.codes) {
      if (code === WILD_MARK) {
        node.wild = true;
        continue;
      }
      let child = node.children.get(code);
      if (!child) {
        child = newNode(code);
        node.children.set(code, child);
      }
      node = child;
    }
    if (node.out === 0) node.out = (entries.get(`${c.entity} ${c.flags}`) as number) + 1;
  }
  let codes = '';
  const info: number[] = [];
  const siblings: [number, number][] = [];
  const visit = (node: BuildNode): number => {
    const id = info.length;
    codes += String.fromCharCode(node.code);
    info.push(
      (node.children.size > 0 ? NODE_HAS_CHILD : 0) + (node.wild ? NODE_WILD : 0) + (node.out << NODE_OUT_SHIFT),
    );
    let prev = -1;
    for (const child of [...node.children.values()].sort((a, b) => a.code - b.code)) {
      const childId = visit(child);
      if (prev >= 0) siblings.push([prev, childId]);
      prev = childId;
    }
    return id;
  };
  visit(root);
  if (info.length > 0xffff) throw new Error('alias trie too large for 16-bit node numbers');
  siblings.sort((a, b) => a[0] - b[0]);
  const pairs: number[] = [];
  let last = 0;
  for (const [node, sibling] of siblings) {
    pairs.push(node - last, sibling - node);
    last = node;
  }
  // Most nodes are inner letters of one name: only the others are listed.
  const infoPairs: number[] = [];
  last = 0;
  info.forEach((bits, node) => {
    if (bits === NODE_HAS_CHILD) return;
    infoPairs.push(node - last, bits);
    last = node;
  });
  return { codes, info: encodeNumbers(infoPairs), next: encodeNumbers(pairs) };
}

/**
 * One byte per code unit for the scan's inner loop, so that a character costs one lookup: folds
 * to nothing (CLASS_IGNORABLE), is a word character, folds to the first code of some name or
 * acronym (CLASS_START), of a name that may start inside a word (CLASS_OPEN_START), is an Arabic
 * or Hebrew proclitic (CLASS_PROCLITIC). All zeros but for the fold's own classes when there are
 * no aliases.
 */
export function classTable(compiled: readonly CompiledAlias[]): Uint8Array {
  const { loose, strict, word } = foldTables();
  const looseFirst = new Set<number>();
  const strictFirst = new Set<number>();
  const openFirst = new Set<number>();
  for (const c of compiled) {
    const first = c.codes.find((x) => x !== WILD_MARK) as number;
    (c.acronym ? strictFirst : looseFirst).add(first);
    if ((c.flags & OPEN_START) !== 0) openFirst.add(first);
  }
  const table = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    const l = loose[c] as number;
    let k = 0;
    if (l === IGNORABLE) k |= CLASS_IGNORABLE;
    if (word[c] === 1) k |= CLASS_WORD;
    if (looseFirst.has(l) || strictFirst.has(strict[c] as number)) k |= CLASS_START;
    if (openFirst.has(l)) k |= CLASS_OPEN_START;
    if (ARABIC_PROCLITICS.includes(c) || HEBREW_PROCLITICS.includes(c)) k |= CLASS_PROCLITIC;
    table[c] = k;
  }
  return table;
}

/** A byte table as runs of equal non-zero values: gap, length, value; '' for all zeros. */
export function encodeByteTable(table: Uint8Array): string {
  const numbers: number[] = [];
  let prevEnd = 0;
  let c = 0;
  while (c < table.length) {
    const v = table[c] as number;
    if (v === 0) {
      c++;
      continue;
    }
    let end = c + 1;
    while (end < table.length && table[end] === v) end++;
    numbers.push(c - prevEnd, end - c, v);
    prevEnd = end;
    c = end;
  }
  return encodeNumbers(numbers);
}

/** 1 for the BMP code units that are letters or digits (\p{L}, \p{N}); surrogates are not. */
export function letterOrDigitTable(): Uint8Array {
  const table = new Uint8Array(0x10000);
  const re = /^[\p{L}\p{N}]$/u;
  for (let c = 0; c < 0x10000; c++) if (re.test(String.fromCharCode(c))) table[c] = 1;
  return table;
}

/** A single-quoted string literal, with only the characters that need it escaped. */
function literal(s: string): string {
  let out = "'";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x27 || c === 0x5c) out += `\\${s[i]}`;
    else if (c < 0x20 || c === 0x7f || c === 0x2028 || c === 0x2029 || (c >= 0xd800 && c < 0xe000) || c === 0xfeff)
      out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += s[i];
  }
  return `${out}'`;
}

/** The lines declaring one trie's strings. */
function trieConstants(name: string, what: string, trie: { codes: string; info: string; next: string }): string[] {
  return [
    `/** ${what}: the code unit into each node of the trie, depth first (see \`decodeTrie\`). */`,
    `export const ${name}_TRIE_CODES = ${literal(trie.codes)};`,
    "/** Each node's info: 0x20 + (has a child) + 2 × (a `*` follows) + 4 × (entry number + 1 of the name ending there). */",
    `export const ${name}_TRIE_INFO = ${literal(trie.info)};`,
    '/** Nodes with a next sibling: (node − previous such node, sibling − node) pairs. */',
    `export const ${name}_TRIE_NEXT = ${literal(trie.next)};`,
  ];
}

/** A regular-expression character class body (without brackets) for `codes`, as \u escapes and ranges. */
function classBody(codes: Iterable<number>): string {
  const sorted = [...new Set(codes)].sort((a, b) => a - b);
  const unit = (c: number) =>
    /[0-9A-Za-z]/.test(String.fromCharCode(c)) ? String.fromCharCode(c) : `\\u${c.toString(16).padStart(4, '0')}`;
  let out = '';
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === (sorted[j] as number) + 1) j++;
    const [a, b] = [sorted[i] as number, sorted[j] as number];
    out += a === b ? unit(a) : b === a + 1 ? unit(a) + unit(b) : `${unit(a)}-${unit(b)}`;
    i = j + 1;
  }
  return out;
}

/** `k` as one character of a regular expression, or as a class of `k` and `extra` (when any). */
function patternChar(k: string, extra: string): string {
  if (!extra) return k.replace(/[.*+?^$|()[\]{}\\/]/g, '\\$&');
  return `[${(k + extra).replace(/[\\\]^-]/g, '\\$&')}]`;
}

/** An alternation of `keys` as a trie (keys with a common start share it), a key that starts another standing for both. */
function trieAlternation(keys: readonly string[], char: (k: string) => string): string {
  const byFirst = new Map<string, string[]>();
  for (const key of keys) {
    const rest = byFirst.get(key.charAt(0));
    if (rest) rest.push(key.slice(1));
    else byFirst.set(key.charAt(0), [key.slice(1)]);
  }
  const branches = [...byFirst].map(([k, rest]) => char(k) + (rest.includes('') ? '' : trieAlternation(rest, char)));
  return branches.length === 1 ? (branches[0] as string) : `(?:${branches.join('|')})`;
}

/**
 * The prefilter's regular expressions (engine/prefilter.ts), from the matcher's loose fold and
 * the prefilter's keys:
 * - `keys`, compiled case-insensitively (and `wake`, the same of the keys that wake a frame): every key, each character k standing for itself, what
 *   the flag makes equal to it, and the other code units the matcher folds to k except those
 *   `strip` lists;
 * - `strip`, a character class body: the code units the text's second search strips
 *   (engine/strip-diacritics.ts), one by one: those it turns into k, and others between them
 *   that fold to no key's character;
 * - `ignored`, `hyphens` and `spaces`, character class bodies: the code units the matcher ignores,
 *   the hyphens it joins across a line break ("Recon-\nnaissance"), and the other code units of a
 *   run it reads as one separator, line breaks excepted (engine/prefilter.ts builds its expressions
 *   for these from them);
 * Together they find every key however the matcher would see it written.
 */
export function prefilterPatterns(): {
  keys: string;
  wake: string;
  strip: string;
  ignored: string;
  hyphens: string;
  spaces: string;
} {
  const folding = new Map<number, number[]>();
  const ignorable: number[] = [];
  const hyphens: number[] = [];
  const spaces: number[] = [];
  for (let c = 0; c < 0x10000; c++) {
    const f = foldLoose(c);
    if (f === IGNORABLE) ignorable.push(c);
    else if (f === SEP && foldStrict(c) !== SEP) hyphens.push(c);
    else if (f === SEP && c !== 0x0a && c !== 0x0d) spaces.push(c);
    const list = folding.get(f);
    if (list) list.push(c);
    else folding.set(f, [c]);
  }
  const keyChars = new Set(PREFILTER_KEYS.flatMap((key) => [...key]));
  const keyCodes = new Set([...keyChars].map((k) => k.charCodeAt(0)));
  const extra = new Map<string, string>();
  const strip = new Set<number>();
  const matches = (k: string, ch: string) => new RegExp(`^${patternChar(k, extra.get(k) ?? '')}$`, 'i').test(ch);
  for (const k of keyChars) {
    for (const c of folding.get(k.charCodeAt(0)) ?? []) {
      const ch = String.fromCharCode(c);
      if (matches(k, ch)) continue;
      const t = stripDiacritics(ch);
      if (t.length === 1 && matches(k, t)) strip.add(c);
      else extra.set(k, (extra.get(k) ?? '') + ch);
    }
  }
  // Latin letters with diacritics and full-width forms as whole blocks, gaps filled (a few more
  // code units look again, and the class stays short); Greek and Cyrillic exactly, since a text in
  // those scripts is full of their other letters.
  const latin = (c: number) => c < 0x370 || (c >= 0x1e00 && c < 0x1f00) || c >= 0xff00;
  const filled = [...strip].sort((a, b) => a - b);
  for (let i = 1, n = filled.length; i < n; i++) {
    const [a, b] = [filled[i - 1] as number, filled[i] as number];
    if (!latin(a) || !latin(b) || b - a > 16) continue;
    // Not a code unit written in a key's class: the stripped search strips only the class's code
    // units, and stripping that one could lose the key's character ("´", an apostrophe in
    // "d´experts", strips to a space).
    for (let c = a + 1; c < b; c++) if (!keyCodes.has(foldLoose(c))) strip.add(c);
  }
  return {
    keys: trieAlternation(PREFILTER_KEYS, (k) => patternChar(k, extra.get(k) ?? '')),
    wake: trieAlternation(WAKE_KEYS, (k) => patternChar(k, extra.get(k) ?? '')),
    strip: classBody(strip),
    ignored: classBody(ignorable),
    hyphens: classBody(hyphens),
    spaces: classBody(spaces),
  };
}

/** The text of engine/generated-tables.ts for the current fold rules and alias data. */
export function generateEngineTables(): string {
  const { loose, strict } = foldTables();
  const compiled = compileAliases(aliasData as Record<EntityId, Record<string, string[]>>);
  const entries = new Map<string, number>();
  const entryList: [number, number][] = [];
  for (const c of compiled) {
    const key = `${c.entity} ${c.flags}`;
    if (entries.has(key)) continue;
    entries.set(key, entryList.length);
    entryList.push([ENTITY_IDS.indexOf(c.entity), c.flags]);
  }
  const conflicts = aliasConflicts(compiled);
  const prefilter = prefilterPatterns();
  return [
    '// biome-ignore-all format: generated file, one constant per line',
    '// Generated by scripts/generate-engine-tables.ts from engine/fold.ts and data/aliases.json: do not edit.',
    '// tests/engine/generated-tables.test.ts fails when this file is out of date.',
    '',
    '/** engine/fold.ts `foldTables().loose`, as runs over the code units it changes (see `decodeFoldTable`). */',
    `export const LOOSE_RUNS = ${literal(encodeFoldTable(loose))};`,
    '/** engine/fold.ts `foldTables().strict`, the same way. */',
    `export const STRICT_RUNS = ${literal(encodeFoldTable(strict))};`,
    "/** The scan's class of each code unit (CLASS_* bits of the generator), as runs (see `decodeByteTable`). */",
    `export const CLASS_RUNS = ${literal(encodeByteTable(classTable(compiled)))};`,
    '/** Letters and digits (\\p{L}, \\p{N}) of the BMP: runs as gap and length pairs (engine/vocabulary.ts). */',
    `export const LETTER_DIGIT_RUNS = ${literal(encodeBitTable(letterOrDigitTable()))};`,
    '/** Alias entries: [index in ENTITY_IDS, flags]. */',
    `export const ALIAS_ENTRIES: readonly (readonly [number, number])[] = ${JSON.stringify(entryList)};`,
    ...trieConstants(
      'LOOSE',
      'Names (loose fold)',
      encodeTrie(
        compiled.filter((c) => !c.acronym),
        entries,
      ),
    ),
    ...trieConstants(
      'STRICT',
      'Acronyms (strict fold)',
      encodeTrie(
        compiled.filter((c) => c.acronym),
        entries,
      ),
    ),
    '/** Prefilter (see `prefilterPatterns`): its keys, a regular expression for the `i` flag. */',
    `export const PREFILTER_KEYS_PATTERN = ${literal(prefilter.keys)};`,
    '/** Prefilter: the keys that wake a quiet frame (engine/prefilter-keys.ts `WAKE_KEYS`), the same way. */',
    `export const PREFILTER_WAKE_PATTERN = ${literal(prefilter.wake)};`,
    '/** Prefilter: code units after which it searches the text again, stripped, as a character class body. */',
    `export const PREFILTER_STRIP = ${literal(prefilter.strip)};`,
    '/** Prefilter: the code units the matcher ignores, as a character class body. */',
    `export const PREFILTER_IGNORED = ${literal(prefilter.ignored)};`,
    '/** Prefilter: the hyphens the matcher joins across a line break, the same way. */',
    `export const PREFILTER_HYPHENS = ${literal(prefilter.hyphens)};`,
    '/** Prefilter: the other code units of a separator run but line breaks, the same way. */',
    `export const PREFILTER_SPACES = ${literal(prefilter.spaces)};`,
    '/** Aliases that more than one entity claims once folded; empty when the data is sound. */',
    `export const ALIAS_CONFLICTS: readonly string[] = ${JSON.stringify(conflicts)};`,
    '',
  ].join('\n');
}

/**
 * Writes engine/generated-tables.ts of this checkout when its text is not what the sources give
 * now, so that a build after an edit of data/aliases.json or the fold rules never ships stale
 * tables. Returns whether it wrote; throws when the sources do not compile or the file cannot be written.
 */
export function writeEngineTables(): boolean {
  const file = resolve(ROOT, GENERATED_TABLES_PATH);
  const text = generateEngineTables();
  let current = '';
  try {
    current = readFileSync(file, 'utf8');
  } catch (error) {
    log.debug('no generated tables yet', error);
  }
  if (current === text) return false;
  writeFileSync(file, text);
  return true;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const wrote = writeEngineTables();
  console.log(`${GENERATED_TABLES_PATH}: ${wrote ? 'written' : 'up to date'}`);
}
