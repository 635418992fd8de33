import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { knowledge } from '../../data/index.ts';
import { CATALOGS, t } from '../../lib/i18n.ts';
import { uiLang } from '../../lib/ui-lang.ts';

const root = join(import.meta.dirname, '../..');
const en = CATALOGS.en;
const fr = CATALOGS.fr;

/** Every file under `dir` whose name ends with one of `exts`. */
function sourceFiles(dir: string, exts: string[]): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && exts.some((ext) => entry.name.endsWith(ext))) out.push(join(entry.parentPath, entry.name));
  }
  return out;
}

const uiSources = [...sourceFiles('components', ['.tsx', '.ts']), ...sourceFiles('entrypoints', ['.tsx', '.ts'])].map(
  (file) => ({
    file: relative(root, file),
    text: readFileSync(file, 'utf8'),
  }),
);

const placeholders = (message: string) => [...message.matchAll(/\$\d/g)].map((m) => m[0]).sort();

describe('locale files', () => {
  it('have the same keys in English and French', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
  });

  it('have no empty message, and the same placeholders in both languages', () => {
    for (const [key, entry] of Object.entries(en)) {
      const other = fr[key];
      expect(entry.message.trim(), `en.${key}`).not.toBe('');
      expect(other?.message.trim(), `fr.${key}`).not.toBe('');
      expect(placeholders(other?.message ?? ''), key).toEqual(placeholders(entry.message));
    }
  });

  it('never write `$name$` by accident: Chrome refuses to load an extension whose message uses an undefined placeholder', () => {
    const named = /\$[A-Za-z0-9_@]+\$/;
    // The check itself: "$5$6" reads as the placeholder "$5$" followed by "6".
    expect(named.test('$4, $5$6.')).toBe(true);
    expect(named.test('$4, $5, ¶$6.')).toBe(false);
    for (const lang of ['en', 'fr'] as const) {
      for (const [key, entry] of Object.entries(CATALOGS[lang])) {
        const defined = (entry as { placeholders?: Record<string, unknown> }).placeholders ?? {};
        const used = [...entry.message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((m) => (m[1] ?? '').toLowerCase());
        for (const name of used)
          expect(
            Object.keys(defined).map((k) => k.toLowerCase()),
            `${lang}.${key}`,
          ).toContain(name);
      }
    }
  });

  it('use key names browser.i18n accepts', () => {
    for (const key of Object.keys(en)) expect(key).toMatch(/^[A-Za-z0-9_]+$/);
  });
});

describe('UI strings in the source', () => {
  it('scans some UI sources (the scan itself works)', () => {
    expect(uiSources.some((s) => s.file.endsWith('MentionCard.tsx'))).toBe(true);
    expect(uiSources.flatMap((s) => [...s.text.matchAll(/\bt\(\s*'/g)]).length).toBeGreaterThan(10);
  });

  it('only ask for keys that exist', () => {
    const missing: string[] = [];
    for (const { file, text } of uiSources) {
      for (const m of text.matchAll(/\b(?:t|getMessage)\(\s*['"]([^'"]+)['"]/g)) {
        const key = m[1] ?? '';
        if (!key.startsWith('@@') && !(key in en)) missing.push(`${file}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('have no English text hard-coded in JSX', () => {
    const found: string[] = [];
    for (const { file, text } of uiSources.filter((s) => s.file.endsWith('.tsx'))) {
      // Text between tags on one line, and text alone on a line between JSX lines.
      for (const m of text.matchAll(/>[A-Za-z][^<{]*</g)) found.push(`${file}: ${m[0]}`);
      for (const m of text.matchAll(/(?<![=])>[ \t]*\n[ \t]*[A-Za-z][^<{}\n;()=]*\n[ \t]*</g))
        found.push(`${file}: ${m[0].trim()}`);
    }
    expect(found).toEqual([]);
  });
});

describe('t', () => {
  it('returns the message in the requested language, with substitutions', () => {
    expect(t('cardClose', 'en')).toBe('Close');
    expect(t('cardClose', 'fr')).toBe('Fermer');
    expect(t('cardOpenInStatementParagraph', 'en', 4)).toBe('Open in statement ¶4');
    expect(t('cardOpenInStatementParagraph', 'fr', 4)).toBe('Ouvrir dans la déclaration ¶4');
  });

  it('leaves a placeholder without a value visible, and returns the key for an unknown key', () => {
    expect(t('cardOpenInStatementParagraph', 'en')).toBe('Open in statement ¶$1');
    expect(t('noSuchKey' as 'cardClose', 'fr')).toBe('noSuchKey');
  });

  it('does not interpret $ patterns inside substituted values', () => {
    expect(t('cardMatched', 'en', '$1 $2')).toBe('Matched: “$1 $2”');
  });
});

describe('uiLang', () => {
  const cases: [string | undefined, 'en' | 'fr'][] = [
    ['fr', 'fr'],
    ['fr-CA', 'fr'],
    ['fr-FR', 'fr'],
    ['fr_BE', 'fr'],
    ['FR', 'fr'],
    ['en', 'en'],
    ['en-US', 'en'],
    ['de-DE', 'en'],
    ['fry', 'en'],
    ['', 'en'],
    [undefined, 'en'],
  ];
  for (const [locale, lang] of cases) it(`maps ${String(locale)} to ${lang}`, () => expect(uiLang(locale)).toBe(lang));
});

describe('one name per language for each entity', () => {
  const langs = ['en', 'fr'] as const;
  /** Abbreviations that differ between the languages (MSMT/EMSS, DPRK/RPDC), per language. */
  const shortForms = knowledge.entities.filter((e) => e.short.en !== e.short.fr);

  /** The other language's abbreviations found as whole words in `text` shown in `lang`. */
  function foreignShortNames(text: string, lang: 'en' | 'fr'): string[] {
    const other = lang === 'en' ? 'fr' : 'en';
    return shortForms.flatMap((e) => (new RegExp(`\\b${e.short[other]}\\b`, 'u').test(text) ? [e.short[other]] : []));
  }

  /** Every string a reader of `lang` sees: the locale file and the knowledge shown in that language. */
  function shownStrings(lang: 'en' | 'fr'): { where: string; text: string }[] {
    return [
      ...Object.entries(CATALOGS[lang])
        .filter(([key]) => key !== 'uiLocale')
        .map(([key, entry]) => ({ where: `${lang}.${key}`, text: entry.message })),
      ...knowledge.entities.flatMap((e) => [
        { where: `${e.id}.name`, text: e.name[lang] },
        { where: `${e.id}.summary`, text: e.summary[lang] },
      ]),
      ...knowledge.timeline.map((e) => ({ where: `timeline ${e.id}`, text: e.text[lang] })),
      ...knowledge.background.map((b) => ({ where: `background ${b.id}`, text: b.text[lang] })),
      ...knowledge.facts.flatMap((f) => (f.context ? [{ where: `fact ${f.id}`, text: f.context[lang] }] : [])),
    ];
  }

  it('catches the other language’s abbreviation (the check itself works)', () => {
    expect(shortForms.map((e) => e.id)).toEqual(expect.arrayContaining(['dprk', 'msmt']));
    expect(foreignShortNames('Équipe multilatérale de surveillance des sanctions (MSMT)', 'fr')).toEqual(['MSMT']);
    expect(foreignShortNames('Équipe multilatérale de surveillance des sanctions (EMSS)', 'fr')).toEqual([]);
    expect(foreignShortNames('Reports (msmt.info)', 'fr')).toEqual([]);
    expect(foreignShortNames('North Korea (RPDC)', 'en')).toEqual(['RPDC']);
  });

  for (const lang of langs) {
    it(`uses only ${lang === 'fr' ? 'EMSS and RPDC' : 'MSMT and DPRK'} in the ${lang} interface`, () => {
      const strings = shownStrings(lang);
      expect(strings.length).toBeGreaterThan(100);
      const found = strings.flatMap(({ where, text }) => foreignShortNames(text, lang).map((n) => `${where}: ${n}`));
      expect(found).toEqual([]);
    });
  }

  it('names each entity on the options page with the abbreviation the popup and card use', () => {
    for (const lang of langs) {
      for (const id of ['dprk', 'rgb', 'msmt'] as const) {
        const short = knowledge.entities.find((e) => e.id === id)?.short[lang] ?? '';
        const key = `options_entity_${id}` as const;
        expect(CATALOGS[lang][key]?.message, `${lang}.${key}`).toContain(`(${short})`);
      }
    }
  });
});
