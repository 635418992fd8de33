/*
 * The prefilter's keys: word stems of which every alias of every entity contains one, once folded
 * as the matcher folds (engine/fold.ts `foldLoose`), and in which they are written here.
 * tests/engine/prefilter.test.ts fails the day an alias is added that contains none of them, or a
 * key is written unfolded. Stems, not whole aliases, so that inflected and compound forms
 * ("nordkoreanisch", "Koreańskiej") are covered by the same key. Kept apart from the prefilter so
 * that the table generator (scripts/generate-engine-tables.ts) can read them.
 */
/** Keys of names that are mentions, or make a page topical, on their own: what wakes a quiet frame. */
export const WAKE_KEYS: readonly string[] = [
  // The DPRK: every name contains "Korea" in some language, or one of the acronyms. The Romance
  // forms are listed whole ("core" alone is in French "encore" and English "score").
  'kore',
  'coree',
  'corea',
  'coreia',
  'coreen',
  'corean',
  'coreea',
  'коре',
  'κορε',
  'كوري',
  // Persian: "کره" alone folds like Arabic "الكرة" (the ball), so the other words of the names
  // (شمالی, دموکرات), written as they fold: Arabic yā' and kāf for the Persian letters.
  'شمالي',
  'دموكرات',
  'קוריא',
  'कोरिया',
  'trieu',
  '북한',
  // Three syllables: 조선 alone is also shipbuilding (조선업).
  '조선민',
  '북조선',
  '朝鮮',
  '朝鲜',
  '北韩',
  '北韓',
  'dprk',
  'd.p.r',
  'rpdc',
  'r.p.d',
  'dvrk',
  'kldr',
  'krld',
  'кндр',
  'chdcnd',
  'kdhc',
  'rrdk',
  // Resolution 1718 and its committee; also "1718 (2006)", which makes a page topical.
  '1718',
  // The Reconnaissance General Bureau.
  'rgb',
  'reconn',
  'aufklar',
  'reconoc',
  'reconhec',
  'ricogniz',
  'разведыв',
  '정찰총',
  '정찰정',
  '偵察',
  '侦察',
  'pengintai',
  'استطلاع',
  // The Multilateral Sanctions Monitoring Team; "msmt" also covers the Czech ministry's MŠMT.
  'msmt',
  'emss',
  'multilat',
  'многосторон',
  '다국적',
  '多国間',
  '多边',
  '多邊',
  '多国制',
  'عقوبات',
  'الرصد',
  'yaptir', // Turkish "yaptırım", dotless ı folded
  'pemantau',
];

/**
 * Keys of text that only matters on a page that holds one of `WAKE_KEYS` too: it never gives a
 * mention or makes a page topical on its own (tests/engine/prefilter.test.ts checks it with the
 * matcher), so a quiet frame does not wake for it. Everyday words in several languages ("panel",
 * "Experten", "especialista") would otherwise wake pages that never name the topic.
 */
export const CONTEXT_KEYS: readonly string[] = [
  // The Czech ministry of education, whose pages make "MSMT" ambiguous.
  'skolstv',
  'mladeze',
  // The UN Panel of Experts, by its "panel" or "group of" words where the bare word for
  // "expert" is ordinary prose (English, French, Korean, Chinese, Japanese).
  'panel',
  "d'expert",
  'expertos',
  'experten',
  'perit',
  'espert',
  'especialist',
  'sachverst',
  'эксперт',
  '패널',
  '家パネ',
  '家小组',
  '家小組',
];

/** Every key: what the page layer asks of each text node once a frame is awake. */
export const PREFILTER_KEYS: readonly string[] = [...WAKE_KEYS, ...CONTEXT_KEYS];
