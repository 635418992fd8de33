/**
 * One measured page load: a fresh Chromium profile with at most one extension, CDP `Performance`
 * metrics read from outside once the extension's work is over, long tasks recorded in the page.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, type CDPSession, chromium, type Page, type Worker } from 'playwright-core';
import { FRAME_COUNTS_KEY } from '../lib/frame-counts.ts';
import { CHROMIUM_ARGS, chromePath } from '../tests/e2e/harness.ts';
import { FLAGS, LONG_TASK_RECORDER } from './pages.ts';

/** `before`: another build of ours (`--before=<folder>`), measured like ours for a before/after in one run. */
export const VARIANTS = ['none', 'ours', 'before', 'markjs', 'naive', 'floor'] as const;
export type Variant = (typeof VARIANTS)[number];

export interface LongTask {
  start: number;
  duration: number;
}

export interface Sample {
  /** CDP ScriptDuration, ms (absolute; the report subtracts the no-extension runs). */
  scriptMs: number;
  /** CDP TaskDuration minus DevToolsCommandDuration, ms. */
  taskMs: number;
  /** JSHeapUsedSize after a forced garbage collection, MB (10^6 bytes). */
  heapMB: number;
  /**
   * Main-thread JavaScript time from a CPU profile, ms: every sample except idle, "(program)"
   * (native work outside any script) and the root; includes GC and DOM calls made from script.
   * Unlike ScriptDuration it counts promise continuations (code after `await`).
   */
  jsMs: number;
  /** Profile time with an extension script (chrome-extension://) anywhere on the stack, ms. */
  extensionJsMs: number;
  /** Self time per extension function ("name url:line:column"), ms; filled only with `keepProfile`. */
  extensionFunctions?: Map<string, number>;
  /** Time per extension function including its callees ("name url:line:column"), ms; only with `keepProfile`. */
  extensionInclusive?: Map<string, number>;
  /**
   * Bytes still alive after the final GC per allocating extension function (sampling heap
   * profiler; DOM and V8 built-ins called from our code count to their caller); only with `keepProfile`.
   */
  extensionRetained?: Map<string, number>;
  /** Page time at which DOMContentLoaded handlers had finished. */
  dclAt: number;
  longTasks: LongTask[];
  /** Long animation frames (over 50 ms), which also cover requestAnimationFrame work. */
  longFrames: LongTask[];
  /** Page time (ms since navigation start) at which the painted count (or the floor's flag) last changed; null when nothing was painted. */
  doneAt: number | null;
  /**
   * Highlights registered (ours, naive), `<mark>` elements (mark.js), else 0. Ours registers only
   * the mentions near the viewport on a page with many (page/highlighter.ts, WINDOW_MIN_RANGES).
   */
  painted: number;
  /** Ours: the mentions the page's frames reported to the background (the badge's count); else 0. */
  found: number;
  /** Page time at which the mutation page appended its last batch; null on static pages. */
  appendedAt: number | null;
  timedOut: boolean;
}

export interface MeasureOptions {
  variant: Variant;
  /** Unpacked extension folder; undefined for `none`. */
  extension?: string;
  url: string;
  /** The page appends content itself and sets the `appended` flag when it stops. */
  mutating: boolean;
  /**
   * The page has nothing to paint: ours is done when nothing happened for `quietMs` after load
   * (it gives no signal of its own then). Default false.
   */
  quiet?: boolean;
  /** How long after load a quiet page is watched. Default 1500 ms. */
  quietMs?: number;
  /** How long the signal must stay unchanged before the work counts as done. */
  settleMs?: number;
  timeoutMs?: number;
  /** Return self time per extension function too. */
  keepProfile?: boolean;
  /** CPU profiler sampling interval, microseconds. */
  samplingUs?: number;
}

const POLL_MS = 50;

interface Probe {
  now: number;
  highlights: number;
  /** Ours: the count reported to the background, read from the service worker (0 until then). */
  found: number;
  naiveHighlights: number;
  marks: number;
  floorDone: number | null;
  markDone: number | null;
  naiveDone: number | null;
  appended: number | null;
}

/**
 * Runs in the page's main world, which shares `CSS.highlights` with content scripts. Kept as
 * source text: a bundler's helpers (such as esbuild's `__name`) do not exist in the page.
 */
const PROBE = `(() => {
  const data = document.documentElement.dataset;
  const numberOf = (value) => (value === undefined ? null : Number(value));
  let highlights = 0;
  for (const [name, highlight] of CSS.highlights) if (name.startsWith('sanctions-context-')) highlights += highlight.size;
  // A live collection: Chromium caches its length until the DOM changes, so polling stays cheap.
  window.benchMarks ??= document.getElementsByTagName('mark');
  return {
    now: performance.now(),
    highlights,
    naiveHighlights: CSS.highlights.get('bench-naive')?.size ?? 0,
    marks: window.benchMarks.length,
    floorDone: numberOf(data.${FLAGS.floorDone}),
    markDone: numberOf(data.${FLAGS.markDone}),
    naiveDone: numberOf(data.${FLAGS.naiveDone}),
    appended: numberOf(data.${FLAGS.appended}),
  };
})()`;

/** What must stay unchanged for the variant's work to count as over, and whether it has started. */
function signalOf(
  variant: Variant,
  p: Probe,
  mutating: boolean,
  quietOver: boolean,
): { value: string; ready: boolean } {
  const appended = !mutating || p.appended !== null;
  switch (variant) {
    case 'ours':
    case 'before':
      // The registered highlights settle early where only those near the viewport are
      // registered; the reported count follows the whole scan (with up to ~0.5 s of delay).
      return { value: `${p.highlights} ${p.found}`, ready: appended && (p.highlights > 0 || quietOver) };
    case 'markjs':
      return { value: String(p.marks), ready: appended && p.markDone !== null };
    case 'naive':
      return { value: String(p.naiveDone), ready: appended && p.naiveDone !== null };
    case 'floor':
      return { value: String(p.floorDone), ready: appended && p.floorDone !== null };
    default:
      return { value: String(p.appended), ready: appended };
  }
}

/** The one extension API read in the service worker below. */
declare const chrome: { storage: { session: { get(key: string): Promise<Record<string, unknown>> } } };

/**
 * The mentions ours reported to its background for the one tab (the sum over its frames, kept in
 * `storage.session` by lib/frame-counts.ts); 0 without a worker or before the first report.
 */
async function reportedCount(worker: Worker | undefined): Promise<number> {
  if (!worker) return 0;
  try {
    return (await worker.evaluate(async (key) => {
      const stored = ((await chrome.storage.session.get(key))[key] ?? {}) as Record<string, Record<string, number>>;
      let sum = 0;
      for (const frames of Object.values(stored)) for (const n of Object.values(frames)) sum += n;
      return sum;
    }, FRAME_COUNTS_KEY)) as number;
  } catch {
    return 0;
  }
}

async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

/** The parts of a CDP `Profiler.Profile` read here. */
export interface CpuProfile {
  nodes: { id: number; callFrame: CallFrame; children?: number[] }[];
  samples?: number[];
  timeDeltas?: number[];
}
interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

const NOT_SCRIPT = new Set(['(idle)', '(program)', '(root)']);

/**
 * Sums a CPU profile: all script time, time with `extensionId`'s code on the stack and, with
 * `keep`, self time per extension function. A sample lasts until the next one (as DevTools counts).
 */
export function profileTimes(
  profile: CpuProfile,
  extensionId: string,
  keep: boolean,
): Pick<Sample, 'jsMs' | 'extensionJsMs' | 'extensionFunctions' | 'extensionInclusive'> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const prefix = extensionId ? `chrome-extension://${extensionId}/` : '\u0000';
  const inExtension = new Map<number, boolean>();
  const isInExtension = (id: number): boolean => {
    const known = inExtension.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id);
    const up = parent.get(id);
    const result = !!node && (node.callFrame.url.startsWith(prefix) || (up !== undefined && isInExtension(up)));
    inExtension.set(id, result);
    return result;
  };
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let jsMs = 0;
  let extensionJsMs = 0;
  const functions = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const keyOf = (f: CallFrame) =>
    `${f.functionName || '(anonymous)'}${f.url ? ` ${f.url.replace(prefix, '')}:${f.lineNumber + 1}:${f.columnNumber + 1}` : ' (native)'}`;
  for (let i = 0; i < samples.length; i++) {
    const id = samples[i] as number;
    const ms = (deltas[i + 1] ?? 0) / 1000;
    const node = byId.get(id);
    if (!node || NOT_SCRIPT.has(node.callFrame.functionName)) continue;
    jsMs += ms;
    if (!isInExtension(id)) continue;
    extensionJsMs += ms;
    if (keep) {
      const key = keyOf(node.callFrame);
      functions.set(key, (functions.get(key) ?? 0) + ms);
      // Recursion would count a frame twice; each function counts once per sample.
      const seen = new Set<string>();
      for (let up: number | undefined = id; up !== undefined; up = parent.get(up)) {
        const frame = byId.get(up)?.callFrame;
        if (!frame?.url.startsWith(prefix)) continue;
        const k = keyOf(frame);
        if (seen.has(k)) continue;
        seen.add(k);
        inclusive.set(k, (inclusive.get(k) ?? 0) + ms);
      }
    }
  }
  return { jsMs, extensionJsMs, ...(keep ? { extensionFunctions: functions, extensionInclusive: inclusive } : {}) };
}

interface HeapNode {
  callFrame: CallFrame;
  selfSize: number;
  children: HeapNode[];
}

/** Live bytes per allocating function, counting only allocations with an extension frame on the stack. */
function retainedByFunction(root: HeapNode, extensionId: string): Map<string, number> {
  const prefix = `chrome-extension://${extensionId}/`;
  const out = new Map<string, number>();
  const visit = (node: HeapNode, inExtension: boolean, owner: CallFrame | undefined) => {
    const here = inExtension || node.callFrame.url.startsWith(prefix);
    // Native allocators (DOM, built-ins) have no URL: charge them to the closest script frame.
    const frame = node.callFrame.url ? node.callFrame : (owner ?? node.callFrame);
    if (here && node.selfSize > 0) {
      const key = `${frame.functionName || '(anonymous)'}${frame.url ? ` ${frame.url.replace(prefix, '')}:${frame.lineNumber + 1}:${frame.columnNumber + 1}` : ' (native)'}`;
      out.set(key, (out.get(key) ?? 0) + node.selfSize);
    }
    for (const child of node.children) visit(child, here, frame.url ? frame : owner);
  };
  visit(root, false, undefined);
  return out;
}

export async function launch(
  extension: string | undefined,
  profile: string,
): Promise<{ context: BrowserContext; id: string }> {
  const args = [...CHROMIUM_ARGS];
  if (extension) args.unshift(`--disable-extensions-except=${extension}`, `--load-extension=${extension}`);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromePath(),
    headless: true,
    args,
    viewport: { width: 1100, height: 800 },
  });
  if (!extension) return { context, id: '' };
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
    return { context, id: new URL(worker.url()).host };
  } catch (error) {
    await context.close();
    throw error;
  }
}

/**
 * Loads `url` in a fresh profile with the variant's extension and waits until its work is done
 * (signal unchanged for `settleMs`), then reads the metrics. Never throws for a slow page: it
 * returns `timedOut: true` with what was measured by then. Throws when Chromium cannot start.
 */
export async function measure(options: MeasureOptions): Promise<Sample> {
  // On a page that keeps changing, ours draws what the changes add after a pause of up to 1 s
  // (page/annotator.ts, `#commitPaced`): every variant is given longer to be seen done there.
  const settleMs = options.settleMs ?? (options.mutating ? 1500 : 500);
  const timeoutMs = options.timeoutMs ?? 60_000;
  let profile = await mkdtemp(join(tmpdir(), 'bench-profile-'));
  let launched: Awaited<ReturnType<typeof launch>>;
  try {
    launched = await launch(options.extension, profile);
  } catch {
    // A loaded machine sometimes misses the extension's first worker start; one fresh try.
    await rm(profile, { recursive: true, force: true });
    profile = await mkdtemp(join(tmpdir(), 'bench-profile-'));
    launched = await launch(options.extension, profile);
  }
  const { context, id } = launched;
  try {
    const page: Page = context.pages()[0] ?? (await context.newPage());
    await page.addInitScript(LONG_TASK_RECORDER);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: options.samplingUs ?? 250 });
    await cdp.send('Profiler.start');
    if (options.keepProfile) await cdp.send('HeapProfiler.startSampling', { samplingInterval: 4096 });
    await page.goto(options.url, { waitUntil: 'load', timeout: timeoutMs });
    const started = Date.now();
    let last: { value: string; at: number; pageAt: number } | undefined;
    let lastHighlights: { value: number; pageAt: number } | undefined;
    const worker = options.variant === 'ours' || options.variant === 'before' ? context.serviceWorkers()[0] : undefined;
    let timedOut = false;
    let latest: Probe;
    for (;;) {
      latest = { ...((await page.evaluate(PROBE)) as Omit<Probe, 'found'>), found: await reportedCount(worker) };
      if (!lastHighlights || latest.highlights !== lastHighlights.value)
        lastHighlights = { value: latest.highlights, pageAt: latest.now };
      const quietOver = !!options.quiet && Date.now() - started >= (options.quietMs ?? 1500);
      const signal = signalOf(options.variant, latest, options.mutating, quietOver);
      if (!last || signal.value !== last.value) last = { value: signal.value, at: Date.now(), pageAt: latest.now };
      // A quiet page is watched as long for every variant, so task times compare.
      if (signal.ready && (!options.quiet || quietOver) && Date.now() - last.at >= settleMs) break;
      if (Date.now() - started > timeoutMs) {
        timedOut = true;
        break;
      }
      await new Promise((done) => setTimeout(done, POLL_MS));
    }
    const m = await metrics(cdp);
    const { profile } = await cdp.send('Profiler.stop');
    const times = profileTimes(profile, id, options.keepProfile ?? false);
    const longTasks = (await page.evaluate('window.__benchLongTasks')) as LongTask[];
    const longFrames = (await page.evaluate('window.__benchLongFrames')) as LongTask[];
    const dclAt = (await page.evaluate(
      "performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd ?? 0",
    )) as number;
    await cdp.send('HeapProfiler.collectGarbage');
    const afterGc = await metrics(cdp);
    let extensionRetained: Map<string, number> | undefined;
    if (options.keepProfile) {
      const { profile: heap } = await cdp.send('HeapProfiler.getSamplingProfile');
      await cdp.send('HeapProfiler.stopSampling');
      extensionRetained = retainedByFunction(heap.head, id);
    }
    let doneAt: number | null = null;
    if (options.variant === 'floor') doneAt = latest.floorDone;
    else if (options.variant === 'markjs') doneAt = latest.markDone;
    else if (options.variant === 'naive') doneAt = latest.naiveDone;
    // The last change of what is painted: the count reported later is not a paint.
    else if ((options.variant === 'ours' || options.variant === 'before') && latest.highlights > 0)
      doneAt = lastHighlights?.pageAt ?? last.pageAt;
    return {
      scriptMs: (m.ScriptDuration ?? 0) * 1000,
      taskMs: ((m.TaskDuration ?? 0) - (m.DevToolsCommandDuration ?? 0)) * 1000,
      heapMB: (afterGc.JSHeapUsedSize ?? 0) / 1e6,
      ...times,
      longTasks,
      longFrames,
      doneAt,
      painted:
        options.variant === 'ours' || options.variant === 'before'
          ? latest.highlights
          : options.variant === 'markjs'
            ? latest.marks
            : options.variant === 'naive'
              ? latest.naiveHighlights
              : 0,
      found: latest.found,
      appendedAt: latest.appended,
      dclAt,
      ...(extensionRetained ? { extensionRetained } : {}),
      timedOut,
    };
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
}
