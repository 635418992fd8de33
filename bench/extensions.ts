/**
 * The extensions `npm run bench` compares: ours (the production build), the mark.js reference, the
 * naive one-shot CSS highlight and the text-walk floor. The references are assembled into a
 * temporary folder at bench time, from their sources in bench/ref-markjs, bench/ref-naive and
 * bench/ref-floor plus mark.js and the alias list.
 */
import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readdir, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import aliasData from '../data/aliases.json' with { type: 'json' };
import { HIGHLIGHTED_ENTITIES } from '../engine/index.ts';
import { aliasesByEntity, naiveAliasRegExp } from '../scripts/bench-engine.ts';
import { ROOT } from '../tests/e2e/harness.ts';

export const OURS_DIR = join(ROOT, '.output/chrome-mv3');

/**
 * The alternation the mark.js and naive references paint: every alias of the highlighted entities, `*`
 * stripped, longest first. Returns a never-matching pattern when the list is empty.
 */
export function referencePattern(): RegExp {
  const painted = new Set<string>(HIGHLIGHTED_ENTITIES);
  const aliases = [...aliasesByEntity(aliasData)].filter(([, entity]) => painted.has(entity)).map(([alias]) => alias);
  return naiveAliasRegExp(aliases);
}

export interface ReferenceExtensions {
  markjs: string;
  naive: string;
  floor: string;
  /** Alias count in the mark.js (and naive) pattern. */
  aliases: number;
}

/** Writes the reference extensions into a fresh temporary folder; returns their folders. Throws when mark.js is not installed. */
export async function buildReferenceExtensions(): Promise<ReferenceExtensions> {
  const root = await mkdtemp(join(tmpdir(), 'bench-extensions-'));
  const markjs = join(root, 'ref-markjs');
  const naive = join(root, 'ref-naive');
  const floor = join(root, 'ref-floor');
  await cp(join(import.meta.dirname, 'ref-markjs'), markjs, { recursive: true });
  await cp(join(import.meta.dirname, 'ref-naive'), naive, { recursive: true });
  await cp(join(import.meta.dirname, 'ref-floor'), floor, { recursive: true });
  const require = createRequire(import.meta.url);
  const markDist = dirname(require.resolve('mark.js/dist/mark.min.js'));
  await cp(join(markDist, 'mark.min.js'), join(markjs, 'mark.js'));
  const pattern = referencePattern();
  const aliases = `self.BENCH_ALIAS_SOURCE = ${JSON.stringify(pattern.source)};\n`;
  await writeFile(join(markjs, 'aliases.js'), aliases);
  await writeFile(join(naive, 'aliases.js'), aliases);
  return { markjs, naive, floor, aliases: pattern.source.split('|').length };
}

/** Newest modification time (ms) of any file under `path`; 0 when it does not exist. */
async function newestMtime(path: string): Promise<number> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch {
    return 0;
  }
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = 0;
  for (const entry of await readdir(path)) newest = Math.max(newest, await newestMtime(join(path, entry)));
  return newest;
}

const SOURCES = [
  'entrypoints',
  'page',
  'engine',
  'components',
  'lib',
  'data',
  'public',
  'wxt.config.ts',
  'package.json',
];

/**
 * Runs `wxt build` when the Chrome build is missing or older than any source file. Returns whether
 * it built; throws when the build fails.
 */
export async function buildOursIfStale(): Promise<boolean> {
  const built = await newestMtime(join(OURS_DIR, 'manifest.json'));
  let newest = 0;
  for (const source of SOURCES) newest = Math.max(newest, await newestMtime(join(ROOT, source)));
  if (built > 0 && built >= newest) return false;
  const result = spawnSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: ['ignore', process.stderr, process.stderr] });
  if (result.status !== 0) throw new Error(`wxt build failed with exit code ${result.status}`);
  return true;
}

/**
 * Copies the Chrome build to a temporary folder and returns it, so a rebuild started elsewhere
 * during a long bench cannot swap files under a running browser. Throws when there is no build.
 */
export async function snapshotOurs(): Promise<string> {
  const copy = join(await mkdtemp(join(tmpdir(), 'bench-ours-')), 'chrome-mv3');
  await cp(OURS_DIR, copy, { recursive: true });
  return copy;
}
