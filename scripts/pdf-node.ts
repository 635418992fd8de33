// Opens PDFs with pdf.js under Node, for the scan CLI, the tests and the benchmark: the legacy
// build (the one pdf.js supports outside browsers), with the fonts and character maps read from
// the installed package, so nothing is fetched and no page warns about missing font data.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { PDFDocumentProxy } from 'pdfjs-dist';

const packageDir = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

type PdfJs = typeof import('pdfjs-dist');
let pdfjs: Promise<PdfJs> | undefined;

/** The pdf.js module for Node, loaded once. */
export function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs') as Promise<PdfJs>;
  return pdfjs;
}

/**
 * Opens the PDF in `data` (the bytes are handed over to pdf.js, which may detach them).
 * Rejects with pdf.js's own errors: `PasswordException` for an encrypted file without the right
 * `password`, `InvalidPDFException` for something that is not a PDF or is broken beyond repair.
 */
export async function openPdf(data: Uint8Array, password?: string): Promise<PDFDocumentProxy> {
  const { getDocument, VerbosityLevel } = await loadPdfJs();
  const task = getDocument({
    // pdf.js refuses Node Buffers (which readFileSync returns): a plain view of the same bytes.
    data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    password,
    standardFontDataUrl: `${join(packageDir, 'standard_fonts')}/`,
    cMapUrl: `${join(packageDir, 'cmaps')}/`,
    cMapPacked: true,
    isEvalSupported: false,
    useSystemFonts: false,
    // Recoverable oddities of real-world files are not errors of the caller.
    verbosity: VerbosityLevel.ERRORS,
  });
  return task.promise;
}
