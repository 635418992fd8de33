/**
 * `npm run bench -- --profile`: where our content script spends its time on a bench page. Builds
 * the extension unminified with source maps (bench/wxt.profile.config.ts) into a temporary folder,
 * loads the page once with a fine CPU profile, and names the functions (and their source lines)
 * that dominate.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { ROOT } from '../tests/e2e/harness.ts';
import { measure } from './measure.ts';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Generated line (0-based) → segments [generated column, source index, source line], from a source map v3. */
function decodeMappings(mappings: string): [number, number, number][][] {
  const lines: [number, number, number][][] = [];
  let source = 0;
  let sourceLine = 0;
  for (const line of mappings.split(';')) {
    const segments: [number, number, number][] = [];
    let column = 0;
    for (const segment of line.split(',')) {
      if (!segment) continue;
      const fields: number[] = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = BASE64.indexOf(char);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += fields[0] ?? 0;
      if (fields.length >= 4) {
        source += fields[1] as number;
        sourceLine += fields[2] as number;
        segments.push([column, source, sourceLine]);
      }
    }
    lines.push(segments);
  }
  return lines;
}

interface SourceMap {
  sources: string[];
  mappings: string;
}

/** Resolves 1-based bundle positions to "file:line" of the original source; "?" when unmapped. */
function sourceResolver(map: SourceMap, mapDir: string): (line: number, column: number) => string {
  const lines = decodeMappings(map.mappings);
  return (line, column) => {
    const segments = lines[line - 1] ?? [];
    let found: [number, number, number] | undefined;
    for (const segment of segments) {
      if (segment[0] <= column - 1) found = segment;
      else break;
    }
    if (!found) return '?';
    const source = map.sources[found[1]];
    if (source === undefined) return '?';
    // Repository-relative, so no machine path ends up in a report.
    const file = relative(ROOT, resolve(mapDir, source)).replace(/^.*node_modules\//, '');
    return `${file}:${found[2] + 1}`;
  };
}

/**
 * Profiles our content script on `url` and returns a Markdown section: total, then the top
 * functions by self and by inclusive time with the source file each comes from. Throws when the
 * unminified build fails.
 */
export async function profileOurs(url: string, mutating: boolean, quiet = false, top = 20): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'bench-profile-build-'));
  try {
    const build = spawnSync('npx', ['wxt', 'build', '-c', 'bench/wxt.profile.config.ts'], {
      cwd: ROOT,
      env: { ...process.env, BENCH_WXT_OUT_DIR: outDir },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (build.status !== 0) throw new Error(`unminified wxt build failed with exit code ${build.status}`);
    const extension = join(outDir, 'chrome-mv3');
    const sample = await measure({
      variant: 'ours',
      extension,
      url,
      mutating,
      quiet,
      keepProfile: true,
      samplingUs: 100,
    });
    const scripts = join(extension, 'content-scripts');
    const resolvers = new Map<string, (line: number, column: number) => string>();
    for (const file of await readdir(scripts)) {
      if (!file.endsWith('.js.map')) continue;
      const map = JSON.parse(await readFile(join(scripts, file), 'utf8')) as SourceMap;
      resolvers.set(`content-scripts/${file.replace(/\.map$/, '')}`, sourceResolver(map, scripts));
    }
    const describe = (key: string): [string, string] => {
      const match = /^(.*) (\S+):(\d+):(\d+)$/.exec(key);
      if (!match) return [key.replace(/ \(native\)$/, ''), 'browser (DOM or V8 built-in)'];
      const [, name, file, line, column] = match as unknown as [string, string, string, string, string];
      const resolve = resolvers.get(file);
      return [name, resolve ? resolve(Number(line), Number(column)) : `${file}:${line}`];
    };
    const rows = (map: Map<string, number> | undefined, scale = 1, total = sample.extensionJsMs) =>
      [...(map ?? [])]
        .sort((a, b) => b[1] - a[1])
        .slice(0, top)
        .map(([key, value]) => {
          const [fn, source] = describe(key);
          return `| ${(value / scale).toFixed(1)} | ${((100 * value) / total).toFixed(0)}% | \`${fn}\` | ${source} |`;
        });
    const retainedTotal = [...(sample.extensionRetained ?? [])].reduce((sum, [, bytes]) => sum + bytes, 0);
    return [
      `### Profile of ours (${url.replace(/^.*\//, '')}, unminified build, 100 µs sampling, one load)`,
      '',
      `Extension JS ${sample.extensionJsMs.toFixed(0)} ms, ${sample.painted} highlights, done at ${Math.round(sample.doneAt ?? Number.NaN)} ms.`,
      '',
      'Self time:',
      '',
      '| ms | share | function | source |',
      '| --- | --- | --- | --- |',
      ...rows(sample.extensionFunctions),
      '',
      'Inclusive time (with callees):',
      '',
      '| ms | share | function | source |',
      '| --- | --- | --- | --- |',
      ...rows(sample.extensionInclusive),
      '',
      `Live heap after GC allocated under our code (sampling heap profiler): ${(retainedTotal / 1e6).toFixed(1)} MB of ` +
        `${sample.heapMB.toFixed(1)} MB JS heap in the page.`,
      '',
      '| MB | share | allocated by | source |',
      '| --- | --- | --- | --- |',
      ...rows(sample.extensionRetained, 1e6, retainedTotal),
    ].join('\n');
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}
