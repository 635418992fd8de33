/**
 * `npm run bench -- --highlight-trap`: what one small change to a CSS Custom Highlight costs on
 * the next frame in Chromium, by how many ranges the highlight already holds. Informs how the
 * highlighter batches and splits its highlights.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromePath, serveFixtures } from '../tests/e2e/harness.ts';
import { trapPage } from './pages.ts';

export const TRAP_SIZES = [500, 2000, 8000] as const;
/** Ranges per highlight in the split mode: one region's worth of mentions. */
export const SPLIT_SIZE = 250;

export const TRAP_MODES = {
  control: 'nothing changes (frame cost without any change)',
  'add-registered': 'add 1 range to the registered Highlight of N ranges',
  'delete-registered': 'delete 1 range from the registered Highlight of N ranges',
  'swap-new': 'build a new Highlight of N+1 ranges off-registry, then one CSS.highlights.set',
  'add-unregistered': 'add 1 range to a Highlight of N ranges that is not registered',
  'add-split': `add 1 range to one of ceil(N/${SPLIT_SIZE}) registered Highlights of ${SPLIT_SIZE} ranges`,
} as const;
export type TrapMode = keyof typeof TRAP_MODES;

export interface TrapResult {
  n: number;
  mode: TrapMode;
  /** Time spent in the change itself (script), ms, one per repetition. */
  scriptMs: number[];
  /** From the change (made in a requestAnimationFrame callback) until a task queued then runs, i.e. after that frame's style, layout and paint, ms. */
  frameMs: number[];
}

// Kept as source text: it runs in the page, where a bundler's helpers do not exist.
const IN_PAGE = `window.benchTrap = async (n, mode, reps, splitSize) => {
  CSS.highlights.clear();
  const targets = Array.from(document.getElementsByTagName('b'), (b) => b.firstChild);
  const rangeOf = (i) => {
    const range = new Range();
    range.setStart(targets[i], 0);
    range.setEnd(targets[i], targets[i].data.length);
    return range;
  };
  const frame = () => new Promise((done) => requestAnimationFrame(done));
  const settle = async () => { for (let i = 0; i < 3; i++) await frame(); };
  let main = new Highlight();
  const parts = [];
  if (mode === 'add-split') {
    for (let k = 0; k * splitSize < n; k++) {
      const part = new Highlight();
      for (let i = k * splitSize; i < Math.min(n, (k + 1) * splitSize); i++) part.add(rangeOf(i));
      CSS.highlights.set('bench-trap-' + k, part);
      parts.push(part);
    }
  } else {
    for (let i = 0; i < n; i++) main.add(rangeOf(i));
    if (mode !== 'add-unregistered') CSS.highlights.set('bench-trap', main);
  }
  const deletable = [...main];
  let next = n;
  const change = (rep) => {
    if (mode === 'add-registered' || mode === 'add-unregistered') main.add(rangeOf(next++));
    else if (mode === 'delete-registered') main.delete(deletable[rep * 7]);
    else if (mode === 'swap-new') {
      const fresh = new Highlight(...main, rangeOf(next++));
      CSS.highlights.set('bench-trap', fresh);
      main = fresh;
    } else if (mode === 'add-split') parts[(rep * 3) % parts.length].add(rangeOf(next++));
  };
  const results = [];
  for (let rep = 0; rep < reps; rep++) {
    await settle();
    results.push(await new Promise((done) => requestAnimationFrame(() => {
      const t0 = performance.now();
      change(rep);
      const t1 = performance.now();
      setTimeout(() => done({ script: t1 - t0, frame: performance.now() - t0 }), 0);
    })));
  }
  CSS.highlights.clear();
  await settle();
  return results;
};`;

/**
 * Measures every mode for every N (`reps` repetitions each) in one fresh headless Chromium.
 * Returns one result per (N, mode); throws when Chromium cannot start.
 */
export async function runHighlightTrap(reps = 7): Promise<TrapResult[]> {
  const largest = Math.max(...TRAP_SIZES);
  const site = await serveFixtures(undefined, { '/trap.html': () => trapPage(largest + reps * 4 + 16) });
  const profile = await mkdtemp(join(tmpdir(), 'bench-trap-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromePath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
    viewport: { width: 1100, height: 800 },
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${site.origin}/trap.html`, { waitUntil: 'load' });
    // Style rules for the split mode's names, so every part is painted as the single one is.
    await page.addStyleTag({
      content: Array.from(
        { length: Math.ceil(largest / SPLIT_SIZE) },
        (_, k) => `::highlight(bench-trap-${k}) { background: #fde68a; }`,
      ).join('\n'),
    });
    await page.evaluate(IN_PAGE);
    const results: TrapResult[] = [];
    for (const n of TRAP_SIZES) {
      for (const mode of Object.keys(TRAP_MODES) as TrapMode[]) {
        const runs = (await page.evaluate(`window.benchTrap(${n}, '${mode}', ${reps}, ${SPLIT_SIZE})`)) as {
          script: number;
          frame: number;
        }[];
        results.push({ n, mode, scriptMs: runs.map((r) => r.script), frameMs: runs.map((r) => r.frame) });
        process.stderr.write(`highlight trap: N=${n} ${mode} done\n`);
      }
    }
    return results;
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
    await site.close();
  }
}
