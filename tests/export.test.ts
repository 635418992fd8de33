import { describe, expect, it } from 'vitest';
import type { EntityId } from '../engine/types.ts';
import {
  CSV_COLUMNS,
  csvCell,
  type ExportCitation,
  type ExportInput,
  exportFilename,
  exportRows,
  toCsv,
  toJson,
} from '../lib/export.ts';
import type { MentionSummary } from '../lib/messages.ts';
import { parseCsv } from './helpers/csv.ts';

const citation = (paragraph: number | null, part: string): ExportCitation => ({
  paragraph,
  part,
  quote: `citation de ${part}`,
  url: `https://example.org/statement#:~:text=${part}`,
});

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
    statement: { title: 'Déclaration', publisher: 'Publisher', date: '2025-10-22', url: 'https://example.org/s' },
    mentions,
    entityName: (id: EntityId) => ({ dprk: 'North Korea (DPRK)', msmt: 'MSMT', rgb: 'RGB' })[id as string] ?? id,
    citations: (id: EntityId) => (id === 'dprk' ? [citation(2, 'p2'), citation(null, 'title')] : [citation(4, 'p4')]),
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

describe('exportRows', () => {
  it('gives one row per mention, in page order, with 1-based positions and the entity’s citations', () => {
    const rows = exportRows(input());
    expect(rows.map((r) => [r.position, r.entityId, r.text])).toEqual([
      [1, 'dprk', 'North Korea'],
      [2, 'msmt', 'MSMT'],
      [3, 'dprk', 'DPRK'],
      [4, 'rgb', 'RGB'],
    ]);
    expect(rows[0]?.entityName).toBe('North Korea (DPRK)');
    expect(rows[0]?.citations.map((c) => c.part)).toEqual(['p2', 'title']);
    expect(rows[3]?.citations.map((c) => c.paragraph)).toEqual([4]);
  });

  it('asks for each entity’s citations once', () => {
    let calls = 0;
    exportRows(
      input({
        citations: () => {
          calls++;
          return [];
        },
      }),
    );
    expect(calls).toBe(3);
  });

  it('is empty for a page without mentions', () => {
    expect(exportRows(input({ mentions: [] }))).toEqual([]);
  });
});

describe('toCsv', () => {
  it('writes a header and one CRLF record per mention that an RFC 4180 reader reads back exactly', () => {
    const csv = toCsv(exportRows(input()), 'https://example.org/s');
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(1 + mentions.length);
    for (const row of rows) expect(row).toHaveLength(CSV_COLUMNS.length);
    const [, first, second, third, fourth] = rows;
    expect(first).toEqual([
      'https://news.example/a?x=1,2',
      'A "quoted", title',
      '1',
      'dprk',
      'North Korea (DPRK)',
      'North Korea',
      'Why North Korea, "again", matters; a note',
      '¶2 ; title',
      'https://example.org/statement#:~:text=p2 ; https://example.org/statement#:~:text=title',
      'https://example.org/s',
    ]);
    // Formula-like page text stays text in a spreadsheet.
    expect(second?.[6]).toBe(`'=HYPERLINK("http://bad.example") MSMT`);
    expect(third?.[6]).toBe('line one\r\nline two DPRK');
    expect(fourth?.[6]).toBe("'-RGB +1 @home");
  });

  it('writes only the header for no mentions', () => {
    expect(toCsv([], 'https://example.org/s')).toBe(`${CSV_COLUMNS.join(',')}\r\n`);
  });
});

describe('toJson', () => {
  it('holds the page, the date, the statement and every mention with its citations', () => {
    const value = JSON.parse(toJson(input()));
    expect(value.page).toEqual({ url: 'https://news.example/a?x=1,2', title: 'A "quoted", title' });
    expect(value.exportedAt).toBe('2025-10-22T12:30:00.000Z');
    expect(value.statement.url).toBe('https://example.org/s');
    expect(value.mentions).toHaveLength(4);
    expect(value.mentions[1]).toEqual({
      position: 2,
      entity: { id: 'msmt', name: 'MSMT' },
      text: 'MSMT',
      snippet: '=HYPERLINK("http://bad.example") MSMT',
      citations: [citation(4, 'p4')],
    });
    expect(value.mentions[0].citations[1].paragraph).toBeNull();
  });

  it('has an empty mention list for a page without mentions', () => {
    expect(JSON.parse(toJson(input({ mentions: [] }))).mentions).toEqual([]);
  });
});

describe('exportFilename', () => {
  it('names the file after the local calendar day', () => {
    expect(exportFilename('csv', new Date(2025, 0, 5, 23, 59))).toBe('sanctions-context-mentions-2025-01-05.csv');
    expect(exportFilename('json', new Date(2025, 11, 31, 0, 1))).toBe('sanctions-context-mentions-2025-12-31.json');
  });
});
