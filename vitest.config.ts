import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  // WxtVitest swaps `wxt/browser` for WXT's in-memory fake browser, so background/popup code runs in tests.
  plugins: [WxtVitest()],
  // The extension pages' polyfilled `browser` (lib/browser.ts) is the same fake in tests.
  resolve: {
    alias: { 'webextension-polyfill': fileURLToPath(new URL('./tests/helpers/fake-polyfill.ts', import.meta.url)) },
  },
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    // Real-browser tests have their own config and runner.
    exclude: ['tests/e2e/**', 'node_modules/**', '.output/**'],
    // Engine and scripts run in Node; DOM tests opt in with `// @vitest-environment happy-dom`.
    environment: 'node',
    // Holds the extension's log lines, printing them only for a failing test.
    setupFiles: ['tests/helpers/quiet-log.ts'],
  },
});
