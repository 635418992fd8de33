import { resolve } from 'node:path';
import { build, type Rolldown } from 'vite';
import { noInnerHtml } from './no-inner-html-plugin.ts';

/** Path of the card module in the built extension; the content script imports it from there. */
export const CARD_UI_FILE = 'card-ui.js';

/**
 * Bundles `entrypoints/content/card-ui.tsx` (the hover card with Preact, the data bundle and
 * floating-ui) as one minified ES module, for the content script to `import()` on first hover.
 *
 * Why a build of its own: WXT bundles every content script as a single IIFE and inlines its
 * dynamic imports, so a card imported lazily would still ship in the script injected into every
 * page. Returns the module's code; throws when the build fails or yields no entry chunk.
 */
export async function buildCardUi(root: string): Promise<string> {
  const result = await build({
    configFile: false,
    root,
    logLevel: 'warn',
    publicDir: false,
    plugins: [noInnerHtml()],
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    build: {
      write: false,
      minify: true,
      target: 'esnext',
      // The card's styles are imported as text (`?inline`) and put into its shadow root; a
      // stray stylesheet from the component's own import is dropped below.
      cssCodeSplit: false,
      modulePreload: false,
      // Not lib mode: Vite leaves whitespace unminified in ES lib builds.
      rolldownOptions: {
        input: resolve(root, 'entrypoints/content/card-ui.tsx'),
        preserveEntrySignatures: 'strict',
        output: { format: 'es', codeSplitting: false },
      },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const entry = outputs
    .flatMap((o) => o.output)
    .find((c): c is Rolldown.OutputChunk => c.type === 'chunk' && c.isEntry);
  if (!entry) throw new Error('The card module build produced no entry chunk');
  return entry.code;
}
