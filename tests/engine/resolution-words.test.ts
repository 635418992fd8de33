import { describe, expect, it } from 'vitest';
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
} from '../../engine/resolution-words.ts';
import { mulberry32 } from '../../scripts/corpus.ts';

// The expressions that the set lookups replaced, as they were: the reference.
const KEYWORD_BEFORE =
  /^(?:(?:resolution|resolucion|resolucao|resolucoe|risoluzion|resolutie|rezoluc|резолюци|committee|comite|comitato|komitee|ausschuss|sanktionsausschuss|vybor|komitet|комитет|комітет|резолюці|unscr|entschliessung|entschließung)\p{L}*|res\.?|scr|s\/res\/?|결의|결의안|決議|决议)$/u;
const ARABIC_KEYWORD = /^([وفبلك]{0,3})((?:ال)?قرار\p{L}*|(?:ال)?لجن\p{L}*)$/u;
const FILLER =
  /^(?:no\.?|n[°º]|n\.?|nr\.?|nos\.?|number|numbers|numero|num\.?|№|#|u\.?n\.?|un|onu|oon|оон|osn|vn|совбеза|сб|csnu|cs|unsc|security|council|du|de|des|of|the|del|della|do|da|der|dei|conseil|securite|consejo|seguridad|conselho|seguranca|consiglio|sicurezza|sicherheitsrat\p{L}*|veiligheidsraad|nations|unies|united|совета|безопасности|ради|безпеки|радбезу|\(\d{4}\)|\d{3,4}|and|et|und|y|e|i|и|or|ou|o|sanctions?|제|номер|c\.?|rady|rada|bezpecnosti|sanciones|sanzioni|sankci|санкци\p{L}*|yaptirim\p{L}*|bm|mgk|bmgk|pbb|dk|dewan|keamanan|رقم|مجلس|الامن|الدولي|العقوبات)$/u;
const KEYWORD_AFTER =
  /^(?:committee|comite|comitato|komite|ausschuss|sanktionsausschuss|sanktionskomitee|комитет|výbor|vybor|komitet|list|lists|regime)\p{L}*$|위원회$|^(?:委員会|委员会|委員會)/u;
const TURKISH_NUMBERED = /^(?:sayili|numarali|no'lu|nolu)$/u;
const TURKISH_RESOLUTION = /^karar\p{L}*$/u;
const FILLER_AFTER =
  /^(?:\(\d{4}\)|sanctions?|sanktions|de|des|du|of|the|designated|vessels?|entities|individuals|yaptirim\p{L}*|제재|대북제재)$/u;

const KEYWORD_NEARBY_BEFORE = /r[eé]s|com|kom|aus|v[ýy]b|rez|ris|scr|рез|ком|entschl|قرار|لجن|결의|決議|决议/iu;
const KEYWORD_NEARBY_AFTER = /com|kom|aus|v[ýy]b|ком|list|regime|say[ıi]l[ıi]|numaral[ıi]|no'lu|위원회|委|号|號|호/iu;

/** Every literal alternative of an expression's source, with its optional characters in and out. */
function literals(re: RegExp): string[] {
  const body = re.source.replace(/^\^\(\?:|\)\$$|\\p\{L\}\*/g, '');
  return body
    .split(/[|()?:^$]+/)
    .map((w) => w.replace(/\\/g, '').replace(/\[(.)[^\]]*\]/g, '$1'))
    .filter((w) => w !== '');
}

const SUFFIXES = ['', 's', 'и', 'ين', 'ة', 'é', 'ß', '2', '.', "'", ' ', '中', '𝐀', '😀', '\u0301', 'ǅ', '҂', 'ـ', 'ي'];
const PREFIXES = ['', 'و', 'ب', 'ال', 'ول', 'وبال', 'فلل', 'كال', 'x', '(', '1'];

describe('resolution word lists', () => {
  const cases: [string, (t: string) => boolean, RegExp][] = [
    ['keyword before', isKeywordBefore, KEYWORD_BEFORE],
    ['filler', isFiller, FILLER],
    ['keyword after', isKeywordAfter, KEYWORD_AFTER],
    ['Turkish numbered', isTurkishNumbered, TURKISH_NUMBERED],
    ['Turkish resolution', isTurkishResolution, TURKISH_RESOLUTION],
    ['filler after', isFillerAfter, FILLER_AFTER],
  ];
  const all = [...new Set([...cases.flatMap(([, , re]) => literals(re)), ...literals(ARABIC_KEYWORD)])];
  all.push('(2006)', '(20061)', '(206)', '123', '1234', '12345', '12', '12a4', '٢٠٠٦', 'قرار', 'لجنة', 'القرار');
  const random = mulberry32(1718);
  const tokens: string[] = [];
  for (const word of all) {
    for (const suffix of SUFFIXES) for (const prefix of PREFIXES) tokens.push(prefix + word + suffix);
    tokens.push(word.slice(1), word.slice(0, -1), word.toUpperCase());
  }
  for (let k = 0; k < 2000; k++) {
    const a = all[Math.floor(random() * all.length)] as string;
    const b = all[Math.floor(random() * all.length)] as string;
    tokens.push(a + b, a + SUFFIXES[k % SUFFIXES.length] + b);
  }

  it.each(cases)('%s: the same answer as the expression it replaced', (_name, test, re) => {
    const wrong = tokens.filter((t) => test(t) !== re.test(t));
    expect(wrong.slice(0, 10)).toEqual([]);
    const yes = tokens.filter((t) => re.test(t)).length;
    expect(yes).toBeGreaterThan(3);
    expect(yes).toBeLessThan(tokens.length);
  });

  it('Arabic keyword: the same proclitic count as the expression it replaced', () => {
    const wrong = tokens.filter((t) => arabicKeywordProclitics(t) !== (ARABIC_KEYWORD.exec(t)?.[1]?.length ?? -1));
    expect(wrong.slice(0, 10)).toEqual([]);
    expect(arabicKeywordProclitics('بالقرار')).toBe(1);
    expect(arabicKeywordProclitics('وللجنة')).toBe(2);
    expect(arabicKeywordProclitics('قرارات')).toBe(0);
    expect(arabicKeywordProclitics('مجلس')).toBe(-1);
  });

  it('nearby keyword screens: the same answer as the case-insensitive expressions they replaced', () => {
    // Every code unit that such an expression folds onto a letter of the lists, and those letters.
    const letters = [...new Set([...KEYWORD_NEARBY_BEFORE.source, ...KEYWORD_NEARBY_AFTER.source])].filter((ch) =>
      /\p{L}/u.test(ch),
    );
    const folding: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      if (c >= 0xd800 && c < 0xe000) continue;
      const ch = String.fromCharCode(c);
      if (letters.some((l) => l !== ch && new RegExp(`^${l}$`, 'iu').test(ch))) folding.push(ch);
    }
    expect(folding).toContain('ſ');
    expect(folding).toContain('\u212a');
    const alphabet = [...letters, ...folding, 'İ', 'ß', ' ', "'", '-', '1', '\u0301', '😀', '\ud800'];
    const random = mulberry32(1718);
    const words = [
      ...literals(/^(?:res|rés|com|kom|aus|výb|vyb|rez|ris|scr|рез|ком|entschl|قرار|لجن|결의|決議|决议)$/u),
      ...literals(/^(?:list|regime|sayıl|sayil|sayılı|sayili|numaralı|numarali|no'lu|위원회|委|号|號|호)$/u),
    ];
    let before = 0;
    let after = 0;
    const wrong: string[] = [];
    for (let k = 0; k < 20000; k++) {
      let s = '';
      const n = 1 + Math.floor(random() * 8);
      for (let p = 0; p < n; p++) {
        if (random() < 0.3) {
          // A word of the lists with one or two letters swapped for case variants or others.
          let w = [...(words[Math.floor(random() * words.length)] as string)];
          for (let q = 0; q < 2; q++) {
            if (random() < 0.5)
              w[Math.floor(random() * w.length)] = alphabet[Math.floor(random() * alphabet.length)] as string;
          }
          if (random() < 0.5) w = w.map((ch) => (random() < 0.5 ? ch.toUpperCase() : ch));
          s += w.join('');
        } else s += alphabet[Math.floor(random() * alphabet.length)];
      }
      const b = KEYWORD_NEARBY_BEFORE.test(s);
      const a = KEYWORD_NEARBY_AFTER.test(s);
      if (b) before++;
      if (a) after++;
      if (hasKeywordNearBefore(s) !== b || hasKeywordNearAfter(s) !== a) wrong.push(JSON.stringify(s));
    }
    expect(wrong.slice(0, 10)).toEqual([]);
    expect(before).toBeGreaterThan(1000);
    expect(after).toBeGreaterThan(1000);
    expect(before).toBeLessThan(19000);
    expect(after).toBeLessThan(19000);
  });
});
