/*
 * Finds the mentions in one whole text for the scan CLI, with exactly the result of
 * `findMentions(text)`, but faster on big texts.
 *
 * `findMentions(text)` without a context first works out the context of the whole text
 * (`pageContext([text])`: does it name the topic unambiguously? is it about the Czech ministry?),
 * which runs the alias matcher over all of it, and then runs the matcher over all of it again to
 * find the mentions. Here the context is worked out from pieces of the text instead:
 * `pageContext` reads pieces in order and stops running the matcher at the first piece that
 * settles "topical", which in a text that mentions the DPRK is the first one, so a big text is
 * matched about once instead of twice.
 *
 * The pieces give the same context as the whole text because they are cut only where nothing the
 * context depends on can reach across: after a space or line break in the middle of a stretch of
 * 2 × CUT_REACH characters where the engine's prefilter (`mayMention`) sees no key word stem,
 * invisible character or hyphenated line break, and which holds no run of 32 or more
 * non-letters. Every alias match and every piece of evidence holds a key, and what the engine
 * looks at around one is bounded (URL tokens up to 300 characters, six 40-character tokens
 * around "1718", 200 characters for Japanese script rules), far below CUT_REACH; a name stretched
 * over the cut would need more than CUT_REACH characters of name words and short separator runs.
 * tests/scripts/scan-text.test.ts compares the two on generated text.
 */
import { findMentions, type Mention, pageContext } from '../engine/index.ts';
import { mayMention } from '../engine/prefilter.ts';

/** How far, on each side of a cut, the text must be free of anything the context could depend on. */
export const CUT_REACH = 1024;
/** Texts shorter than this are matched whole, as before: cutting them would save little. */
export const PIECES_FROM = 64 * 1024;
/** Length of the first piece; each next one is at least as long as all before it, so a text that is not topical costs few pieces. */
const FIRST_PIECE = 32 * 1024;
/** The prefilter looks at blocks of this many characters, each with BLOCK_OVERLAP more on both sides. */
const BLOCK = 128;
/**
 * Longer than any prefilter key, so a key across two blocks is inside the extended one; and a
 * hyphen and the line break after it that two blocks split are inside one extended block unless
 * 32 or more separators lie between them, which UNUSUAL excludes.
 */
const BLOCK_OVERLAP = 32;
/**
 * A long run of spaces, hyphens and symbols: the matcher reads any run of separators as one, so
 * such a run could stretch a name across a cut. Words cannot: a cut follows a space, and what
 * the engine reads word by word is bounded (40-character tokens around "1718", 300-character URLs).
 */
const UNUSUAL = /[^\p{L}\p{N}]{32}/u;

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

/**
 * The first safe cut at or after `from` (see the module comment): an offset `c` after a space or
 * line break such that `text[c - CUT_REACH, c + CUT_REACH)` holds nothing the prefilter admits
 * and nothing UNUSUAL. Returns -1 when there is none before the end of the text.
 */
export function findCut(text: string, from: number): number {
  let runStart = Math.max(0, from - CUT_REACH);
  // The next cut to try; cuts before it were tried or are too close to an admitted block.
  let next = Math.max(from, runStart + CUT_REACH);
  for (let block = runStart; block < text.length; block += BLOCK) {
    if (mayMention(text.slice(Math.max(0, block - BLOCK_OVERLAP), block + BLOCK + BLOCK_OVERLAP))) {
      runStart = block + BLOCK;
      next = Math.max(next, runStart + CUT_REACH);
      continue;
    }
    // Cuts c with [c - CUT_REACH, c + CUT_REACH) inside the clean run [runStart, block + BLOCK).
    const last = Math.min(block + BLOCK - CUT_REACH, text.length - CUT_REACH);
    for (; next <= last; next++) {
      if (!isSpace(text.charCodeAt(next - 1))) continue;
      if (UNUSUAL.test(text.slice(next - CUT_REACH, next + CUT_REACH))) {
        // Start a new run after this stretch rather than test every space in it again.
        runStart = block + BLOCK;
        next = runStart + CUT_REACH;
        break;
      }
      return next;
    }
  }
  return -1;
}

/**
 * The text cut into consecutive pieces at safe cuts (see {@link findCut}), the first at least
 * `firstPiece` long and each next one at least as long as all before it; joined, they are
 * `text`. Lazy, so that a reader stopping early cuts no further. Yields `text` whole when it has
 * no safe cut.
 */
export function* contextPieces(text: string, firstPiece = FIRST_PIECE): Generator<string> {
  let start = 0;
  while (start < text.length) {
    const target = start + Math.max(firstPiece, start);
    const cut = target < text.length ? findCut(text, target) : -1;
    if (cut < 0) {
      yield text.slice(start);
      return;
    }
    yield text.slice(start, cut);
    start = cut;
  }
}

/**
 * The mentions in `text` read as one whole page, exactly as `findMentions(text)` gives them,
 * with only the fields the CLI prints. An empty array for text with no mentions.
 */
export function scanText(text: string): Mention[] {
  const context = text.length < PIECES_FROM ? undefined : pageContext(contextPieces(text));
  return findMentions(text, context).map((m) => ({ entity: m.entity, start: m.start, end: m.end, text: m.text }));
}
