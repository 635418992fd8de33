import { describe, expect, it } from 'vitest';
import aliasData from '../../data/aliases.json' with { type: 'json' };
import { aliasesByEntity, naiveAliasRegExp } from '../../scripts/bench-engine.ts';
import {
  DISTRACTOR_SENTENCES,
  generateCorpus,
  generateParagraphs,
  generateText,
  MENTION_SENTENCES,
  mulberry32,
} from '../../scripts/corpus.ts';

const naive = naiveAliasRegExp(aliasesByEntity(aliasData).keys());

describe('benchmark corpus', () => {
  it('is reproducible from its seed and differs between seeds', () => {
    expect(generateText({ seed: 7, bytes: 20_000 })).toBe(generateText({ seed: 7, bytes: 20_000 }));
    expect(generateText({ seed: 7, bytes: 20_000 })).not.toBe(generateText({ seed: 8, bytes: 20_000 }));
    expect(mulberry32(1)()).not.toBe(mulberry32(2)());
  });

  it('reaches the requested size and is empty for a size of zero', () => {
    const corpus = generateCorpus({ seed: 3, bytes: 100_000 });
    expect(corpus.bytes).toBeGreaterThanOrEqual(100_000);
    expect(new TextEncoder().encode(corpus.paragraphs.join('')).length).toBe(corpus.bytes);
    expect(generateParagraphs({ seed: 3, bytes: 0 })).toEqual([]);
  });

  it('plants about one mention and one distractor per 2 KB', () => {
    const corpus = generateCorpus({ seed: 11, bytes: 1_000_000 });
    const perTwoKb = (n: number) => n / (corpus.bytes / 2048);
    expect(perTwoKb(corpus.plantedMentions)).toBeGreaterThan(0.7);
    expect(perTwoKb(corpus.plantedMentions)).toBeLessThan(1.3);
    expect(perTwoKb(corpus.plantedDistractors)).toBeGreaterThan(0.7);
    expect(perTwoKb(corpus.plantedDistractors)).toBeLessThan(1.3);
  });

  it('writes filler that contains no alias at all, in every language', () => {
    const filler = generateText({ seed: 5, bytes: 300_000, mentionEvery: 1e12, distractorEvery: 1e12 });
    expect(filler.match(naive)).toBeNull();
  });

  it('plants each sentence verbatim, so page benchmarks can count them', () => {
    const text = generateText({ seed: 13, bytes: 200_000 });
    const planted = [...MENTION_SENTENCES, ...DISTRACTOR_SENTENCES].filter((sentence) => text.includes(sentence));
    expect(planted.length).toBeGreaterThan((MENTION_SENTENCES.length + DISTRACTOR_SENTENCES.length) / 2);
  });
});
