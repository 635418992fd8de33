import { describe, expect, it } from 'vitest';
import { findPart, statement } from '../../data/index.ts';
import { allowedTypos, type SearchResult, searchKnowledge, vocabularyMatches } from '../../engine/search-knowledge.ts';
import { t } from '../../lib/i18n.ts';

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

  it('tolerates a typo in a long word: "reconnaisance" finds the sentence about the RGB', () => {
    for (const lang of ['en', 'fr'] as const) {
      const top = searchKnowledge('reconnaisance', lang)[0];
      expect(top?.cite?.part).toBe('p2');
      expect(top?.matches.map((m) => fold(top.snippet.slice(m.start, m.end)))).toContain('reconnaissance');
    }
  });

  it('finds the sentence about an entity by its short name, and says which entity matched', () => {
    const top = searchKnowledge('RGB', 'en')[0];
    expect(top).toMatchObject({ kind: 'fact', cite: { part: 'p2' } });
    expect(top?.quote).toContain('Bureau général de reconnaissance');
    expect(top?.about).toBe('Reconnaissance General Bureau (RGB)');
  });
});

describe('searchKnowledge results', () => {
  it('have titles in the requested language', () => {
    expect(searchKnowledge('reconnaisance', 'en')[0]?.title).toBe(`¶2 · ${statement.shortTitle.en}`);
    expect(searchKnowledge('reconnaisance', 'fr')[0]?.title).toBe(`¶2 · ${statement.shortTitle.fr}`);
  });

  it('prefer a snippet in the requested language when that language matched', () => {
    const p2 = statement.parts.find((p) => p.id === 'p2');
    const part = searchKnowledge('asset freeze', 'en').find((r) => r.cite?.part === 'p2');
    expect(part?.snippet.replace(/^…|…$/g, '')).toSatisfy((s: string) => p2?.en.includes(s) ?? false);
    expect(part?.snippetLang).toBe('en');
  });

  it('show the other language when only it matched (a French query in the English UI)', () => {
    const part = searchKnowledge('gel des avoirs', 'en').find((r) => r.cite?.part === 'p2');
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
    const p4 = searchKnowledge('veto russe', 'fr').find((r) => r.cite?.part === 'p4');
    const marked = p4?.matches.map((m) => p4.snippet.slice(m.start, m.end)) ?? [];
    expect(marked).toContain('Russie');
  });

  it('cut long sentences to a window that still shows the match', () => {
    const part = searchKnowledge('billions of dollars', 'en').find((r) => r.cite?.part === 'p2');
    const sentence = statement.parts.find((p) => p.id === 'p2')?.en.split('. ')[1] ?? '';
    expect(part).toBeDefined();
    expect(sentence.length).toBeGreaterThan(300);
    expect(part?.snippet.length).toBeLessThan(sentence.length);
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

  it('cite parts that exist', () => {
    const results = searchKnowledge('sanctions', 'en');
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) expect(r.cite && findPart(r.cite), r.id).toBeDefined();
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

describe('searchKnowledge: honest results, one per sentence, each at its paragraph', () => {
  const anyTermIn = (r: SearchResult, words: string[]) =>
    words.some((w) => fold(r.snippet).includes(fold(w).slice(0, 4))) || (r.about !== undefined && r.about !== '');

  it('finds nothing for a name the statement does not contain ("Lazarus"), while a real name finds something', () => {
    expect(searchKnowledge('Russie', 'fr').length).toBeGreaterThan(0);
    for (const lang of ['en', 'fr'] as const) expect(searchKnowledge('Lazarus', lang)).toEqual([]);
    expect(searchKnowledge('Lazarus Group', 'en')).toEqual([]);
  });

  it('returns each result with a query term (or a close match) in its snippet, or the entity it matched by name', () => {
    const queries: [string, 'en' | 'fr'][] = [
      ['gel des avoirs', 'fr'],
      ['asset freeze', 'en'],
      ['veto russe', 'fr'],
      ['cryptomonnaie', 'fr'],
      ['MSMT', 'en'],
      ['Russia', 'en'],
    ];
    for (const [query, lang] of queries) {
      const results = searchKnowledge(query, lang);
      expect(results.length, query).toBeGreaterThan(0);
      for (const r of results) expect(anyTermIn(r, query.split(' ')), `${query} → ${r.id}`).toBe(true);
    }
  });

  it('gives the ¶2 asset-freeze sentence once for "gel des avoirs", linked to ¶2 with the sentence as quote', () => {
    const results = searchKnowledge('gel des avoirs', 'fr');
    expect(results).toHaveLength(1);
    const [only] = results;
    expect(only?.cite).toMatchObject({ part: 'p2', number: 2 });
    const p2 = findPart({ doc: statement.id, part: 'p2' })?.text ?? '';
    expect(only?.quote && p2.includes(only.quote)).toBe(true);
    expect(only?.quote).toContain('gel des avoirs');
  });

  it('never returns the same sentence twice, and every result names a paragraph or front-matter part', () => {
    for (const query of ['sanctions', 'RPDC', 'DPRK', 'résolution', 'MSMT']) {
      const results = searchKnowledge(query, 'en', { limit: 100 });
      expect(results.length, query).toBeGreaterThan(0);
      const ids = results.map((r) => r.id);
      expect(new Set(ids).size, query).toBe(ids.length);
      const quotes = results.map((r) => r.quote);
      expect(new Set(quotes).size, query).toBe(quotes.length);
      for (const r of results) expect(r.cite?.part, r.id).not.toBe('');
    }
  });

  it('links every statement sentence to the paragraph that holds it (no result opens the top of the page)', () => {
    const results = searchKnowledge('sanctions', 'fr', { limit: 100 });
    const numbered = results.filter((r) => r.cite?.number !== undefined);
    expect(numbered.length).toBeGreaterThan(3);
    for (const r of numbered) expect(r.title.startsWith(`¶${r.cite?.number} · `), r.id).toBe(true);
  });

  it('finds the team by its French abbreviation and the DPRK by its French one', () => {
    expect(searchKnowledge('EMSS', 'fr')[0]?.about).toContain('EMSS');
    expect(searchKnowledge('RPDC', 'en').length).toBeGreaterThan(3);
  });
});

describe('the search page intro', () => {
  it('names the statement (whose short title carries the date) without repeating the date', () => {
    for (const lang of ['en', 'fr'] as const) {
      const intro = t('searchPageIntro', lang, statement.shortTitle[lang]);
      expect(intro).toContain(statement.shortTitle[lang]);
      expect(intro.split('2025')).toHaveLength(2);
      // Every placeholder is filled by the title alone: no second one waits for a date.
      expect(intro).not.toMatch(/\$\d/);
    }
  });
});

describe('vocabularyMatches (fuse.js over the statement’s words)', () => {
  const m = (q: string) => vocabularyMatches(q);
  it('matches the same word, and words that start with a query word of 4+ letters', () => {
    expect(m('sanctions').get('sanctions')).toBe(1);
    expect(m('gel').get('gel')).toBe(1);
    expect(m('sanc').get('sanctions')).toBe(0.9);
    expect(m('san').has('sanctions')).toBe(false);
  });
  it('allows one typo from 5 letters and two from 8, none in shorter words', () => {
    expect(m('avoizs').get('avoirs')).toBe(0.8);
    expect(m('avxizs').has('avoirs')).toBe(false);
    expect(m('sanctiins').get('sanctions')).toBe(0.8);
    expect(m('sxnctiins').get('sanctions')).toBe(0.7);
    expect(m('sxnctiixs').has('sanctions')).toBe(false);
    expect(m('gol').has('gel')).toBe(false);
    expect(m('avoi').get('avoirs')).toBe(0.9);
  });
  it('matches whole words only: a query inside a longer word is not a typo of it', () => {
    // "ations" lies inside "sanctions", three letters short of it.
    expect(m('ations').has('sanctions')).toBe(false);
    expect(m('anctions').get('sanctions')).toBe(0.8);
    expect(m('lazarus').size).toBe(0);
  });
  it('follows the rule’s lengths', () => {
    expect([3, 4, 5, 7, 8, 12].map(allowedTypos)).toEqual([0, 0, 1, 1, 2, 2]);
  });
});
