import { describe, expect, it } from 'vitest';
import { findPart, knowledge, statement } from '../data/index.ts';
import { type SearchResult, searchKnowledge } from '../engine/search-knowledge.ts';

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[’‘]/g, "'").toLowerCase();

const citedParts = (results: SearchResult[]) => results.map((r) => r.cite?.part);

describe('searchKnowledge finds the paragraph behind a topic, in either language', () => {
  const cases: { query: string; lang: 'en' | 'fr'; part: string; top: number }[] = [
    { query: 'gel des avoirs', lang: 'fr', part: 'p2', top: 3 },
    { query: 'gel des avoirs', lang: 'en', part: 'p2', top: 3 },
    { query: 'asset freeze', lang: 'en', part: 'p2', top: 3 },
    { query: 'Asset  Freeze ', lang: 'fr', part: 'p2', top: 3 },
    { query: 'freeze asset', lang: 'en', part: 'p2', top: 3 },
    { query: 'Panel of Experts', lang: 'en', part: 'p4', top: 3 },
    { query: "groupe d'experts", lang: 'fr', part: 'p4', top: 3 },
    { query: 'groupe d’experts', lang: 'fr', part: 'p4', top: 3 },
    { query: 'cryptomonnaie', lang: 'fr', part: 'p2', top: 3 },
    { query: 'cryptocurrency', lang: 'en', part: 'p2', top: 3 },
    { query: 'msmt.info', lang: 'en', part: 'p1', top: 3 },
    { query: 'veto russe', lang: 'fr', part: 'p4', top: 3 },
    // No accents typed, words out of the statement's order.
    { query: 'destruction massive armes', lang: 'fr', part: 'p2', top: 3 },
    { query: 'securite internationale', lang: 'fr', part: 'p5', top: 3 },
  ];
  for (const { query, lang, part, top } of cases) {
    it(`"${query}" (${lang}) cites ${part} in the top ${top}`, () => {
      const results = searchKnowledge(query, lang);
      expect(citedParts(results.slice(0, top))).toContain(part);
    });
  }

  it('finds the fact about the asset freeze itself, with its verbatim quote', () => {
    for (const [query, lang] of [
      ['gel des avoirs', 'fr'],
      ['asset freeze', 'en'],
    ] as const) {
      const fact = searchKnowledge(query, lang).find((r) => r.kind === 'fact' && r.cite?.part === 'p2');
      expect(fact, query).toBeDefined();
      const part = fact?.cite ? findPart({ doc: fact.cite.doc, part: fact.cite.part }) : undefined;
      expect(fact?.quote && part?.text.includes(fact.quote)).toBe(true);
      expect(fact?.cite?.number).toBe(2);
    }
  });

  it('tolerates a typo in a long word: "reconnaisance" finds the RGB', () => {
    for (const lang of ['en', 'fr'] as const) {
      const results = searchKnowledge('reconnaisance', lang);
      expect(results[0]?.kind).toBe('entity');
      expect(results[0]?.id).toBe('rgb');
    }
  });

  it('finds an entity by its short name, exactly', () => {
    const results = searchKnowledge('RGB', 'en');
    expect(results[0]).toMatchObject({ kind: 'entity', id: 'rgb' });
  });
});

describe('searchKnowledge results', () => {
  it('have titles in the requested language', () => {
    const rgbEntity = knowledge.entities.find((e) => e.id === 'rgb');
    expect(searchKnowledge('reconnaisance', 'en')[0]?.title).toBe(rgbEntity?.name.en);
    expect(searchKnowledge('reconnaisance', 'fr')[0]?.title).toBe(rgbEntity?.name.fr);
    const factEn = searchKnowledge('asset freeze', 'en').find((r) => r.kind === 'fact');
    const fact = knowledge.facts.find((f) => f.id === factEn?.id);
    expect(factEn?.title).toBe(fact?.text.en);
  });

  it('prefer a snippet in the requested language when that language matched', () => {
    const p2 = statement.parts.find((p) => p.id === 'p2');
    const part = searchKnowledge('asset freeze', 'en').find((r) => r.kind === 'part');
    expect(part?.snippet.replace(/^…|…$/g, '')).toSatisfy((s: string) => p2?.en.includes(s) ?? false);
    expect(part?.snippetLang).toBe('en');
  });

  it('show the other language when only it matched (a French query in the English UI)', () => {
    const part = searchKnowledge('gel des avoirs', 'en').find((r) => r.kind === 'part' && r.id === 'p2');
    expect(part?.snippet).toContain('gel des avoirs');
    expect(part?.snippetLang).toBe('fr');
  });

  it('mark the matching words with ranges that are valid indexes into the snippet', () => {
    const queries: [string, 'en' | 'fr'][] = [
      ['gel des avoirs', 'fr'],
      ['gel des avoirs', 'en'],
      ['asset freeze', 'en'],
      ['freeze asset', 'fr'],
      ['cryptomonnaie', 'fr'],
      ['reconnaisance', 'en'],
      ['Panel of Experts', 'en'],
      ['msmt.info', 'fr'],
      ['RPDC Russie', 'fr'],
    ];
    let marked = 0;
    for (const [query, lang] of queries) {
      for (const r of searchKnowledge(query, lang)) {
        let previousEnd = 0;
        for (const m of r.matches) {
          expect(Number.isInteger(m.start) && Number.isInteger(m.end), query).toBe(true);
          expect(m.start, query).toBeGreaterThanOrEqual(previousEnd);
          expect(m.end, query).toBeGreaterThan(m.start);
          expect(m.end, query).toBeLessThanOrEqual(r.snippet.length);
          previousEnd = m.end;
          marked += 1;
        }
      }
    }
    expect(marked).toBeGreaterThan(10);
  });

  it('mark the words that were typed (accents and case aside)', () => {
    const cases: [string, 'en' | 'fr', string][] = [
      ['gel des avoirs', 'fr', 'gel des avoirs'],
      ['asset freeze', 'en', 'asset freeze'],
      ['cryptocurrency', 'en', 'cryptocurrency'],
      ['securite', 'fr', 'securite'],
    ];
    for (const [query, lang, expected] of cases) {
      const top = searchKnowledge(query, lang).find((r) => r.matches.length > 0);
      const marked = top?.matches.map((m) => fold(top.snippet.slice(m.start, m.end))) ?? [];
      expect(marked.join(' '), query).toContain(expected);
    }
  });

  it('paint whole words for fuzzy matches, not the letters they share', () => {
    const p4 = searchKnowledge('veto russe', 'fr').find((r) => r.kind === 'part');
    const marked = p4?.matches.map((m) => p4.snippet.slice(m.start, m.end)) ?? [];
    expect(marked).toContain('Russie');
  });

  it('cut long paragraphs to a window that still shows the match', () => {
    const part = searchKnowledge('asset freeze', 'en').find((r) => r.kind === 'part' && r.id === 'p2');
    const p2 = statement.parts.find((p) => p.id === 'p2');
    expect(part).toBeDefined();
    expect(part?.snippet.length).toBeLessThan(p2?.en.length ?? 0);
    expect(part?.snippet.startsWith('…')).toBe(true);
    expect(part?.matches.length).toBeGreaterThan(0);
  });

  it('are sorted best first, with scores between 0 and 1, and respect the limit', () => {
    const results = searchKnowledge('RPDC', 'fr');
    expect(results.length).toBeGreaterThan(3);
    for (const r of results) {
      expect(r.score).toBeGreaterThanOrEqual(0);
      expect(r.score).toBeLessThanOrEqual(1);
    }
    const scores = results.map((r) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(searchKnowledge('RPDC', 'fr', { limit: 2 })).toHaveLength(2);
  });

  it('cite parts that exist, and entities cite nothing', () => {
    const results = searchKnowledge('sanctions', 'en');
    // Both kinds must be there, or the loop below would check one rule, or none.
    expect(results.filter((r) => r.kind === 'entity').length).toBeGreaterThan(0);
    expect(results.filter((r) => r.kind !== 'entity').length).toBeGreaterThan(0);
    for (const r of results) {
      if (r.kind === 'entity') expect(r.cite).toBeUndefined();
      else expect(r.cite && findPart(r.cite), r.id).toBeDefined();
    }
  });
});

describe('searchKnowledge on empty and odd input', () => {
  it('returns [] for an empty or whitespace-only query', () => {
    expect(searchKnowledge('', 'en')).toEqual([]);
    expect(searchKnowledge('   \n\t ', 'fr')).toEqual([]);
    expect(searchKnowledge('x', 'fr')).toEqual([]);
  });

  it('finds nothing, or only weak results, for junk', () => {
    const realTop = Math.min(
      ...[
        ['asset freeze', 'en'],
        ['gel des avoirs', 'fr'],
        ['cryptocurrency', 'en'],
      ].map(([q, l]) => searchKnowledge(q ?? '', l as 'en' | 'fr')[0]?.score ?? 0),
    );
    expect(realTop).toBeGreaterThan(0);
    for (const junk of ['xqzvw plmkj', 'qwertyuiop', 'zzzz yyyy', 'bnmvcx']) {
      for (const r of searchKnowledge(junk, 'en')) expect(r.score, `${junk} → ${r.id}`).toBeLessThan(realTop);
    }
    expect(searchKnowledge('xqzvw plmkj', 'fr')).toEqual([]);
  });

  it('never throws on extended-search syntax, quotes, long or strange input', () => {
    const odd = [
      '"',
      '|',
      "'",
      '!^=$',
      '"gel des avoirs',
      'gel | avoirs',
      '=RGB',
      'a'.repeat(5000),
      'armes de destruction massive et de missiles balistiques illégaux',
      '\u0000\uFFFF\uD800',
      '北朝鮮 制裁',
    ];
    for (const q of odd) {
      expect(() => searchKnowledge(q, 'en'), q).not.toThrow();
      expect(Array.isArray(searchKnowledge(q, 'fr'))).toBe(true);
    }
    expect(citedParts(searchKnowledge('"gel des avoirs', 'fr').slice(0, 3))).toContain('p2');
    expect(citedParts(searchKnowledge('armes de destruction massive et de missiles balistiques', 'fr'))).toContain(
      'p2',
    );
  });
});
