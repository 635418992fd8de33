import { foldLoose, foldString, isWordCode, SEP } from './fold-tables.ts';
import {
  arabicKeywordProclitics,
  hasKeywordNearAfter,
  hasKeywordNearBefore,
  isFiller,
  isFillerAfter,
  isKeywordAfter,
  isKeywordBefore,
  isTurkishNumbered,
  isTurkishResolution,
} from './resolution-words.ts';

/**
 * "1718" is a mention of the resolution only when a resolution or committee word governs it:
 * "resolution 1718", "résolutions n° 1718", "комитета Совбеза ООН 1718", "1718 Committee",
 * "결의 1718호", "1718委員会". Years ("in 1718"), error codes and prices have no such word.
 * Only the few places where the digits occur are examined, so the cost is negligible.
 */

const NUMBER = '1718';

const CJK_BEFORE = /(?:決議|决议|決議第|决议第|결의)$/u;
const CJK_AFTER = /^(?:[号號]?(?:制裁)?(?:委員会|委员会|委員會)|[호号號](?:決議|决议|決議)?|(?:제재|대북제재)?위원회)/u;
/** The Chinese citation with the year inside: 第1718(2006)号决议. */
const CJK_AFTER_YEAR = /^[(（]\d{4}[)）][号號](?:决议|決議)/u;
/** Korean 1718호 standing alone for the resolution: followed by a particle or a non-Hangul character. */
const KOREAN_BARE_HO = /^호(?:[는은가이를을의에와과도로만]|$|[^\uac00-\ud7af])/u;
/** The rest of a Chinese list of numbered resolutions, up to its closing 决议. */
const CJK_LIST = /^[号號](?:[、,，和及与與至]+第?\d{3,4}(?:[(（]\d{4}[)）])?[号號]?)+(?:决议|決議)/u;
/** Turkish laws and regulations are numbered the same way: "1718 sayılı Kanun". */
const TURKISH_LAW = /^(?:kanun|yasa|yonetmelik|genelge|kararname|tebli)/u;
function turkishLaw(text: string, pos: number): boolean {
  const next = tokenAfter(text, pos);
  return next !== null && TURKISH_LAW.test(core(next.folded));
}
/** Acronyms written onto the number: UNSCR1718, SCR1718. */
const GLUED_BEFORE = /(?:^|[^\p{L}\p{N}])(unscr|scr)$/iu;
const MAX_GAP_TOKENS = 5;
const MAX_TOKEN = 40;

interface Token {
  start: number;
  end: number;
  folded: string;
}

function isSep(code: number): boolean {
  return foldLoose(code) === SEP;
}

/** The whitespace/hyphen-delimited token that ends just before `pos`, or null at the start of the text. */
function tokenBefore(text: string, pos: number): Token | null {
  let end = pos;
  while (end > 0 && pos - end < MAX_TOKEN && isSep(text.charCodeAt(end - 1))) end--;
  if (end === 0) return null;
  let start = end;
  while (start > 0 && end - start < MAX_TOKEN && !isSep(text.charCodeAt(start - 1))) start--;
  return { start, end, folded: foldString(text.slice(start, end)) };
}

function tokenAfter(text: string, pos: number): Token | null {
  let start = pos;
  while (start < text.length && start - pos < MAX_TOKEN && isSep(text.charCodeAt(start))) start++;
  if (start >= text.length) return null;
  let end = start;
  while (end < text.length && end - start < MAX_TOKEN && !isSep(text.charCodeAt(end))) end++;
  return { start, end, folded: foldString(text.slice(start, end)) };
}

/** Strips quotes and brackets around a token; keeps a trailing period so sentence ends are visible. */
function core(tok: string): string {
  return tok
    .replace(/^[«»"“”„'([{]+/u, '')
    .replace(/'s$/u, '')
    .replace(/[»"“”'),;:\]}]+$/u, '');
}

/** US Congress bills ("H. Res. 1718", "S.Res. 1718") share the number but are not the UN resolution. */
const CONGRESS = /^(?:h|s|h\.r|hr|house|senate)\.?$/u;

function paragraphBreakBetween(text: string, from: number, to: number): boolean {
  return /\n[ \t\u00a0]*\n/.test(text.slice(from, to));
}

/** Spans [start, end) of every "1718" governed by a resolution/committee word, in order; empty when none. */
export function findResolution1718(text: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  for (let at = text.indexOf(NUMBER); at >= 0; at = text.indexOf(NUMBER, at + NUMBER.length)) {
    const numEnd = at + NUMBER.length;
    const prev = at > 0 ? text.charCodeAt(at - 1) : 0;
    const next = numEnd < text.length ? text.charCodeAt(numEnd) : 0;
    // Part of a longer number (11718, 1718.5, 1,718) or of a word/identifier.
    if ((prev >= 0x30 && prev <= 0x39) || (next >= 0x30 && next <= 0x39)) continue;
    if ((prev === 0x2e || prev === 0x2c) && at > 1 && /\d/.test(text.charAt(at - 2))) continue;
    if ((next === 0x2e || next === 0x2c) && /\d/.test(text.charAt(numEnd + 1))) continue;
    let glued = -1;
    if (isWordCode(prev) && !/[°º№]/.test(String.fromCharCode(prev))) {
      const g = GLUED_BEFORE.exec(text.slice(Math.max(0, at - 8), at));
      if (!g || isWordCode(next)) continue;
      glued = at - (g[1] as string).length;
    }

    // Within the same token: CJK words attached without spaces, S/RES/1718.
    // Cheap screen before any tokenising: no governing word nearby, no mention.
    if (
      !hasKeywordNearBefore(text.slice(Math.max(0, at - 60), at)) &&
      !hasKeywordNearAfter(text.slice(numEnd, numEnd + 30))
    ) {
      continue;
    }
    // Tokens are looked at over a bounded reach so that text without spaces stays linear.
    let tokStart = at;
    while (tokStart > 0 && at - tokStart < MAX_TOKEN && !isSep(text.charCodeAt(tokStart - 1))) tokStart--;
    let tokEnd = numEnd;
    while (tokEnd < text.length && tokEnd - numEnd < MAX_TOKEN && !isSep(text.charCodeAt(tokEnd))) tokEnd++;
    const head = text.slice(tokStart, at);
    const tail = text.slice(numEnd, tokEnd);
    let start = -1;
    let end = numEnd;
    const cjkTail = CJK_AFTER.exec(tail) ?? CJK_AFTER_YEAR.exec(tail);
    if (cjkTail) end = numEnd + cjkTail[0].length;
    else if (isWordCode(next)) continue;
    const cjkHead = CJK_BEFORE.exec(head);
    if (glued >= 0) start = glued;
    else if (cjkHead) start = at - cjkHead[0].length;
    else if (/^[(（]/u.test(tail) && cjkTail) start = head.endsWith('第') ? at - 1 : at;
    // A Chinese list of resolutions, 第1718号、第1874号和第2094号决议: the word closes the list.
    else if (head.endsWith('第') && /^[号號]/u.test(tail) && CJK_LIST.test(text.slice(numEnd, numEnd + 40)))
      start = at - 1;
    else if (head === '' && KOREAN_BARE_HO.test(tail + text.charAt(tokEnd))) start = at;
    else if (/^s\/res\/$/i.test(foldString(head))) start = tokStart;
    else if (/^[号號](?:决议|決議)/u.test(tail)) start = head.endsWith('第') ? at - 1 : at;
    else if (cjkTail && /위원회|委|委/u.test(cjkTail[0])) start = at;

    // Backwards: keyword, then up to MAX_GAP_TOKENS fillers, then the number.
    if (start < 0 && (head === '' || /^[(«"“n°º№#제第]+$/u.test(head))) {
      let pos = head === '' ? at : tokStart;
      for (let k = 0; k <= MAX_GAP_TOKENS; k++) {
        const tok = tokenBefore(text, pos);
        if (!tok || paragraphBreakBetween(text, tok.end, at)) break;
        const word = core(tok.folded);
        const proclitics = arabicKeywordProclitics(word);
        if (proclitics >= 0) {
          // The proclitic stays outside the mention: ب[القرار 1718].
          start = tok.start + proclitics;
          break;
        }
        if (isKeywordBefore(word)) {
          const before = tokenBefore(text, tok.start);
          if (before && CONGRESS.test(core(before.folded))) break;
          start = tok.start + (tok.folded.length - tok.folded.replace(/^[«»"“”„'([{]+/u, '').length);
          break;
        }
        // A sentence end between keyword and number breaks the link ("… the resolution. In 1718, …").
        if (/[.;:!?]$/.test(word) && !/^(?:no|n|nr|nos|num|c|u\.?n)\.$/.test(word)) break;
        if (!isFiller(word.replace(/[.,]$/, ''))) break;
        pos = tok.start;
      }
    }
    // Forwards: "1718 (2006) Committee", "1718 Sanctions Committee", "1718 제재위원회".
    if (start < 0 || !cjkTail) {
      let pos = tokEnd;
      for (let k = 0; k < 3; k++) {
        const tok = tokenAfter(text, pos);
        if (!tok || paragraphBreakBetween(text, pos, tok.start)) break;
        const word = core(tok.folded);
        if (isKeywordAfter(word) || (k === 0 && isTurkishNumbered(word) && !turkishLaw(text, tok.end))) {
          if (start < 0) start = at;
          end = tok.start + core(text.slice(tok.start, tok.end)).length;
          // "1718 sayılı karar": the resolution word after "numbered" belongs to the name.
          const karar = isTurkishNumbered(word) ? tokenAfter(text, tok.end) : null;
          if (karar && isTurkishResolution(core(karar.folded)) && !paragraphBreakBetween(text, tok.end, karar.start)) {
            end = karar.start + core(text.slice(karar.start, karar.end)).length;
          }
          break;
        }
        if (!isFillerAfter(word)) break;
        pos = tok.end;
      }
    }
    if (start >= 0) spans.push({ start, end });
  }
  return spans;
}
