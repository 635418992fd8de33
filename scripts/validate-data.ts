import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { type RawBundle, rawBundle, validateBundle } from '../data/validate.ts';

const dataDir = new URL('../data/', import.meta.url);
// fatal: a byte that is not UTF-8 must fail loudly, not become U+FFFD; ignoreBOM keeps an added BOM visible.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Reads the verbatim source file of every document in the bundle from data/.
 * Returns file name → text; a file that is missing or not UTF-8 is left out (the validator then
 * reports it as not supplied) and its problem is added to `problems`.
 */
export function readSourceFiles(bundle: RawBundle = rawBundle, problems: string[] = []): Record<string, string> {
  const files: Record<string, string> = {};
  for (const doc of bundle.documents) {
    const file = (doc as { file?: unknown }).file;
    if (typeof file !== 'string' || file.includes('/') || file.includes('\\')) continue;
    try {
      files[file] = utf8.decode(readFileSync(new URL(file, dataDir)));
    } catch (error) {
      problems.push(`cannot read data/${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return files;
}

/**
 * Validates the shipped bundle against the verbatim files on disk.
 * Returns the error messages; an empty array when the bundle is valid.
 */
export function validateDataOnDisk(): string[] {
  const problems: string[] = [];
  const files = readSourceFiles(rawBundle, problems);
  return [...problems, ...validateBundle({ ...rawBundle, files })];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const errors = validateDataOnDisk();
  if (errors.length > 0) {
    console.error(`Data bundle: ${errors.length} problem(s)\n${errors.map((e) => `  - ${e}`).join('\n')}`);
    process.exit(1);
  }
  console.log('Data bundle is valid.');
}
