import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { defineConfig } from 'wxt';
import { buildLazyModule, CONTENT_SCRIPT, LAZY_MODULES } from './scripts/build-lazy-modules.ts';
import { noInnerHtml } from './scripts/no-inner-html-plugin.ts';
import { cleanPdfjs, pdfjsLintClean } from './scripts/pdfjs-lint-clean.ts';
import { validateDataOnDisk } from './scripts/validate-data.ts';

/** pdf.js files the PDF reader loads at run time, copied from the installed package at build time. */
const PDFJS_DIR = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
/** Where they land in the package (pdf.html passes these paths to pdf.js). */
const PDFJS_DEST = 'pdfjs';
function pdfjsAssets(): ({ absoluteSrc: string; relativeDest: string } | { contents: string; relativeDest: string })[] {
  const worker = join(PDFJS_DIR, 'legacy/build/pdf.worker.min.mjs');
  const files: ({ absoluteSrc: string; relativeDest: string } | { contents: string; relativeDest: string })[] = [
    // Copied with the same lint-clean replacements as the bundled pdf.js modules.
    {
      contents: cleanPdfjs(worker, readFileSync(worker, 'utf8')) as string,
      relativeDest: `${PDFJS_DEST}/pdf.worker.min.mjs`,
    },
  ];
  // Character maps (CJK fonts without embedded encodings), the 14 standard fonts, and the
  // image and colour decoders (JPEG 2000, JBIG2, ICC) scanned reports use. Not the decoders'
  // JavaScript fallback, which pdf.js would load by URL (disabled: see scripts/pdfjs-lint-clean.ts).
  for (const folder of ['cmaps', 'standard_fonts', 'wasm', 'iccs']) {
    for (const name of readdirSync(join(PDFJS_DIR, folder))) {
      if (name.endsWith('.js')) continue;
      files.push({ absoluteSrc: join(PDFJS_DIR, folder, name), relativeDest: `${PDFJS_DEST}/${folder}/${name}` });
    }
  }
  return files;
}

// See https://wxt.dev/api/config.html
export default defineConfig({
  // No `@wxt-dev/webextension-polyfill` module: `wxt/browser` stays WXT's native `browser`
  // (Firefox's `browser`, Chromium's promise-based MV3 `chrome`), so the polyfill's ~10 kB stay
  // out of the content script. The extension pages and the background import the polyfill
  // themselves, from lib/browser.ts.
  // Engine, page layer and components live at the project root, beside entrypoints/.
  srcDir: '.',
  // Every module imports what it uses: WXT's auto-imports would let a missing import compile
  // (it scans components/, where two files may export the same name).
  imports: false,
  manifest: {
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // `contextMenus` for the selection lookup; `activeTab` (no install warning) lets the popup
    // read the address of the tab it was opened on, to explain pages closed to extensions, and,
    // with `scripting` (no install warning either), start the message listener of a page that
    // names nothing (lib/tab-messages.ts); no `tabs` and no host permissions beyond the content
    // script's matches.
    permissions: ['storage', 'contextMenus', 'activeTab', 'scripting'],
    // The PDF reader fetches a PDF from its web address only after the reader clicks "Allow and
    // open", which asks for that one origin; nothing is granted at install. Firefox MV2 lists
    // optional origins among `optional_permissions` (set in build:manifestGenerated below).
    optional_host_permissions: ['<all_urls>'],
    action: { default_title: '__MSG_actionTitle__' },
    // Built by scripts/build-lazy-modules.ts, not by WXT (see CONTENT_SCRIPT there). In every
    // frame, about:blank and srcdoc ones included (they inherit the page's origin and show
    // text too), once the page is loaded.
    content_scripts: [
      {
        matches: ['<all_urls>'],
        js: [CONTENT_SCRIPT.file],
        all_frames: true,
        match_about_blank: true,
        run_at: 'document_idle',
      },
    ],
    commands: {
      'next-mention': {
        // Chromium 156 refuses Alt+Shift+N (commands.getAll() gives it an empty shortcut); M, for
        // "mention", is assigned by Chromium and Firefox alike (tests/e2e check both).
        suggested_key: { default: 'Alt+Shift+M' },
        description: '__MSG_commandNextMention__',
      },
    },
    // The card's "Open in statement" links are followed from the host page, which may only
    // navigate to extension pages listed here.
    // So must the modules content scripts `import()` when a page needs them (the matcher, the card).
    web_accessible_resources: [
      { resources: ['statement.html', ...LAZY_MODULES.map((m) => m.file)], matches: ['<all_urls>'] },
    ],
  },
  // Production JSX: without `development: false` Vite 8's oxc emits jsxDEV calls carrying each
  // component's absolute source path into the package.
  vite: () => ({
    plugins: [noInnerHtml(), pdfjsLintClean()],
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact', development: false } },
  }),
  // The Firefox id and data-collection statement are added by the build:manifestGenerated hook
  // below, after WXT looks for them.
  suppressWarnings: { firefoxDataCollection: true, firefoxId: true },
  zip: {
    // AMO rebuilds the Firefox package from this archive: sources, lockfile and build config
    // (wxt already leaves out node_modules, .output, dot-folders and *.test.* files).
    excludeSources: ['tests/**', 'test-results/**', 'docs/screenshots/**', '**/*.zip'],
  },
  hooks: {
    // The content script, and the modules it loads from the extension when a page needs them
    // (its main part, the matcher, the hover card), so that they stay out of the script every
    // page gets.
    'build:publicAssets': async (wxt, files) => {
      files.push({
        relativeDest: CONTENT_SCRIPT.file,
        contents: await buildLazyModule(wxt.config.root, CONTENT_SCRIPT.entry, 'iife'),
      });
      for (const { file, entry } of LAZY_MODULES) {
        files.push({ relativeDest: file, contents: await buildLazyModule(wxt.config.root, entry) });
      }
      // pdf.js's worker, character maps, fonts and decoders: bundled, never fetched from elsewhere.
      files.push(...pdfjsAssets());
    },
    'prepare:publicPaths': (_wxt, paths) => {
      for (const { file } of LAZY_MODULES) paths.push(`/${file}`);
    },
    // Ship nothing whose quotes, citations or ids no longer match the verbatim statement.
    'build:before': () => {
      const errors = validateDataOnDisk();
      if (errors.length > 0) throw new Error(`Data bundle is invalid:\n${errors.map((e) => `  - ${e}`).join('\n')}`);
    },
    // Firefox wants an add-on id and a data-collection statement (AMO, web-ext lint); 140 is
    // the first release with both `data_collection_permissions` and the CSS Highlight API.
    // Chromium gets the first release with the Highlight API as its minimum.
    'build:manifestGenerated': (wxt, manifest) => {
      if (wxt.config.browser !== 'firefox') {
        // Chromium 105 brought the CSS Custom Highlight API (`CSS.highlights`, `Highlight`), the
        // newest API the content script needs: it paints nothing without it. Newer ones are
        // optional: `scheduler.yield()` (129) falls back to a timeout, `caretPositionFromPoint`
        // (128) to `caretRangeFromPoint`, `checkVisibility()` (105) to computed styles.
        manifest.minimum_chrome_version = '105';
        return;
      }
      // MV2 has no optional_host_permissions: optional origins are optional permissions.
      const optionalHosts = (manifest as { optional_host_permissions?: string[] }).optional_host_permissions ?? [];
      delete (manifest as { optional_host_permissions?: string[] }).optional_host_permissions;
      const optional = new Set([...((manifest.optional_permissions as string[] | undefined) ?? []), ...optionalHosts]);
      if (optional.size > 0) manifest.optional_permissions = [...optional] as typeof manifest.optional_permissions;
      Object.assign(manifest, {
        browser_specific_settings: {
          gecko: {
            id: 'sanctions-context@extension',
            strict_min_version: '140.0',
            data_collection_permissions: { required: ['none'] },
          },
          // Firefox for Android reads `data_collection_permissions` from 142 on.
          gecko_android: { strict_min_version: '142.0' },
        },
      });
    },
  },
});
