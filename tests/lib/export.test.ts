import { describe, expect, it } from 'vitest';
import { cardModel } from '../../components/card-model.ts';
import { paragraphFragmentUrl } from '../../components/statement-citation.ts';
import * as data from '../../data/index.ts';
import type { EntityId } from '../../engine/types.ts';
import {
  CSV_COLUMNS,
  CSV_PARAGRAPH_COLUMNS,
  CSV_PDF_PAGE_COLUMN,
  CSV_PDF_URL_COLUMN,
  csvCell,
  csvColumns,
  type ExportCitation,
  type ExportInput,
  type ExportStatement,
  exportFilename,
  exportRows,
  markdownCell,
  mentionLink,
  pdfPageLink,
  toCsv,
  toJson,
  toMarkdown,
} from '../../lib/export.ts';
import type { MentionSummary } from '../../lib/messages.ts';
import { parseCsv } from '../helpers/csv.ts';

const citation = (paragraph: number | null, part: string): ExportCitation => ({
  paragraph,
  part,
  quote: `citation de ${part}`,
  en: `quote of ${part}`,
});

const statement: ExportStatement = {
  title: 'Déclaration',
  titleEn: 'Statement',
  publisher: 'Publisher',
  date: '2025-10-22',
  url: 'https://example.org/s',
  paragraphs: [1, 2, 3, 4].map((n) => ({ paragraph: n, part: `p${n}`, url: `https://example.org/s#:~:text=p${n}` })),
};

const mentions: MentionSummary[] = [
  { index: 0, entity: 'dprk', text: 'North Korea', snippet: 'Why North Korea, "again", matters; a note' },
  { index: 1, entity: 'msmt', text: 'MSMT', snippet: '=HYPERLINK("http://bad.example") MSMT' },
  { index: 2, entity: 'dprk', text: 'DPRK', snippet: 'line one\r\nline two DPRK' },
  { index: 3, entity: 'rgb', text: 'RGB', snippet: '-RGB +1 @home' },
];

function input(over: Partial<ExportInput> = {}): ExportInput {
  return {
    pageUrl: 'https://news.example/a?x=1,2',
    pageTitle: 'A "quoted", title',
    exportedAt: new Date(Date.UTC(2025, 9, 22, 12, 30)),
    statement,
    mentions,
    entityName: (id: EntityId) => ({ dprk: 'North Korea (DPRK)', msmt: 'MSMT', rgb: 'RGB' })[id as string] ?? id,
    // DPRK cites ¶4 then ¶2 then the title, with ¶2 twice: the export sorts and dedupes.
    citations: (id: EntityId) =>
      id === 'dprk'
        ? [citation(4, 'p4'), citation(2, 'p2'), citation(null, 'title'), citation(2, 'p2')]
        : [citation(2, 'p2')],
    ...over,
  };
}

describe('csvCell', () => {
  const cases: [string | number, string][] = [
    ['plain', 'plain'],
    ['', ''],
    [42, '42'],
    [-3, '-3'],
    ['a,b', '"a,b"'],
    ['a;b', '"a;b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rhere', '"cr\rhere"'],
    ['=1+1', "'=1+1"],
    ['+33 1 23', "'+33 1 23"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tTabbed', "'\tTabbed"],
    ['=HYPERLINK("x","y")', `"'=HYPERLINK(""x"",""y"")"`],
    ['a=b', 'a=b'],
  ];
  for (const [value, expected] of cases) {
    it(`writes ${JSON.stringify(value)} as ${JSON.stringify(expected)}`, () => expect(csvCell(value)).toBe(expected));
  }
});

describe('mentionLink', () => {
  it('lands on this occurrence: a text fragment with a few words of prefix and suffix from the snippet', () => {
    const link = mentionLink(
      'https://news.example/a',
      'DPRK',
      '…the DPRK said on Monday that the DPRK would answer any new sanctions with more launches, officials…',
    );
    const [base, fragment = ''] = link.split('#:~:text=');
    expect(base).toBe('https://news.example/a');
    const [prefix, text, suffix] = fragment.split(',').map((x) => decodeURIComponent(x));
    // The snippet holds "DPRK" twice; the page puts its mention 45 characters after the ellipsis.
    expect(prefix).toBe('Monday that the-');
    expect(text).toBe('DPRK');
    expect(suffix).toBe('-would answer any');
    expect(fragment).not.toMatch(/[ ’]/);
  });

  it('escapes the hyphen in terms, keeps an existing fragment before the directive, and handles edges', () => {
    const link = mentionLink('https://x.example/p#top', 'Nord-Korea', 'Nord-Korea testet wieder');
    expect(link).toBe('https://x.example/p#top:~:text=Nord%2DKorea,-testet%20wieder');
    expect(mentionLink('', 'DPRK', 'the DPRK')).toBe('');
    expect(mentionLink('https://x.example/', 'MSMT', 'no such word here')).toBe('https://x.example/');
  });
});

describe('exportRows', () => {
  it("keeps each frame's mentions together after the page's, and links each back to its own frame", () => {
    const rows = exportRows(
      input({
        mentions: [
          { index: 0, entity: 'dprk', text: 'DPRK', snippet: 'the DPRK said', frameId: 0 },
          {
            index: 0,
            entity: 'msmt',
            text: 'MSMT',
            snippet: 'the MSMT found',
            frameId: 5,
            frameUrl: 'https://frame.example/f',
          },
          { index: 1, entity: 'rgb', text: 'RGB', snippet: 'the RGB ran', frameId: 0 },
          {
            index: 1,
            entity: 'dprk',
            text: 'DPRK',
            snippet: 'in the DPRK too',
            frameId: 5,
            frameUrl: 'https://frame.example/f',
          },
        ],
      }),
    );
    expect(rows.map((r) => [r.position, r.text])).toEqual([
      [1, 'DPRK'],
      [2, 'RGB'],
      [3, 'MSMT'],
      [4, 'DPRK'],
    ]);
    expect(rows[0]?.link.startsWith('https://news.example/a?x=1,2#:~:text=')).toBe(true);
    expect(rows[2]?.link.startsWith('https://frame.example/f#:~:text=')).toBe(true);
  });

  it('gives one row per mention, in page order, with sorted unique ¶, the lead quote and our English', () => {
    const rows = exportRows(input({ mentions: [...mentions].reverse() }));
    expect(rows.map((r) => [r.position, r.entityId, r.text])).toEqual([
      [1, 'dprk', 'North Korea'],
      [2, 'msmt', 'MSMT'],
      [3, 'dprk', 'DPRK'],
      [4, 'rgb', 'RGB'],
    ]);
    expect(rows[0]).toMatchObject({
      entityName: 'North Korea (DPRK)',
      paragraphs: [2, 4],
      quote: 'citation de p4',
      en: 'quote of p4',
    });
    expect(rows[0]?.link).toBe(
      'https://news.example/a?x=1,2#:~:text=Why-,North%20Korea,-%2C%20%22again%22%2C%20matters%3B%20a',
    );
  });

  it('asks for the citations of each mention with its matched text (the card orders facts by form)', () => {
    const seen: string[] = [];
    exportRows(
      input({
        citations: (id, matched) => {
          seen.push(`${id}:${matched}`);
          return [];
        },
      }),
    );
    expect(seen).toEqual(['dprk:North Korea', 'msmt:MSMT', 'dprk:DPRK', 'rgb:RGB']);
  });

  it('is empty for a page without mentions', () => {
    expect(exportRows(input({ mentions: [] }))).toEqual([]);
  });
});

describe('toCsv', () => {
  it('writes compact CRLF records that an RFC 4180 reader reads back exactly, then each cited ¶ link once', () => {
    const csv = toCsv(input());
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    const table = rows.slice(1, 1 + mentions.length);
    for (const row of table) expect(row).toHaveLength(CSV_COLUMNS.length);
    const [first, second, third, fourth] = table;
    expect(first).toEqual([
      '2025-10-22T12:30:00.000Z',
      'https://news.example/a?x=1,2',
      'https://news.example/a?x=1,2#:~:text=Why-,North%20Korea,-%2C%20%22again%22%2C%20matters%3B%20a',
      'A "quoted", title',
      'North Korea (DPRK)',
      'North Korea',
      'Why North Korea, "again", matters; a note',
      '¶2 ¶4',
      'citation de p4',
      'quote of p4',
    ]);
    // Formula-like page text stays text in a spreadsheet.
    expect(second?.[6]).toBe(`'=HYPERLINK("http://bad.example") MSMT`);
    expect(third?.[6]).toBe('line one\r\nline two DPRK');
    expect(fourth?.[6]).toBe("'-RGB +1 @home");
    // Then an empty line and the statement's paragraph links, each cited paragraph once.
    expect(rows.slice(1 + mentions.length)).toEqual([
      [''],
      [...CSV_PARAGRAPH_COLUMNS],
      ['¶2', 'https://example.org/s#:~:text=p2'],
      ['¶4', 'https://example.org/s#:~:text=p4'],
    ]);
    expect(csv.split('https://example.org/s#:~:text=p2')).toHaveLength(2);
  });

  it('writes only the header for no mentions', () => {
    expect(toCsv(input({ mentions: [] }))).toBe(`${CSV_COLUMNS.join(',')}\r\n`);
  });
});

describe('toJson', () => {
  it('holds the export time, the page, the statement metadata with its cited ¶ links, and compact mentions', () => {
    const value = JSON.parse(toJson(input()));
    expect(value.exportedAt).toBe('2025-10-22T12:30:00.000Z');
    expect(value.page).toEqual({ url: 'https://news.example/a?x=1,2', title: 'A "quoted", title' });
    expect(value.statement).toEqual({
      title: 'Déclaration',
      titleEn: 'Statement',
      publisher: 'Publisher',
      date: '2025-10-22',
      url: 'https://example.org/s',
      paragraphs: [statement.paragraphs[1], statement.paragraphs[3]],
    });
    expect(value.mentions).toHaveLength(4);
    expect(value.mentions[1]).toEqual({
      position: 2,
      entity: { id: 'msmt', name: 'MSMT' },
      text: 'MSMT',
      snippet: '=HYPERLINK("http://bad.example") MSMT',
      link: `https://news.example/a?x=1,2#:~:text=${encodeURIComponent('=HYPERLINK("http://bad.example")').replaceAll('-', '%2D')}-,MSMT`,
      paragraphs: [2],
      quote: 'citation de p2',
      en: 'quote of p2',
    });
  });

  it('has an empty mention list for a page without mentions', () => {
    const value = JSON.parse(toJson(input({ mentions: [] })));
    expect(value.mentions).toEqual([]);
    expect(value.statement.paragraphs).toEqual([]);
  });
});

describe('toMarkdown', () => {
  it('writes a table to paste into a report: one row per mention, linked back, then the ¶ links once', () => {
    const md = toMarkdown(input());
    const lines = md.split('\n');
    expect(lines[0]).toBe('# Mentions: [A "quoted", title](https://news.example/a?x=1,2)');
    expect(md).toContain('Exported 2025-10-22T12:30:00.000Z.');
    const table = lines.filter((l) => l.startsWith('| '));
    expect(table).toHaveLength(1 + mentions.length);
    const header = table[0]?.split(' | ').length;
    for (const row of table) expect(row.split(/(?<!\\)\|/).length - 2, row).toBe(header);
    expect(table[1]).toBe(
      '| 1 | North Korea (DPRK) | [North Korea](https://news.example/a?x=1,2#:~:text=Why-,North%20Korea,-%2C%20%22again%22%2C%20matters%3B%20a) | Why North Korea, "again", matters; a note | ¶2 ¶4 | citation de p4 | quote of p4 |',
    );
    // Page text cannot add a column, a link or a line.
    expect(table[3]).toContain('| line one line two DPRK |');
    expect(md).toContain('- ¶2: <https://example.org/s#:~:text=p2>');
    expect(md.split('https://example.org/s#:~:text=p2')).toHaveLength(2);
  });

  it('escapes Markdown in page text', () => {
    expect(markdownCell('a | b [x](javascript:alert(1)) <img> *em* _u_ `c` \\')).toBe(
      'a \\| b \\[x\\](javascript:alert(1)) \\<img\\> \\*em\\* \\_u\\_ \\`c\\` \\\\',
    );
    expect(
      toMarkdown(input({ mentions: [] }))
        .split('\n')
        .filter((l) => l.startsWith('| ')),
    ).toHaveLength(1);
  });
});

describe('export size, with the bundled statement', () => {
  /** What the popup passes: the facts the card shows for the mention, the ¶ links of the statement. */
  const real = (citations: ExportInput['citations']): ExportInput => {
    const entities: EntityId[] = ['dprk', 'unsc-1718', 'rgb', 'msmt'];
    const texts = ['North Korea', 'resolution 1718', 'Reconnaissance General Bureau', 'MSMT'];
    return {
      pageUrl: 'https://news.example.com/world/asia/2025/10/22/north-korea-it-workers-report.html',
      pageTitle: 'North Korean IT workers funded weapons, report says',
      exportedAt: new Date(Date.UTC(2025, 9, 23)),
      statement: {
        title: data.statement.title,
        titleEn: data.statement.titleEn,
        publisher: data.statement.publisher.en,
        date: data.statement.date,
        url: data.statement.url,
        paragraphs: data.statement.parts.flatMap((p) =>
          p.number === undefined
            ? []
            : [{ paragraph: p.number, part: p.id, url: paragraphFragmentUrl(data.statement, p) }],
        ),
      },
      mentions: Array.from({ length: 42 }, (_, i) => ({
        index: i,
        entity: entities[i % 4] as EntityId,
        text: texts[i % 4] ?? '',
        snippet: `…officials said on day ${i} that ${texts[i % 4]} and its partners stole crypto worth millions…`,
      })),
      entityName: (id) => data.entityById(id)?.name.en ?? id,
      citations,
    };
  };

  it('keeps 42 mentions far smaller than the old per-row citation URLs (93.8 KB measured before)', () => {
    const csv = toCsv(
      real((id, matched) =>
        (cardModel(id, 'en', data, matched)?.facts ?? []).map((f) => ({
          paragraph: f.paragraph ?? null,
          part: f.part,
          quote: f.quote,
          en: f.en,
        })),
      ),
    );
    const bytes = new TextEncoder().encode(csv).length;
    const rows = parseCsv(csv);
    expect(rows.slice(1, 43).every((r) => r.length === CSV_COLUMNS.length)).toBe(true);
    // The old export repeated four text-fragment URLs (~500 characters each) on every row.
    expect(bytes).toBeLessThan(93_794 / 2);
    // No statement URL appears on a mention row; each cited paragraph's link appears once.
    for (const r of rows.slice(1, 43)) for (const cell of r) expect(cell).not.toContain('canada.ca');
    const links = rows.slice(44);
    expect(links.length).toBeGreaterThan(0);
    expect(new Set(links.map((r) => r[0])).size).toBe(links.length);
  });
});

describe('exportFilename', () => {
  it('names the file after the local calendar day', () => {
    expect(exportFilename('csv', new Date(2025, 0, 5, 23, 59))).toBe('sanctions-context-mentions-2025-01-05.csv');
    expect(exportFilename('json', new Date(2025, 11, 31, 0, 1))).toBe('sanctions-context-mentions-2025-12-31.json');
    expect(exportFilename('md', new Date(2025, 11, 31, 0, 1))).toBe('sanctions-context-mentions-2025-12-31.md');
  });
});

describe('a PDF’s export (mentions with pages, from the reader)', () => {
  const reader = 'chrome-extension://abc/pdf.html?file=https%3A%2F%2Fun.example%2Freport.pdf';
  const pdfMentions: MentionSummary[] = [
    { index: 0, entity: 'dprk', text: 'DPRK', snippet: 'the DPRK launched', page: 3 },
    { index: 1, entity: 'msmt', text: 'MSMT', snippet: 'the MSMT found', page: 12 },
  ];
  const source = 'https://un.example/report.pdf';
  const pdf = (over: Partial<ExportInput> = {}) =>
    input({ pageUrl: reader, pageTitle: 'report.pdf', mentions: pdfMentions, sourceUrl: source, ...over });

  it('links each mention back to the reader at its page, replacing any fragment', () => {
    expect(pdfPageLink(reader, 12)).toBe(`${reader}#page=12`);
    expect(pdfPageLink(`${reader}#page=2&zoom=auto`, 5)).toBe(`${reader}#page=5`);
    expect(pdfPageLink('', 5)).toBe('');
    expect(exportRows(pdf()).map((r) => [r.page, r.link])).toEqual([
      [3, `${reader}#page=3`],
      [12, `${reader}#page=12`],
    ]);
    // Control: a web page's mention keeps its text fragment and has no page.
    expect(exportRows(input()).map((r) => r.page)).toEqual([null, null, null, null]);
    expect(exportRows(input())[0]?.link).toContain('#:~:text=');
  });

  it('adds the pdf_page and pdf_url columns after mention_link in CSV, only for a PDF', () => {
    expect(csvColumns(false)).toEqual([...CSV_COLUMNS]);
    const columns = csvColumns(true);
    expect(columns.indexOf(CSV_PDF_PAGE_COLUMN)).toBe(columns.indexOf('mention_link') + 1);
    expect(columns.indexOf(CSV_PDF_URL_COLUMN)).toBe(columns.indexOf(CSV_PDF_PAGE_COLUMN) + 1);
    const [header, ...rows] = parseCsv(toCsv(pdf()));
    expect(header).toEqual(columns);
    const at = columns.indexOf(CSV_PDF_PAGE_COLUMN);
    const mentionRows = rows.filter((r) => r.length > 2);
    expect(mentionRows.map((r) => r[at])).toEqual(['3', '12']);
    expect(mentionRows.map((r) => r[at + 1])).toEqual([source, source]);
    // A local PDF has no address of its own.
    const local = parseCsv(toCsv(pdf({ sourceUrl: undefined }))).filter((r) => r.length > 2);
    expect(local.slice(1).map((r) => r[at + 1])).toEqual(['', '']);
    expect(parseCsv(toCsv(input()))[0]).toEqual([...CSV_COLUMNS]);
  });

  it('gives each JSON mention its page, and none to a web page’s', () => {
    const value = JSON.parse(toJson(pdf()));
    expect(value.page).toEqual({ url: reader, title: 'report.pdf', source });
    expect(value.mentions.map((m: { page: number; link: string }) => [m.page, m.link])).toEqual([
      [3, `${reader}#page=3`],
      [12, `${reader}#page=12`],
    ]);
    const web = JSON.parse(toJson(input()));
    expect(web.page).not.toHaveProperty('source');
    expect(web.mentions).toHaveLength(4);
    expect(web.mentions.some((m: object) => 'page' in m)).toBe(false);
  });

  it('adds a "p." column to the Markdown table', () => {
    const md = toMarkdown(pdf());
    expect(md).toContain(`PDF: <${source}>`);
    expect(toMarkdown(input())).not.toContain('PDF: <');
    const table = md.split('\n').filter((l) => l.startsWith('| '));
    expect(table[0]).toBe('| # | p. | Entity | Mention | Context | ¶ | Statement (French) | English (unofficial) |');
    expect(table[2]).toMatch(
      /^\| 2 \| 12 \| MSMT \| \[MSMT\]\(chrome-extension:\/\/abc\/pdf\.html\?file=.*#page=12\) \|/,
    );
  });
});
