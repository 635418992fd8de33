import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
// A copy of the sources the scan build reads, so that touching them here never makes the
// project's own build stale under other tests.
const copy = mkdtempSync(join(tmpdir(), 'scan-launcher-'));
const stamp = join(copy, '.output', 'scan', 'stamp.txt');
const built = join(copy, '.output', 'scan', 'scan.cjs');
const sample = join(copy, 'sample.txt');

beforeAll(() => {
  for (const dir of ['scripts', 'engine', 'lib', 'page', 'data'])
    cpSync(join(root, dir), join(copy, dir), { recursive: true });
  cpSync(join(root, 'package.json'), join(copy, 'package.json'));
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');
  writeFileSync(sample, 'The Hermit Kingdom, officially the DPRK, replied.');
});
afterAll(() => rmSync(copy, { recursive: true, force: true }));

/** `npm run scan` in the copy: the launcher, as package.json runs it. */
function scan(...files: string[]) {
  const run = spawnSync(process.execPath, ['scripts/scan.cjs', ...files], {
    cwd: copy,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function texts(stdout: string): string[] {
  const [result] = JSON.parse(stdout) as { mentions: { text: string }[] }[];
  return result?.mentions.map((m) => m.text) ?? [];
}

/** Moves a file's modification time forward, as an edit or a checkout would. */
function touch(file: string): void {
  const later = new Date(statSync(file).mtimeMs + 5_000);
  utimesSync(file, later, later);
}

describe('scan launcher (scripts/scan.cjs)', { timeout: 180_000 }, () => {
  it('builds when there is no build, then runs the build without building again', () => {
    const first = scan(sample);
    expect(first.status).toBe(0);
    expect(first.stderr).toContain('scan: building .output/scan first (no build yet)');
    // Build messages never reach stdout, which holds the JSON alone.
    expect(texts(first.stdout)).toEqual(['DPRK']);
    expect(readFileSync(stamp, 'utf8').split('\n')[0]).toBe('scan-build 1');
    const stamped = statSync(stamp).mtimeMs;

    const second = scan(sample);
    expect(second.status).toBe(0);
    expect(second.stderr).toBe('');
    expect(second.stdout).toBe(first.stdout);
    expect(statSync(stamp).mtimeMs).toBe(stamped);
  });

  it('stamps every bundled source file, and only project files', () => {
    const files = readFileSync(stamp, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(' ').slice(2).join(' '));
    for (const file of [
      'scripts/scan.ts',
      'scripts/scan-text.ts',
      'scripts/build-scan.ts',
      'scripts/scan.cjs',
      'engine/find-mentions.ts',
      'engine/prefilter.ts',
      'data/aliases.json',
      'page/text-blocks.ts',
      'lib/pdf-text.ts',
      'scripts/pdf-node.ts',
    ]) {
      expect(files).toContain(file);
    }
    expect(files.filter((f) => f.includes('node_modules') || f.startsWith('/'))).toEqual([]);
  });

  it('rebuilds when a source file changed, so a stale build never runs', () => {
    // A new alias in the data: the old build would not find it.
    const aliasFile = join(copy, 'data', 'aliases.json');
    const aliases = JSON.parse(readFileSync(aliasFile, 'utf8')) as { dprk: { en: string[] } };
    aliases.dprk.en.push('Hermit Kingdom');
    writeFileSync(aliasFile, JSON.stringify(aliases, null, 2));
    const run = scan(sample);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('(data/aliases.json changed)');
    expect(texts(run.stdout)).toEqual(['Hermit Kingdom', 'DPRK']);
    expect(scan(sample).stderr).toBe('');

    // A newer modification time alone (a checkout, a save without change) also rebuilds.
    touch(join(copy, 'engine', 'fold.ts'));
    const touched = scan(sample);
    expect(touched.stderr).toContain('(engine/fold.ts changed)');
    expect(touched.stdout).toBe(run.stdout);
  });

  it('rebuilds when the build was deleted or its stamp is from another format', () => {
    rmSync(join(copy, '.output'), { recursive: true, force: true });
    const run = scan(sample);
    expect(run.stderr).toContain('(no build yet)');
    expect(texts(run.stdout)).toEqual(['Hermit Kingdom', 'DPRK']);
    writeFileSync(stamp, 'scan-build 0\n');
    expect(scan(sample).stderr).toContain('(build from another version of the build script)');
    expect(scan(sample).stderr).toBe('');
  });

  it('keeps the HTML and PDF readers out of the start-up module', () => {
    const code = readFileSync(built, 'utf8');
    // Top-level requires run at start; lazy ones sit in a promise callback, packages in import().
    const atStart = [...code.matchAll(/^(?:let|const|var)\s+\w+\s*=\s*require\("([^"]+)"\)/gm)].map((m) => m[1]);
    const lazy = [...code.matchAll(/=>\s*require\("([^"]+)"\)/g)].map((m) => m[1]);
    const packages = [...code.matchAll(/\bimport\("([^"]+)"\)/g)].map((m) => m[1]);
    // Only Node built-ins at start: no package and no other chunk is loaded for a text file.
    expect(atStart.length).toBeGreaterThan(0);
    expect(atStart.filter((s) => !s?.startsWith('node:'))).toEqual([]);
    expect(packages).toEqual(['happy-dom']);
    for (const chunk of ['text-blocks', 'pdf-node', 'pdf-text']) {
      expect(lazy.some((s) => s?.startsWith(`./chunks/${chunk}-`))).toBe(true);
    }
    expect(code).not.toContain('pdfjs-dist');
    expect(code).not.toMatch(/require\("happy-dom"\)/);
  });

  it('prints the build error and exits 2 when the sources do not build', () => {
    const scanSource = join(copy, 'scripts', 'scan-text.ts');
    const good = readFileSync(scanSource, 'utf8');
    writeFileSync(scanSource, `${good}\nexport const broken = ;\n`);
    const run = scan(sample);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('scan: the build failed');
    writeFileSync(scanSource, good);
    const fixed = scan(sample);
    expect(fixed.status).toBe(0);
    expect(texts(fixed.stdout)).toEqual(['Hermit Kingdom', 'DPRK']);
  });
});
