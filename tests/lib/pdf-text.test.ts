import { describe, expect, it } from 'vitest';
import {
  extractDocumentText,
  findPdfMentions,
  hasNoText,
  itemAt,
  itemSegments,
  layoutPageText,
  type PageText,
  TEXT_CONTENT_OPTIONS,
} from '../../lib/pdf-text.ts';
import { openPdf } from '../../scripts/pdf-node.ts';
import {
  CHINESE_TEXT,
  cjkPdf,
  corruptPdf,
  ENCRYPTED_PASSWORD,
  ENCRYPTED_TEXT,
  encryptedPdf,
  HYPHENATED_LINES,
  hyphenatedPdf,
  KOREAN_TEXT,
  longReportMentionCount,
  longReportPdf,
  noTextPagePdf,
  ROTATED_SIDE_TEXT,
  ROTATED_TEXT,
  rotatedPdf,
  scannedPdf,
  TWO_COLUMN_FOOTER,
  TWO_COLUMN_LEFT,
  TWO_COLUMN_RIGHT,
  TWO_COLUMN_TITLE,
  twoColumnPdf,
} from '../fixtures/make-pdfs.ts';

async function read(bytes: Uint8Array, password?: string) {
  const doc = await openPdf(bytes, password);
  const pages = await extractDocumentText(doc);
  return { doc, pages, mentions: await findPdfMentions(pages) };
}

/** The text of each line, with the trailing space pdf.js may leave before a line end removed. */
function lines(text: string): string[] {
  return text.split('\n').map((l) => l.trimEnd());
}

/** A pdf.js-shaped text item at (x, y), `size` points high, 0.5 × size wide per character. */
function item(str: string, x: number, y: number, size = 10, hasEOL = false) {
  return { str, transform: [size, 0, 0, size, x, y], width: str.length * size * 0.5, height: size, hasEOL };
}

describe('layoutPageText', () => {
  it('copies every item verbatim at its recorded offset', () => {
    const page = layoutPageText([item('Hello', 0, 100), item('world', 30, 100), item('Next line', 0, 88)], 1);
    expect(page.text).toBe('Hello world\nNext line');
    expect(page.itemStarts).toEqual([0, 6, 12]);
    expect(page.itemLengths).toEqual([5, 5, 9]);
  });

  it('skips marked-content items without counting them, and gives empty strings no offset', () => {
    const page = layoutPageText(
      [
        { type: 'beginMarkedContent' },
        item('Alpha', 0, 100),
        item('', 30, 100, 10, true),
        { type: 'endMarkedContent' },
      ],
      3,
    );
    expect(page).toEqual({ page: 3, text: 'Alpha', itemStarts: [0, -1], itemLengths: [5, 0] });
  });

  it('gives empty text for a page without items', () => {
    expect(layoutPageText([], 2)).toEqual({ page: 2, text: '', itemStarts: [], itemLengths: [] });
  });

  it('separates paragraphs by a blank line and keeps lines of one paragraph together', () => {
    const page = layoutPageText([item('One', 0, 100), item('two', 0, 88), item('Three', 0, 40)], 1);
    expect(page.text).toBe('One\ntwo\n\nThree');
  });
});

describe('itemAt and itemSegments', () => {
  const page: PageText = { page: 1, text: 'Recon-\nnaissance Bureau', itemStarts: [0, 7], itemLengths: [6, 17] };

  it('map offsets inside items to the item and the character', () => {
    expect(itemAt(page, 2, 'start')).toEqual({ item: 0, offset: 2 });
    expect(itemAt(page, 6, 'end')).toEqual({ item: 0, offset: 6 });
    expect(itemAt(page, 24, 'end')).toEqual({ item: 1, offset: 17 });
  });

  it('move offsets on an added separator to the nearest item on the asked side', () => {
    // Offset 6 is the line break added between the two items.
    expect(itemAt(page, 6, 'start')).toEqual({ item: 1, offset: 0 });
    expect(itemAt(page, 7, 'end')).toEqual({ item: 0, offset: 6 });
    expect(itemAt(page, 30, 'start')).toBeNull();
  });

  it('split a span across items into one segment per item, in text order', () => {
    expect(itemSegments(page, 0, 18)).toEqual([
      { item: 0, from: 0, to: 6 },
      { item: 1, from: 0, to: 11 },
    ]);
    expect(itemSegments(page, 6, 7)).toEqual([]);
  });
});

describe('PDF text in reading order', { timeout: 60_000 }, () => {
  it('reads two columns drawn row by row one column after the other, between title and footer', async () => {
    const { pages, mentions } = await read(await twoColumnPdf());
    expect(pages).toHaveLength(1);
    const text = pages[0]?.text ?? '';
    expect(lines(text)).toEqual([
      TWO_COLUMN_TITLE,
      '',
      ...TWO_COLUMN_LEFT,
      '',
      ...TWO_COLUMN_RIGHT,
      '',
      TWO_COLUMN_FOOTER,
    ]);
    // The team's name runs from one line to the next in the left column.
    expect(mentions.map((m) => [m.entity, m.text.replace(/\s+/g, ' ')])).toEqual([
      ['msmt', 'Multilateral Sanctions Monitoring Team'],
      ['rgb', 'Reconnaissance General Bureau'],
    ]);
    for (const m of mentions) expect(text.slice(m.start, m.end)).toBe(m.text);
  });

  it('records where each text-layer item starts, in the order the viewer lists them', async () => {
    const bytes = await twoColumnPdf();
    const doc = await openPdf(bytes);
    const content = await (await doc.getPage(1)).getTextContent(TEXT_CONTENT_OPTIONS);
    const strings = content.items.flatMap((i) => ('str' in i ? [i.str] : []));
    const [page] = await extractDocumentText(doc);
    expect(page?.itemStarts).toHaveLength(strings.length);
    expect(strings.filter((s) => s.length > 0).length).toBeGreaterThan(14);
    strings.forEach((s, k) => {
      const start = page?.itemStarts[k] ?? -2;
      if (s === '') expect(start).toBe(-1);
      else expect(page?.text.slice(start, start + s.length)).toBe(s);
    });
  });

  it('matches a name hyphenated at a line end and a name broken across two lines', async () => {
    const { pages, mentions } = await read(await hyphenatedPdf());
    expect(pages[0]?.text).toBe(HYPHENATED_LINES.join('\n'));
    expect(mentions.map((m) => [m.entity, m.text, m.page])).toEqual([
      ['rgb', 'Recon-\nnaissance General Bureau', 1],
      ['dprk', "Democratic People's\nRepublic of Korea", 1],
    ]);
  });

  it('reads a rotated page and a line drawn at a right angle', async () => {
    const { pages, mentions } = await read(await rotatedPdf());
    expect(pages.map((p) => p.page)).toEqual([1, 2]);
    expect(pages[1]?.text).toBe(`${ROTATED_TEXT}\n\n${ROTATED_SIDE_TEXT}`);
    expect(mentions.map((m) => [m.page, m.entity, m.text])).toEqual([
      [2, 'unsc-1718', '1718 Committee'],
      [2, 'dprk', 'North Korea'],
    ]);
  });

  it('reads Chinese and Korean drawn in embedded TrueType fonts, digits from another font included', async () => {
    const { pages, mentions } = await read(await cjkPdf());
    expect(pages[0]?.text).toBe(`${CHINESE_TEXT}\n\n${KOREAN_TEXT}`);
    expect(mentions.map((m) => [m.entity, m.text])).toEqual([
      ['dprk', '朝鲜民主主义人民共和国'],
      ['unsc-1718', '第1718号决议'],
      ['dprk', '북한'],
      ['rgb', '정찰총국'],
    ]);
  });

  it('reads all 300 pages of a long report and finds every mention on its page', async () => {
    const { doc, pages, mentions } = await read(await longReportPdf(300));
    expect(doc.numPages).toBe(300);
    expect(pages).toHaveLength(300);
    const expected = longReportMentionCount(300);
    const dprk = mentions.filter((m) => m.entity === 'dprk');
    const msmt = mentions.filter((m) => m.entity === 'msmt');
    expect(dprk).toHaveLength(expected.dprk);
    expect(msmt).toHaveLength(expected.msmt);
    expect(dprk.map((m) => m.page)).toEqual(Array.from({ length: 30 }, (_, i) => (i + 1) * 10));
    expect(msmt.map((m) => m.page)).toEqual(Array.from({ length: 12 }, (_, i) => (i + 1) * 25));
    for (const m of mentions) expect(pages[m.page - 1]?.text.slice(m.start, m.end)).toBe(m.text);
  });

  it('gives a page without text an empty string and tells a scanned document apart', async () => {
    const mixed = await read(await noTextPagePdf());
    expect(mixed.pages.map((p) => p.text === '')).toEqual([false, true]);
    expect(mixed.mentions.map((m) => [m.page, m.entity])).toEqual([[1, 'dprk']]);
    expect(hasNoText(mixed.pages)).toBe(false);
    const scanned = await read(await scannedPdf());
    expect(scanned.pages).toHaveLength(1);
    expect(hasNoText(scanned.pages)).toBe(true);
  });

  it('asks for the password of an encrypted PDF and reads it with the right one', async () => {
    await expect(openPdf(encryptedPdf())).rejects.toMatchObject({ name: 'PasswordException' });
    await expect(openPdf(encryptedPdf(), 'wrong')).rejects.toMatchObject({ name: 'PasswordException' });
    const { pages, mentions } = await read(encryptedPdf(), ENCRYPTED_PASSWORD);
    expect(pages[0]?.text).toBe(ENCRYPTED_TEXT);
    expect(mentions.map((m) => m.entity)).toEqual(['dprk']);
  });

  it('rejects a corrupt file as an invalid PDF', async () => {
    await expect(openPdf(corruptPdf())).rejects.toMatchObject({ name: 'InvalidPDFException' });
  });

  it('pauses between pages and reports each page as it is read', async () => {
    const doc = await openPdf(await longReportPdf(5));
    let pauses = 0;
    const seen: number[] = [];
    const pages = await extractDocumentText(doc, {
      pause: async () => {
        pauses++;
      },
      onPage: (p) => seen.push(p.page),
    });
    expect(pages).toHaveLength(5);
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(pauses).toBe(5);
  });

  it('stops reading when aborted', async () => {
    const doc = await openPdf(await longReportPdf(5));
    const controller = new AbortController();
    const seen: number[] = [];
    const reading = extractDocumentText(doc, {
      signal: controller.signal,
      onPage: (p) => {
        seen.push(p.page);
        if (p.page === 2) controller.abort(new Error('stop'));
      },
    });
    await expect(reading).rejects.toThrow('stop');
    expect(seen).toEqual([1, 2]);
  });
});
