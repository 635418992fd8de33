/**
 * `npm run bench:engine [-- --mb=20 --seed=1718 --rounds=5]`
 *
 * Throughput of `findMentions` on seeded multilingual prose (scripts/corpus.ts), against a naive
 * baseline: one case-insensitive alternation RegExp of every alias in data/aliases.json. Both run on
 * the same text, in the same process, interleaved round by round so that thermal or GC drift hits
 * both; the table shows the median of the rounds. MB = 10^6 bytes of UTF-8.
 */
import { pathToFileURL } from 'node:url';
import aliasData from '../data/aliases.json' with { type: 'json' };
import { findMentions, pageContext } from '../engine/index.ts';
import { generateCorpus } from './corpus.ts';

interface Options {
  mb: number;
  seed: number;
  rounds: number;
}

function parseOptions(argv: readonly string[]): Options {
  const options: Options = { mb: 20, seed: 1718, rounds: 5 };
  for (const arg of argv) {
    const match = /^--(mb|seed|rounds)=(\d+(?:\.\d+)?)$/.exec(arg);
    if (!match) {
      console.error(`bench-engine: unknown argument ${arg}\nusage: bench-engine [--mb=20] [--seed=1718] [--rounds=5]`);
      process.exit(2);
    }
    options[match[1] as keyof Options] = Number(match[2]);
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
  console.log(`total time ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
