/**
 * `npm run bench:engine [-- --mb=20 --seed=1718 --rounds=5]`
 *
 * Throughput of `findMentions` on seeded multilingual prose (scripts/corpus.ts), against a naive
 * baseline: one case-insensitive alternation RegExp of every alias in data/aliases.json. Both run on
 * the same text, in the same process, interleaved round by round so that thermal or GC drift hits
 * both; the table shows the median of the rounds. MB = 10^6 bytes of UTF-8.
 *
 * `npm run bench:engine -- --cold[=15] [--before=<git ref or source folder>] [--seed=1718]`
 *
 * Cold start of the lazily loaded matcher module, as a page pays it once: `matcher.js` is built
 * (scripts/build-lazy-modules.ts) and imported in fresh `node` processes, which time its
 * evaluation, the first `findMentions` on 100 kB of text with ~50 mentions, the first one on
 * 100 kB of topic-free text (in a process of its own), and a warm call for reference. With
 * `--before`, the same module built from that revision runs interleaved with it, side by side.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import aliasData from '../data/aliases.json' with { type: 'json' };
import { findMentions, pageContext } from '../engine/index.ts';
import { mayMention } from '../engine/prefilter.ts';
import { buildLazyModule } from './build-lazy-modules.ts';
import { generateCorpus } from './corpus.ts';

interface Options {
  mb: number;
  seed: number;
  rounds: number;
  /** Fresh processes per build and text in the cold-start mode; 0 for the throughput mode. */
  cold: number;
  /** Git revision or source folder to build the "before" matcher from (cold mode), or ''. */
  before: string;
}

const USAGE =
  'usage: bench-engine [--mb=20] [--seed=1718] [--rounds=5]\n' +
  '       bench-engine --cold[=15] [--before=<git ref or folder>] [--seed=1718]';

function parseOptions(argv: readonly string[]): Options {
  const options: Options = { mb: 20, seed: 1718, rounds: 5, cold: 0, before: '' };
  for (const arg of argv) {
    const match = /^--(mb|seed|rounds|cold)=(\d+(?:\.\d+)?)$/.exec(arg);
    if (match) options[match[1] as 'mb' | 'seed' | 'rounds' | 'cold'] = Number(match[2]);
    else if (arg === '--cold') options.cold = 15;
    else if (arg.startsWith('--before=') && arg.length > '--before='.length) options.before = arg.slice(9);
    else {
      console.error(`bench-engine: unknown argument ${arg}\n${USAGE}`);
      process.exit(2);
    }
  }
  return options;
}

/**
 * Every alias string under each top-level key (the entity id) of the alias file, lower-cased, with
 * `*` (the inflection wildcard) removed, mapped to its entity. Empty for data that is not an object.
 */
export function aliasesByEntity(data: unknown): Map<string, string> {
  const byAlias = new Map<string, string>();
  const walk = (value: unknown, entity: string): void => {
    if (typeof value === 'string') {
      const alias = value.replaceAll('*', '').trim();
      if (alias) byAlias.set(alias.toLowerCase(), entity);
    } else if (Array.isArray(value)) {
      for (const item of value) walk(item, entity);
    } else if (value && typeof value === 'object') {
      for (const item of Object.values(value)) walk(item, entity);
    }
  };
  if (!data || typeof data !== 'object') return byAlias;
  for (const [entity, value] of Object.entries(data)) walk(value, entity);
  return byAlias;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The naive baseline: one case-insensitive alternation of all `aliases`. Longest first, so the
 * leftmost match is the longest alias there, as a careful naive user would write it. With no aliases
 * it is a RegExp that never matches.
 */
export function naiveAliasRegExp(aliases: Iterable<string>): RegExp {
  const sorted = [...aliases].sort((a, b) => b.length - a.length);
  return new RegExp(sorted.length ? sorted.map(escapeRegExp).join('|') : '(?!)', 'giu');
}

const aliasEntity = aliasesByEntity(aliasData);
const baseline = naiveAliasRegExp(aliasEntity.keys());

type Counts = Map<string, number>;

function countInto(counts: Counts, entity: string): void {
  counts.set(entity, (counts.get(entity) ?? 0) + 1);
}

function baselineCounts(texts: readonly string[]): Counts {
  const counts: Counts = new Map();
  for (const text of texts) {
    for (const match of text.matchAll(baseline)) countInto(counts, aliasEntity.get(match[0].toLowerCase()) ?? '?');
  }
  return counts;
}

interface Mode {
  name: string;
  run: () => Counts;
}

function utf8Bytes(texts: readonly string[]): number {
  let total = 0;
  for (const text of texts) total += Buffer.byteLength(text, 'utf8');
  return total;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function total(counts: Counts): number {
  let sum = 0;
  for (const n of counts.values()) sum += n;
  return sum;
}

function main(): void {
  const options = parseOptions(process.argv.slice(2));
  const started = performance.now();
  const corpus = generateCorpus({ seed: options.seed, bytes: options.mb * 1e6 });
  const paragraphs = corpus.paragraphs;
  const whole = paragraphs.join('\n\n');
  const bytes = utf8Bytes([whole]);
  const megabytes = bytes / 1e6;
  console.log(
    `corpus: seed ${options.seed}, ${megabytes.toFixed(1)} MB UTF-8 (${whole.length.toLocaleString('en')} UTF-16 units), ` +
      `${paragraphs.length.toLocaleString('en')} paragraphs, ${corpus.plantedMentions} mention sentences and ` +
      `${corpus.plantedDistractors} distractors planted; generated in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  console.log(`baseline: one /…|…/giu alternation of ${aliasEntity.size} aliases from data/aliases.json`);

  const modes: Mode[] = [
    {
      // What the content script does: one context for the page, then one call per block.
      name: 'findMentions, per paragraph + pageContext',
      run: () => {
        const counts: Counts = new Map();
        const context = pageContext(paragraphs);
        for (const paragraph of paragraphs)
          for (const m of findMentions(paragraph, context)) countInto(counts, m.entity);
        return counts;
      },
    },
    {
      name: 'findMentions, whole text in one call',
      run: () => {
        const counts: Counts = new Map();
        for (const m of findMentions(whole)) countInto(counts, m.entity);
        return counts;
      },
    },
    { name: 'baseline RegExp, per paragraph', run: () => baselineCounts(paragraphs) },
    { name: 'baseline RegExp, whole text', run: () => baselineCounts([whole]) },
  ];

  // Warm-up on a slice lets the JIT settle (and the RegExp compile) before anything is timed.
  const warmSlice = paragraphs.slice(0, Math.min(paragraphs.length, 2000));
  const warmContext = pageContext(warmSlice);
  for (let i = 0; i < 3; i++) {
    for (const paragraph of warmSlice) findMentions(paragraph, warmContext);
    baselineCounts(warmSlice);
  }

  const seconds: number[][] = modes.map(() => []);
  const results: Counts[] = modes.map(() => new Map());
  const budgetMs = 45_000;
  for (let round = 0; round < options.rounds; round++) {
    // Rotate the order so no mode always runs first (or right after a big allocation).
    for (let k = 0; k < modes.length; k++) {
      const index = (round + k) % modes.length;
      const mode = modes[index] as Mode;
      const t0 = performance.now();
      results[index] = mode.run();
      (seconds[index] as number[]).push((performance.now() - t0) / 1000);
    }
    const elapsed = performance.now() - started;
    process.stderr.write(`round ${round + 1}/${options.rounds} done (${(elapsed / 1000).toFixed(1)} s)\n`);
    if (round >= 2 && elapsed > budgetMs) {
      process.stderr.write('time budget reached, stopping early\n');
      break;
    }
  }

  const entities = [...new Set(results.flatMap((counts) => [...counts.keys()]))].sort();
  const throughput = seconds.map((s) => megabytes / median(s));
  const header = ['mode', 'median MB/s', 'min–max MB/s', 'rounds', 'mentions', ...entities];
  const rows = modes.map((mode, i) => {
    const s = seconds[i] as number[];
    const counts = results[i] as Counts;
    return [
      mode.name,
      (throughput[i] as number).toFixed(1),
      `${(megabytes / Math.max(...s)).toFixed(1)}–${(megabytes / Math.min(...s)).toFixed(1)}`,
      String(s.length),
      String(total(counts)),
      ...entities.map((e) => String(counts.get(e) ?? 0)),
    ];
  });
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] as string).length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c] as number) : cell.padStart(widths[c] as number)))
      .join('  ');
  console.log();
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
  console.log();
  const ratio = (ours: number, theirs: number): string =>
    `${((throughput[ours] ?? 0) / (throughput[theirs] ?? 1)).toFixed(2)}×`;
  console.log(`ratio findMentions / baseline, per paragraph: ${ratio(0, 2)}`);
  console.log(`ratio findMentions / baseline, whole text:    ${ratio(1, 3)}`);
  console.log(`(the baseline also counts every distractor it cannot tell apart; "?" = alias not mapped to an entity)`);
  prefilterPieces(whole, options.rounds);
  console.log(`total time ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** Characters per piece in `prefilterPieces`: the 5 MB bench page's text nodes hold 32 on average. */
const PIECE = 32;

/**
 * The prefilter as the page layer asks it, once per text node: `mayMention` on every
 * `PIECE`-character piece of `whole`, against the baseline alternation's `test` on the same
 * pieces (what a naive highlighter would ask of each node), interleaved round by round. Prints
 * both in MB/s (of UTF-16 units, 2 bytes each) and their ratio. Its cost per call, not per
 * character, is what big pages pay.
 */
function prefilterPieces(whole: string, rounds: number): void {
  const pieces: string[] = [];
  for (let i = 0; i < whole.length; i += PIECE) pieces.push(whole.slice(i, i + PIECE));
  const test = new RegExp(baseline.source, 'iu');
  const modes: [string, (piece: string) => boolean][] = [
    ['prefilter (mayMention)', mayMention],
    ['baseline RegExp test', (piece) => test.test(piece)],
  ];
  const ms: number[][] = modes.map(() => []);
  const admitted: number[] = modes.map(() => 0);
  for (let round = 0; round < Math.max(3, rounds); round++) {
    modes.forEach(([, fn], k) => {
      const t0 = performance.now();
      let n = 0;
      for (const piece of pieces) if (fn(piece)) n++;
      (ms[k] as number[]).push(performance.now() - t0);
      admitted[k] = n;
    });
  }
  const megabytes = (whole.length * 2) / 1e6;
  console.log();
  console.log(`per text node: ${pieces.length.toLocaleString('en')} pieces of ${PIECE} characters, median of rounds`);
  modes.forEach(([name], k) => {
    const m = median(ms[k] as number[]);
    console.log(
      `  ${name.padEnd(24)} ${(megabytes / (m / 1000)).toFixed(1).padStart(7)} MB/s  ` +
        `${((m * 1e6) / pieces.length).toFixed(0).padStart(5)} ns a piece  ${admitted[k]} admitted`,
    );
  });
  const ratio = median(ms[1] as number[]) / median(ms[0] as number[]);
  console.log(`ratio prefilter / baseline test, per piece: ${ratio.toFixed(2)}×`);
}

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const MATCHER_ENTRY = 'entrypoints/content/matcher.ts';

/**
 * What one fresh process runs: a trivial module first (so the loader's own start-up is not counted),
 * then the matcher, from a data: URL of its source read beforehand (so that no file system wait is
 * counted), then the first call on one text and a few warm ones. Prints one JSON line with wall
 * times and the process's CPU times (user + system, all threads: less noisy on a busy machine).
 */
const CHILD = `
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
const [matcherPath, textPath, warmupPath] = process.argv.slice(2);
const text = readFileSync(textPath, 'utf8');
const url = 'data:text/javascript;base64,' + readFileSync(matcherPath).toString('base64');
await import(pathToFileURL(warmupPath).href);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const c0 = cpu();
const t0 = performance.now();
const m = await import(url);
const t1 = performance.now();
const c1 = cpu();
const first = m.findMentions(text);
const t2 = performance.now();
const c2 = cpu();
const warm = [];
for (let i = 0; i < 5; i++) {
  const a = performance.now();
  m.findMentions(text);
  warm.push(performance.now() - a);
}
warm.sort((a, b) => a - b);
console.log(JSON.stringify({
  load: t1 - t0, first: t2 - t1, loadCpu: c1 - c0, firstCpu: c2 - c1, warm: warm[2], mentions: first.length,
}));
`;

interface ColdSample {
  load: number;
  first: number;
  loadCpu: number;
  firstCpu: number;
  warm: number;
  mentions: number;
}

/** Runs the child in a fresh `node` process; throws when it fails. */
function coldRun(dir: string, matcher: string, text: string): ColdSample {
  const child = spawnSync(process.execPath, [join(dir, 'child.mjs'), matcher, text, join(dir, 'warmup.mjs')], {
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(`cold run of ${matcher} failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop() as string) as ColdSample;
}

/**
 * The source tree of `before` to build from: the folder itself when it is one, otherwise the
 * revision's files exported from git into `scratch`.
 */
function beforeSource(before: string, scratch: string): string {
  const asFolder = resolve(before);
  const isFolder = spawnSync('test', ['-d', join(asFolder, 'engine')]).status === 0;
  if (isFolder) return asFolder;
  const out = join(scratch, 'before-src');
  execFileSync('mkdir', ['-p', out]);
  const archive = execFileSync('git', ['archive', before], { cwd: ROOT, maxBuffer: 1 << 28 });
  execFileSync('tar', ['-x', '-C', out], { input: archive });
  // The build reads the generated tsconfig and resolves packages like the working tree does.
  cpSync(join(ROOT, '.wxt'), join(out, '.wxt'), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(out, 'node_modules'));
  return out;
}

async function coldMain(options: Options): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), 'bench-engine-cold-'));
  try {
    const builds: { name: string; file: string; bytes: number; gzip: number }[] = [];
    const sources: [string, string][] = [];
    if (options.before) sources.push([`before (${options.before})`, beforeSource(options.before, scratch)]);
    sources.push(['this tree', ROOT]);
    for (const [name, source] of sources) {
      const code = await buildLazyModule(source, MATCHER_ENTRY);
      const file = join(scratch, `matcher-${builds.length}.mjs`);
      writeFileSync(file, code);
      builds.push({ name, file, bytes: Buffer.byteLength(code), gzip: gzipSync(code).length });
    }
    const topical = generateCorpus({ seed: options.seed, bytes: 100_000 });
    const never = Number.MAX_SAFE_INTEGER;
    const free = generateCorpus({ seed: options.seed, bytes: 100_000, mentionEvery: never, distractorEvery: never });
    const texts = [
      { name: '100 kB with mentions', file: join(scratch, 'topical.txt') },
      { name: '100 kB topic-free', file: join(scratch, 'free.txt') },
    ];
    writeFileSync(texts[0]?.file as string, topical.paragraphs.join('\n\n'));
    writeFileSync(texts[1]?.file as string, free.paragraphs.join('\n\n'));
    writeFileSync(join(scratch, 'child.mjs'), CHILD);
    writeFileSync(join(scratch, 'warmup.mjs'), 'export const ok = 1;\n');
    console.log(
      `cold start: ${options.cold} fresh node processes per build and text (interleaved), medians; ` +
        `${topical.plantedMentions} mention sentences planted in the first text`,
    );

    const samples = builds.map(() => texts.map((): ColdSample[] => []));
    for (let round = 0; round < options.cold; round++) {
      for (let t = 0; t < texts.length; t++) {
        for (let k = 0; k < builds.length; k++) {
          const b = (round + k) % builds.length;
          samples[b]?.[t]?.push(coldRun(scratch, builds[b]?.file as string, texts[t]?.file as string));
        }
      }
      process.stderr.write(`round ${round + 1}/${options.cold}\r`);
    }
    process.stderr.write('\n');

    const med = (list: ColdSample[], key: keyof ColdSample): number => median(list.map((s) => s[key]));
    const header = ['', ...builds.map((b) => b.name)];
    const rows: string[][] = [
      ['matcher.js bytes (gzip)', ...builds.map((b) => `${b.bytes} (${b.gzip})`)],
      ['(a) module evaluation, CPU ms', ...samples.map((s) => med(s[0] as ColdSample[], 'loadCpu').toFixed(2))],
      ['    wall ms', ...samples.map((s) => med(s[0] as ColdSample[], 'load').toFixed(2))],
    ];
    texts.forEach((text, t) => {
      const of = (s: ColdSample[][]) => s[t] as ColdSample[];
      rows.push([
        `(b/c) first findMentions, ${text.name}, CPU ms`,
        ...samples.map((s) => med(of(s), 'firstCpu').toFixed(2)),
      ]);
      rows.push(['    wall ms', ...samples.map((s) => med(of(s), 'first').toFixed(2))]);
      rows.push([
        '    (a)+(b/c) CPU ms',
        ...samples.map((s) => (med(of(s), 'loadCpu') + med(of(s), 'firstCpu')).toFixed(2)),
      ]);
      rows.push([`(d) warm findMentions, ${text.name}, wall ms`, ...samples.map((s) => med(of(s), 'warm').toFixed(2))]);
      rows.push(['    mentions found', ...samples.map((s) => String(of(s)[0]?.mentions ?? '-'))]);
    });
    const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] as string).length)));
    const line = (cells: string[]): string =>
      cells
        .map((cell, c) => (c === 0 ? cell.padEnd(widths[c] as number) : cell.padStart(widths[c] as number)))
        .join('  ');
    console.log(line(header));
    console.log(widths.map((w) => '-'.repeat(w)).join('  '));
    for (const row of rows) console.log(line(row));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const options = parseOptions(process.argv.slice(2));
  if (options.cold > 0) await coldMain(options);
  else main();
}
