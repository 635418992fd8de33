/**
 * `npm run bench:scan [-- --runs=15 --big-runs=5 --mb=20 --seed=1718 --no-build]`
 *
 * The scan CLI as whole processes, against baselines measured in the same run, each command
 * spawned afresh and the commands interleaved round by round so that a busy machine slows all of
 * them alike; medians are printed.
 *
 * - Start-up: `node .output/scan/scan.cjs small.txt` (the build `npm run scan` runs) against
 *   `node -e ""`; target: at most 1.5× as long. Also shown: the launcher `node scripts/scan.cjs`
 *   (stamp check, then the build) and the TypeScript source started with tsx.
 * - Throughput on a generated text of about 20 MB (scripts/corpus.ts: everyday prose in eleven
 *   languages with about one entity mention and one look-alike per 2 KB): the build against
 *   `node bench/naive-scan.mjs big.txt` (one case-insensitive RegExp alternation of every alias
 *   with matchAll, printing the same JSON); MB/s = 10⁶ bytes of the file / whole-process seconds.
 *   Target: ours at least as fast. Also shown: the source started with tsx.
 *
 * Before timing, the outputs are checked: the build and the tsx-started source must print the
 * same bytes on both files.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateText } from '../scripts/corpus.ts';

const root = resolve(import.meta.dirname, '..');
const BUILT = '.output/scan/scan.cjs';
const TSX = join(root, 'node_modules', '.bin', 'tsx');

interface Options {
  runs: number;
  bigRuns: number;
  mb: number;
  seed: number;
  build: boolean;
}

const USAGE = 'usage: npm run bench:scan -- [--runs=15] [--big-runs=5] [--mb=20] [--seed=1718] [--no-build]';

function parse(argv: readonly string[]): Options {
  const options: Options = { runs: 15, bigRuns: 5, mb: 20, seed: 1718, build: true };
  for (const arg of argv) {
    const [key, value] = arg.split('=', 2) as [string, string | undefined];
    const n = Number(value);
    if (key === '--runs' && n > 0) options.runs = Math.floor(n);
    else if (key === '--big-runs' && n > 0) options.bigRuns = Math.floor(n);
    else if (key === '--mb' && n > 0) options.mb = n;
    else if (key === '--seed' && Number.isInteger(n)) options.seed = n;
    else if (key === '--no-build') options.build = false;
    else throw new Error(`unknown option ${arg}\n${USAGE}`);
  }
  return options;
}

interface Command {
  name: string;
  argv: string[];
}

const devNull = openSync('/dev/null', 'w');

/** Wall-clock milliseconds of one run of `command`, its output thrown away; throws when it fails. */
function time(command: Command): number {
  const started = performance.now();
  const run = spawnSync(command.argv[0] as string, command.argv.slice(1), {
    cwd: root,
    stdio: ['ignore', devNull, 'pipe'],
    maxBuffer: 1 << 26,
  });
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(`${command.name} failed (${run.status}): ${run.stderr}`);
  return ms;
}

/** Its standard output; throws when it fails. */
function output(argv: string[]): string {
  const run = spawnSync(argv[0] as string, argv.slice(1), { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (run.status !== 0) throw new Error(`${argv.join(' ')} failed (${run.status}): ${run.stderr}`);
  return run.stdout;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Runs every command `rounds` times, interleaved (the order rotates each round); ms per command. */
function interleaved(commands: readonly Command[], rounds: number): Map<string, number[]> {
  const times = new Map<string, number[]>(commands.map((c) => [c.name, []]));
  // One unmeasured round first: disk cache and the first start of each binary.
  for (const command of commands) time(command);
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < commands.length; k++) {
      const command = commands[(round + k) % commands.length] as Command;
      times.get(command.name)?.push(time(command));
    }
  }
  return times;
}

function mentionCount(json: string): number {
  return (JSON.parse(json) as { mentions: unknown[] }[]).reduce((sum, r) => sum + r.mentions.length, 0);
}

function table(rows: string[][]): void {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  rows.forEach((row, n) => {
    console.log(
      row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  '),
    );
    if (n === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  });
}

function verdict(ok: boolean): string {
  return ok ? 'PASS' : 'FAIL';
}

function main(): number {
  const options = parse(process.argv.slice(2));
  if (options.build) {
    // The launcher builds when the build is missing or stale; --help then prints and exits.
    const run = spawnSync(process.execPath, ['scripts/scan.cjs', '--help'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 2],
    });
    if (run.status !== 0) throw new Error('npm run scan --help failed: the build is broken');
  }
  statSync(join(root, BUILT));

  const dir = mkdtempSync(join(tmpdir(), 'bench-scan-'));
  try {
    const small = join(dir, 'small.txt');
    const big = join(dir, 'big.txt');
    writeFileSync(small, generateText({ seed: options.seed, bytes: 2000, mentionEvery: 1000 }));
    writeFileSync(big, generateText({ seed: options.seed, bytes: options.mb * 1e6 }));
    const smallBytes = statSync(small).size;
    const bigBytes = statSync(big).size;
    const node = process.execPath;

    const builtSmall = output([node, BUILT, small]);
    const builtBig = output([node, BUILT, big]);
    if (output([TSX, 'scripts/scan.ts', small]) !== builtSmall || output([TSX, 'scripts/scan.ts', big]) !== builtBig) {
      throw new Error('the build and scripts/scan.ts started with tsx print different results');
    }
    const naiveBig = output([node, 'bench/naive-scan.mjs', big]);
    console.log(
      `small.txt: ${smallBytes.toLocaleString('en')} bytes, ${mentionCount(builtSmall)} mentions; ` +
        `big.txt: ${(bigBytes / 1e6).toFixed(1)} MB (seed ${options.seed}), ${mentionCount(builtBig).toLocaleString('en')} ` +
        `mentions (naive RegExp: ${mentionCount(naiveBig).toLocaleString('en')} matches); build and tsx output identical`,
    );
    console.log(
      `Node ${process.version}; medians of ${options.runs} start-up and ${options.bigRuns} big-file rounds, interleaved\n`,
    );

    const startup = interleaved(
      [
        { name: 'node -e ""', argv: [node, '-e', ''] },
        { name: `node ${BUILT} small.txt`, argv: [node, BUILT, small] },
        { name: 'node scripts/scan.cjs small.txt (launcher)', argv: [node, 'scripts/scan.cjs', small] },
        { name: 'tsx scripts/scan.ts small.txt', argv: [TSX, 'scripts/scan.ts', small] },
      ],
      options.runs,
    );
    const base = median(startup.get('node -e ""') ?? []);
    const rows = [['start-up', 'median ms', 'min–max ms', '× node -e ""']];
    for (const [name, ms] of startup) {
      rows.push([
        name,
        median(ms).toFixed(1),
        `${Math.min(...ms).toFixed(0)}–${Math.max(...ms).toFixed(0)}`,
        (median(ms) / base).toFixed(2),
      ]);
    }
    table(rows);
    const startRatio = median(startup.get(`node ${BUILT} small.txt`) ?? []) / base;
    console.log(
      `\nstart-up: built scan / node -e "" = ${startRatio.toFixed(2)} (target ≤ 1.5): ${verdict(startRatio <= 1.5)}\n`,
    );

    const throughput = interleaved(
      [
        { name: 'node bench/naive-scan.mjs big.txt', argv: [node, 'bench/naive-scan.mjs', big] },
        { name: `node ${BUILT} big.txt`, argv: [node, BUILT, big] },
        { name: 'tsx scripts/scan.ts big.txt', argv: [TSX, 'scripts/scan.ts', big] },
      ],
      options.bigRuns,
    );
    const mbps = (ms: number) => bigBytes / 1e6 / (ms / 1000);
    const naive = mbps(median(throughput.get('node bench/naive-scan.mjs big.txt') ?? []));
    const rows2 = [[`${options.mb} MB, whole process`, 'median ms', 'MB/s', 'min–max MB/s', '× naive']];
    for (const [name, ms] of throughput) {
      rows2.push([
        name,
        median(ms).toFixed(0),
        mbps(median(ms)).toFixed(1),
        `${mbps(Math.max(...ms)).toFixed(1)}–${mbps(Math.min(...ms)).toFixed(1)}`,
        (mbps(median(ms)) / naive).toFixed(2),
      ]);
    }
    table(rows2);
    const ours = mbps(median(throughput.get(`node ${BUILT} big.txt`) ?? []));
    console.log(
      `\nthroughput: built scan / naive RegExp = ${(ours / naive).toFixed(2)} (target ≥ 1): ${verdict(ours >= naive)}`,
    );
    return startRatio <= 1.5 && ours >= naive ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = main();
