import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractDocumentText } from '../../lib/pdf-text.ts';
import { openPdf } from '../../scripts/pdf-node.ts';
import { corruptPdf, encryptedPdf, hyphenatedPdf, scannedPdf, twoColumnPdf } from '../fixtures/make-pdfs.ts';

const root = resolve(import.meta.dirname, '../..');
const fixtures = 'tests/fixtures';
const scratch = mkdtempSync(join(tmpdir(), 'scan-test-'));

// What `npm run scan` runs: the launcher, which runs the build. Built (when stale) once up front,
// so that the runs below print nothing about building on stderr.
beforeAll(() => {
  const build = spawnSync(process.execPath, ['scripts/scan.cjs', '--help'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
  });
  expect(build.status).toBe(0);
}, 120_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Result {
  file: string;
  error?: string;
  mentions: { entity: string; start: number; end: number; text: string; page?: number }[];
}

function scan(...args: string[]) {
  const run = spawnSync(process.execPath, ['scripts/scan.cjs', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function parse(stdout: string): Result[] {
  const results = JSON.parse(stdout) as Result[];
  expect(Array.isArray(results)).toBe(true);
  return results;
}

/** Every index where any of `needles` occurs in `text`, ascending. */
function indexesOf(text: string, needles: string[]): number[] {
  const found: number[] = [];
  for (const needle of needles) {
    for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) found.push(i);
  }
  return found.sort((a, b) => a - b);
}

describe('scan CLI', { timeout: 60_000 }, () => {
  it('scans text and HTML files, one result per file in argument order', () => {
    const en = `${fixtures}/scan-en.txt`;
    const fr = `${fixtures}/scan-fr.txt`;
    const page = `${fixtures}/scan-page.html`;
    const run = scan(en, page, fr);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const results = parse(run.stdout);
    expect(results.map((r) => r.file)).toEqual([en, page, fr]);

    for (const r of results) {
      expect(r.error).toBeUndefined();
      let previousEnd = 0;
      for (const m of r.mentions) {
        expect(Object.keys(m).sort()).toEqual(['end', 'entity', 'start', 'text']);
        expect(m.start).toBeGreaterThanOrEqual(previousEnd);
        expect(m.end).toBeGreaterThan(m.start);
        previousEnd = m.end;
      }
    }

    // Text files: offsets index the file's text exactly.
    const [enResult, pageResult, frResult] = results as [Result, Result, Result];
    const enText = readFileSync(join(root, en), 'utf8');
    for (const m of enResult.mentions) expect(enText.slice(m.start, m.end)).toBe(m.text);
    const dprk = enResult.mentions.filter((m) => m.entity === 'dprk');
    expect(dprk.map((m) => m.start)).toEqual(indexesOf(enText, ['North Korea', 'DPRK']));

    const frText = readFileSync(join(root, fr), 'utf8');
    for (const m of frResult.mentions) expect(frText.slice(m.start, m.end)).toBe(m.text);
    expect(frResult.mentions.some((m) => m.entity === 'dprk' && m.text === 'RPDC')).toBe(true);

    // HTML: only the visible paragraphs count, not the title, script, hidden elements, form
    // fields, the editable draft, the template or noscript, which all repeat the same names.
    const visible = [
      'Home News',
      'Weekly digest',
      'Officials from North Korea met on Tuesday.',
      "The DPRK's envoy left early.",
      'Search ',
    ].join('\n\n');
    const pageDprk = pageResult.mentions.filter((m) => m.entity === 'dprk');
    expect(pageDprk.map((m) => m.text)).toEqual(['North Korea', 'DPRK']);
    expect(pageDprk.map((m) => m.start)).toEqual(indexesOf(visible, ['North Korea', 'DPRK']));
    for (const m of pageResult.mentions) expect(visible.slice(m.start, m.end)).toBe(m.text);
  });

  it('reports unreadable and non-UTF-8 files, still scans the rest, exits 1', () => {
    const bad = join(scratch, 'latin1.txt');
    // "North Korea " then a Latin-1 "é" (0xE9), which is not valid UTF-8 on its own.
    writeFileSync(bad, Buffer.concat([Buffer.from('North Korea '), Buffer.from([0xe9]), Buffer.from('t\u00e9')]));
    const missing = join(scratch, 'does-not-exist.txt');
    const good = `${fixtures}/scan-en.txt`;
    const run = scan(bad, good, missing);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${bad}: not valid UTF-8 (byte 0xe9 at offset 12)`);
    expect(run.stderr).toContain(`${missing}: no such file`);
    const results = parse(run.stdout);
    expect(results.map((r) => r.file)).toEqual([bad, good, missing]);
    expect(results[0]).toEqual({ file: bad, error: expect.stringContaining('UTF-8'), mentions: [] });
    expect(results[2]).toEqual({ file: missing, error: 'no such file', mentions: [] });
    expect(results[1]?.error).toBeUndefined();
    expect(results[1]?.mentions.some((m) => m.text === 'DPRK')).toBe(true);
  });

  it('keeps a byte order mark so offsets match the file read as UTF-8', () => {
    const withBom = join(scratch, 'bom.txt');
    writeFileSync(withBom, '\ufeffThe DPRK replied.');
    const run = scan(withBom);
    expect(run.status).toBe(0);
    const [result] = parse(run.stdout);
    const text = readFileSync(withBom, 'utf8');
    const m = result?.mentions.find((x) => x.text === 'DPRK');
    expect(m?.start).toBe(text.indexOf('DPRK'));
    expect(m?.start).toBe(5);
  });

  it('prints usage: --help on stdout (exit 0), no FILE or a bad option on stderr (exit 2)', () => {
    const help = scan('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: npm run --silent scan -- FILE...');
    expect(help.stdout).toContain('.html');
    const none = scan();
    expect(none.status).toBe(2);
    expect(none.stdout).toBe('');
    expect(none.stderr).toContain('Usage:');
    const unknown = scan('--frobnicate', `${fixtures}/scan-en.txt`);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('--frobnicate');
  });

  it("reads PDFs page by page: a 1-based page and offsets into that page's extracted text", async () => {
    const columns = join(scratch, 'columns.pdf');
    const hyphen = join(scratch, 'hyphen.pdf');
    writeFileSync(columns, await twoColumnPdf());
    writeFileSync(hyphen, await hyphenatedPdf());
    const run = scan(columns, hyphen);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const results = parse(run.stdout);
    expect(results.map((r) => r.file)).toEqual([columns, hyphen]);
    // The same extraction as the reader: the offsets index the page text it produces.
    for (const [file, result] of [
      [columns, results[0]],
      [hyphen, results[1]],
    ] as const) {
      const pages = await extractDocumentText(await openPdf(readFileSync(file)));
      expect(result?.mentions.length).toBeGreaterThan(0);
      for (const m of result?.mentions ?? []) {
        expect(Object.keys(m)).toEqual(['entity', 'page', 'start', 'end', 'text']);
        expect(pages[(m.page ?? 0) - 1]?.text.slice(m.start, m.end)).toBe(m.text);
      }
    }
    expect(results[0]?.mentions.map((m) => [m.entity, m.page])).toEqual([
      ['msmt', 1],
      ['rgb', 1],
    ]);
    expect(results[1]?.mentions.map((m) => m.text)).toEqual([
      'Recon-\nnaissance General Bureau',
      "Democratic People's\nRepublic of Korea",
    ]);
  });

  it('reports an encrypted or corrupt PDF as an error for that file, scans the rest, exits 1', async () => {
    const locked = join(scratch, 'locked.pdf');
    const broken = join(scratch, 'broken.pdf');
    const scanned = join(scratch, 'scanned.pdf');
    const renamed = join(scratch, 'not-really.txt');
    writeFileSync(locked, encryptedPdf());
    writeFileSync(broken, corruptPdf());
    writeFileSync(scanned, await scannedPdf());
    // A PDF is known by its header too, whatever its name.
    writeFileSync(renamed, await hyphenatedPdf());
    const good = `${fixtures}/scan-en.txt`;
    const run = scan(locked, good, broken, scanned, renamed);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${locked}: encrypted PDF`);
    expect(run.stderr).toContain(`${broken}: not a valid PDF`);
    const results = parse(run.stdout);
    expect(results.map((r) => r.file)).toEqual([locked, good, broken, scanned, renamed]);
    expect(results[0]).toEqual({ file: locked, error: expect.stringContaining('password'), mentions: [] });
    expect(results[2]).toEqual({ file: broken, error: expect.stringContaining('not a valid PDF'), mentions: [] });
    expect(results[1]?.mentions.some((m) => m.text === 'DPRK')).toBe(true);
    // A PDF without text is read without error and has no mentions.
    expect(results[3]).toEqual({ file: scanned, mentions: [] });
    expect(results[4]?.error).toBeUndefined();
    expect(results[4]?.mentions.map((m) => m.entity)).toEqual(['rgb', 'dprk']);
  });
});
