import type { MessageKey } from '../../lib/i18n.ts';
import { logger } from '../../lib/log.ts';

const log = logger('pdf-reader');

/** A PDF's bytes, or the message that says why there are none. */
export type FetchedPdf = { ok: true; bytes: Uint8Array } | { ok: false; key: MessageKey; args: string[] };

/**
 * Downloads `url` with `fetchFn` (the page's `fetch`). Resolves, never rejects: to the bytes, or
 * to `pdfErrorHttp` with the status for an HTTP error (404…), `pdfErrorNetwork` when the request
 * or the download fails, `pdfErrorNotPdf` when the bytes are not a PDF.
 */
export async function fetchPdf(url: string, fetchFn: typeof fetch): Promise<FetchedPdf> {
  let response: Response;
  try {
    response = await fetchFn(url, { credentials: 'include' });
  } catch (error) {
    log.warn('fetch failed', url, error);
    return { ok: false, key: 'pdfErrorNetwork', args: [] };
  }
  if (!response.ok) {
    return { ok: false, key: 'pdfErrorHttp', args: [`${response.status} ${response.statusText}`.trim()] };
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    log.warn('download interrupted', url, error);
    return { ok: false, key: 'pdfErrorNetwork', args: [] };
  }
  if (!looksLikePdf(bytes)) return { ok: false, key: 'pdfErrorNotPdf', args: [] };
  return { ok: true, bytes };
}

/** True when `bytes` start like a PDF (`%PDF-` within the first KiB, as PDF readers allow). */
export function looksLikePdf(bytes: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  return head.includes('%PDF-');
}
