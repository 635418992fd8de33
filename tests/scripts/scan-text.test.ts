import { describe, expect, it } from 'vitest';
import { findMentions, pageContext } from '../../engine/index.ts';
import { mayMention } from '../../engine/prefilter.ts';
import { generateParagraphs, generateText, MENTION_SENTENCES, mulberry32 } from '../../scripts/corpus.ts';
import { CUT_REACH, contextPieces, findCut, PIECES_FROM, scanText } from '../../scripts/scan-text.ts';

/** What scan printed before pieces existed: findMentions on the whole text, four fields. */
function wholeText(text: string) {
  return findMentions(text).map((m) => ({ entity: m.entity, start: m.start, end: m.end, text: m.text }));
}

/** Offsets where the pieces of `text` start, after the first. */
function cuts(pieces: readonly string[]): number[] {
  const offsets: number[] = [];
  let at = 0;
  for (const piece of pieces.slice(0, -1)) {
    at += piece.length;
    offsets.push(at);
  }
  return offsets;
}

/** Prose that mentions nothing (the corpus filler alone), about `bytes` long. */
function filler(seed: number, bytes: number): string {
  return generateText({ seed, bytes, mentionEvery: 1e12, distractorEvery: 1e12 });
}

/**
 * Clusters of mentions and look-alikes, each followed by a stretch of filler just over the
 * 2 × CUT_REACH a cut needs (plus the prefilter's block granularity), so that cuts fall as close
 * to the clusters as they may.
 */
function clustersAroundCuts(seed: number, clusters: readonly string[], count: number): string {
  const random = mulberry32(seed);
  const words = filler(seed, 40_000).split(/\s+/);
  const parts: string[] = [];
  for (let i = 0; i < count; i++) {
    parts.push(clusters[i % clusters.length] as string);
    let stretch = ' ';
    while (stretch.length < 2 * CUT_REACH + 300 + Math.floor(random() * 100)) {
      stretch += `${words[Math.floor(random() * words.length)]}${random() < 0.1 ? '\n' : ' '}`;
    }
    parts.push(stretch);
  }
  return parts.join('');
}

describe('scan-text: context from pieces', () => {
  it('cuts only after a space in the middle of a stretch the prefilter does not admit', () => {
    const text = generateText({ seed: 7, bytes: 600_000 });
    const pieces = [...contextPieces(text, 8_192)];
    expect(pieces.join('')).toBe(text);
    const offsets = cuts(pieces);
    expect(offsets.length).toBeGreaterThan(3);
    for (const c of offsets) {
      expect(/\s/.test(text.charAt(c - 1))).toBe(true);
      expect(mayMention(text.slice(c - CUT_REACH, c + CUT_REACH))).toBe(false);
    }
    // Each piece is at least as long as all before it: a text that never settles the context
    // costs few of them.
    expect(pieces[0]?.length).toBeGreaterThanOrEqual(8_192);
    for (const [k, c] of offsets.slice(0, -1).entries()) expect(pieces[k + 1]?.length).toBeGreaterThanOrEqual(c);
  });

  it('finds no cut where every stretch holds a key, and yields such a text whole', () => {
    // A mention sentence every ~300 bytes: no keyless stretch of 2 × CUT_REACH.
    const dense = generateText({ seed: 8, bytes: 200_000, mentionEvery: 300 });
    expect(findCut(dense, 10_000)).toBe(-1);
    expect([...contextPieces(dense, 8_192)]).toEqual([dense]);
    // Positive control: the same filler without mentions has cuts.
    expect(findCut(filler(8, 200_000), 10_000)).toBeGreaterThanOrEqual(10_000);
  });

  it('does not cut inside long runs of symbols or spaces', () => {
    const prose = filler(9, 20_000);
    const rule = '='.repeat(40);
    const ruled = prose.replaceAll('\n\n', `\n${rule}\n`);
    expect(findCut(prose, 1_000)).toBeGreaterThan(0);
    expect(findCut(ruled, 1_000)).toBe(-1);
  });

  it('gives the context and mentions of the whole text on generated prose', () => {
    const texts = [
      generateText({ seed: 11, bytes: 1_000_000 }),
      // Sparse mentions: most pieces settle nothing.
      generateText({ seed: 12, bytes: 600_000, mentionEvery: 60_000, distractorEvery: 3_000 }),
      // No mention at all, only look-alikes: the context stays false and every piece is read.
      generateText({ seed: 13, bytes: 600_000, mentionEvery: 1e12, distractorEvery: 1_500 }),
    ];
    for (const text of texts) {
      expect(text.length).toBeGreaterThan(PIECES_FROM);
      for (const first of [4_096, 32_768]) {
        const pieces = [...contextPieces(text, first)];
        expect(pieces.length).toBeGreaterThan(1);
        expect(pageContext(pieces)).toEqual(pageContext([text]));
      }
      expect(scanText(text)).toEqual(wholeText(text));
    }
    // Positive controls: the first text is topical, the third is not.
    expect(pageContext([texts[0] as string]).topical).toBe(true);
    expect(pageContext([texts[2] as string]).topical).toBe(false);
  });

  it('gives the same result with mentions, URLs and look-alikes right next to the cuts', () => {
    const clusters = [
      'See https://example.org/north-korea-sanctions/ and www.dprk-today.example.',
      'RGB(255, 0, 0) and an RGB LED strip; MŠMT č. j. MSMT-1234/2019.',
      'The Reconnaissance General Bureau (RGB) answers to the DPRK.',
      'Resolution 1718\n\n(2006) and the 1718 Committee; the Panel of Experts.',
      'the Multilateral Sanctions Monitoring Team (MSMT) reported',
      'North\n\nKorea',
      'Recon-\nnaissance General Bureau',
      '北朝鮮の偵察総局と多国間制裁監視チーム',
      '북한 정찰총국; 조선민주주의인민공화국',
      ...MENTION_SENTENCES.slice(0, 6),
    ];
    // Look-alikes and names in URLs only: the context stays false, so every piece is read.
    const lookAlikes = [
      'See https://example.org/north-korea-sanctions/ and www.dprk-today.example.',
      'RGB(255, 0, 0) and an RGB LED strip next to the MSMT office.',
      'In 1718 the town of Korea Bay was charted; South Korea and the ROK.',
      'the panel of experts on climate met; the RGB value was wrong',
      '/reports/dprk-2024/index.html and [DPRK3]',
      // A mention that does not make the page topical.
      'the list kept under UNSC resolution 1718 grew',
    ];
    for (const [seed, set, topical] of [
      [21, clusters, true],
      [22, clusters, true],
      [23, lookAlikes, false],
      [24, lookAlikes, false],
    ] as const) {
      const text = clustersAroundCuts(seed, set, 60);
      const pieces = [...contextPieces(text, 1_024)];
      expect(pieces.length).toBeGreaterThan(3);
      expect(pieces.join('')).toBe(text);
      expect(pageContext(pieces)).toEqual(pageContext([text]));
      expect(pageContext([text]).topical).toBe(topical);
      const long = `${text}${filler(seed, PIECES_FROM * 2)}`;
      const ours = scanText(long);
      expect(ours.length).toBeGreaterThan(topical ? 60 : 5);
      expect(ours).toEqual(wholeText(long));
    }
  });

  it('finds the topic when its only evidence is in the last piece, and not in a URL there', () => {
    const prose = filler(31, 400_000);
    const tail = ' An envoy of North Korea spoke. ';
    const inUrl = ' Read https://example.org/north-korea/ later. ';
    const withEvidence = `${prose}${tail}${filler(32, 20_000)}`;
    const withUrlOnly = `${prose}${inUrl}${filler(32, 20_000)}`;
    expect([...contextPieces(withEvidence)].length).toBeGreaterThan(2);
    expect(pageContext(contextPieces(withEvidence))).toEqual({ topical: true, czechMinistry: false });
    expect(pageContext(contextPieces(withUrlOnly))).toEqual(pageContext([withUrlOnly]));
    expect(pageContext([withUrlOnly]).topical).toBe(false);
    // "RGB" alone is the agency only on a topical page: the context changes what is found.
    const rgb = `${prose} The RGB was named. ${filler(33, 10_000)} An envoy of North Korea spoke.`;
    expect(scanText(rgb).map((m) => m.text)).toEqual(['RGB', 'North Korea']);
    expect(scanText(rgb)).toEqual(wholeText(rgb));
  });

  it('matches short texts whole, as findMentions does', () => {
    const text = generateParagraphs({ seed: 41, bytes: 20_000 }).join('\n\n');
    expect(text.length).toBeLessThan(PIECES_FROM);
    const found = scanText(text);
    expect(found.length).toBeGreaterThan(0);
    expect(found).toEqual(wholeText(text));
    expect(scanText('')).toEqual([]);
  });
});
