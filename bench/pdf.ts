/**
 * `npm run bench:pdf [-- --runs=3 --pages=300 --no-build]`
 *
 * The PDF reader on a generated report (tests/fixtures/make-pdfs.ts, one DPRK mention every tenth
 * page, one MSMT mention every 25th) in real Chromium with the built extension: time from
 * picking the file to the first rendered page and to all mentions found, the long tasks of the
 * reader page meanwhile, and its JavaScript heap after the scan and after scrolling to the last
 * page (pdf.js keeps a bounded cache of rendered pages). The pdf.js worker's own heap is not
 * included. Prints the median of the runs, each in a fresh browser profile.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, waitInPage } from '../tests/e2e/harness.ts';
import { longReportMentionCount, longReportPdf } from '../tests/fixtures/make-pdfs.ts';
import { buildOursIfStale } from './extensions.ts';

interface Run {
  firstPageMs: number;
  allMentionsMs: number;
  mentions: number;
  longTasks: number;
  longestTaskMs: number;
  heapAfterScanMb: number;
  heapAfterScrollMb: number;
}

function parse(argv: readonly string[]): { runs: number; pages: number; build: boolean } {
  const options = { runs: 3, pages: 300, build: true };
  for (const arg of argv) {
    const [key, value] = arg.split('=', 2) as [string, string | undefined];
    if (key === '--runs' && Number(value) > 0) options.runs = Math.floor(Number(value));
    else if (key === '--pages' && Number(value) > 0) options.pages = Math.floor(Number(value));
    else if (key === '--no-build') options.build = false;
    else throw new Error(`unknown option ${arg}\nusage: npm run bench:pdf -- [--runs=3] [--pages=300] [--no-build]`);
  }
  return options;
}

async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  const used = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? Number.NaN;
  return used / 1024 / 1024;
}

async function once(file: string): Promise<Run> {
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage(`chrome-extension://${browser.extensionId}/pdf.html`);
    await page.waitForSelector('input[type=file]');
    await page.evaluate(() => {
      const tasks: number[] = [];
      (window as unknown as { longTasks: number[] }).longTasks = tasks;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) tasks.push(entry.duration);
      }).observe({ type: 'longtask' });
    });
    await page.setInputFiles('input[type=file]', file);
    await waitInPage(page, 'all mentions', () => document.documentElement.dataset.mentions !== undefined, 120_000);
    await waitInPage(page, 'the first page', () => performance.getEntriesByName('sc-pdf-first-page').length > 0);
    // No named functions inside: tsx would wrap them in a __name() call the page does not have.
    const marks = await page.evaluate(() => {
      const tasks = (window as unknown as { longTasks: number[] }).longTasks;
      const [open, first, mentions] = ['sc-pdf-open', 'sc-pdf-first-page', 'sc-pdf-mentions'].map(
        (name) => performance.getEntriesByName(name)[0]?.startTime ?? Number.NaN,
      );
      return {
        open: open ?? Number.NaN,
        first: first ?? Number.NaN,
        mentions: mentions ?? Number.NaN,
        count: Number(document.documentElement.dataset.mentions),
        longTasks: tasks.length,
        longest: Math.max(0, ...tasks),
      };
    });
    // Control: the recorder sees a task it is shown, so 0 long tasks means none happened.
    // (In a task of the page's own: work run by the driver's evaluate is not reported.)
    await page.evaluate(() => {
      setTimeout(() => {
        const start = performance.now();
        while (performance.now() - start < 80) {
          // busy on purpose
        }
      }, 0);
    });
    await page.waitForTimeout(300);
    const seen = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks.length);
    if (seen <= marks.longTasks)
      throw new Error('the long-task recorder missed an 80 ms task: its counts mean nothing');
    const heapAfterScanMb = await heapMb(page);
    // Visit the end of the document: pdf.js renders the pages passed and evicts old ones.
    const pages = Number(await page.evaluate(() => document.querySelectorAll('.page').length));
    for (const n of [Math.floor(pages / 3), Math.floor((2 * pages) / 3), pages]) {
      await page.fill('input[name="page"]', String(n));
      await page.press('input[name="page"]', 'Enter');
      await page.waitForTimeout(400);
    }
    const heapAfterScrollMb = await heapMb(page);
    return {
      firstPageMs: marks.first - marks.open,
      allMentionsMs: marks.mentions - marks.open,
      mentions: marks.count,
      longTasks: marks.longTasks,
      longestTaskMs: marks.longest,
      heapAfterScanMb,
      heapAfterScrollMb,
    };
  } finally {
    await browser.close();
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

async function main(): Promise<void> {
  const options = parse(process.argv.slice(2));
  if (options.build) await buildOursIfStale();
  const dir = await mkdtemp(join(tmpdir(), 'sanctions-context-bench-pdf-'));
  try {
    const file = join(dir, `report-${options.pages}.pdf`);
    const bytes = await longReportPdf(options.pages);
    await writeFile(file, bytes);
    const expected = longReportMentionCount(options.pages);
    const runs: Run[] = [];
    for (let i = 0; i < options.runs; i++) {
      const run = await once(file);
      if (run.mentions !== expected.dprk + expected.msmt) {
        throw new Error(`run ${i + 1} found ${run.mentions} mentions, expected ${expected.dprk + expected.msmt}`);
      }
      runs.push(run);
      process.stderr.write(`run ${i + 1}/${options.runs}: ${JSON.stringify(run)}\n`);
    }
    const row = (label: string, key: keyof Run, unit: string, digits = 0) =>
      `  ${label.padEnd(34)}${median(runs.map((r) => r[key]))
        .toFixed(digits)
        .padStart(8)} ${unit}`;
    console.log(
      [
        `PDF reader, ${options.pages}-page report (${(bytes.length / 1024).toFixed(0)} KiB, ${expected.dprk + expected.msmt} mentions), median of ${runs.length} runs:`,
        row('first page rendered', 'firstPageMs', 'ms'),
        row('all mentions found', 'allMentionsMs', 'ms'),
        row('long tasks (> 50 ms) meanwhile', 'longTasks', ''),
        row('longest task', 'longestTaskMs', 'ms'),
        row('JS heap after the scan', 'heapAfterScanMb', 'MB', 1),
        row('JS heap after visiting the end', 'heapAfterScrollMb', 'MB', 1),
      ].join('\n'),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
