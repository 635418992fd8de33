import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Rolldown } from 'vite';
import { writeEngineTables } from './generate-engine-tables.ts';
import { noInnerHtml } from './no-inner-html-plugin.ts';

const PROJECT_ROOT = resolve(fileURLToPath(import.meta.url), '../..');
/** Whether engine/generated-tables.ts was brought up to date in this process already. */
let tablesFresh = false;

/**
 * Modules the content script `import()`s from the extension when a page needs them, so that the
 * script injected into every page stays small: file in the built extension, and its source.
 */
export const LAZY_MODULES = [
  // The content script proper (settings, annotator, card loader, answers to the popup): loaded by
  // the script every frame gets (CONTENT_SCRIPT) once the frame has text the prefilter admits.
  { file: 'content-main.js', entry: 'entrypoints/content/main.ts' },
  // The matcher (alias tries, alias list, disambiguation rules): loaded once a page has text the
  // prefilter admits, which most pages never have.
  { file: 'matcher.js', entry: 'entrypoints/content/matcher.ts' },
  // The hover card (Preact, the data bundle, floating-ui): loaded on first hover.
  { file: 'card-ui.js', entry: 'entrypoints/content/card-ui.tsx' },
] as const;

/**
 * The script the manifest declares for every page and frame: a classic script (content scripts
 * cannot be modules), built here rather than by WXT, whose content-script wrapper costs every
 * frame more than this script's own work on a frame with nothing to read.
 */
export const CONTENT_SCRIPT = { file: 'content-scripts/content.js', entry: 'entrypoints/content/boot.ts' } as const;

/**
 * Bundles `entry` (a path relative to `root`) as one minified ES module, for the content script
 * to `import()` when first needed, or with `format` 'iife' as a classic script (CONTENT_SCRIPT).
 *
 * Why a build of its own: WXT bundles every content script as a single IIFE and inlines its
 * dynamic imports, so a module imported lazily would still ship in the script injected into every
 * page. Returns the module's code; throws when the build fails or yields no entry chunk.
 */
export async function buildLazyModule(root: string, entry: string, format: 'es' | 'iife' = 'es'): Promise<string> {
  // The matcher's tables are generated from data/aliases.json and the fold rules: a build after
  // an edit of those writes them again first (only for this checkout, not another tree's sources).
  if (!tablesFresh && resolve(root) === PROJECT_ROOT) {
    writeEngineTables();
    tablesFresh = true;
  }
  const result = await build({
    configFile: false,
    root,
    logLevel: 'warn',
    publicDir: false,
    plugins: [noInnerHtml()],
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact', development: false } },
    build: {
      write: false,
      // The bench's profile build (BENCH_WXT_OUT_DIR set) keeps names readable here too.
      minify: process.env.BENCH_WXT_OUT_DIR === undefined,
      target: 'esnext',
      // The card's styles are imported as text (`?inline`) and put into its shadow root; a
      // stray stylesheet from the component's own import is dropped below.
      cssCodeSplit: false,
      modulePreload: false,
      // Not lib mode: Vite leaves whitespace unminified in ES lib builds.
      rolldownOptions: {
        input: resolve(root, entry),
        preserveEntrySignatures: 'strict',
        output: { format, codeSplitting: false },
      },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const chunk = outputs
    .flatMap((o) => o.output)
    .find((c): c is Rolldown.OutputChunk => c.type === 'chunk' && c.isEntry);
  if (!chunk) throw new Error(`The build of ${entry} produced no entry chunk`);
  return chunk.code;
}
