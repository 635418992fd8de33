import { defineConfig } from 'wxt';
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
    permissions: ['storage'],
    action: { default_title: '__MSG_actionTitle__' },
    commands: {
      'next-mention': {
        suggested_key: { default: 'Alt+Shift+N' },
        description: '__MSG_commandNextMention__',
      },
    },
    // The card's "Open in statement" links are followed from the host page, which may only
    // navigate to extension pages listed here.
    web_accessible_resources: [{ resources: ['statement.html'], matches: ['<all_urls>'] }],
  },
  hooks: {
    // Ship nothing whose quotes, citations or ids no longer match the verbatim statement.
    'build:before': () => {
      const errors = validateDataOnDisk();
      if (errors.length > 0) throw new Error(`Data bundle is invalid:\n${errors.map((e) => `  - ${e}`).join('\n')}`);
    },
  },
});
