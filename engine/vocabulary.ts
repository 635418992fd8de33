/**
 * Context vocabulary used to decide the ambiguous short forms. Words are matched on folded text
 * (lower case, no diacritics, hyphens as spaces), whole words only.
 */
import { decodeBitTable } from './fold-tables.ts';
import { LETTER_DIGIT_RUNS } from './generated-tables.ts';

/** Whole-word matcher of an alternation: `test` is true where it matches between non-letters. */
export interface WordMatcher {
  /** True when an alternative occurs in `text` with no letter or digit right before or after it; false for ''. */
  test(text: string): boolean;
  /** The alternation, as written in the list. */
  readonly pattern: string;
}

/** Letters and digits (\p{L}, \p{N}) of the BMP, decoded on first use. */
let letterOrDigit: Uint8Array | null = null;
/** The same for code points beyond the BMP, which are rare enough for a regular expression. */
let astralLetterOrDigit: RegExp | null = null;
/** Stand-ins, outside every alternation's alphabet: a letter or digit (it blocks a match) and anything else. */
const BLOCK = '\u0002';
const NEUTRAL = '\u0001';

/** In mapped text: ASCII and Cyrillic letters and digits, and BLOCK (see `mapOutside`). */
function isLetterOrDigit(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x30 && c <= 0x39) ||
    (c >= 0x400 && c <= 0x4ff && (c < 0x482 || c > 0x489)) ||
    c === 0x02
  );
}

/**
 * `text` with every code unit outside printable ASCII and Cyrillic replaced by BLOCK when it is (part of) a
 * letter or digit, NEUTRAL when not: an alternation of ASCII and Cyrillic words then matches
 * the same spans as before, and the letters and digits around them are the class above, which a
 * regular expression without the `u` flag compiles several times faster than \p{L} and \p{N}.
 */
function mapOutside(text: string): string {
  letterOrDigit ??= decodeBitTable(LETTER_DIGIT_RUNS);
  const table = letterOrDigit;
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x20 && c < 0x80) || (c >= 0x400 && c <= 0x4ff)) continue;
    let stand = table[c] === 1 ? BLOCK : NEUTRAL;
    let width = 1;
    const d = text.charCodeAt(i + 1);
    if (c >= 0xd800 && c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
      astralLetterOrDigit ??= /^[\p{L}\p{N}]$/u;
      stand = astralLetterOrDigit.test(text.slice(i, i + 2)) ? BLOCK : NEUTRAL;
      width = 2;
    }
    out += text.slice(from, i) + stand.repeat(width);
    i += width - 1;
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** Any of `codes`; or, for ANY_WORD and ANY_DIGIT, `\w` and `\d`. Repeated `min` to `max` times. */
interface Atom {
  codes: number[];
  kind: number;
  min: number;
  max: number;
}
const LITERAL = 0;
const ANY_WORD = 1;
const ANY_DIGIT = 2;

function atomHas(atom: Atom, c: number): boolean {
  if (atom.kind === ANY_DIGIT) return c >= 0x30 && c <= 0x39;
  if (atom.kind === ANY_WORD)
    return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
  return atom.codes.includes(c);
}

/**
 * One alternative of a list as atoms: characters, `[…]` sets of characters, `\w`, `\d`, `\.`,
 * each optionally followed by `?`, `*` or `+`. Throws on anything else, so that a list cannot
 * quietly mean something else than the regular expression it is written as.
 */
function parseAlternative(src: string): Atom[] {
  const atoms: Atom[] = [];
  for (let i = 0; i < src.length; ) {
    const ch = src.charAt(i);
    let atom: Atom;
    if (ch === '\\') {
      const e = src.charAt(i + 1);
      if (e === 'w') atom = { codes: [], kind: ANY_WORD, min: 1, max: 1 };
      else if (e === 'd') atom = { codes: [], kind: ANY_DIGIT, min: 1, max: 1 };
      else if (e === '.') atom = { codes: [0x2e], kind: LITERAL, min: 1, max: 1 };
      else throw new Error(`vocabulary: unsupported escape in ${src}`);
      i += 2;
    } else if (ch === '[') {
      const end = src.indexOf(']', i);
      const body = src.slice(i + 1, end);
      if (end < 0 || body === '' || body.includes('-') || body.includes('^') || body.includes('\\'))
        throw new Error(`vocabulary: unsupported set in ${src}`);
      atom = { codes: [...body].map((c) => c.charCodeAt(0)), kind: LITERAL, min: 1, max: 1 };
      i = end + 1;
    } else if ('()^$|{}.*+?]'.includes(ch)) {
      throw new Error(`vocabulary: unsupported syntax in ${src}`);
    } else {
      atom = { codes: [ch.charCodeAt(0)], kind: LITERAL, min: 1, max: 1 };
      i++;
    }
    const q = src.charAt(i);
    if (q === '?') atom.min = 0;
    else if (q === '*') [atom.min, atom.max] = [0, Number.POSITIVE_INFINITY];
    else if (q === '+') atom.max = Number.POSITIVE_INFINITY;
    if (q === '?' || q === '*' || q === '+') i++;
    atoms.push(atom);
  }
  if (atoms.length === 0 || (atoms[0] as Atom).min === 0) throw new Error(`vocabulary: ${src} may start empty`);
  return atoms;
}

/** Does `atoms` from the k-th match `text` at `pos`, by any choice of repetitions, with no letter or digit after? */
function matchFrom(atoms: readonly Atom[], k: number, text: string, pos: number): boolean {
  if (k === atoms.length) return !isLetterOrDigit(text.charCodeAt(pos));
  const atom = atoms[k] as Atom;
  let n = 0;
  while (n < atom.max && pos + n < text.length && atomHas(atom, text.charCodeAt(pos + n))) n++;
  for (let m = n; m >= atom.min; m--) if (matchFrom(atoms, k + 1, text, pos + m)) return true;
  return false;
}

/** The alternatives of `list` by the code units they may start with. */
function indexAlternatives(list: string): Map<number, Atom[][]> {
  const byFirst = new Map<number, Atom[][]>();
  for (const alternative of list.split('|')) {
    const atoms = parseAlternative(alternative);
    const first = atoms[0] as Atom;
    const starts =
      first.kind === LITERAL ? first.codes : Array.from({ length: 0x80 }, (_, c) => c).filter((c) => atomHas(first, c));
    for (const c of starts) {
      const list = byFirst.get(c);
      if (list) list.push(atoms);
      else byFirst.set(c, [atoms]);
    }
  }
  return byFirst;
}

/**
 * A matcher of the alternation `list` as whole words: true where
 * `/(?<![\p{L}\p{N}])(?:list)(?![\p{L}\p{N}])/u` matches (tests/engine/vocabulary.test.ts
 * compares them). No regular expression is compiled: the text is mapped (see `mapOutside`) and
 * the alternatives, parsed on first use, are tried at each start of a word they may begin. The
 * alternation may only use ASCII and Cyrillic letters, digits, spaces, `\.`, `\w`, `\d`,
 * `[…]` sets and the quantifiers `?`, `*`, `+`.
 */
function words(list: string): WordMatcher {
  let byFirst: Map<number, Atom[][]> | null = null;
  return {
    pattern: list,
    test(text: string): boolean {
      byFirst ??= indexAlternatives(list);
      const mapped = mapOutside(text);
      for (let p = 0; p < mapped.length; p++) {
        const alternatives = byFirst.get(mapped.charCodeAt(p));
        if (alternatives === undefined || (p > 0 && isLetterOrDigit(mapped.charCodeAt(p - 1)))) continue;
        for (const atoms of alternatives) if (matchFrom(atoms, 0, mapped, p)) return true;
      }
      return false;
    },
  };
}

/** Colour, lighting, imaging and hardware words: "RGB" near these is the colour model, not the agency. */
export const COLOUR_WORDS = words(
  [
    'colou?rs?',
    'colou?red',
    'colou?ring',
    'leds?',
    'pixels?',
    'lighting',
    'lights',
    'backlit',
    'backlight\\w*',
    'hex',
    'hexadecimal',
    'cmyk',
    'srgb',
    'rgba',
    'rgbw',
    'hs[lvb]',
    'yuv',
    'ycbcr',
    'monitors?',
    'displays?',
    'screens?',
    'channels?',
    'palette',
    'red',
    'green',
    'blue',
    'rouge',
    'vert',
    'bleu',
    'couleurs?',
    'farben?',
    'rot',
    'grun',
    'blau',
    'colori?',
    'rosso',
    'verde',
    'blu',
    'rojo',
    'azul',
    'colores',
    'cores',
    'vermelho',
    'farver?',
    'rod',
    'gron',
    'bla',
    'kleur\\w*',
    'barv\\w*',
    'цвет\\w*',
    'красн\\w*',
    'зелен\\w*',
    'keyboards?',
    'gaming',
    'strips?',
    'bulbs?',
    'lamps?',
    'wires?',
    'sensors?',
    'cameras?',
    'jpe?g',
    'png',
    'bitmap',
    '\\d+ ?bits?',
    'vga',
    'hdmi',
    'scart',
    'additive',
    'subtractive',
    'wavelengths?',
    'spectrum',
    'ws2812\\w*',
    'neopixels?',
    'arduino',
    'fans?',
    'mouse',
    'signals?',
    'video',
    'cables?',
    'sliders?',
    'values?',
  ].join('|'),
);

/** Colour words in scripts without spaces, and an "(r, g, b)" triple. */
export const COLOUR_MARKS = /色|컬러|색상|カラー|ピクセル|\(\s*\d{1,3}\s*,\s*\d{1,3}\s*,\s*\d{1,3}/u;

/** Words that go with an intelligence agency or the DPRK's illicit activity. */
export const AGENCY_WORDS = words(
  [
    'reconnaissance',
    'bureau',
    'intelligence',
    'spy',
    'spies',
    'espionage',
    'hackers?',
    'hacking',
    'cyber\\w*',
    'lazarus',
    'kimsuky',
    'andariel',
    'bluenoroff',
    'apt ?\\d+',
    'agency',
    'agencies',
    'military',
    'sanction\\w*',
    'sanktion\\w*',
    'designated',
    'treasury',
    'ofac',
    'pyongyang',
    'kim jong\\w*',
    'regime',
    'operatives?',
    'renseignement\\w*',
    'espion\\w*',
    'geheimdienst\\w*',
    'nachrichtendienst\\w*',
    'inteligencia',
    'intelligence',
    'разведк\\w*',
    'спецслужб\\w*',
  ].join('|'),
);
export const AGENCY_MARKS = /정찰|偵察|侦察|해커|ハッカー|黑客|استخبار|قراصن|تجسس|اختراق/u;

/** United Nations / Security Council / sanctions words (for "resolution 1718"). */
export const UN_WORDS = words(
  [
    'security council',
    'conseil de securite',
    'sicherheitsrat\\w*',
    'consejo de seguridad',
    'conselho de seguranca',
    'consiglio di sicurezza',
    'veiligheidsraad',
    'rada bezpecnosti',
    'rada bezpieczenstwa',
    'совет\\w* безопасности',
    'совбез\\w*',
    'united nations',
    'nations unies',
    'vereinten nationen',
    'naciones unidas',
    'nacoes unidas',
    'nazioni unite',
    'verenigde naties',
    'u\\.n\\.?',
    'sanction\\w*',
    'sanktion\\w*',
    'sanzion\\w*',
    'sancion\\w*',
    'sancoes',
    'sankc\\w*',
    'санкц\\w*',
    'nuclear',
    'nucleaire',
    'guvenlik konseyi',
    'yaptirim\\w*',
    'dewan keamanan',
    'sanksi',
    'hoi dong bao an',
    'lien hop quoc',
    'trung phat',
  ].join('|'),
);
/** UN acronyms, matched case-sensitively on the original text ("un" is also a French article). */
export const UN_ACRONYMS = words('UN|ONU|OON|ООН|OSN|VN|UNSC|CSNU|UNSCR|BM|BMGK|PBB|LHQ');
/** Words in scripts without spaces or with attached proclitics, matched anywhere in the raw text. */
export const UN_MARKS =
  /안보리|안전보장이사회|유엔|제재|安保理|安全保障理事会|国連|安理会|联合国|聯合國|制裁|مجلس الأمن|مجلس الامن|الأمم المتحدة|الامم المتحدة|عقوبات|شورای امنیت|سازمان ملل|تحریم|מועצת הביטחון|האו"ם|סנקציות|सुरक्षा परिषद|संयुक्त राष्ट्र|प्रतिबंध/u;

/** Sanctions-monitoring words (for "MSMT"). */
export const SANCTIONS_WORDS = words(
  [
    'sanction\\w*',
    'sanktion\\w*',
    'sanzion\\w*',
    'sancion\\w*',
    'sancoes',
    'санкц\\w*',
    'monitoring team',
    'multilateral\\w*',
    'multilateraux',
    'yaptirim\\w*',
    'sanksi',
    'trung phat',
  ].join('|'),
);
export const SANCTIONS_MARKS = /제재|制裁|عقوبات|تحریم|סנקציות|प्रतिबंध/u;

/** The Czech ministry of education (MŠMT) and its file numbers: "MSMT" there is not the team. */
export const CZECH_MINISTRY = /MŠMT|[Mm]inisterstv\S* školství|mládeže a tělovýchovy|\bmsmt\.(?:gov\.)?cz\b|\bMSMT-\d/u;
