import { describe, expect, it } from 'vitest';
import { findMentions } from '../../engine/index.ts';
import { continuesInvertedName, isBukhanPlace, isChaoxianState } from '../../engine/script-rules.ts';

/** `entity:text` for each mention (of the four highlighted entities). */
function found(text: string): string[] {
  return findMentions(text)
    .filter((m) => m.entity !== 'panel-of-experts')
    .map((m) => `${m.entity}:${m.text}`);
}

/** Span of the first occurrence of `name` in `text`, which the rule functions take. */
function spanOf(text: string, name: string, from = 0): [number, number] {
  const start = text.indexOf(name, from);
  expect(start).toBeGreaterThanOrEqual(0);
  return [start, start + name.length];
}

// Every sentence below was written for these tests.

describe('simplified Chinese 朝鲜', () => {
  const STATE: [string, string[]][] = [
    ['朝鲜昨天再次试射弹道导弹。', ['dprk:朝鲜']],
    ['安理会讨论对朝鲜的制裁措施。', ['dprk:朝鲜']],
    ['美方指责朝鲜黑客窃取加密货币。', ['dprk:朝鲜']],
    ['报道称朝鲜外务省发表了谈话。', ['dprk:朝鲜']],
    ['北朝鲜与俄罗斯签署了条约。', ['dprk:北朝鲜']],
    ['涉朝鲜的决议需要各国执行。', ['dprk:朝鲜']],
    ['有评论说朝鲜的金氏王朝延续至今。', ['dprk:朝鲜']],
    ['朝鲜谴责所谓新殖民主义政策。', ['dprk:朝鲜']],
    ['朝鲜侦察总局被指操控黑客组织。', ['dprk:朝鲜', 'rgb:侦察总局']],
  ];
  it.each(STATE)('%s', (text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  const NOT_STATE: [string, string][] = [
    ['the peninsula', '朝鲜半岛局势趋于缓和。'],
    ['the ethnic group', '延边的朝鲜族居民庆祝节日。'],
    ['the language', '她在大学学习朝鲜语和日语。'],
    ['the Korean War', '朝鲜战争于一九五三年停战。'],
    ['the historical kingdom', '朝鲜王朝延续了五百年。'],
    ['Joseon by name', '李氏朝鲜时期的文献很丰富。'],
    ['a Joseon king', '朝鲜国王派遣使臣前往北京。'],
    ['old name of South Korea', '当年报纸称南朝鲜为邻国。'],
    ['a South Korean daily', '据朝鲜日报报道,首尔下雪了。'],
    ['the army, a name of its own', '朝鲜人民军举行了阅兵。'],
    ['history: a 19th-century year', '1869年朝鲜北部发生饥荒,许多农民北迁。'],
    ['history: colonial rule', '日本帝国主义在朝鲜推行殖民统治。'],
    ['ethnic Koreans beside 朝鲜族', '朝鲜族的先民是迁入东北的朝鲜人。'],
    ['one character 朝', '中朝边境和朝韩关系。'],
  ];
  it.each(NOT_STATE)('not the state: %s', (_why, text) => {
    expect(found(text).filter((m) => m.startsWith('dprk:'))).toEqual([]);
  });

  it('decides by the span it is given (positive control and traps in one text)', () => {
    const text = '朝鲜半岛上,朝鲜继续发展导弹。';
    expect(isChaoxianState(text, ...spanOf(text, '朝鲜'))).toBe(false);
    expect(isChaoxianState(text, ...spanOf(text, '朝鲜', 3))).toBe(true);
    expect(isChaoxianState('北韩', 0, 2)).toBe(false);
  });
});

describe('traditional 朝鮮: Chinese text yes, Japanese text no', () => {
  it('is the state in traditional Chinese', () => {
    expect(found('香港媒體報道,朝鮮再次發射導彈。')).toEqual(['dprk:朝鮮']);
  });
  it('is not the state where the text is Japanese (北朝鮮 is)', () => {
    expect(found('朝鮮の伝統料理について、北朝鮮のミサイルについて。')).toEqual(['dprk:北朝鮮']);
  });
  it('keeps the compound rule in traditional script', () => {
    expect(found('朝鮮半島的和平與朝鮮戰爭的歷史。')).toEqual([]);
    expect(found('朝鮮外務省發表聲明。')).toEqual(['dprk:朝鮮']);
  });
});

describe('Korean 북한', () => {
  const STATE: [string, string[]][] = [
    ['북한은 오늘 미사일을 발사했다.', ['dprk:북한']],
    ['북한의 해커 조직이 거래소를 공격했다.', ['dprk:북한']],
    ['북한군이 러시아에 파병됐다.', ['dprk:북한']],
    ['북한산 석탄을 실은 선박이 적발됐다.', ['dprk:북한']],
    ['북한 강경파의 발언이 이어졌다.', ['dprk:북한']],
    ['북한강제노동 실태 보고서', ['dprk:북한']],
  ];
  it.each(STATE)('%s', (text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  const PLACES: [string, string][] = [
    ['the North Han river', '주말에 북한강 자전거길을 달렸다.'],
    ['the river bank', '북한강변 카페에서 커피를 마셨다.'],
    ['the stream', '북한천을 따라 산책로가 이어진다.'],
    ['the mountain fortress', '북한산성 입구에서 만났다.'],
    ['the national park', '북한산국립공원 탐방로가 붐볐다.'],
    ['the mountain on a hiking page', '가을 등산 코스로 북한산을 추천합니다. 정상까지 세 시간.'],
  ];
  it.each(PLACES)('not the state: %s', (_why, text) => {
    expect(found(text)).toEqual([]);
  });

  it('tells the river from a word starting with 강 (positive control)', () => {
    const river = '북한강 풍경';
    const hardliners = '북한강경파';
    expect(isBukhanPlace(river, 0, 2)).toBe(true);
    expect(isBukhanPlace(hardliners, 0, 2)).toBe(false);
  });

  it('reads Korean names whatever their spacing', () => {
    expect(found('다국적제재 모니터링팀이 보고서를 냈다.')).toEqual(['msmt:다국적제재 모니터링팀']);
    expect(found('다국적 제재 모니터링 팀의 보고서')).toEqual(['msmt:다국적 제재 모니터링 팀']);
    // One syllable before a space is too little: "남북 한자리" is not 북한.
    expect(found('남북 한자리에 모였다. 북한 대표도 왔다.')).toEqual(['dprk:북한']);
  });

  it('knows the RGB under its 2025 name', () => {
    expect(found('정찰총국이 정찰정보총국으로 확대 개편됐다.')).toEqual(['rgb:정찰총국', 'rgb:정찰정보총국']);
  });
});

describe('Arabic, Persian and Hebrew proclitics and adjectives', () => {
  const ROWS: [string, string, string[]][] = [
    ['ar wa-', 'تعاون بين روسيا وكوريا الشمالية', ['dprk:كوريا الشمالية']],
    ['ar li-', 'رسالة لجمهورية كوريا الشعبية الديمقراطية', ['dprk:جمهورية كوريا الشعبية الديمقراطية']],
    ['ar bi- on the resolution', 'التزام الدول بالقرار 1718 (2006)', ['unsc-1718:القرار 1718']],
    ['ar wa-bi-', 'وبكوريا الشمالية مصانع', ['dprk:كوريا الشمالية']],
    ['ar nisba', 'قال الزعيم الكوري الشمالي إن', ['dprk:الكوري الشمالي']],
    ['ar feminine nisba', 'ذكرت الوكالة الكورية الشمالية', ['dprk:الكورية الشمالية']],
    ['ar plural nisba', 'اتهم ثلاثة عملاء كوريين شماليين', ['dprk:كوريين شماليين']],
    ['ar after a hyphen', 'التحالف الروسي-الكوري الشمالي', ['dprk:الكوري الشمالي']],
    ['ar with harakat', 'كُورِيَا الشَّمَالِيَّة', ['dprk:كُورِيَا الشَّمَالِيَّة']],
    ['ar short form', 'وفد كوريا الديمقراطية', ['dprk:كوريا الديمقراطية']],
    [
      'ar team with li-',
      'الاجتماع الأول لمجموعة مراقبة العقوبات المتعددة الأطراف',
      ['msmt:مجموعة مراقبة العقوبات المتعددة الأطراف'],
    ],
    ['ar tatweel before an acronym', 'فرضت عقوبات، وقال متحدث لـMSMT', ['msmt:MSMT']],
    ['ar agency', 'قراصنة مكتب الاستطلاع العام', ['rgb:مكتب الاستطلاع العام']],
    ['fa Persian letters', 'سفیر کره شمالی در تهران', ['dprk:کره شمالی']],
    ['fa official name', 'جمهوری دموکراتیک خلق کره اعلام کرد', ['dprk:جمهوری دموکراتیک خلق کره']],
    ['he be-', 'הניסוי בצפון קוריאה', ['dprk:צפון קוריאה']],
    ['he ha- adjective', 'ההאקרים הצפון קוריאנים', ['dprk:צפון קוריאנים']],
    ['he maqaf', 'ממשלת צפון־קוריאה', ['dprk:צפון־קוריאה']],
  ];
  it.each(ROWS)('%s', (_why, text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  const TRAPS: [string, string][] = [
    ['South Korea', 'زار رئيس كوريا الجنوبية واشنطن'],
    ['South Korean adjective', 'الجيش الكوري الجنوبي'],
    ['Korean alone', 'المطبخ الكوري مشهور'],
    ['ka- inside an ordinary word', 'تعمل ككيان مستقل'],
    ['the Workers’ Party', 'حزب العمال الكوري'],
  ];
  it.each(TRAPS)('not the DPRK: %s', (_why, text) => {
    expect(found(text)).toEqual([]);
  });

  it('accepts one to three proclitics at the start of the word only', () => {
    expect(found('وبكوريا الشمالية')).toEqual(['dprk:كوريا الشمالية']);
    expect(found('فوبكوريا الشمالية')).toEqual(['dprk:كوريا الشمالية']);
    expect(found('ساكوريا الشمالية')).toEqual([]); // "سا" is not a proclitic sequence
    expect(found('ووووكوريا الشمالية')).toEqual([]); // more than three
  });
});

describe('sanctions-list forms', () => {
  it('reads inverted nationality entries', () => {
    expect(found('Passport 123 (Korea, North) expires 2030; citizen Korea, North; nationality')).toEqual([
      'dprk:Korea, North',
      'dprk:Korea, North',
    ]);
    expect(found("Korea (Democratic People's Republic of)")).toEqual(["dprk:Korea (Democratic People's Republic of)"]);
    expect(found("Korea, Dem. People's Rep.; Korea, Democratic People's Republic of")).toEqual([
      "dprk:Korea, Dem. People's Rep.",
      "dprk:Korea, Democratic People's Republic of",
    ]);
  });

  it('does not read a name that goes on', () => {
    expect(found('Exports from Korea, North America and Europe rose.')).toEqual([]);
    expect(found('Korea, North and South, share a peninsula.')).toEqual([]);
    expect(continuesInvertedName('Korea, North America', 'Korea, North', 12)).toBe(true);
    expect(continuesInvertedName('Korea, North;', 'Korea, North', 12)).toBe(false);
  });

  it('keeps programme tags out, also when a CSV field split their brackets', () => {
    expect(found('"ACME TRADING","DPRK] [DPRK2",-0-')).toEqual([]);
    expect(found('Program: [DPRK3] [DPRK-NKSPEA]')).toEqual([]);
    expect(found('They [the DPRK] said no.')).toEqual(['dprk:DPRK']);
  });

  it('reads other abbreviations', () => {
    expect(found('N.Korea and D.P.R. Korea')).toEqual(['dprk:N.Korea', 'dprk:D.P.R. Korea']);
    expect(found('N Korea fires missile, S Korea responds')).toEqual(['dprk:N Korea']);
  });
});

describe('resolution 1718, its committee, list and regime', () => {
  const ROWS: [string, string, string[]][] = [
    ['en list', 'Vessels on the 1718 Sanctions List may not dock.', ['unsc-1718:1718 Sanctions List']],
    ['en regime', 'Evasion of the 1718 sanctions regime grew.', ['unsc-1718:1718 sanctions regime']],
    [
      'en designated list',
      'The UN 1718 Designated Vessels List was updated.',
      ['unsc-1718:1718 Designated Vessels List'],
    ],
    ['en glued', 'Under UNSCR1718 all states must act.', ['unsc-1718:UNSCR1718']],
    ['de', 'Die Entschließung 1718 des Sicherheitsrats', ['unsc-1718:Entschließung 1718']],
    ['de committee', 'Experten des VN 1718 Sanktionskomitees', ['unsc-1718:1718 Sanktionskomitees']],
    ['ru', 'Совбез ООН принял резолюцию номер 1718.', ['unsc-1718:резолюцию номер 1718']],
    [
      'uk',
      'Рада Безпеки ООН ухвалила резолюцію 1718 і створила Комітет 1718.',
      ['unsc-1718:резолюцію 1718', 'unsc-1718:Комітет 1718'],
    ],
    ['tr numbered', 'BM 1718 sayılı iki kararı kabul etti.', ['unsc-1718:1718 sayılı']],
    ['tr inflected karar', 'BM 1718 sayılı kararı kabul etti.', ['unsc-1718:1718 sayılı kararı']],
    ['tr with karar', 'BM Güvenlik Konseyi 1718 sayılı karar ile', ['unsc-1718:1718 sayılı karar']],
    ['tr committee', 'BM 1718 Yaptırımlar Komitesi toplandı.', ['unsc-1718:1718 Yaptırımlar Komitesi']],
    [
      'ko bare',
      '안보리 결의 1718호는 제재를 규정한다. 1718호는 2006년에 채택됐다.',
      ['unsc-1718:결의 1718호', 'unsc-1718:1718호'],
    ],
    ['zh year inside', '安理会通过了第1718(2006)号决议。', ['unsc-1718:第1718(2006)号决议']],
    [
      'zh sanctions committee',
      '安理会1718制裁委员会和1718号制裁委员会',
      ['unsc-1718:1718制裁委员会', 'unsc-1718:1718号制裁委员会'],
    ],
    ['zh list', '安理会第1718号、第1874号和第2094号决议都适用。', ['unsc-1718:第1718号']],
    ['ar sanctions committee', 'اجتمعت لجنة العقوبات 1718 أمس', ['unsc-1718:لجنة العقوبات 1718']],
    ['ar committee', 'اجتمعت لجنة 1718 التابعة لمجلس الأمن', ['unsc-1718:لجنة 1718']],
    ['cs', 'rezoluce Rady bezpečnosti OSN č. 1718', ['unsc-1718:rezoluce Rady bezpečnosti OSN č. 1718']],
    ['es committee', 'el Comité de Sanciones 1718 de la ONU', ['unsc-1718:Comité de Sanciones 1718']],
  ];
  it.each(ROWS)('%s', (_why, text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  const TRAPS: [string, string][] = [
    ['a year', 'In 1718 the city was founded.'],
    ['a Korean room number', '유엔 사무실 1718호실에서 회의가 열렸다.'],
    ['a Korean issue number', '관보 제1718호에 실렸다.'],
    ['a Turkish year', '1718 yılında imzalanan antlaşma'],
    ['a Turkish law', 'BM kararları ve 1718 sayılı Kanun ile Yönetmelik'],
    ['an identifier', 'id: un-1718, path /sanctions/1718/'],
  ];
  it.each(TRAPS)('not the resolution: %s', (_why, text) => {
    expect(found(text)).toEqual([]);
  });
});

describe('names of the team and the agency in more languages', () => {
  const ROWS: [string, string, string[]][] = [
    ['zh team', '多边制裁监测组发布报告。', ['msmt:多边制裁监测组']],
    ['zh team, 11 countries', '十一国成立多国制裁监测组。', ['msmt:多国制裁监测组']],
    ['ar team', 'أصدر فريق مراقبة العقوبات متعدد الأطراف تقريره', ['msmt:فريق مراقبة العقوبات متعدد الأطراف']],
    ['tr team', "Çok Taraflı Yaptırımları İzleme Ekibi'nin raporu", ['msmt:Çok Taraflı Yaptırımları İzleme Ekibi']],
    ['id team', 'Tim Pemantau Sanksi Multilateral menerbitkan laporan.', ['msmt:Tim Pemantau Sanksi Multilateral']],
    ['id agency', 'peretas Biro Umum Pengintaian', ['rgb:Biro Umum Pengintaian']],
    ['id acronym', 'peretas RRDK mencuri kripto', ['dprk:RRDK']],
    ['es agency', 'vinculadas a la Oficina de Reconocimiento General', ['rgb:Oficina de Reconocimiento General']],
    [
      'en renamed agency',
      'the Reconnaissance Information General Bureau, once the RGB',
      ['rgb:Reconnaissance Information General Bureau', 'rgb:RGB'],
    ],
    ['ja renamed agency', '偵察情報総局から報告を受けた。', ['rgb:偵察情報総局']],
    ['ru agency', 'хакеры Генерального разведывательного бюро', ['rgb:Генерального разведывательного бюро']],
    ['tr', "Kuzey Kore'nin ve KDHC'nin tutumu", ['dprk:Kuzey Kore', 'dprk:KDHC']],
    ['hi', 'उत्तर कोरियाई हैकर', ['dprk:उत्तर कोरियाई']],
    ['vi', 'Cộng hòa Dân chủ Nhân dân Triều Tiên và Lào', ['dprk:Cộng hòa Dân chủ Nhân dân Triều Tiên']],
  ];
  it.each(ROWS)('%s', (_why, text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  it('keeps the Lao PDR out (the name shares its first words)', () => {
    expect(found('Cộng hòa Dân chủ Nhân dân Lào')).toEqual([]);
  });

  it('folds Turkish dotless i both ways', () => {
    expect(found('ÇOK TARAFLI YAPTIRIM İZLEME EKİBİ')).toEqual(['msmt:ÇOK TARAFLI YAPTIRIM İZLEME EKİBİ']);
  });
});
