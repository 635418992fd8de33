import { describe, expect, it } from 'vitest';
import { fetchPdf, looksLikePdf } from '../../entrypoints/pdf/fetch-pdf.ts';

/* The reader's download of a PDF address, with a fake fetch: each failure has its own message. */

const PDF = new TextEncoder().encode('%PDF-1.7\n% a very short file\n');

const respond = (body: BodyInit | null, init?: ResponseInit) => async () => new Response(body, init);

describe('fetchPdf', () => {
  it('gives the bytes of a PDF', async () => {
    const result = await fetchPdf('https://example.org/a.pdf', respond(PDF, { status: 200 }));
    expect(result).toEqual({ ok: true, bytes: PDF });
  });

  it('names the HTTP status of a failed download (404)', async () => {
    const result = await fetchPdf(
      'https://example.org/gone.pdf',
      respond('gone', { status: 404, statusText: 'Not Found' }),
    );
    expect(result).toEqual({ ok: false, key: 'pdfErrorHttp', args: ['404 Not Found'] });
  });

  it('says the download failed when the request does', async () => {
    const failing = async () => {
      throw new TypeError('Failed to fetch');
    };
    expect(await fetchPdf('https://example.org/a.pdf', failing)).toEqual({
      ok: false,
      key: 'pdfErrorNetwork',
      args: [],
    });
  });

  it('says when the answer is not a PDF', async () => {
    const result = await fetchPdf(
      'https://example.org/a.pdf',
      respond('<!doctype html><p>Sign in</p>', { status: 200 }),
    );
    expect(result).toEqual({ ok: false, key: 'pdfErrorNotPdf', args: [] });
  });
});

describe('looksLikePdf', () => {
  it('accepts the PDF header at the start or shortly after', () => {
    expect(looksLikePdf(PDF)).toBe(true);
    expect(looksLikePdf(new TextEncoder().encode(`${' '.repeat(100)}%PDF-1.4`))).toBe(true);
    expect(looksLikePdf(new TextEncoder().encode('PDF-1.4 but no percent sign'))).toBe(false);
    expect(looksLikePdf(new Uint8Array(0))).toBe(false);
  });
});
