import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '../..');
export const EXTENSION_DIR = join(ROOT, '.output/chrome-mv3');
export const FIXTURES_DIR = join(import.meta.dirname, 'fixtures');
export const RESULTS_DIR = join(ROOT, 'test-results');

const DEFAULT_CHROME = '/usr/bin/chromium';

/** The Chromium binary to drive: `CHROME_PATH`, else the system package. Throws with a fix when neither exists. */
export function chromePath(): string {
  const path = process.env.CHROME_PATH || DEFAULT_CHROME;
  if (!existsSync(path)) {
    throw new Error(
      `No Chromium found at ${path}. Install one (Debian/Ubuntu: apt-get install -y chromium) ` +
        'or point CHROME_PATH at a Chromium or Chrome binary.',
    );
  }
  return path;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

export interface FixtureServer {
  origin: string;
  close(): Promise<void>;
}

/**
 * Serves `dir` on 127.0.0.1 at a free port. `routes` answers generated pages (e.g. a 5 MB page)
 * by path before the files are looked at. Unknown paths get 404.
 */
export async function serveFixtures(
  dir: string = FIXTURES_DIR,
  routes: Record<string, () => string> = {},
): Promise<FixtureServer> {
  const server: Server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/favicon.ico') {
      // Browsers ask every origin for one; an empty answer keeps a 404 out of the console.
      res.writeHead(204).end();
      return;
    }
    const route = routes[path];
    if (route) {
      res.writeHead(200, { 'content-type': TYPES['.html'] });
      res.end(route());
      return;
    }
    const file = normalize(join(dir, path));
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

export interface Problem {
  where: string;
  text: string;
}

export interface Browser {
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
  /** Console errors and uncaught exceptions from pages, frames and the service worker. */
  errors: Problem[];
  /** Every request the browser made, with the page or worker that made it. */
  requests: { url: string; from: string; type: string }[];
  newPage(url: string): Promise<Page>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** Load the built extension (default true); false gives a baseline browser. */
  withExtension?: boolean;
  /** Default: headless unless `HEADED` is set in the environment. */
  headless?: boolean;
  /** Extra Chromium switches, e.g. `--lang=fr`. */
  args?: string[];
  /** Extra environment variables for the browser process (see `FRENCH_UI`). */
  env?: Record<string, string>;
}

/**
 * Starts Chromium with a French interface. `--lang` alone is ignored on Linux, where the UI
 * language comes from `LANGUAGE`; either needs the French locale pack (Debian: chromium-l10n),
 * without which Chromium falls back to en-US.
 */
export const FRENCH_UI: Pick<LaunchOptions, 'args' | 'env'> = {
  args: ['--lang=fr'],
  env: { LANGUAGE: 'fr', LANG: 'fr_FR.UTF-8' },
};

/**
 * Switches for Chromium on a machine without network or display: no sandbox as root, and no
 * background connections (this machine refuses them, many at a time).
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Launches Chromium with the built extension (or without any when `withExtension` is false),
 * recording console errors and requests. Throws when Chromium or the build is missing.
 */
export async function launchBrowser({
  withExtension = true,
  headless = !process.env.HEADED,
  args: extraArgs = [],
  env,
}: LaunchOptions = {}): Promise<Browser> {
  if (withExtension && !existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error('The extension is not built: run `wxt build` (the e2e global setup normally does).');
  }
  const profile = await mkdtemp(join(tmpdir(), 'sanctions-context-e2e-'));
  const args = [...CHROMIUM_ARGS, ...extraArgs];
  // The unsafe-debugging switch opens CDP's Extensions domain (`clickToolbarButton`).
  if (withExtension) {
    args.unshift(
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      '--enable-unsafe-extension-debugging',
    );
  }
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromePath(),
    headless,
    args,
    viewport: { width: 1100, height: 800 },
    ...(env ? { env: { ...process.env, ...env } as Record<string, string> } : {}),
  });
  const errors: Problem[] = [];
  const requests: Browser['requests'] = [];
  const watchPage = (page: Page) => {
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push({ where: page.url(), text: msg.text() });
    });
    page.on('pageerror', (err) => errors.push({ where: page.url(), text: String(err) }));
  };
  context.on('page', watchPage);
  for (const page of context.pages()) watchPage(page);
  context.on('request', (req) => {
    let from = 'unknown';
    try {
      from = req.serviceWorker()?.url() ?? req.frame().url();
    } catch {
      // Requests of workers have no frame.
    }
    requests.push({ url: req.url(), from, type: req.resourceType() });
  });
  let worker: Worker | undefined;
  let extensionId = '';
  if (withExtension) {
    worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    extensionId = new URL(worker.url()).host;
    worker.on('console', (msg) => {
      if (msg.type() === 'error') errors.push({ where: 'service worker', text: msg.text() });
    });
  }
  return {
    context,
    extensionId,
    worker: worker as Worker,
    errors,
    requests,
    async newPage(url) {
      const page = await context.newPage();
      await page.goto(url);
      return page;
    },
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Entity ids painted on pages, as the registry names them. */
export const PAINTED = ['dprk', 'unsc-1718', 'rgb', 'msmt'] as const;

/** Ranges per entity in the page's highlight registry (the main world shares it with the content script). */
export function highlightSizes(page: Page): Promise<Record<string, number>> {
  return page.evaluate(
    (ids) => {
      const out: Record<string, number> = {};
      for (const id of ids) out[id] = CSS.highlights.get(`sanctions-context-${id}`)?.size ?? 0;
      return out;
    },
    PAINTED as unknown as string[],
  );
}

/** The text of every painted range per entity, in the page's main world. */
export function highlightTexts(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(
    (ids) => {
      const out: Record<string, string[]> = {};
      for (const id of ids) {
        const h = CSS.highlights.get(`sanctions-context-${id}`);
        out[id] = h ? [...h].map((r) => r.toString()) : [];
      }
      return out;
    },
    PAINTED as unknown as string[],
  );
}

/** Waits until `check` (run in the page) returns true; throws with `what` after `timeout` ms. */
export async function waitInPage(page: Page, what: string, check: () => boolean, timeout = 8000): Promise<void> {
  try {
    await page.waitForFunction(check, undefined, { timeout, polling: 50 });
  } catch {
    throw new Error(`Timed out waiting for ${what} on ${page.url()}`);
  }
}

/**
 * Clicks the extension's toolbar button for `page`'s tab, as a user does (headless Chromium shows
 * no toolbar): CDP's `Extensions.triggerAction` on the tab's target. It opens the real popup,
 * which Playwright does not list, and gives the extension the `activeTab` grant a click gives.
 * Throws when the tab has no target or the browser refuses.
 */
export async function clickToolbarButton(browser: Browser, page: Page): Promise<void> {
  const session = await browser.context.browser()?.newBrowserCDPSession();
  if (!session) throw new Error('no browser-level CDP session');
  try {
    const pageSession = await browser.context.newCDPSession(page);
    const { targetInfo } = await pageSession.send('Target.getTargetInfo');
    await pageSession.detach();
    const { targetInfos } = await session.send('Target.getTargets', { filter: [{ type: 'tab' }] });
    // A page's tab target is the one that holds it: its parent where Chromium says so, else the
    // one tab showing the same address (two such tabs would be ambiguous: refused).
    const byParent = targetInfos.find((t) => t.type === 'tab' && t.targetId === targetInfo.parentId);
    const byUrl = targetInfos.filter((t) => t.type === 'tab' && t.url === targetInfo.url);
    const tab = byParent ?? (byUrl.length === 1 ? byUrl[0] : undefined);
    if (!tab) throw new Error(`no single tab target for ${page.url()} (${byUrl.length} show it)`);
    await session.send('Extensions.triggerAction', { id: browser.extensionId, targetId: tab.targetId });
  } finally {
    await session.detach();
  }
}

/**
 * Sends one CDP command to the popup the toolbar button opened (`clickToolbarButton`), which
 * Playwright does not list; resolves to the command's result. Throws when no such popup is open
 * or the command fails.
 */
async function toToolbarPopup(browser: Browser, method: string, params: object): Promise<Record<string, unknown>> {
  const session = await browser.context.browser()?.newBrowserCDPSession();
  if (!session) throw new Error('no browser-level CDP session');
  try {
    const popupUrl = `chrome-extension://${browser.extensionId}/popup.html`;
    const { targetInfos } = await session.send('Target.getTargets');
    const popup = targetInfos.find((t) => t.type === 'page' && t.url === popupUrl);
    if (!popup) throw new Error('no toolbar popup is open');
    const { sessionId } = await session.send('Target.attachToTarget', { targetId: popup.targetId, flatten: false });
    // Without flattening, the popup's session is spoken to through the browser's.
    const reply = new Promise<string>((resolve) => {
      session.on('Target.receivedMessageFromTarget', (event) => {
        if (event.sessionId === sessionId && JSON.parse(event.message).id === 1) resolve(event.message);
      });
    });
    await session.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: 1, method, params }) });
    const answer = JSON.parse(await reply) as { result?: Record<string, unknown>; error?: { message?: string } };
    if (answer.error) throw new Error(`in the toolbar popup, ${method}: ${answer.error.message}`);
    return answer.result ?? {};
  } finally {
    await session.detach();
  }
}

/**
 * Evaluates `expression` (a promise is awaited) in the popup the toolbar button opened; resolves
 * to its JSON-serialisable value. Throws when no such popup is open or the expression throws.
 */
export async function inToolbarPopup<T>(browser: Browser, expression: string): Promise<T> {
  const params = { expression, awaitPromise: true, returnByValue: true };
  const result = (await toToolbarPopup(browser, 'Runtime.evaluate', params)) as {
    result?: { value?: unknown };
    exceptionDetails?: { text?: string };
  };
  if (result.exceptionDetails) throw new Error(`in the toolbar popup: ${result.exceptionDetails.text}`);
  return result.result?.value as T;
}

/** Saves a PNG of the popup the toolbar button opened to `path`. */
export async function screenshotToolbarPopup(browser: Browser, path: string): Promise<void> {
  const { data } = (await toToolbarPopup(browser, 'Page.captureScreenshot', {})) as { data?: string };
  if (!data) throw new Error('the toolbar popup gave no screenshot');
  await writeFile(path, Buffer.from(data, 'base64'));
}

/** Runs `fn` in the extension's service worker, e.g. to send a message to a tab as the background would. */
export function inWorker<T, A>(browser: Browser, fn: (arg: A) => Promise<T>, arg: A): Promise<T> {
  return browser.worker.evaluate(fn as (arg: unknown) => Promise<T>, arg);
}

export async function resultsDir(): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true });
  return RESULTS_DIR;
}
