/**
 * The word lists of the resolution rule (engine/resolution-1718.ts) as set lookups: whole folded
 * tokens, some followed by any letters (inflections: "resolutions", "резолюции", "القرارين").
 * They replace anchored Unicode regular expressions whose compilation cost a page about a
 * millisecond the first time it held a "1718"; tests/engine/resolution-words.test.ts checks each
 * against the expression it replaces.
 */

/** Lazily compiled, for letters outside the ranges `isLetters` knows (rare in these tokens). */
let lettersOnly: RegExp | null = null;

/** True when `s` from `from` on is letters only (\p{L}*); true for the empty rest. */
function isLetters(s: string, from: number): boolean {
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) continue;
    if (c >= 0x400 && c <= 0x4ff && (c < 0x482 || c > 0x489)) continue; // Cyrillic letters
    if (c >= 0x620 && c <= 0x64a) continue; // Arabic letters and the tatweel
    if (c < 0x80) return false;
    lettersOnly ??= /^\p{L}*$/u;
    return lettersOnly.test(s.slice(i));
  }
  return true;
}

/** A test for tokens that are one of `words` (separated by spaces) or one of `stems` followed by letters only. */
function wordsOrStems(words: string, stems: string): (token: string) => boolean {
  const exact = new Set(words.split(' ').filter((w) => w !== ''));
  const stemList = stems.split(' ').filter((w) => w !== '');
  return (token) => {
    if (exact.has(token)) return true;
    for (const stem of stemList) if (token.startsWith(stem) && isLetters(token, stem.length)) return true;
    return false;
  };
}

/** `(` four ASCII digits `)`: a year in brackets, "(2006)". */
function isBracketedYear(token: string): boolean {
  return token.length === 6 && token[0] === '(' && token[5] === ')' && isDigits(token, 1, 5);
}

function isDigits(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** Words that introduce the number (folded: lower case, no diacritics). */
export const isKeywordBefore = wordsOrStems(
  'res res. scr s/res s/res/ 결의 결의안 決議 决议',
  'resolution resolucion resolucao resolucoe risoluzion resolutie rezoluc резолюци committee comite comitato ' +
    'komitee ausschuss sanktionsausschuss vybor komitet комитет комітет резолюці unscr entschliessung entschließung',
);

const fillerWords = wordsOrStems(
  'no no. n° nº n n. nr nr. nos nos. number numbers numero num num. № # u.n u.n. un. un onu oon оон osn vn ' +
    'совбеза сб csnu cs unsc security council du de des of the del della do da der dei conseil securite consejo ' +
    'seguridad conselho seguranca consiglio sicurezza veiligheidsraad nations unies united совета безопасности ' +
    'ради безпеки радбезу and et und y e i и or ou o sanction sanctions 제 номер c c. rady rada bezpecnosti ' +
    'sanciones sanzioni sankci bm mgk bmgk pbb dk dewan keamanan رقم مجلس الامن الدولي العقوبات',
  'sicherheitsrat санкци yaptirim',
);

/** Words that may stand between the introducing word and the number. */
export function isFiller(token: string): boolean {
  return (
    fillerWords(token) ||
    isBracketedYear(token) ||
    ((token.length === 3 || token.length === 4) && isDigits(token, 0, token.length))
  );
}

const keywordAfterStems = wordsOrStems(
  '',
  'committee comite comitato komite ausschuss sanktionsausschuss sanktionskomitee комитет výbor vybor komitet ' +
    'list lists regime',
);

/** Words that follow the number: the committee. */
export function isKeywordAfter(token: string): boolean {
  return (
    keywordAfterStems(token) ||
    token.endsWith('위원회') ||
    token.startsWith('委員会') ||
    token.startsWith('委员会') ||
    token.startsWith('委員會')
  );
}

/** Turkish "numbered": "1718 sayılı (karar)", "1718 numaralı karar". */
export const isTurkishNumbered = wordsOrStems("sayili numarali no'lu nolu", '');
/** Turkish "resolution", inflected. */
export const isTurkishResolution = wordsOrStems('', 'karar');

const fillerAfterWords = wordsOrStems(
  'sanction sanctions sanktions de des du of the designated vessel vessels entities individuals 제재 대북제재',
  'yaptirim',
);

/** Words that may stand between the number and the committee word. */
export function isFillerAfter(token: string): boolean {
  return fillerAfterWords(token) || isBracketedYear(token);
}

const ARABIC_PROCLITIC = 'وفبلك';
const ARABIC_ARTICLE = 'ال';

/** "قرار…" (resolution) or "لجن…" (committee), inflected, at `from` of `token`. */
function isArabicKeywordAt(token: string, from: number): boolean {
  if (token.startsWith('قرار', from)) return isLetters(token, from + 4);
  if (token.startsWith('لجن', from)) return isLetters(token, from + 3);
  return false;
}

/**
 * Arabic "resolution" and "committee" with their article and up to three attached proclitics
 * (بالقرار): the number of proclitic letters before the word, or -1 when `token` is not one.
 * Of several readings, the one with the most proclitics wins (as the greedy expression did).
 */
export function arabicKeywordProclitics(token: string): number {
  let most = 0;
  while (most < 3 && most < token.length && ARABIC_PROCLITIC.includes(token.charAt(most))) most++;
  for (let k = most; k >= 0; k--) {
    if (token.startsWith(ARABIC_ARTICLE, k) && isArabicKeywordAt(token, k + 2)) return k;
    if (isArabicKeywordAt(token, k)) return k;
  }
  return -1;
}

/**
 * `s` case-folded as a case-insensitive Unicode expression compares it, for the letters of the
 * nearby-keyword lists below: ASCII and Cyrillic capitals to small letters, É and Ý, and the
 * three other characters that fold onto one of those letters (ſ → s, the Kelvin sign → k, the
 * rounded Cyrillic ᲂ → о). Other characters stay as they are.
 */
function foldCaseForKeywords(s: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let f = c;
    if ((c >= 0x41 && c <= 0x5a) || c === 0xc9 || c === 0xdd) f = c + 0x20;
    else if (c >= 0x410 && c <= 0x42f) f = c + 0x20;
    else if (c === 0x17f) f = 0x73;
    else if (c === 0x212a) f = 0x6b;
    else if (c === 0x1c82) f = 0x43e;
    if (f === c) continue;
    out += s.slice(from, i) + String.fromCharCode(f);
    from = i + 1;
  }
  return from === 0 ? s : out + s.slice(from);
}

const NEAR_BEFORE = [
  'res',
  'rés',
  'com',
  'kom',
  'aus',
  'výb',
  'vyb',
  'rez',
  'ris',
  'scr',
  'рез',
  'ком',
  'entschl',
  'قرار',
  'لجن',
  '결의',
  '決議',
  '决议',
];
const NEAR_AFTER = [
  'com',
  'kom',
  'aus',
  'výb',
  'vyb',
  'ком',
  'list',
  'regime',
  'numaralı',
  'numarali',
  "no'lu",
  '위원회',
  '委',
  '号',
  '號',
  '호',
];

/** The Turkish "sayılı" with either i in its last letter, as `say[ıi]l[ıi]` allowed. */
function hasSayili(folded: string): boolean {
  for (let at = folded.indexOf('say'); at >= 0; at = folded.indexOf('say', at + 1)) {
    const a = folded.charAt(at + 3);
    const b = folded.charAt(at + 5);
    if ((a === 'ı' || a === 'i') && folded.charAt(at + 4) === 'l' && (b === 'ı' || b === 'i')) return true;
  }
  return false;
}

/**
 * Is there, case-insensitively, the start of a resolution or committee word in `s` (the text
 * before a 1718)? A cheap screen: false means the number is not governed by such a word.
 */
export function hasKeywordNearBefore(s: string): boolean {
  const folded = foldCaseForKeywords(s);
  for (const word of NEAR_BEFORE) if (folded.includes(word)) return true;
  return false;
}

/** The same screen for the text after a 1718: a committee word, a list, "sayılı", 위원회, 号… */
export function hasKeywordNearAfter(s: string): boolean {
  const folded = foldCaseForKeywords(s);
  for (const word of NEAR_AFTER) if (folded.includes(word)) return true;
  return hasSayili(folded);
}
