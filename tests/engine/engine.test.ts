import { describe, expect, it } from 'vitest';
import { aliasConflicts } from '../../engine/find-mentions.ts';
import { findMentions, pageContext } from '../../engine/index.ts';

/** `entity:text` for each mention, the compact form the tables below compare. */
function found(text: string, context?: Parameters<typeof findMentions>[1]): string[] {
  return findMentions(text, context).map((m) => `${m.entity}:${m.text}`);
}

// Sentences written for these tests: real-looking prose, one trap or form per row.
const POSITIVE: [string, string, string[]][] = [
  ['en', 'Analysts say North Korea shipped shells to Russia.', ['dprk:North Korea']],
  ['en', "North Korea's envoy and North Korean workers abroad.", ['dprk:North Korea', 'dprk:North Korean']],
  ['en', 'The DPRK’s missile tests and the D.P.R.K. delegation.', ['dprk:DPRK', 'dprk:D.P.R.K.']],
  [
    'en',
    'the Democratic People’s Republic of Korea (DPRK) said',
    ['dprk:Democratic People’s Republic of Korea', 'dprk:DPRK'],
  ],
  ['en', 'A DPRK-Russia summit; DPR Korea at the UN.', ['dprk:DPRK', 'dprk:DPR Korea']],
  ['en', 'NORTH KOREA FIRES MISSILE', ['dprk:NORTH KOREA']],
  ['fr', 'La Corée du Nord et les pirates nord-coréens.', ['dprk:Corée du Nord', 'dprk:nord-coréens']],
  [
    'fr',
    'la République populaire démocratique de Corée (RPDC)',
    ['dprk:République populaire démocratique de Corée', 'dprk:RPDC'],
  ],
  [
    'de',
    'Nordkoreas Raketen und nordkoreanische Hacker; die DVRK.',
    ['dprk:Nordkoreas', 'dprk:nordkoreanische', 'dprk:DVRK'],
  ],
  ['nl', 'Noord-Korea en de Noord-Koreaanse leiders.', ['dprk:Noord-Korea', 'dprk:Noord-Koreaanse']],
  ['it', 'La Corea del Nord e gli hacker nordcoreani.', ['dprk:Corea del Nord', 'dprk:nordcoreani']],
  [
    'es',
    'Corea del Norte y los espías norcoreanos; Norcorea.',
    ['dprk:Corea del Norte', 'dprk:norcoreanos', 'dprk:Norcorea'],
  ],
  ['pt', 'A Coreia do Norte e os hackers norte-coreanos.', ['dprk:Coreia do Norte', 'dprk:norte-coreanos']],
  [
    'ru',
    'Власти КНДР и Северной Кореи; северокорейские хакеры.',
    ['dprk:КНДР', 'dprk:Северной Кореи', 'dprk:северокорейские'],
  ],
  ['cs', 'Severní Korea a KLDR; severokorejský režim.', ['dprk:Severní Korea', 'dprk:KLDR', 'dprk:severokorejský']],
  ['pl', 'Korea Północna i władze Korei Północnej.', ['dprk:Korea Północna', 'dprk:Korei Północnej']],
  ['ko', '북한군이 파병되었고 북한은 부인했다.', ['dprk:북한', 'dprk:북한']],
  ['ja', '北朝鮮制裁委員会と朝鮮民主主義人民共和国', ['dprk:北朝鮮', 'dprk:朝鮮民主主義人民共和国']],
  ['zh', '朝鲜民主主义人民共和国外务省发表声明', ['dprk:朝鲜民主主义人民共和国']],
  [
    'en',
    'the Reconnaissance General Bureau (RGB), the main spy agency',
    ['rgb:Reconnaissance General Bureau', 'rgb:RGB'],
  ],
  ['en', 'North Korea’s RGB-controlled hacking units', ['dprk:North Korea', 'rgb:RGB']],
  ['fr', 'le Bureau général de reconnaissance de la RPDC', ['rgb:Bureau général de reconnaissance', 'dprk:RPDC']],
  ['ko', '정찰총국 산하 해킹 조직', ['rgb:정찰총국']],
  ['ja', '偵察総局傘下のハッカー集団', ['rgb:偵察総局']],
  [
    'en',
    'The Multilateral Sanctions Monitoring Team (MSMT) on North Korea',
    ['msmt:Multilateral Sanctions Monitoring Team', 'msmt:MSMT', 'dprk:North Korea'],
  ],
  ['en', 'The full report is at https://msmt.info/reports today.', ['msmt:msmt.info']],
  [
    'fr',
    'l’Équipe multilatérale de surveillance des sanctions (EMSS) et la RPDC',
    ['msmt:Équipe multilatérale de surveillance des sanctions', 'msmt:EMSS', 'dprk:RPDC'],
  ],
  [
    'ja',
    'ＭＳＭＴ（多国間制裁監視チーム）は北朝鮮について',
    ['msmt:ＭＳＭＴ', 'msmt:多国間制裁監視チーム', 'dprk:北朝鮮'],
  ],
  ['ko', '다국적제재모니터링팀은 북한 보고서를 냈다', ['msmt:다국적제재모니터링팀', 'dprk:북한']],
  ['en', 'the Council adopted resolution 1718 (2006) on the DPRK', ['unsc-1718:resolution 1718', 'dprk:DPRK']],
  ['en', 'the UN 1718 Sanctions Committee and North Korea', ['unsc-1718:1718 Sanctions Committee', 'dprk:North Korea']],
  [
    'en',
    'Security Council resolutions 1718, 1874 and 2397 against North Korea',
    ['unsc-1718:resolutions 1718', 'dprk:North Korea'],
  ],
  ['en', 'UNSCR 1718 and S/RES/1718 (2006) bind all states', ['unsc-1718:UNSCR 1718', 'unsc-1718:S/RES/1718']],
  ['fr', 'le Comité 1718 du CSNU et la résolution n° 1718', ['unsc-1718:Comité 1718', 'unsc-1718:résolution n° 1718']],
  ['de', 'gemäß UN-Resolution 1718 gegen Nordkorea', ['unsc-1718:Resolution 1718', 'dprk:Nordkorea']],
  ['ru', 'эксперты комитета СБ ООН 1718 по КНДР', ['unsc-1718:комитета СБ ООН 1718', 'dprk:КНДР']],
  [
    'ko',
    '안보리 결의 1718호에 따라 1718 위원회가 북한을',
    ['unsc-1718:결의 1718호', 'unsc-1718:1718 위원회', 'dprk:북한'],
  ],
  ['ja', '国連安保理決議1718号と1718委員会', ['unsc-1718:決議1718号', 'unsc-1718:1718委員会']],
  ['zh', '安理会第1718号决议和1718委员会', ['unsc-1718:第1718号决议', 'unsc-1718:1718委员会']],
  ['ko', '유엔 안보리 결의 제1718호 위반', ['unsc-1718:결의 제1718호']],
  ['de', 'der 1718-Sanktionsausschuss der UN', ['unsc-1718:1718-Sanktionsausschuss']],
  ['en', "the 1718 Committee's experts on the DPRK", ['unsc-1718:1718 Committee', 'dprk:DPRK']],
  ['en', "the Democratic Peoples' Republic of Korea", ["dprk:Democratic Peoples' Republic of Korea"]],
  ['hu', 'Észak-Korea és Észak-Koreában', ['dprk:Észak-Korea', 'dprk:Észak-Koreában']],
  [
    'en',
    'the Panel of Experts of the 1718 Committee on North Korea',
    ['panel-of-experts:Panel of Experts', 'unsc-1718:1718 Committee', 'dprk:North Korea'],
  ],
];

// Text where nothing must be found, whatever the rest of the page says.
const NEGATIVE: [string, string][] = [
  ['South Korea', 'South Korea and the Republic of Korea (ROK) held joint drills with Korea’s allies.'],
  ['Donetsk', 'Leaders of the DPR and LPR met in Donetsk.'],
  ['Laos', 'The Lao PDR and the Lao People’s Democratic Republic signed a deal.'],
  ['RGB colours', 'Set the RGB LED to red, green and blue; RGB values go from 0 to 255.'],
  ['CSS', 'color: rgb(255, 0, 0); background: RGB(0, 0, 0); sRGB and RGBA.'],
  ['longer tokens', 'sRGB, RGBA, RGBW, MSMTs, DPRKs, XDPRK, KNDRX'],
  ['Czech ministry', 'MŠMT vyhlásilo výzvu; č.j. MSMT-12345/2019-1 ministerstva školství, mládeže a tělovýchovy.'],
  ['years', 'In 1718 the pirate was killed; in May 1718 the ship sank; 1718年に.'],
  ['error codes', 'Error 1718. File was rejected by digital signature policy. Resolution: install the fix.'],
  ['other resolutions', 'Security Council resolution 2231 on Iran and resolution 2140 on Yemen.'],
  ['prices', 'The bill was $1,718 and the code 11718 or 1718.5.'],
  ['slugs', 'https://example.org/news/north-korea-sanctions/ and /dprk-sanctions-list/ and north_korea.pdf'],
  ['programme codes', 'Listed under [DPRK3] and [DPRK] in the SDN list.'],
  ['US Congress bills', 'H. Res. 1718 and S. Res. 1718 were introduced in the House.'],
  ['lists of places', 'Offices in Japan, Korea, North America and Europe.'],
  ['bare Korean', 'Korea, Korean food, Pyongyang, the North, 北, 북, 朝鲜半岛, 朝鲜族'],
];

describe('findMentions: languages and forms', () => {
  it.each(POSITIVE)('%s: %s', (_lang, text, expected) => {
    expect(found(text)).toEqual(expected);
  });
});

describe('findMentions: traps', () => {
  it.each(NEGATIVE)('%s', (_name, text) => {
    expect(found(text)).toEqual([]);
    // Still nothing when the page around it is about North Korea, except where the page's
    // topic legitimately changes the reading (none of these rows).
    expect(found(text, { topical: true, czechMinistry: false }).filter((m) => !m.startsWith('dprk'))).toEqual([]);
  });
});

describe('findMentions: context decides the short forms', () => {
  const agencyLine = 'Officials said the RGB ran the operation.';
  it('reads RGB as the agency on a page about North Korea', () => {
    const ctx = pageContext(['North Korea denied the report.', agencyLine]);
    expect(ctx.topical).toBe(true);
    expect(found(agencyLine, ctx)).toEqual(['rgb:RGB']);
  });
  it('leaves RGB alone on an unrelated page', () => {
    const ctx = pageContext(['Our store sells keyboards.', 'Officials said the RGB ran the operation.']);
    expect(found('Officials said the RGB ran the operation.', ctx)).toEqual([]);
  });
  it('keeps RGB as colour next to colour words even on a DPRK page', () => {
    const ctx = pageContext(['North Korea']);
    expect(found('The RGB LED strip glows red.', ctx)).toEqual([]);
  });
  it('reads MSMT as the team with sanctions words around it', () => {
    expect(found('The MSMT said sanctions evasion continued.')).toEqual(['msmt:MSMT']);
  });
  it('does not read MSMT as the team on a Czech ministry page', () => {
    const ctx = pageContext(['Tisková zpráva MŠMT', 'MSMT vyhlašuje výzvu k sankcím.']);
    expect(ctx.czechMinistry).toBe(true);
    expect(found('MSMT vyhlašuje výzvu k sankcím.', ctx)).toEqual([]);
  });
  it('needs a UN or DPRK context for "resolution 1718"', () => {
    expect(found('The city council passed Resolution 1718 on parking.')).toEqual([]);
    expect(found('The UN Security Council passed Resolution 1718.')).toEqual(['unsc-1718:Resolution 1718']);
  });
  it('summarises an empty page as not topical', () => {
    expect(pageContext([])).toEqual({ topical: false, czechMinistry: false });
  });
});

describe('findMentions: normalisation keeps offsets into the original', () => {
  const cases: [string, string][] = [
    ['North\u00a0Korea', 'non-breaking space'],
    ['North\u2009Korea', 'thin space'],
    ['North \n  Korea', 'line break'],
    ['Nord\u00adkorea', 'soft hyphen'],
    ['North\u200bKorea'.replace('\u200b', ' \u200b'), 'zero-width space'],
    ['Recon-\nnaissance General Bureau', 'hyphenation at a line break'],
    ['ＭＳＭＴ on sanctions', 'full-width Latin'],
    ['CORÉE DU NORD', 'capitals with accents'],
    ['Coree du Nord', 'missing accents'],
    ['Core\u0301e du Nord', 'decomposed accents'],
    ['Democratic People`s Republic of Korea', 'odd apostrophe'],
    ['North–Korea', 'en dash'],
  ];
  it.each(cases)('%s (%s)', (text) => {
    const ms = findMentions(text);
    expect(ms.length).toBeGreaterThan(0);
    for (const m of ms) expect(text.slice(m.start, m.end)).toBe(m.text);
  });
});

describe('findMentions: output invariants', () => {
  it('returns ordered, non-overlapping, exact slices', () => {
    const text = POSITIVE.map(([, t]) => t).join('\n\n');
    const ms = findMentions(text);
    expect(ms.length).toBeGreaterThan(60);
    let last = 0;
    for (const m of ms) {
      expect(m.start).toBeGreaterThanOrEqual(last);
      expect(m.end).toBeGreaterThan(m.start);
      expect(text.slice(m.start, m.end)).toBe(m.text);
      last = m.end;
    }
  });
  it('gives an empty array for empty text', () => {
    expect(findMentions('')).toEqual([]);
  });
  it('compiles the alias data with no name claimed by two entities', () => {
    expect(aliasConflicts).toEqual([]);
  });
});

/** Small seeded PRNG so the fuzz cases are reproducible. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('findMentions: fuzz', () => {
  const pieces = [
    'North Korea',
    'DPRK',
    'RGB',
    'MSMT',
    '1718',
    'resolution',
    'Committee',
    '북한',
    '北朝鮮',
    'КНДР',
    ' ',
    '\n',
    '-',
    '\u00ad',
    '\u200b',
    '\u0301',
    '\u202e',
    'مرحبا',
    '😀',
    '\ud800',
    '\udfff',
    'Ａ',
    '(',
    '[',
    ']',
    '/',
    '’',
    'é',
    'ı',
    'İ',
    'ß',
  ];
  it('never throws and returns valid offsets on random Unicode', () => {
    const rand = mulberry32(1718);
    for (let round = 0; round < 400; round++) {
      let text = '';
      const len = Math.floor(rand() * 60);
      for (let i = 0; i < len; i++) {
        text +=
          rand() < 0.6
            ? (pieces[Math.floor(rand() * pieces.length)] as string)
            : String.fromCharCode(Math.floor(rand() * 0xffff));
      }
      const ms = findMentions(text);
      let last = 0;
      for (const m of ms) {
        expect(m.start).toBeGreaterThanOrEqual(last);
        expect(text.slice(m.start, m.end)).toBe(m.text);
        last = m.end;
      }
    }
  });
});

describe('findMentions: adversarial input', () => {
  const MB = 1 << 20;
  const inputs: [string, string][] = [
    ['repeated name prefixes', 'Reconnaissance '],
    ['repeated DPR', 'DPR '],
    ['almost a name', 'Democratic People’s Republic of '],
    ['digits', '1718 '],
    ['resolution numbers', 'resolution 1718 '],
    ['URL-like text without spaces', 'https://north-korea.example/'],
    ['names without spaces', '北朝鮮'],
    ['wildcards', 'Nordkoreanischkoreanisch'],
    ['no spaces', 'Korea'],
  ];
  it.each(inputs)(
    '10 MB of %s finishes in linear time',
    (_name, unit) => {
      const small = unit.repeat(Math.ceil(MB / 10 / unit.length));
      const big = unit.repeat(Math.ceil((10 * MB) / unit.length));
      const t0 = performance.now();
      findMentions(small);
      const tSmall = performance.now() - t0;
      const t1 = performance.now();
      expect(() => findMentions(big)).not.toThrow();
      const tBig = performance.now() - t1;
      // 100× the input must not cost wildly more than 100× the time (quadratic would be 10,000×).
      expect(tBig).toBeLessThan(Math.max(100 * tSmall * 5, 2000));
    },
    60_000,
  );
});
