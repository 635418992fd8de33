import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const biome = join(root, 'node_modules', '.bin', 'biome');

/** Files written into a scratch copy of the layout; `rule` is the diagnostic each must raise (null: none). */
const PROBES: { file: string; source: string; rule: string | null }[] = [
  {
    file: 'engine/imports-page.ts',
    source: "import { textBlocks } from '../../page/text-blocks.ts';\nexport const f = textBlocks;\n",
    rule: 'lint/style/noRestrictedImports',
  },
  {
    file: 'engine/imports-component.ts',
    source: "import { MentionCard } from '../../components/MentionCard.tsx';\nexport const c = MentionCard;\n",
    rule: 'lint/style/noRestrictedImports',
  },
  {
    file: 'engine/nested/imports-entrypoint.ts',
    source: "import content from '../../../entrypoints/content.ts';\nexport const c = content;\n",
    rule: 'lint/style/noRestrictedImports',
  },
  {
    file: 'engine/uses-document.ts',
    source: 'export const title = (): string => document.title;\n',
    rule: 'lint/style/noRestrictedGlobals',
  },
  {
    file: 'engine/uses-window.ts',
    source: 'export const width = (): number => window.innerWidth;\n',
    rule: 'lint/style/noRestrictedGlobals',
  },
  {
    file: 'engine/uses-browser.ts',
    source:
      'declare const browser: { runtime: { id: string } };\nexport const id = (): string => browser.runtime.id;\n',
    // A local declaration is not the global, so Biome rightly lets it pass: the next probe is the real case.
    rule: null,
  },
  {
    file: 'engine/uses-browser-global.ts',
    source: 'export const id = (): unknown => (browser as { runtime: unknown }).runtime;\n',
    rule: 'lint/style/noRestrictedGlobals',
  },
  {
    file: 'engine/uses-chrome.ts',
    source: 'export const id = (): unknown => (chrome as { runtime: unknown }).runtime;\n',
    rule: 'lint/style/noRestrictedGlobals',
  },
  {
    file: 'engine/uses-navigator-location.ts',
    source: 'export const where = (): string => navigator.language + location.href;\n',
    rule: 'lint/style/noRestrictedGlobals',
  },
  {
    file: 'engine/uses-node-fs.ts',
    source: "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n",
    rule: 'lint/correctness/noNodejsModules',
  },
  {
    file: 'engine/clean.ts',
    source:
      "import type { Mention } from './types.ts';\nexport const count = (mentions: Mention[], text: string): number =>\n  mentions.filter((m) => text.slice(m.start, m.end) === m.text).length;\n",
    rule: null,
  },
  {
    file: 'data/imports-engine.ts',
    source: "import { findMentions } from '../../engine/index.ts';\nexport const f = findMentions;\n",
    rule: 'lint/style/noRestrictedImports',
  },
  {
    file: 'data/imports-engine-types.ts',
    source: "import type { Mention } from '../../engine/types.ts';\nexport type M = Mention;\n",
    rule: 'lint/style/noRestrictedImports',
  },
  {
    file: 'data/nested/imports-page.ts',
    source: "import { textBlocks } from '../../../page/text-blocks.ts';\nexport const f = textBlocks;\n",
    rule: 'lint/style/noRestrictedImports',
  },
  {
    file: 'data/imports-component.ts',
    source: "import { MentionCard } from '../../components/MentionCard.tsx';\nexport const c = MentionCard;\n",
    rule: 'lint/style/noRestrictedImports',
  },
  {
    file: 'data/imports-entrypoint.ts',
    source: "import content from '../../entrypoints/content.ts';\nexport const c = content;\n",
    rule: 'lint/style/noRestrictedImports',
  },
  {
    // Inside data/ and from third-party packages is fine.
    file: 'data/clean.ts',
    source:
      "import * as v from 'valibot';\nimport { ENTITY_IDS } from './entities.ts';\nexport const Id = v.picklist(ENTITY_IDS);\n",
    rule: null,
  },
  {
    // The page layer is where DOM access belongs: the same code outside engine/ passes.
    file: 'page/uses-document.ts',
    source: 'export const title = (): string => document.title;\n',
    rule: null,
  },
];

/** page/ may use the DOM but not the UI or the entry points: shared code goes through lib/. */
const PAGE_PROBES: typeof PROBES = [
  {
    file: 'page/imports-component.ts',
    source: "import { cardModel } from '../../components/card-model.ts';\nexport const c = cardModel;\n",
    rule: 'lint/style/noRestrictedImports',
  },
  {
    file: 'page/nested/imports-entrypoint.ts',
    source: "import { run } from '../../../entrypoints/content/main.ts';\nexport const c = run;\n",
    rule: 'lint/style/noRestrictedImports',
  },
  {
    // Positive control: the same kind of import from lib/ passes.
    file: 'page/imports-lib.ts',
    source: "import { ENTITY_COLORS } from '../../lib/palette.ts';\nexport const c = ENTITY_COLORS;\n",
    rule: null,
  },
];
PROBES.push(...PAGE_PROBES);

interface Diagnostic {
  category?: string;
  location?: { path?: string };
}

let scratch = '';
let diagnostics: Diagnostic[] = [];
let status: number | null = null;

beforeAll(() => {
  // A scratch copy keeps probe files out of the real tree (where tsc, vitest and other linters would see them).
  scratch = mkdtempSync(join(tmpdir(), 'lint-boundary-'));
  const config = JSON.parse(readFileSync(join(root, 'biome.json'), 'utf8')) as Record<string, unknown>;
  delete config.$schema;
  config.vcs = { enabled: false };
  writeFileSync(join(scratch, 'biome.json'), JSON.stringify(config));
  for (const probe of PROBES) {
    mkdirSync(dirname(join(scratch, probe.file)), { recursive: true });
    writeFileSync(join(scratch, probe.file), probe.source);
  }
  const run = spawnSync(biome, ['lint', '--reporter=json', '--max-diagnostics=none', '.'], {
    cwd: scratch,
    encoding: 'utf8',
  });
  status = run.status;
  const report = JSON.parse(run.stdout) as { diagnostics: Diagnostic[] };
  diagnostics = report.diagnostics;
}, 30_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('engine/ and data/ boundary lint rules', () => {
  it('fails the lint run when a probe breaks the boundary', () => {
    expect(status).not.toBe(0);
  });

  it.each(PROBES)('$file → $rule', ({ file, rule }) => {
    const rules = diagnostics.filter((d) => d.location?.path === file).map((d) => d.category);
    if (rule === null) expect(rules).toEqual([]);
    else expect(rules).toContain(rule);
  });
});
