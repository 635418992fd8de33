import type { Plugin } from 'vite';

/*
 * pdf.js's legacy build carries code the reader never runs but addons-linter (`web-ext lint`,
 * AMO review) warns about: core-js's Node and global-object probes built with the Function
 * constructor, pdf.js's own eval probe and PostScript compiler, dynamic imports of a fake worker,
 * a scripting sandbox and a JPEG 2000 fallback by URL, and Fluent's innerHTML for translations
 * with markup. Each is replaced by what the reader gets anyway in an extension page (no eval:
 * the CSP forbids it; no fake worker: the real one runs; no scripting), so the package stays
 * lint-clean. Every replacement must apply exactly as often as listed, or the build fails: a
 * pdf.js upgrade cannot silently bring the code back.
 */

interface Replacement {
  from: string | RegExp;
  to: string;
  /** How many times it must be found. */
  count: number;
}

const NO_EVAL = '(()=>{throw new Error("eval is disabled in this extension")})()';
const NO_IMPORT = 'Promise.reject(new Error("loading code by URL is disabled in this extension"))';

/** The replacements per pdf.js file, by the path's end. */
const SOURCES: Record<string, Replacement[]> = {
  'legacy/build/pdf.mjs': [
    { from: `Function('return require("' + name + '")')()`, to: 'undefined', count: 1 },
    { from: "Function('return this')()", to: 'globalThis', count: 1 },
    { from: 'new Function("");', to: `${NO_EVAL};`, count: 1 },
    {
      from: /import\(\s*\/\*webpackIgnore: true\*\/\s*\/\*@vite-ignore\*\/\s*this\.workerSrc\)/g,
      to: NO_IMPORT,
      count: 1,
    },
  ],
  'legacy/web/pdf_viewer.mjs': [
    { from: `Function('return require("' + name + '")')()`, to: 'undefined', count: 1 },
    { from: "Function('return this')()", to: 'globalThis', count: 1 },
    // Shows a translation with markup as text rather than parsing it.
    { from: 'templateElement.innerHTML = value;', to: 'templateElement.content.textContent = value;', count: 1 },
    {
      from: /import\(\s*\/\*webpackIgnore: true\*\/\s*\/\*@vite-ignore\*\/\s*sandboxBundleSrc\)/g,
      to: NO_IMPORT,
      count: 1,
    },
  ],
  'legacy/build/pdf.worker.min.mjs': [
    { from: `Function('return require("'+e+'")')()`, to: 'void 0', count: 1 },
    { from: 'Function("return this")()', to: 'globalThis', count: 1 },
    { from: 'new Function("")', to: NO_EVAL, count: 1 },
    // The reader turns eval off (isEvalSupported: false), so this compiled path is dead.
    { from: 'if(e)return new Function("src","srcOffset","dest","destOffset",e)', to: '', count: 1 },
    {
      from: /import\(\s*\/\*webpackIgnore: true\*\/\s*\/\*@vite-ignore\*\/\s*t\)/g,
      to: NO_IMPORT,
      count: 1,
    },
  ],
};

function countOf(code: string, from: string | RegExp): number {
  if (typeof from === 'string') return code.split(from).length - 1;
  return [...code.matchAll(from)].length;
}

/**
 * Applies the replacements listed for the pdf.js file at `path` to its `code`. Returns null for
 * any other file; throws when a replacement is not found exactly as often as listed.
 */
export function cleanPdfjs(path: string, code: string): string | null {
  const key = Object.keys(SOURCES).find((k) => path.replaceAll('\\', '/').endsWith(`/pdfjs-dist/${k}`));
  if (!key) return null;
  let out = code;
  for (const { from, to, count } of SOURCES[key] as Replacement[]) {
    const found = countOf(out, from);
    if (found !== count) {
      throw new Error(
        `${key}: expected ${count} of ${String(from)}, found ${found}; update scripts/pdfjs-lint-clean.ts`,
      );
    }
    out = typeof from === 'string' ? out.replaceAll(from, to) : out.replace(from, to);
  }
  return out;
}

/** Vite plugin applying {@link cleanPdfjs} to the pdf.js modules the reader bundles. */
export function pdfjsLintClean(): Plugin {
  return {
    name: 'sanctions-context:pdfjs-lint-clean',
    enforce: 'pre',
    transform(code, id) {
      const out = cleanPdfjs(id.split('?')[0] ?? id, code);
      return out === null ? null : { code: out, map: null };
    },
  };
}
