import { IGNORABLE, SEP } from './code-classes.ts';

/**
 * `text` folded one code unit at a time with `fold`, invisible characters dropped and runs of
 * separators collapsed to one space (none at either end); '' for ''. Shared by the run-time fold
 * (fold.ts) and the build-time tables' (fold-tables.ts).
 */
export function foldStringWith(text: string, fold: (code: number) => number): string {
  let out = '';
  let lastSep = true;
  for (let i = 0; i < text.length; i++) {
    const f = fold(text.charCodeAt(i));
    if (f === IGNORABLE) continue;
    if (f === SEP) {
      if (!lastSep) out += ' ';
      lastSep = true;
      continue;
    }
    out += String.fromCharCode(f);
    lastSep = false;
  }
  return out.trimEnd();
}
