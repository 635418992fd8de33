import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Window } from 'happy-dom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOOSE_TRIE_CODES } from '../../engine/generated-tables.ts';
import { LISTEN_HOOK } from '../../lib/messages.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

/*
 * The content script is injected into every page and frame the reader opens, so its size is paid
 * on every page load (parse and compile before anything is known of the page). Budgets in kB of
 * 1000 bytes, as the build summary prints them.
 *
 * What every frame gets is the boot script (`content-scripts/content.js`, 5.9 kB): the prefilter
 * with its stems and character tables, which it compiles into one regular expression (about
 * 2 kB), the quiet check and its MutationObserver, the message listener that answers for a quiet
 * frame once the popup starts it, and the loader. The rest is loaded from the extension
 * when a page needs it: the content script proper (`content-main.js`, once the frame has text the
 * prefilter admits: settings reader and valibot, the page layer, the card loader, about 35 kB), the
 * matcher with its alias list, rules and the highlight style sheet (`matcher.js`), and the hover
 * card with Preact, the data bundle, floating-ui, the card controller and the hit lookup
 * (`card-ui.js`, once the page has mentions). webextension-polyfill stays in the extension pages
 * and the background: the scripts use the browsers' own promise-based API.
 */
const CONTENT_SCRIPT_BUDGET_KB = 6;
/** The content script proper, loaded on pages with candidate text. */
const CONTENT_MAIN_BUDGET_KB = 40;

let outDir: string;
/** The extension folder inside `outDir` (WXT adds `<browser>-mv<n>`). */
let extDir: string;
const sizes = new Map<string, number>();

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

describe('size budget', () => {
  beforeAll(() => {
    outDir = mkdtempSync(join(tmpdir(), 'size-budget-'));
    // A build of its own in a scratch folder, so the test neither needs nor disturbs `.output`.
    const script = "import { build } from 'wxt'; await build({ browser: 'chrome', outDir: process.argv[1] });";
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script, outDir], {
      cwd: root,
      encoding: 'utf8',
    });
    if (run.status !== 0) throw new Error(`wxt build failed:\n${run.stdout}\n${run.stderr}`);
    extDir = join(outDir, 'chrome-mv3');
    for (const file of filesUnder(extDir)) sizes.set(relative(extDir, file), statSync(file).size);
    const lines = [...sizes].sort(([a], [b]) => a.localeCompare(b));
    console.log(lines.map(([file, bytes]) => `${(bytes / 1000).toFixed(2).padStart(8)} kB  ${file}`).join('\n'));
  }, 120_000);

  afterAll(() => {
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it(`keeps the content script within ${CONTENT_SCRIPT_BUDGET_KB} kB minified`, () => {
    const bytes = sizes.get(join('content-scripts', 'content.js'));
    expect(bytes).toBeDefined();
    expect(bytes).toBeLessThanOrEqual(CONTENT_SCRIPT_BUDGET_KB * 1000);
  });

  it(`keeps the content script proper within ${CONTENT_MAIN_BUDGET_KB} kB and loads it from the extension`, () => {
    const bytes = sizes.get('content-main.js');
    expect(bytes).toBeGreaterThan(CONTENT_SCRIPT_BUDGET_KB * 1000);
    expect(bytes).toBeLessThanOrEqual(CONTENT_MAIN_BUDGET_KB * 1000);
    const manifest = JSON.parse(readFileSync(join(extDir, 'manifest.json'), 'utf8')) as {
      web_accessible_resources?: { resources: string[] }[];
    };
    expect(manifest.web_accessible_resources?.flatMap((w) => w.resources)).toContain('content-main.js');
    expect(readFileSync(join(extDir, 'content-scripts', 'content.js'), 'utf8')).toContain('/content-main.js');
  });

  it('ships the hover card as a separate web-accessible module, not inside the content script', () => {
    expect(sizes.get('card-ui.js') ?? 0).toBeGreaterThan(0);
    const manifest = JSON.parse(readFileSync(join(extDir, 'manifest.json'), 'utf8')) as {
      web_accessible_resources?: { resources: string[] }[];
    };
    expect(manifest.web_accessible_resources?.flatMap((w) => w.resources)).toContain('card-ui.js');
    const content = readFileSync(join(extDir, 'content-scripts', 'content.js'), 'utf8');
    // Marks of what only the card module may carry: the data bundle (its links to the original
    // statement), the card's styles, floating-ui's placements, Preact and the locale catalogs.
    const card = readFileSync(join(extDir, 'card-ui.js'), 'utf8');
    const main = readFileSync(join(extDir, 'content-main.js'), 'utf8');
    for (const mark of ['canada.ca', 'min(260px', 'bottom-start', 'dangerouslySetInnerHTML', 'extDescription']) {
      expect(card, mark).toContain(mark);
      expect(content, mark).not.toContain(mark);
      expect(main, mark).not.toContain(mark);
    }
  });

  it('leaves webextension-polyfill to the extension pages and the background', () => {
    // The polyfill's own error message marks its code.
    const mark = 'This script should only be loaded in a browser extension';
    const content = readFileSync(join(extDir, 'content-scripts', 'content.js'), 'utf8');
    expect(content).not.toContain(mark);
    expect(readFileSync(join(extDir, 'content-main.js'), 'utf8')).not.toContain(mark);
    expect(readFileSync(join(extDir, 'background.js'), 'utf8')).toContain(mark);
  });

  it('leaves the matcher and its alias list to a module loaded when a page needs it', () => {
    expect(sizes.get('matcher.js') ?? 0).toBeGreaterThan(0);
    const manifest = JSON.parse(readFileSync(join(extDir, 'manifest.json'), 'utf8')) as {
      web_accessible_resources?: { resources: string[] }[];
    };
    expect(manifest.web_accessible_resources?.flatMap((w) => w.resources)).toContain('matcher.js');
    const content = readFileSync(join(extDir, 'content-scripts', 'content.js'), 'utf8');
    const matcher = readFileSync(join(extDir, 'matcher.js'), 'utf8');
    const main = readFileSync(join(extDir, 'content-main.js'), 'utf8');
    // The alias tries (compiled from the alias list at build time, engine/generated-tables.ts) are
    // the matcher's: the content scripts only carry the prefilter's stems.
    const names = LOOSE_TRIE_CODES.match(/[a-z ]{25,}/g) ?? [];
    expect(names.length).toBeGreaterThan(3);
    for (const name of names) {
      expect(matcher, name).toContain(name);
      expect(content, name).not.toContain(name);
      expect(main, name).not.toContain(name);
    }
  });

  it('reads no extension API on a page that names nothing, until the popup starts its listener', async () => {
    const source = readFileSync(join(extDir, 'content-scripts', 'content.js'), 'utf8');
    /** Runs the built boot script on a page with `body`; returns what it read of `chrome`. */
    const boot = async (body: string, after?: (window: Window) => void) => {
      const window = new Window({ url: 'https://example.org/' });
      window.document.body.innerHTML = body;
      const reads: string[] = [];
      // Any path of the API answers a function resolving to nothing, and records being read.
      const api = (path: string): unknown =>
        new Proxy(() => Promise.resolve(), {
          get: (_target, key) => {
            if (key === 'then') return undefined;
            reads.push(`${path}.${String(key)}`);
            return api(`${path}.${String(key)}`);
          },
        });
      Object.defineProperty(window, 'chrome', {
        configurable: true,
        get: () => {
          reads.push('chrome');
          return api('chrome');
        },
      });
      window.eval(source);
      await new Promise((resolve) => setTimeout(resolve, 20));
      after?.(window);
      await window.happyDOM.close();
      return reads;
    };
    expect(await boot('<p>The weather is fine, and the football club has a new coach.</p>')).toEqual([]);
    // Positive control: a page naming the topic listens and loads the rest at once.
    const named = await boot('<p>North Korea fired a missile.</p>');
    expect(named).toContain('chrome.runtime.onMessage.addListener');
    expect(named).toContain('chrome.runtime.getURL');
    // The hook the popup calls on a quiet page starts the listener, once.
    let calls: unknown[] = [];
    const woken = await boot('<p>The weather is fine.</p>', (window) => {
      // Read in the script's own global (a symbol-keyed property stays on the context's side).
      const listen = window.eval(`globalThis[Symbol.for(${JSON.stringify(LISTEN_HOOK)})]`) as
        | (() => boolean)
        | undefined;
      calls = [listen?.(), listen?.()];
    });
    expect(calls).toEqual([true, false]);
    expect(woken.filter((read) => read === 'chrome.runtime.onMessage.addListener')).toHaveLength(1);
  });
});
