import { describe, expect, it } from 'vitest';
import * as vocabulary from '../../engine/vocabulary.ts';
import { mulberry32 } from '../../scripts/corpus.ts';

const MATCHERS = Object.entries(vocabulary).filter(
  (entry): entry is [string, vocabulary.WordMatcher] => typeof (entry[1] as { pattern?: unknown }).pattern === 'string',
);

/** What the matchers replace: the alternation between Unicode letter-or-digit lookarounds. */
function reference(pattern: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${pattern})(?![\\p{L}\\p{N}])`, 'u');
}

/** Sample words of an alternation: each alternative with its optional parts and `\w*`, `\d+` written out. */
function samples(pattern: string): string[] {
  return pattern.split('|').flatMap((alt) => {
    const base = alt.replace(/\\w\*/g, 'ish').replace(/\\d\+/g, '12').replace(/\\d/g, '7').replace(/\\\./g, '.');
    const plain = base.replace(/\[(.)[^\]]*\]/g, '$1');
    return [plain.replace(/(.)\?/g, '$1'), plain.replace(/.\?/g, '')];
  });
}

// Neighbours that a letter-or-digit test must tell apart: Latin, Cyrillic letters and the
// Cyrillic signs that are not letters, CJK, other digits, marks, astral letters and symbols,
// lone surrogates, control characters (including the matcher's own stand-ins).
const NEIGHBOURS = [
  'a',
  'Z',
  '7',
  'é',
  'ж',
  'Ж',
  'ҁ',
  '҂',
  '҃',
  '中',
  '١',
  '²',
  '_',
  ' ',
  '.',
  '-',
  '“',
  '«',
  '€',
  '\u0301',
  '😀',
  '𝐀',
  '𝟙',
  '\ud800',
  '\udc00',
  '\u0001',
  '\u0002',
  '\n',
  '\u00a0',
  'ⅰ',
  'ǂ',
];

describe('vocabulary word matchers', () => {
  it('are the exported vocabularies, written in the syntax the matchers support', () => {
    expect(MATCHERS.map(([name]) => name).sort()).toEqual([
      'AGENCY_WORDS',
      'COLOUR_WORDS',
      'SANCTIONS_WORDS',
      'UN_ACRONYMS',
      'UN_WORDS',
    ]);
    for (const [, m] of MATCHERS) {
      expect(m.pattern).not.toMatch(/(?:^|[^\\])\.|\\[sSWDbBpPuxk]|\[\^|[^\x20-\x7e\u0400-\u04ff]/u);
    }
  });

  it('match exactly where the Unicode whole-word expressions match', () => {
    const random = mulberry32(1718);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    let positives = 0;
    for (const [name, m] of MATCHERS) {
      const re = reference(m.pattern);
      const words = samples(m.pattern);
      const wrong: string[] = [];
      for (let k = 0; k < 6000; k++) {
        let text = '';
        const parts = 1 + Math.floor(random() * 4);
        for (let p = 0; p < parts; p++) {
          text += pick(NEIGHBOURS).repeat(random() < 0.7 ? 1 : 2);
          text += random() < 0.8 ? pick(words) : pick(words).slice(0, -1);
          if (random() < 0.3) text += pick(words);
        }
        text += pick(NEIGHBOURS);
        const expected = re.test(text);
        if (expected) positives++;
        if (m.test(text) !== expected) wrong.push(JSON.stringify(text));
      }
      expect(wrong.slice(0, 5), name).toEqual([]);
      expect(m.test(''), name).toBe(false);
    }
    // The fuzzing reached both answers.
    expect(positives).toBeGreaterThan(2000);
    expect(positives).toBeLessThan(5 * 6000 - 2000);
  });

  it('match whole words only', () => {
    expect(vocabulary.COLOUR_WORDS.test('rgb leds on')).toBe(true);
    expect(vocabulary.COLOUR_WORDS.test('rgb ledsé on')).toBe(false);
    expect(vocabulary.COLOUR_WORDS.test('中leds')).toBe(false);
    expect(vocabulary.COLOUR_WORDS.test('😀leds')).toBe(true);
    expect(vocabulary.COLOUR_WORDS.test('𝐀leds')).toBe(false);
    expect(vocabulary.UN_ACRONYMS.test('the UN said')).toBe(true);
    expect(vocabulary.UN_ACRONYMS.test('UNé')).toBe(false);
  });
});
