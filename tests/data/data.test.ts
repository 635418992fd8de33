import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import rawAliases from '../../data/aliases.json' with { type: 'json' };
import {
  aliases,
  backgroundFor,
  documents,
  entityById,
  factsFor,
  findPart,
  knowledge,
  originalUrlForQuote,
  statement,
  timelineFor,
} from '../../data/index.ts';
import rawKnowledge from '../../data/knowledge.json' with { type: 'json' };
import { Knowledge } from '../../data/schema.ts';
import rawStatement from '../../data/statement.json' with { type: 'json' };
import { MIN_QUOTE_WORDS, parseOrThrow, validateBundle } from '../../data/validate.ts';
import { ENTITY_IDS } from '../../engine/types.ts';
import { readSourceFiles, validateDataOnDisk } from '../../scripts/validate-data.ts';

const FILE = 'statement-2025-10-22.fr.txt';
const fileText = readFileSync(new URL(`../../data/${FILE}`, import.meta.url), 'utf8');

interface MutableBundle {
  documents: [typeof rawStatement];
  knowledge: typeof rawKnowledge;
  aliases: typeof rawAliases;
  files: Record<string, string>;
}

/** Validates a deep copy of the real bundle after `edit` has broken one thing in it. */
function errorsAfter(edit: (bundle: MutableBundle) => void): string[] {
  const bundle: MutableBundle = structuredClone({
    documents: [rawStatement],
    knowledge: rawKnowledge,
    aliases: rawAliases,
    files: readSourceFiles(),
  });
  edit(bundle);
  return validateBundle(bundle);
}

function fact(bundle: MutableBundle, id: string) {
  const found = bundle.knowledge.facts.find((f) => f.id === id);
  if (!found) throw new Error(`test setup: no fact ${id}`);
  return found;
}

describe('the shipped data bundle', () => {
  it('validates against the verbatim statement with no errors', () => {
    expect(readSourceFiles()).toEqual({ [FILE]: fileText });
    expect(validateDataOnDisk()).toEqual([]);
  });

  it('splits the statement into its 11 parts, which give back the file exactly', () => {
    expect(statement.parts.map((p) => p.id)).toEqual([
      'title',
      'label',
      'dateline',
      'issuers',
      'p1',
      'p2',
      'p3',
      'p4',
      'p5',
      'p6',
      'contacts',
    ]);
    expect(statement.parts.filter((p) => p.kind === 'statement').map((p) => p.number)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(statement.parts.map((p) => p.text).join('\n')).toBe(fileText);
    expect(fileText.split('\n')).toHaveLength(16);
    expect(documents).toEqual([statement]);
  });

  it('carries the statement metadata', () => {
    expect(statement).toMatchObject({
      id: 'msmt-2025-10-22',
      file: FILE,
      lang: 'fr',
      date: '2025-10-22',
      place: 'Ottawa (Ontario)',
      reportSite: 'https://msmt.info',
    });
    expect(statement.title).toBe(fileText.split('\n')[0]);
    expect(statement.publisher).toEqual({ en: 'Global Affairs Canada', fr: 'Affaires mondiales Canada' });
    expect(statement.url).toMatch(/^https:\/\/www\.canada\.ca\/fr\/affaires-mondiales\//);
    expect(statement.states).toHaveLength(11);
    // Every issuing government named on line 4 is listed, South Korea included (it is not the DPRK).
    const issuers = findPart({ doc: statement.id, part: 'issuers' })?.text ?? '';
    for (const state of statement.states) expect(issuers).toContain(state.fr);
    expect(statement.translationNote.en).toMatch(/unofficial translation/i);
  });

  it('has an English translation of every part that keeps its figures, URLs and handles', () => {
    for (const part of statement.parts) {
      expect(part.en.trim(), part.id).not.toBe('');
      expect(part.en, part.id).not.toBe(part.text);
      const tokens = part.text.match(/https?:\/\/[^\s)]+|\S+@\S+|@\w+|\d+/g) ?? [];
      for (const token of tokens) expect(part.en, `${part.id} keeps ${token}`).toContain(token);
    }
  });

  it('gives every entity an entry, facts, timeline and aliases', () => {
    for (const id of ENTITY_IDS) {
      const entity = entityById(id);
      expect(entity, id).toBeDefined();
      expect(factsFor(id).length, id).toBeGreaterThanOrEqual(1);
      expect(factsFor(id).map((f) => f.id)).toEqual(entity?.facts);
      expect(timelineFor(id).length, id).toBeGreaterThanOrEqual(1);
      expect(Object.keys(aliases[id] ?? {}).length, id).toBeGreaterThan(0);
    }
  });

  it('shows every fact somewhere: on an entity card or among the key claims', () => {
    const shown = new Set([...knowledge.keyClaims, ...knowledge.entities.flatMap((e) => e.facts)]);
    for (const f of knowledge.facts) expect(shown.has(f.id), f.id).toBe(true);
  });

  it('quotes every fact verbatim from the part it cites', () => {
    for (const f of knowledge.facts) expect(findPart(f.cite)?.text, f.id).toContain(f.quote);
    for (const e of knowledge.timeline) if (e.cite) expect(findPart(e.cite)?.text, e.id).toContain(e.quote);
  });

  it('names the key claims of the statement', () => {
    const claims = knowledge.keyClaims.map((id) => knowledge.facts.find((f) => f.id === id)?.quote ?? '');
    expect(claims).toHaveLength(4);
    expect(claims.join(' ')).toContain('des milliards de dollars');
    expect(claims.join(' ')).toContain('le vol de cryptomonnaies');
    expect(claims.join(' ')).toContain('Bureau général de reconnaissance');
    expect(claims.join(' ')).toContain('rétablir le groupe d’experts');
  });

  it('orders an entity timeline by date, month-only dates before that month’s days', () => {
    const dates = timelineFor('msmt').map((e) => e.date);
    expect(dates).toEqual(['2024-10', '2025-05', '2025-10-22']);
    expect(timelineFor('panel-of-experts').map((e) => e.date)).toEqual(['2024-03', '2024-04']);
  });

  it('finds parts by citation and returns undefined for unknown ones', () => {
    expect(findPart({ doc: 'msmt-2025-10-22', part: 'p4' })?.number).toBe(4);
    expect(findPart({ doc: 'msmt-2025-10-22', part: 'p7' })).toBeUndefined();
    expect(findPart({ doc: 'other-doc', part: 'p1' })).toBeUndefined();
  });

  it('links a quote to the original page with a text fragment', () => {
    const f = knowledge.facts.find((x) => x.id === 'cyber-activities');
    if (!f) throw new Error('fact cyber-activities missing');
    const url = originalUrlForQuote(f);
    const [base, fragment] = url.split('#:~:text=');
    expect(base).toBe(statement.url);
    expect(fragment).not.toMatch(/[-,&\s’]/);
    expect(fragment).toContain('nord%2Dcor%C3%A9ennes');
    expect(decodeURIComponent(fragment ?? '')).toBe(f.quote);
    expect(originalUrlForQuote({ ...f, cite: { doc: 'missing', part: 'p1' } })).toBe('');
  });
});

describe('validateBundle catches each kind of break', () => {
  it('a quote changed by one character', () => {
    const errors = errorsAfter((b) => {
      const f = fact(b, 'rgb-evades-asset-freeze');
      f.quote = f.quote.replace('Bureau général', 'Bureau general');
    });
    expect(errors).toEqual([
      expect.stringMatching(/^fact "rgb-evades-asset-freeze": quote is not a verbatim substring of msmt-2025-10-22#p2/),
    ]);
  });

  it('a straight apostrophe where the statement has a typographic one', () => {
    const errors = errorsAfter((b) => {
      const f = fact(b, 'dprk-diplomacy');
      f.cite.part = 'p2';
      fact(b, 'billions-for-wmd').quote = "d'obtenir frauduleusement";
    });
    expect(errors).toContainEqual(expect.stringMatching(/^fact "billions-for-wmd": quote is not a verbatim substring/));
    expect(errors).toContainEqual(
      expect.stringMatching(/^fact "dprk-diplomacy": quote is not a verbatim substring of msmt-2025-10-22#p2/),
    );
  });

  it('a timeline quote that is not in its part', () => {
    const errors = errorsAfter((b) => {
      const e = b.knowledge.timeline.find((x) => x.id === 'russia-veto-2024-03');
      if (e) e.quote = 'veto de la Russie en mars 2025';
    });
    expect(errors).toEqual([
      expect.stringMatching(
        /^timeline event "russia-veto-2024-03": quote is not a verbatim substring of msmt-2025-10-22#p4/,
      ),
    ]);
  });

  it('a citation of a missing part or document', () => {
    expect(
      errorsAfter((b) => {
        fact(b, 'restore-panel').cite.part = 'p9';
      }),
    ).toEqual(['fact "restore-panel": cites missing part "p9" of "msmt-2025-10-22"']);
    expect(
      errorsAfter((b) => {
        fact(b, 'restore-panel').cite.doc = 'msmt-2025-05';
      }),
    ).toEqual(['fact "restore-panel": cites missing document "msmt-2025-05"']);
  });

  it('duplicate ids', () => {
    expect(
      errorsAfter((b) => {
        fact(b, 'report-site').id = 'msmt-created';
      }),
    ).toContain('duplicate fact id "msmt-created"');
    expect(
      errorsAfter((b) => {
        const p = b.documents[0].parts[5];
        if (p) p.id = 'p1';
      }),
    ).toContain('document "msmt-2025-10-22": duplicate part id "p1"');
    expect(
      errorsAfter((b) => {
        const e = b.knowledge.timeline[1];
        if (e) e.id = 'russia-veto-2024-03';
      }),
    ).toContain('duplicate timeline id "russia-veto-2024-03"');
    expect(
      errorsAfter((b) => {
        const e = b.knowledge.entities[1];
        if (e) e.id = 'dprk';
      }),
    ).toEqual(expect.arrayContaining(['duplicate entity id "dprk"', 'entity "unsc-1718" has no entry in knowledge']));
  });

  it('an alias claimed by two entities, ignoring case and the inflection star', () => {
    expect(
      errorsAfter((b) => {
        b.aliases.rgb.de.push('nordkorea');
      }),
    ).toEqual(['aliases: "nordkorea" (rgb) is also claimed by "dprk" as "Nordkorea*"']);
    expect(
      errorsAfter((b) => {
        b.aliases.msmt.en.push('dprk*');
      }),
    ).toEqual(['aliases: "dprk*" (msmt) is also claimed by "dprk" as "DPRK"']);
    // The same name in two languages of one entity is not a conflict.
    expect(
      errorsAfter((b) => {
        b.aliases.dprk.de.push('North Korea');
      }),
    ).toEqual([]);
  });

  it('a display string empty in one language', () => {
    expect(
      errorsAfter((b) => {
        const e = b.knowledge.entities[2];
        if (e) e.summary.fr = '';
      }),
    ).toEqual(['knowledge.entities.2.summary.fr: must not be empty']);
    expect(
      errorsAfter((b) => {
        fact(b, 'second-report').en = '   ';
      }),
    ).toEqual([
      `knowledge.facts.${rawKnowledge.facts.findIndex((f) => f.id === 'second-report')}.en: must not be empty`,
    ]);
    expect(
      errorsAfter((b) => {
        b.documents[0].shortTitle = { en: 'Joint statement' } as (typeof b.documents)[0]['shortTitle'];
      }),
    ).toEqual([expect.stringMatching(/^documents\[0\]\.shortTitle\.fr: /)]);
  });

  it('a statement line altered, in the file or in a part', () => {
    const errors = errorsAfter((b) => {
      b.files[FILE] = fileText.replace('la Nouvelle-Zélande', 'la Nouvelle Zélande');
    });
    expect(errors).toEqual([
      `document "msmt-2025-10-22": parts joined by "\\n" differ from ${FILE} at line 4 (part "issuers")`,
    ]);
    expect(
      errorsAfter((b) => {
        const contacts = b.documents[0].parts[10];
        if (contacts) contacts.text = contacts.text.replace('@CanadaPE', '@CanadaFP');
      }),
    ).toEqual([`document "msmt-2025-10-22": parts joined by "\\n" differ from ${FILE} at line 15 (part "contacts")`]);
    expect(
      errorsAfter((b) => {
        b.files[FILE] = `${fileText}\n`;
      }),
    ).toEqual([
      `document "msmt-2025-10-22": parts joined by "\\n" differ from ${FILE} at line 17 (past the last part)`,
    ]);
    expect(
      errorsAfter((b) => {
        b.files = {};
      }),
    ).toEqual([`document "msmt-2025-10-22": no verbatim text supplied for ${FILE}`]);
  });

  it('entity, timeline and key-claim references to unknown ids', () => {
    const errors = errorsAfter((b) => {
      b.knowledge.entities[0]?.facts.push('no-such-fact');
      b.knowledge.entities[3]?.timeline.push('no-such-event');
      b.knowledge.keyClaims.push('no-such-claim');
    });
    expect(errors).toEqual([
      'entity "dprk": unknown fact "no-such-fact"',
      'entity "msmt": unknown timeline event "no-such-event"',
      'keyClaims: unknown fact "no-such-claim"',
    ]);
  });

  it('a fact shown nowhere', () => {
    const errors = errorsAfter((b) => {
      for (const e of b.knowledge.entities) e.facts = e.facts.filter((id) => id !== 'report-site');
    });
    expect(errors).toEqual(['fact "report-site" is shown by no entity and is not a key claim']);
  });

  it('a paragraph without its number', () => {
    const errors = errorsAfter((b) => {
      const p = b.documents[0].parts[6] as { number?: number };
      delete p.number;
    });
    expect(errors).toEqual(['document "msmt-2025-10-22": statement part "p3" has no number']);
  });
});

describe('parseOrThrow', () => {
  it('throws an error naming the bad path', () => {
    const broken = structuredClone(rawKnowledge);
    const entity = broken.entities[0] as { name: { en: string; fr?: string } };
    delete entity.name.fr;
    expect(() => parseOrThrow(Knowledge, broken, 'knowledge')).toThrow(/knowledge\.entities\.0\.name\.fr/);
    expect(parseOrThrow(Knowledge, rawKnowledge, 'knowledge').facts).toHaveLength(rawKnowledge.facts.length);
  });
});

describe('data integrity: the pinned statement and its quotes', () => {
  /** SHA-256 of the statement file as received; editing it (and the quotes with it) must fail here. */
  const STATEMENT_SHA256 = 'b6d326a1f39467457674a51616cd3e305d46c693420dd56711e20e52fa828c76';

  it('pins the statement file by its SHA-256', () => {
    const bytes = readFileSync(new URL(`../../data/${FILE}`, import.meta.url));
    expect(bytes.length).toBeGreaterThan(3000);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(STATEMENT_SHA256);
    // The hash is of these bytes: one letter changed gives another hash.
    const altered = Buffer.from(bytes.toString('utf8').replace('Ottawa', 'Ottawo'));
    expect(createHash('sha256').update(altered).digest('hex')).not.toBe(STATEMENT_SHA256);
  });

  const words = (s: string) => s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  const count = (text: string, needle: string) => text.split(needle).length - 1;

  it(`quotes at least ${MIN_QUOTE_WORDS} words in every fact and timeline event, each once in its paragraph`, () => {
    const quoted = [
      ...knowledge.facts.map((f) => ({ id: f.id, cite: f.cite, quote: f.quote })),
      ...knowledge.timeline.flatMap((e) => (e.cite && e.quote ? [{ id: e.id, cite: e.cite, quote: e.quote }] : [])),
    ];
    expect(quoted.length).toBeGreaterThan(10);
    for (const q of quoted) {
      expect(words(q.quote), q.id).toBeGreaterThanOrEqual(MIN_QUOTE_WORDS);
      expect(count(findPart(q.cite)?.text ?? '', q.quote), q.id).toBe(1);
    }
  });

  it('rejects a fact quote that is too short or that occurs twice in its paragraph', () => {
    expect(errorsAfter(() => {})).toEqual([]);
    expect(
      errorsAfter((b) => {
        fact(b, 'dprk-diplomacy').quote = 'diplomatie constructive';
      }),
    ).toEqual([`fact "dprk-diplomacy": quote has 2 words, fewer than ${MIN_QUOTE_WORDS}`]);
    // "de surveillance des sanctions" occurs three times in ¶1: a text fragment would light the first.
    expect(
      errorsAfter((b) => {
        const f = fact(b, 'msmt-created');
        f.quote = 'de surveillance des sanctions';
      }),
    ).toContain('fact "msmt-created": quote occurs more than once in p1');
  });
});

describe('data: card content (facts per entity, public record apart)', () => {
  const quotesOf = (id: Parameters<typeof factsFor>[0]) => factsFor(id).map((f) => f.quote);

  it('shows on each card only facts about that entity', () => {
    expect(quotesOf('rgb').length).toBeGreaterThan(0);
    for (const q of quotesOf('rgb')) expect(q).toContain('Bureau général de reconnaissance');
    expect(quotesOf('unsc-1718').length).toBeGreaterThan(0);
    for (const q of quotesOf('unsc-1718')) expect(q).toMatch(/1718/);
    for (const q of quotesOf('panel-of-experts')) expect(q.toLowerCase()).toContain('groupe d’experts');
    for (const q of quotesOf('dprk')) expect(q).toMatch(/RPDC/);
  });

  it('lists each card’s facts in paragraph order', () => {
    for (const id of ENTITY_IDS) {
      const numbers = factsFor(id).map((f) => findPart(f.cite)?.number ?? 0);
      expect(numbers.length, id).toBeGreaterThan(0);
      expect(numbers, id).toEqual([...numbers].sort((a, b) => a - b));
    }
  });

  it('gives the RGB fact the antecedent of "these activities", in both languages', () => {
    const f = knowledge.facts.find((x) => x.id === 'rgb-evades-asset-freeze');
    expect(f?.quote).toContain('bon nombre de ces activités');
    expect(f?.context?.en).toMatch(/cryptocurrency theft.*cyber-espionage/);
    expect(f?.context?.fr).toMatch(/vol de cryptomonnaies.*cyberespionnage/);
    // The antecedent is the statement's own words, earlier in the same paragraph.
    expect(findPart({ doc: statement.id, part: 'p2' })?.text).toContain('le vol de cryptomonnaies');
  });

  it('says nothing twice on a card: no summary repeats one of its facts', () => {
    const fiveWordRuns = (s: string) => {
      const w = s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
      return new Set(w.slice(0, -4).map((_, i) => w.slice(i, i + 5).join(' ')));
    };
    for (const entity of knowledge.entities) {
      const summary = fiveWordRuns(entity.summary.en);
      expect(summary.size, entity.id).toBeGreaterThan(0);
      for (const f of factsFor(entity.id)) {
        const shared = [...fiveWordRuns(f.en)].filter((run) => summary.has(run));
        expect(shared, `${entity.id} / ${f.id}`).toEqual([]);
      }
    }
  });

  it('dates timeline events only as precisely as the statement does', () => {
    expect(knowledge.timeline.length).toBeGreaterThan(3);
    for (const e of knowledge.timeline) {
      if (e.date.length === 10) expect(e.date, e.id).toBe(statement.date);
    }
    expect(
      errorsAfter((b) => {
        const e = b.knowledge.timeline.find((x) => x.id === 'russia-veto-2024-03');
        if (e) e.date = '2024-03-28';
      }),
    ).toEqual(['timeline event "russia-veto-2024-03": day-level date 2024-03-28 is not the cited document\'s date']);
  });

  it('cites ¶2 ("le deuxième publié…") for the second report in the timeline', () => {
    const e = knowledge.timeline.find((x) => x.id === 'second-report-2025-10');
    expect(e?.cite?.part).toBe('p2');
    expect(e?.quote).toContain('le deuxième publié');
  });

  it('keeps public-record facts apart, each sourced to a UN document symbol', () => {
    expect(knowledge.background.length).toBeGreaterThan(3);
    for (const b of knowledge.background) expect(b.source, b.id).toMatch(/^(S\/RES\/\d+ \(\d{4}\)|S\/PV\.\d+)$/);
    expect(backgroundFor('unsc-1718').map((b) => b.source)).toContain('S/RES/1718 (2006)');
    expect(backgroundFor('unsc-1718').find((b) => b.source === 'S/RES/1718 (2006)')?.date).toBe('2006-10-14');
    expect(backgroundFor('rgb').map((b) => b.source)).toEqual(['S/RES/2270 (2016)']);
    // The day-level veto and end-of-mandate dates live here, not in the statement timeline.
    expect(backgroundFor('panel-of-experts').map((b) => b.source)).toEqual(['S/RES/2680 (2023)', 'S/PV.9591']);
    expect(
      errorsAfter((b) => {
        const item = b.knowledge.background[0];
        if (item) item.source = 'Wikipedia';
      }),
    ).toEqual(['knowledge.background.0.source: source is a UN document symbol']);
    expect(
      errorsAfter((b) => {
        b.knowledge.entities[2]?.background.push('no-such-item');
      }),
    ).toEqual(['entity "rgb": unknown background item "no-such-item"']);
  });

  it('orders the 1718 card by the hovered form through rules that name its own facts', () => {
    const rules = entityById('unsc-1718')?.leadByForm ?? [];
    expect(rules.map((r) => r.facts)).toEqual([['fills-monitoring-gap'], ['rgb-evades-asset-freeze']]);
    expect(
      errorsAfter((b) => {
        b.knowledge.entities[1]?.leadByForm.push({ match: '(', facts: ['msmt-created'] });
      }),
    ).toEqual([
      expect.stringMatching(/^entity "unsc-1718": leadByForm pattern "\(" is not a regular expression/),
      'entity "unsc-1718": leadByForm names "msmt-created", not one of its facts',
    ]);
  });
});

describe('data: our English translation (style pass, meaning unchanged)', () => {
  const en = (id: string) => findPart({ doc: statement.id, part: id })?.en ?? '';

  it('uses the agreed wording', () => {
    expect(en('p2')).toContain('ongoing exploitation');
    expect(en('p2')).toContain('UN-designated North Korean entities');
    expect(en('p3')).toContain('critical information to protect their governments');
    expect(en('p3')).toContain('raise public awareness of');
    expect(en('p4')).toContain('disbandment');
    expect(en('p5')).toContain('constructive diplomacy');
    expect(en('p5')).toContain('threats posed by the DPRK');
    expect(en('p6')).toContain('to expose persistent attempts');
    for (const old of [
      'dissolution',
      'denounce',
      'constant exploitation',
      'essential information',
      'diplomatic efforts',
    ])
      expect(statement.parts.map((p) => p.en).join(' '), old).not.toContain(old);
  });

  it('writes dates one way: day month year', () => {
    expect(en('dateline')).toBe('22 October 2025 – Ottawa, Ontario – Global Affairs Canada');
    const months = 'January|February|March|April|May|June|July|August|September|October|November|December';
    const american = new RegExp(`\\b(${months}) \\d{1,2}, \\d{4}`);
    const english = [
      ...statement.parts.map((p) => p.en),
      ...knowledge.facts.map((f) => f.en),
      ...knowledge.background.map((b) => b.text.en),
      ...knowledge.entities.map((e) => e.summary.en),
    ].join('\n');
    expect(english).toMatch(new RegExp(`\\d{1,2} (${months}) \\d{4}`));
    expect(english).not.toMatch(american);
  });
});
