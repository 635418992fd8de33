// Builds the `scan` CLI (scripts/scan.ts) into plain JavaScript for Node 20, so that
// `npm run scan` starts without compiling TypeScript: `.output/scan/scan.cjs`, plus chunks that
// scan.cjs loads only when a file needs them (the HTML reader, the PDF reader). Packages from
// node_modules (happy-dom, pdfjs-dist) stay external and are loaded from there at run time.
//
// CommonJS rather than an ES module: Node starts a CommonJS main file on the loader it has
// already set up, while an ES module entry first loads and compiles Node's ES module loader,
// measured at about 7 ms of CPU, a fifth of what scan adds to a bare `node -e ""`. The packages,
// which are ES modules, are still loaded with import().
//
// Next to the build it writes `.output/scan/stamp.txt`: the modification time and size of every
// source file the bundle was built from. scripts/scan.cjs compares them before each run and builds
// again when one changed, so a stale build never runs. Format (one line each, read by scan.cjs):
//   scan-build 1
//   <mtimeMs> <size> <path relative to the project root>
//
// Run by `postinstall`, and by scripts/scan.cjs when the stamp is missing or stale. Prints only to
// stderr, so that a scan that had to build first still prints nothing but its JSON to stdout.
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Rolldown } from 'vite';
import { logger } from '../lib/log.ts';
import { GENERATOR_INPUTS, writeEngineTables } from './generate-engine-tables.ts';

const log = logger('build-scan');

/** Where the build goes, relative to the project root (git-ignored). */
export const SCAN_OUT_DIR = '.output/scan';
/** The entry module `node` runs. */
export const SCAN_ENTRY = 'scan.cjs';
/** The stamp file scripts/scan.cjs checks; its first line names the format. */
export const STAMP_FILE = 'stamp.txt';
export const STAMP_HEADER = 'scan-build 1';

/**
 * This script and the launcher: a change to how the bundle is built or read also makes it stale;
 * and what the engine's generated tables are made from (data/aliases.json, the fold rules), which
 * the bundle reads only through engine/generated-tables.ts, written again first when stale.
 */
const BUILD_INPUTS = ['scripts/build-scan.ts', 'scripts/scan.cjs', ...GENERATOR_INPUTS];

/** The stamp text for `files` (paths relative to `root`), one line per file; throws when a file is missing. */
export function stampText(root: string, files: readonly string[]): string {
  const lines = [STAMP_HEADER];
  for (const file of [...new Set(files)].sort()) {
    const stat = statSync(join(root, file));
    lines.push(`${stat.mtimeMs} ${stat.size} ${file}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Writes `text` to `file` through a temporary file and a rename, so a concurrent reader never sees half a file. */
function writeAtomic(file: string, text: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, file);
}

/**
 * Bundles scripts/scan.ts under `root` into `root/.output/scan/` and writes the stamp last.
 * Returns the files written (relative to the output folder) and the source files stamped
 * (relative to `root`); throws when the build fails.
 */
export async function buildScan(root: string): Promise<{ outputs: string[]; sources: string[] }> {
  const outDir = join(root, SCAN_OUT_DIR);
  writeEngineTables();
  const result = await build({
    configFile: false,
    root,
    // Warnings and errors only, and Vite writes those to stderr.
    logLevel: 'warn',
    publicDir: false,
    build: {
      // An SSR build targets Node: node: built-ins and node_modules packages stay imports.
      ssr: resolve(root, 'scripts/scan.ts'),
      write: false,
      target: 'node20',
      minify: false,
      sourcemap: false,
      rolldownOptions: {
        output: {
          format: 'cjs',
          entryFileNames: SCAN_ENTRY,
          chunkFileNames: 'chunks/[name]-[hash].cjs',
        },
      },
    },
  });
  const chunks = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const files = chunks.flatMap((o) => o.output);
  if (!files.some((f) => f.type === 'chunk' && f.isEntry && f.fileName === SCAN_ENTRY)) {
    throw new Error(`The scan build produced no ${SCAN_ENTRY}`);
  }
  const sources = new Set(BUILD_INPUTS);
  for (const file of files) {
    if (file.type !== 'chunk') continue;
    for (const id of file.moduleIds) {
      // Bundled project files only: virtual modules start with "\0", and packages are external.
      if (!isAbsolute(id)) continue;
      const path = relative(root, id.split('?')[0] as string);
      if (path.startsWith('..') || path.split(sep).includes('node_modules')) continue;
      sources.add(path.split(sep).join('/'));
    }
  }
  mkdirSync(join(outDir, 'chunks'), { recursive: true });
  // Chunks first (their names carry a content hash), the entry next, the stamp last: a run that
  // reads the stamp as fresh finds everything it points to.
  const ordered = [...files].sort((a, b) => Number(a.fileName === SCAN_ENTRY) - Number(b.fileName === SCAN_ENTRY));
  for (const file of ordered) {
    const target = join(outDir, file.fileName);
    mkdirSync(dirname(target), { recursive: true });
    writeAtomic(target, file.type === 'chunk' ? file.code : String(file.source));
  }
  writeAtomic(join(outDir, STAMP_FILE), stampText(root, [...sources]));
  // Chunks of earlier builds (other hashes) are never imported again.
  const current = new Set(ordered.map((f) => f.fileName));
  for (const name of readdirSync(join(outDir, 'chunks'))) {
    if (!current.has(`chunks/${name}`)) rmSync(join(outDir, 'chunks', name), { force: true });
  }
  return { outputs: ordered.map((f) => f.fileName), sources: [...sources].sort() };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const started = performance.now();
  buildScan(root).then(
    ({ outputs, sources }) => {
      process.stderr.write(
        `scan: built ${SCAN_OUT_DIR}/${SCAN_ENTRY} (+${outputs.length - 1} lazy chunks) from ${sources.length} source files ` +
          `in ${Math.round(performance.now() - started)} ms\n`,
      );
    },
    (error: unknown) => {
      log.error('scan build failed', error);
      process.stderr.write(`scan: build failed: ${(error as Error)?.stack ?? error}\n`);
      process.exitCode = 1;
    },
  );
}
