import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanPdfjs } from '../../scripts/pdfjs-lint-clean.ts';

/* The build's replacements in pdf.js: each applies to the installed release, and none is left. */

const dir = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const FILES = ['legacy/build/pdf.mjs', 'legacy/web/pdf_viewer.mjs', 'legacy/build/pdf.worker.min.mjs'];

describe('cleanPdfjs', () => {
  for (const file of FILES) {
    it(`leaves no Function constructor, innerHTML write or import by URL in ${file}`, () => {
      const path = join(dir, file);
      const source = readFileSync(path, 'utf8');
      // Positive control: the code the replacements target is in the release.
      expect(/(?<![\w$.])Function\(/.test(source) || source.includes('new Function(')).toBe(true);
      const out = cleanPdfjs(path, source) ?? '';
      expect(out.length).toBeGreaterThan(source.length / 2);
      expect(out).not.toMatch(/(?<![\w$.])Function\(|new Function\(/);
      expect(out).not.toMatch(/\.innerHTML\s*=[^=]/);
      expect(out).not.toMatch(/import\(\s*\/\*webpackIgnore/);
    });
  }

  it('leaves other files alone and fails loudly when pdf.js changed shape', () => {
    expect(cleanPdfjs('/x/node_modules/preact/dist/preact.mjs', 'Function("")')).toBeNull();
    expect(() => cleanPdfjs('/x/node_modules/pdfjs-dist/legacy/build/pdf.mjs', 'const nothing = 1;')).toThrow(
      /update scripts\/pdfjs-lint-clean\.ts/,
    );
  });
});
