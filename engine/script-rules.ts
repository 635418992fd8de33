/**
 * Language-specific rules for names whose bare form is ambiguous. Each takes the text and the
 * span of an alias match and says whether that match names the DPRK state.
 */

const CHAOXIAN_SIMPLIFIED = '朝鲜';
const CHAOXIAN_TRADITIONAL = '朝鮮';

/**
 * Compounds in which 朝鲜 / 朝鮮 names the peninsula, the people, the language, the war, the
 * historical kingdom (its dynasty, kings and envoys), South Korean media or a plant, not today's state; and the proper names
 * 朝鲜人民军 / 朝鲜劳动党 / 朝鲜中央通讯社, which are entities of their own.
 */
const CHAOXIAN_NOT_STATE_AFTER =
  /^(?:半[岛島]|族|[语語]|文|[战戰]争|[战戰]爭|王|[国國]王|使臣|使[节節]|[时時]代|日[报報]|人民[军軍]|[劳勞][动動][党黨]|中央通[讯訊]社|中央[电電]视台|中央[电電]視台|[总總][督]|海峡|海峽|民族|通信使|[蓟薊]|人[参蔘參]|八道|李朝|[冷]面|泡菜)/u;
/** 南朝鲜 is the old name of South Korea; the others name historical Korean states. */
const CHAOXIAN_NOT_STATE_BEFORE = /(?:南|古|李氏|箕子|[卫衛]满|[卫衛]滿|檀君|[统統]一)$/u;
/**
 * Words that put 朝鲜 in history (before the state existed in 1948): a year before 1945,
 * a century up to the 19th, the Joseon court, the Qing and Ming, Japanese colonial rule, ancestors.
 * (Not "dynasty" or "colonialism" alone: today's press writes of the Kim dynasty and of
 * Pyongyang denouncing neo-colonialism.)
 */
const HISTORY =
  /(?:^|[^\d])(?:1[0-8]\d\d|19[0-3]\d|194[0-4])年|(?:1\d|十[一二三四五六七八九]?)世[纪紀]|封建|朝[鲜鮮]王朝|李氏朝[鲜鮮]|清朝|明朝|清政府|清廷|日本帝[国國]主[义義]|殖民[统統]治|殖民地|日据|日據|高[丽麗](?:王朝|[时時]期)|朝[贡貢]|藩[属屬]|李朝|先民|祖先/u;
const HISTORY_RADIUS = 60;
const ETHNIC = /朝[鲜鮮]族/u;
/** Kana: the text is Japanese, where bare 朝鮮 is not the state (北朝鮮 is). */
const KANA = /[\u3041-\u3096\u30a1-\u30fa]/u;
const KANA_RADIUS = 200;

/**
 * Is the bare 朝鲜 (simplified) or 朝鮮 (traditional) at [start, end) the DPRK? In mainland and
 * Hong Kong Chinese it is, inside compounds too (朝鲜黑客, 对朝鲜); not in the set compounds
 * above, not in historical text, and 朝鮮 not in Japanese text. False for any other alias.
 */
export function isChaoxianState(text: string, start: number, end: number): boolean {
  const name = text.slice(start, end);
  if (name !== CHAOXIAN_SIMPLIFIED && name !== CHAOXIAN_TRADITIONAL) return false;
  if (CHAOXIAN_NOT_STATE_AFTER.test(text.slice(end, end + 6))) return false;
  if (CHAOXIAN_NOT_STATE_BEFORE.test(text.slice(Math.max(0, start - 3), start))) return false;
  if (name === CHAOXIAN_TRADITIONAL) {
    const around = text.slice(Math.max(0, start - KANA_RADIUS), end + KANA_RADIUS);
    if (KANA.test(around)) return false;
  }
  const around = text.slice(Math.max(0, start - HISTORY_RADIUS), end + HISTORY_RADIUS);
  // Beside 朝鲜族 (the Korean ethnic group of China), 朝鲜人 means ethnic Koreans.
  if (text.charAt(end) === '人' && ETHNIC.test(around)) return false;
  return !HISTORY.test(around);
}

/** True when the alias match is a bare 朝鲜 / 朝鮮, which {@link isChaoxianState} decides. */
export function isBareChaoxian(alias: string): boolean {
  return alias === CHAOXIAN_SIMPLIFIED || alias === CHAOXIAN_TRADITIONAL;
}

const BUKHAN = '북한';
/** 북한강 (the North Han river) and 북한천 (a stream); 강 followed by these is another word (강경파, 강제). */
const RIVER = /^[강천]/u;
const NOT_RIVER = /^강[경제화조요력행국압점]/u;
/** 북한산 (the mountain, its fortress and national park) as opposed to 북한산 "made in North Korea". */
const MOUNTAIN =
  /^산(?:성|국립|둘레|자락|등산|정상|백운|산행|계곡|우이|입구|탐방|[을를에이은]\s*(?:올|오르|등|찾|넘|바라))/u;
const MOUNTAIN_WORDS = /등산|산행|국립공원|둘레길|등반|봉우리|하이킹|트레킹|탐방로|정상까지/u;
const MOUNTAIN_RADIUS = 150;

/**
 * Is 북한 at [start, end) part of a Korean place name rather than the DPRK? 북한강 and 북한천 are
 * rivers; 북한산 is the mountain when followed by a mountain word or on a text about hiking, and
 * otherwise "North Korean-made" (북한산 석탄), which is the DPRK. False for any other alias.
 */
export function isBukhanPlace(text: string, start: number, end: number): boolean {
  if (text.slice(start, end) !== BUKHAN) return false;
  const after = text.slice(end, end + 12);
  if (RIVER.test(after)) return !NOT_RIVER.test(after);
  if (!after.startsWith('산')) return false;
  if (MOUNTAIN.test(after)) return true;
  return MOUNTAIN_WORDS.test(text.slice(Math.max(0, start - MOUNTAIN_RADIUS), end + MOUNTAIN_RADIUS));
}

/** True for an inverted list form of a name ending in ", North" ("Korea, North"). */
export function isInvertedNorthAlias(alias: string): boolean {
  return /,\s*North$/iu.test(alias);
}

/**
 * Inverted list forms ("Korea, North", as sanctions lists write nationalities) are the DPRK
 * unless the words go on as another name: "Korea, North America", "Korea, North and South".
 * True when the text after such a match ending at `end` goes on that way.
 */
export function continuesAfterNorth(text: string, end: number): boolean {
  const after = text.slice(end, end + 16);
  return /^[ \t\u00a0]+\p{Lu}/u.test(after) || /^\s*(?:and|&|or)\s+South\b/iu.test(after);
}

/**
 * True when `alias` is an inverted form (see {@link isInvertedNorthAlias}) and its match ending at
 * `end` continues as another name (see {@link continuesAfterNorth}); false for any other alias.
 */
export function continuesInvertedName(text: string, alias: string, end: number): boolean {
  return isInvertedNorthAlias(alias) && continuesAfterNorth(text, end);
}
