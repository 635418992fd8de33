// `npm run --silent scan -- FILE...`: finds mentions in saved text files and web pages, in bulk.
//
// What is scanned:
// - A `.html`/`.htm` file is parsed (never executed: no scripts run, nothing is fetched) and its
//   visible text is read with the same page layer the extension uses on live pages
//   (page/text-blocks.ts): the text blocks of <body>, one per block element, joined with "\n\n".
//   Skipped: <head>, script, style, noscript, template, form fields (input values, textarea,
//   select/option), iframes and other embedded content, [contenteditable] subtrees, SVG outside
//   <text>, ruby annotations, and elements hidden by their own markup (`hidden` attribute, inline
//   `display:none` / `visibility:hidden`, content of a closed <details>). Stylesheets are not
//   applied, so text hidden only by a CSS class is still read; `aria-hidden` text is read (it is
//   shown on screen). Offsets index that joined visible text. The file must be UTF-8.
// - Any other file is read as UTF-8 text and scanned whole. A byte order mark is kept as U+FEFF,
//   so offsets are JavaScript string indices into the file as `fs.readFileSync(file, 'utf8')`
//   returns it, and `text === content.slice(start, end)`.
// - A `.pdf` file (or any file starting with `%PDF-`) is read with pdf.js and the same extraction
//   code as the extension's PDF reader (lib/pdf-text.ts): each page's text items joined in reading
//   order (lines with "\n", blocks and columns with "\n\n"). Each mention carries its 1-based
//   `page`, and its offsets index that page's extracted text. An encrypted or broken PDF is an
//   error for that file.
// - `-` reads standard input as text (or as a PDF when it starts with `%PDF-`).
import { isUtf8 } from 'node:buffer';
import { readFileSync, writeSync } from 'node:fs';
import { extname } from 'node:path';
import { findMentions, type Mention, pageContext } from '../engine/index.ts';
import { logger } from '../lib/log.ts';
import type { PdfMention } from '../lib/pdf-text.ts';
import { scanText } from './scan-text.ts';

const USAGE = `Usage: npm run --silent scan -- FILE...

Prints one JSON array to stdout with one object per FILE, in order:
  {"file": FILE, "mentions": [{"entity", "start", "end", "text"}, ...]}
Entities: dprk, unsc-1718, rgb, msmt, panel-of-experts. Offsets are UTF-16 code units.

  .html, .htm  the page's visible text: the text blocks of <body> joined with a blank line
               ("\\n\\n"); skips <head>, script, style, noscript, template, form fields, iframes,
               [contenteditable], and elements hidden by the hidden attribute or an inline
               display:none / visibility:hidden. Scripts are not run; stylesheets not applied.
  .pdf         read with pdf.js (also any file starting with %PDF-): each mention gets a 1-based
               "page", and its offsets index the text extracted from that page (text items in
               reading order, lines joined with "\n", blocks and columns with "\n\n"). A
               password-protected or corrupt PDF is an error for that file.
  other files  the whole file as UTF-8 text (a byte order mark is kept as the first character).
  -            standard input, as text (or as a PDF when it starts with %PDF-).

A file that cannot be read or is not valid UTF-8 is reported on stderr and listed with an
"error" field and no mentions; the other files are still scanned, and the exit status is 1.
Exit status: 0 all files scanned, 1 some file failed, 2 usage error.
`;

const log = logger('scan');

interface FileResult {
  file: string;
  error?: string;
  mentions: (Mention & { page?: number })[];
}

class ScanError extends Error {}

/** Offset and value of the first byte that starts an invalid UTF-8 sequence, or null when `bytes` is valid UTF-8. */
function firstInvalidUtf8(bytes: Uint8Array): { offset: number; byte: number } | null {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    let need: number;
    let min = 0x80;
    let max = 0xbf;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      // Exclude overlong forms (E0 80..9F) and UTF-16 surrogates (ED A0..BF).
      if (b === 0xe0) min = 0xa0;
      if (b === 0xed) max = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) min = 0x90;
      if (b === 0xf4) max = 0x8f;
    } else return { offset: i, byte: b };
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined) return { offset: i, byte: b };
      const lo = k === 1 ? min : 0x80;
      const hi = k === 1 ? max : 0xbf;
      // Report where the broken sequence starts: that byte is the misencoded character.
      if (c < lo || c > hi) return { offset: i, byte: b };
    }
    i += need + 1;
  }
  return null;
}

function hex(byte: number): string {
  return `0x${byte.toString(16).padStart(2, '0')}`;
}

function decodeUtf8(bytes: Uint8Array): string {
  // isUtf8 checks the bytes natively (a few ms for 20 MB), so invalid input is found without an
  // exception; Node's decoder, as fast as TextDecoder here, keeps a leading U+FEFF in the text,
  // as fs.readFileSync(file, 'utf8') does.
  if (!isUtf8(bytes)) {
    const bad = firstInvalidUtf8(bytes);
    throw new ScanError(bad ? `not valid UTF-8 (byte ${hex(bad.byte)} at offset ${bad.offset})` : 'not valid UTF-8');
  }
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

function readBytes(file: string): Uint8Array {
  try {
    return readFileSync(file === '-' ? 0 : file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reasons: Record<string, string> = {
      ENOENT: 'no such file',
      EACCES: 'permission denied',
      EPERM: 'permission denied',
      EISDIR: 'is a directory',
    };
    throw new ScanError((code && reasons[code]) ?? (error as Error).message);
  }
}

function isHtml(file: string): boolean {
  const ext = extname(file).toLowerCase();
  return ext === '.html' || ext === '.htm';
}

type HtmlScanner = (html: string) => Mention[];

/** Loads the HTML reader on first use: happy-dom is a large import that text-only runs never pay for. */
async function loadHtmlScanner(): Promise<{ scan: HtmlScanner; close: () => Promise<void> }> {
  const [{ Window }, { textBlocks }, { isShownByAttributes }] = await Promise.all([
    import('happy-dom'),
    import('../page/text-blocks.ts'),
    import('../page/visibility.ts'),
  ]);
  const window = new Window({
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
      disableComputedStyleRendering: true,
    },
  });
  const parser = new window.DOMParser();
  const scan: HtmlScanner = (html) => {
    const doc = parser.parseFromString(html, 'text/html') as unknown as Document;
    if (!doc.body) return [];
    // A parsed file has no layout, so visibility comes from the markup alone.
    const blocks = textBlocks(doc.body, { isVisible: isShownByAttributes });
    const texts = blocks.map((b) => b.text);
    const context = pageContext(texts);
    const mentions: Mention[] = [];
    let offset = 0;
    for (const text of texts) {
      for (const m of findMentions(text, context)) {
        mentions.push({ entity: m.entity, start: m.start + offset, end: m.end + offset, text: m.text });
      }
      offset += text.length + 2; // the "\n\n" joining blocks
    }
    return mentions;
  };
  return { scan, close: () => window.happyDOM.close() };
}

function isPdf(file: string, bytes: Uint8Array): boolean {
  if (file !== '-' && extname(file).toLowerCase() === '.pdf') return true;
  // "%PDF-": the header every PDF starts with.
  return bytes.length >= 5 && String.fromCharCode(...bytes.subarray(0, 5)) === '%PDF-';
}

/** Reads a PDF's text page by page and finds the mentions; pdf.js failures become ScanErrors. */
async function scanPdf(bytes: Uint8Array): Promise<PdfMention[]> {
  // pdf.js and the extraction code load only when a PDF is given: a text scan never pays for them.
  const [{ openPdf }, { extractDocumentText, findPdfMentions }] = await Promise.all([
    import('./pdf-node.ts'),
    import('../lib/pdf-text.ts'),
  ]);
  let doc: Awaited<ReturnType<typeof openPdf>>;
  try {
    doc = await openPdf(bytes);
  } catch (error) {
    const name = (error as Error)?.name;
    if (name === 'PasswordException')
      throw new ScanError('encrypted PDF: it needs a password, which scan does not take');
    if (name === 'InvalidPDFException') throw new ScanError(`not a valid PDF (${(error as Error).message})`);
    throw new ScanError(`cannot open the PDF: ${(error as Error)?.message ?? error}`);
  }
  try {
    const pages = await extractDocumentText(doc);
    // Key order of the output: entity, page, offsets, text.
    return (await findPdfMentions(pages)).map((m) => ({
      entity: m.entity,
      page: m.page,
      start: m.start,
      end: m.end,
      text: m.text,
    }));
  } catch (error) {
    throw new ScanError(`cannot read the PDF: ${(error as Error)?.message ?? error}`);
  } finally {
    await doc.destroy();
  }
}

/**
 * Writes `text` to standard output with write(2) directly: touching process.stdout would first
 * load Node's stream modules, a few milliseconds of a start-up that is otherwise about 30.
 * Should stdout be a non-blocking pipe that is full (EAGAIN), the rest goes through
 * process.stdout, which waits for it; when the reader has gone (EPIPE), the rest is dropped.
 */
function writeStdout(text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let written = 0;
  try {
    while (written < bytes.length) written += writeSync(1, bytes, written);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    log.warn(`stdout: ${code ?? error} after ${written} of ${bytes.length} bytes`);
    if (code === 'EAGAIN') process.stdout.write(bytes.subarray(written));
  }
}

async function main(argv: string[]): Promise<number> {
  const files: string[] = [];
  let optionsEnded = false;
  for (const arg of argv) {
    if (!optionsEnded && arg === '--') optionsEnded = true;
    else if (!optionsEnded && (arg === '--help' || arg === '-h')) {
      process.stdout.write(USAGE);
      return 0;
    } else if (!optionsEnded && arg.startsWith('-') && arg !== '-') {
      process.stderr.write(`scan: unknown option ${arg}\n\n${USAGE}`);
      return 2;
    } else files.push(arg);
  }
  if (files.length === 0) {
    process.stderr.write(`scan: no FILE given\n\n${USAGE}`);
    return 2;
  }

  let html: Awaited<ReturnType<typeof loadHtmlScanner>> | undefined;
  const results: FileResult[] = [];
  let failed = false;
  for (const file of files) {
    try {
      const bytes = readBytes(file);
      if (isPdf(file, bytes)) {
        results.push({ file, mentions: await scanPdf(bytes) });
        continue;
      }
      const text = decodeUtf8(bytes);
      if (file !== '-' && isHtml(file)) {
        html ??= await loadHtmlScanner();
        results.push({ file, mentions: html.scan(text) });
      } else results.push({ file, mentions: scanText(text) });
    } catch (error) {
      // Anything other than a read/decode problem is a bug, but one bad file must not hide the
      // results of the others.
      const reason = error instanceof ScanError ? error.message : `failed: ${(error as Error)?.message ?? error}`;
      process.stderr.write(`scan: ${file}: ${reason}\n`);
      results.push({ file, error: reason, mentions: [] });
      failed = true;
    }
  }
  await html?.close();
  writeStdout(`[\n${results.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`);
  return failed ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    process.stderr.write(`scan: ${(error as Error)?.stack ?? error}\n`);
    process.exitCode = 2;
  },
);
