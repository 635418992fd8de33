import { describe, expect, it } from 'vitest';
import aliasData from '../data/aliases.json' with { type: 'json' };
import { findMentions as matchText, pageContext } from '../engine/find-mentions.ts';
import { mayMention } from '../engine/prefilter.ts';
import { DISTRACTOR_SENTENCES, generateParagraphs, generateText, MENTION_SENTENCES } from '../scripts/corpus.ts';

const aliases = Object.entries(aliasData as Record<string, Record<string, string[]>>).flatMap(([entity, byLang]) =>
  Object.values(byLang)
    .flat()
    .map((alias) => ({ entity, alias: alias.replaceAll('*', '') })),
);

/** Full-width form of ASCII letters and digits, as Japanese and Chinese pages write acronyms. */
function fullWidth(text: string): string {
  return text.replace(/[A-Za-z0-9]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
}

describe('mayMention', () => {
  it('admits every alias of every entity, whatever its case, accents or width', () => {
    const missed: string[] = [];
    for (const { entity, alias } of aliases) {
      const forms = [
        alias,
        alias.toUpperCase(),
        alias.toLowerCase(),
        alias
          .normalize('NFD')
          .replace(/[\u0300-\u036f]/g, '')
          .normalize('NFC'),
        fullWidth(alias),
      ];
      for (const form of forms) if (!mayMention(`Voir ${form}.`)) missed.push(`${entity}: ${form}`);
    }
    expect(missed).toEqual([]);
  });

  it('admits names hidden by a soft hyphen, a zero-width space or print hyphenation', () => {
    expect(mayMention('Ko\u00adrea')).toBe(true);
    expect(mayMention('Mul\u200btilateral')).toBe(true);
    expect(mayMention('the Recon-\nnaissance General Bureau')).toBe(true);
    expect(mayMention('the Recon- \r\nnaissance General Bureau')).toBe(true);
  });

  it('admits the texts that change the page context', () => {
    expect(mayMention('Ministerstvo školství, mládeže a tělovýchovy')).toBe(true);
    expect(mayMention('Resolution 1718 (2006) was adopted unanimously.')).toBe(true);
  });

  it('rejects ordinary text in every corpus language, and the empty string', () => {
    const filler = generateText({ seed: 5, bytes: 300_000, mentionEvery: 1e12, distractorEvery: 1e12 }).split('\n');
    expect(filler.length).toBeGreaterThan(100);
    expect(filler.filter((p) => mayMention(p))).toEqual([]);
    expect(mayMention('')).toBe(false);
    expect(mayMention('The committee met on Monday to discuss the economy and the weather.')).toBe(false);
    expect(mayMention('a')).toBe(false);
  });

  it('never rejects a text the matcher finds a mention in (seeded corpus of mentions and decoys)', () => {
    const texts = [
      ...generateParagraphs({ seed: 1718, bytes: 400_000, mentionEvery: 300, distractorEvery: 300 }),
      ...MENTION_SENTENCES,
      ...DISTRACTOR_SENTENCES,
    ];
    let withMentions = 0;
    const hidden: string[] = [];
    for (const text of texts) {
      if (matchText(text).length === 0) continue;
      withMentions++;
      if (!mayMention(text)) hidden.push(text);
    }
    expect(withMentions).toBeGreaterThan(500);
    expect(hidden).toEqual([]);
  });

  it('leaves the page context as it was: texts it rejects never carry evidence', () => {
    const texts = generateParagraphs({ seed: 9, bytes: 200_000, mentionEvery: 5000, distractorEvery: 400 });
    const rejected = texts.filter((t) => !mayMention(t));
    expect(rejected.length).toBeGreaterThan(10);
    for (const text of rejected) expect(matchText(text)).toEqual([]);
    expect(pageContext(rejected)).toEqual({ topical: false, czechMinistry: false });
  });
});
