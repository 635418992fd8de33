import type { Plugin } from 'vite';

/** Preact's one `innerHTML` write, which only `dangerouslySetInnerHTML` reaches. */
const PREACT_INNER_HTML = /\(([A-Za-z_$][\w$]*)\.innerHTML=([A-Za-z_$][\w$]*)\.__html\)/g;
const PREACT_MODULE = /[\\/]node_modules[\\/]preact[\\/]dist[\\/]preact\.m?js$/;

/**
 * Vite plugin that removes Preact's `dangerouslySetInnerHTML` branch from the bundle.
 *
 * Why: the project never sets raw HTML (a lint rule forbids it), yet the branch alone makes
 * addons-linter (`web-ext lint`, AMO review) warn "Unsafe assignment to innerHTML" for every
 * bundle with Preact in it. Replacing the write with a throw keeps the build lint-clean and
 * guarantees no HTML string ever reaches a page. Fails the build when Preact's code no longer
 * has the expected shape, so an upgrade cannot silently bring the warning back.
 */
export function noInnerHtml(): Plugin {
  return {
    name: 'sanctions-context:no-inner-html',
    enforce: 'pre',
    transform(code, id) {
      if (!PREACT_MODULE.test(id.split('?')[0] ?? id)) return null;
      const out = code.replace(
        PREACT_INNER_HTML,
        '(()=>{throw new Error("dangerouslySetInnerHTML is disabled in this extension")})()',
      );
      if (out === code || /\.innerHTML\s*=[^=]/.test(out)) {
        throw new Error(`${id}: Preact's innerHTML write changed shape; update scripts/no-inner-html-plugin.ts`);
      }
      return { code: out, map: null };
    },
  };
}
