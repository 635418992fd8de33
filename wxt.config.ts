import { defineConfig } from 'wxt';
import { buildCardUi, CARD_UI_FILE } from './scripts/build-card-ui.ts';
import { noInnerHtml } from './scripts/no-inner-html-plugin.ts';
import { validateDataOnDisk } from './scripts/validate-data.ts';

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Engine, page layer and components live at the project root, beside entrypoints/.
  srcDir: '.',
  manifest: {
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // `contextMenus` for the selection lookup; `activeTab` (no install warning) lets the popup
    // read the address of the tab it was opened on, to explain pages closed to extensions; no
    // `tabs` and no host permissions beyond the content script's matches.
    permissions: ['storage', 'contextMenus', 'activeTab'],
    action: { default_title: '__MSG_actionTitle__' },
    commands: {
      'next-mention': {
        suggested_key: { default: 'Alt+Shift+N' },
        description: '__MSG_commandNextMention__',
      },
    },
    // The card's "Open in statement" links are followed from the host page, which may only
    // navigate to extension pages listed here.
    // The hover card module, which content scripts `import()` on first hover, must be too.
    web_accessible_resources: [{ resources: ['statement.html', CARD_UI_FILE], matches: ['<all_urls>'] }],
  },
  vite: () => ({ plugins: [noInnerHtml()] }),
  // The Firefox id and data-collection statement are added by the build:manifestGenerated hook
  // below, after WXT looks for them.
  suppressWarnings: { firefoxDataCollection: true, firefoxId: true },
  zip: {
    // AMO rebuilds the Firefox package from this archive: sources, lockfile and build config
    // (wxt already leaves out node_modules, .output, dot-folders and *.test.* files).
    excludeSources: ['tests/**', 'test-results/**', 'docs/screenshots/**', '**/*.zip'],
  },
  hooks: {
    // The hover card is built as an ES module of its own, loaded by the content script on first
    // hover, so that Preact, the data bundle and floating-ui stay out of the script every page gets.
    'build:publicAssets': async (wxt, files) => {
      files.push({ relativeDest: CARD_UI_FILE, contents: await buildCardUi(wxt.config.root) });
    },
    'prepare:publicPaths': (_wxt, paths) => {
      paths.push(`/${CARD_UI_FILE}`);
    },
    // Ship nothing whose quotes, citations or ids no longer match the verbatim statement.
    'build:before': () => {
      const errors = validateDataOnDisk();
      if (errors.length > 0) throw new Error(`Data bundle is invalid:\n${errors.map((e) => `  - ${e}`).join('\n')}`);
    },
    // Firefox wants an add-on id and a data-collection statement (AMO, web-ext lint); 140 is
    // the first release with both `data_collection_permissions` and the CSS Highlight API.
    'build:manifestGenerated': (wxt, manifest) => {
      if (wxt.config.browser !== 'firefox') return;
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
