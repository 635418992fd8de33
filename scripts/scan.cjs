// `npm run scan` starts here: plain JavaScript, so no TypeScript is compiled at start. It runs the
// build of scripts/scan.ts in .output/scan/ (made by scripts/build-scan.ts at `npm install`), after
// checking that the build is not stale: its stamp lists the modification time and size of every
// source file it was built from, and one stat per file tells whether any changed since. When one
// did, or the build is missing, it builds again first (messages on stderr only: stdout carries
// nothing but the scan's JSON), then runs it. CommonJS, like the build, for a faster start (see
// scripts/build-scan.ts).
const { readFileSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
// Kept in step with scripts/build-scan.ts, which writes the stamp.
const outDir = join(root, '.output', 'scan');
const stampFile = join(outDir, 'stamp.txt');
const STAMP_HEADER = 'scan-build 1';

/** Why the build must be made again, or '' when the stamp matches every source file. */
function staleReason() {
  const stamp = statSync(stampFile, { throwIfNoEntry: false });
  if (!stamp) return 'no build yet';
  const lines = readFileSync(stampFile, 'utf8').split('\n');
  if (lines[0] !== STAMP_HEADER) return 'build from another version of the build script';
  let files = 0;
  for (const line of lines.slice(1)) {
    if (line === '') continue;
    const [mtime, size, ...path] = line.split(' ');
    const file = path.join(' ');
    const stat = statSync(join(root, file), { throwIfNoEntry: false });
    if (!stat) return `${file} is gone`;
    if (String(stat.mtimeMs) !== mtime || String(stat.size) !== size) return `${file} changed`;
    files++;
  }
  return files === 0 ? 'empty stamp' : '';
}

const reason = staleReason();
if (reason !== '') {
  process.stderr.write(`scan: building .output/scan first (${reason})\n`);
  // Through tsx, as `postinstall` does; the build's own output goes to stderr too.
  // Required here, not at the top: loading child_process costs a fresh run milliseconds.
  const { spawnSync } = require('node:child_process');
  const build = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'build-scan.ts')], {
    cwd: root,
    stdio: ['ignore', 2, 2],
  });
  if (build.status !== 0) {
    process.stderr.write(`scan: the build failed (${build.error?.message ?? `exit status ${build.status}`})\n`);
    process.exit(2);
  }
}

// The build reads its FILE arguments from process.argv, which are this script's.
require(join(outDir, 'scan.cjs'));
