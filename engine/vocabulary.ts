/**
 * Context vocabulary used to decide the ambiguous short forms. Words are matched on folded text
 * (lower case, no diacritics, hyphens as spaces), whole words only.
 */

function words(list: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${list})(?![\\p{L}\\p{N}])`, 'u');
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
export const UN_ACRONYMS =
  /(?<![\p{L}\p{N}])(?:UN|ONU|OON|ООН|OSN|VN|UNSC|CSNU|UNSCR|BM|BMGK|PBB|LHQ)(?![\p{L}\p{N}])/u;
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
