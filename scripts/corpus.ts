/**
 * Seeded generator of multilingual test prose for benchmarks: mostly filler that mentions nothing,
 * with about one real-looking entity mention per 2 KB and as many look-alike distractors (RGB LEDs,
 * `rgb()` colours, South Korea, "in 1718", MŠMT…). Same seed and options, same text, on any machine.
 *
 * Pure TypeScript with no Node or DOM imports, so page benchmarks can run it inside a browser too.
 */

/** Languages the filler is written in. CJK languages other than Korean are written without word spaces. */
export const CORPUS_LANGUAGES = ['en', 'fr', 'de', 'es', 'it', 'pt', 'nl', 'ru', 'ko', 'ja', 'zh'] as const;
export type CorpusLanguage = (typeof CORPUS_LANGUAGES)[number];

export interface CorpusOptions {
  /** Any 32-bit integer; the same seed always yields the same text. */
  seed: number;
  /** Stop once the text reaches this many UTF-8 bytes (paragraph granularity, so slightly more). */
  bytes: number;
  /** Average UTF-8 bytes between planted entity mentions. Default 2048. */
  mentionEvery?: number;
  /** Average UTF-8 bytes between planted distractors. Default 2048. */
  distractorEvery?: number;
}

export interface Corpus {
  paragraphs: string[];
  /** Sentences with an entity mention that were planted (some hold two, e.g. "the RGB … the DPRK"). */
  plantedMentions: number;
  plantedDistractors: number;
  /** Total UTF-8 size of the paragraphs (without separators). */
  bytes: number;
}

/** mulberry32: a tiny, fast, well-mixed 32-bit PRNG. Returns a function yielding floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Filler written for this corpus: everyday vocabulary about weather, cooking, travel and offices,
// chosen so that no word contains an alias (no "Korea", "rgb", "1718", "msmt", 북한, 北朝鮮…).
const WORDS: Record<CorpusLanguage, readonly string[]> = {
  en: (
    'the a of and to in garden morning river bread window market letter quiet bright walked carefully ' +
    'along under between several neighbours kitchen autumn station bicycle library afternoon recipe ' +
    'mountain village painted evening orchestra weather journey notebook harbour lantern gentle ' +
    'remembered planted whispered ordinary shelves meadow ceramic coffee travelled rainfall schedule'
  ).split(' '),
  fr: (
    'le la les un une des du et dans sur avec jardin matin rivière pain fenêtre marché lettre calme ' +
    'lumineux marchait doucement voisins cuisine automne gare vélo bibliothèque après-midi recette ' +
    'montagne village peint soir orchestre météo voyage carnet port lanterne souvenir étagères prairie'
  ).split(' '),
  de: (
    'der die das ein eine und mit im auf Garten Morgen Fluss Brot Fenster Markt Brief ruhig hell ' +
    'spazierte vorsichtig Nachbarn Küche Herbst Bahnhof Fahrrad Bibliothek Nachmittag Rezept Berg ' +
    'Dorf gemalt Abend Orchester Wetter Reise Notizbuch Hafen Laterne sanft erinnerte Regale Wiese'
  ).split(' '),
  es: (
    'el la los las un una y en con sobre jardín mañana río pan ventana mercado carta tranquilo ' +
    'brillante caminaba despacio vecinos cocina otoño estación bicicleta biblioteca tarde receta ' +
    'montaña pueblo pintado noche orquesta tiempo viaje cuaderno puerto farol suave recordaba'
  ).split(' '),
  it: (
    'il la lo gli una e di con sul giardino mattina fiume pane finestra mercato lettera tranquillo ' +
    'luminoso camminava piano vicini cucina autunno stazione bicicletta biblioteca pomeriggio ricetta ' +
    'montagna paese dipinto sera orchestra tempo viaggio quaderno porto lanterna dolce ricordava'
  ).split(' '),
  pt: (
    'o a os as um uma e em com sobre jardim manhã rio pão janela mercado carta tranquilo brilhante ' +
    'caminhava devagar vizinhos cozinha outono estação bicicleta biblioteca tarde receita montanha ' +
    'aldeia pintado noite orquestra tempo viagem caderno porto lanterna suave lembrava prateleiras'
  ).split(' '),
  nl: (
    'de het een en met in op tuin ochtend rivier brood raam markt brief rustig helder wandelde ' +
    'voorzichtig buren keuken herfst station fiets bibliotheek middag recept berg dorp geschilderd ' +
    'avond orkest weer reis notitieboek haven lantaarn zacht herinnerde planken weide koffie'
  ).split(' '),
  ru: (
    'и в на с по сад утро река хлеб окно рынок письмо тихий светлый шёл осторожно соседи кухня ' +
    'осень вокзал велосипед библиотека вечер рецепт гора деревня нарисованный оркестр погода ' +
    'путешествие тетрадь гавань фонарь мягкий вспомнил полки луг кофе расписание дождь'
  ).split(' '),
  ko: (
    '정원 아침 강 빵 창문 시장 편지 조용한 밝은 천천히 걸었다 이웃 부엌 가을 기차역 자전거 ' +
    '도서관 오후 요리법 산 마을 그림 저녁 악단 날씨 여행 공책 항구 등불 부드러운 기억했다 ' +
    '선반 들판 커피 일정 비가 그리고 에서 으로'
  ).split(' '),
  ja: (
    '庭 朝 川 パン 窓 市場 手紙 静かな 明るい ゆっくり 歩いた 近所 台所 秋 駅 自転車 図書館 ' +
    '午後 料理 山 村 絵 夕方 楽団 天気 旅 ノート 港 灯り やさしい 思い出した 棚 野原 珈琲 予定 雨 ' +
    'の は を に で と'
  ).split(' '),
  zh: (
    '花园 早晨 河流 面包 窗户 市场 信件 安静 明亮 慢慢 走过 邻居 厨房 秋天 车站 自行车 图书馆 ' +
    '下午 菜谱 山 村庄 画 傍晚 乐团 天气 旅行 笔记本 港口 灯笼 温柔 想起 书架 草地 咖啡 日程 雨 ' +
    '的 在 和 了'
  ).split(' '),
};

const NO_SPACES: ReadonlySet<CorpusLanguage> = new Set(['ja', 'zh']);
const FULL_STOP: Partial<Record<CorpusLanguage, string>> = { ja: '。', zh: '。' };

/**
 * Real-looking mention sentences, written for this corpus. Every sentence names at least one of the
 * four highlighted entities the way news and reports do (including short forms in an agency context).
 */
export const MENTION_SENTENCES: readonly string[] = [
  'Officials said North Korea had tested another missile.',
  'The DPRK rejected the findings of the report.',
  'North Korean hackers were blamed for the exchange breach.',
  'Resolution 1718 was adopted unanimously in 2006.',
  'The 1718 Committee oversees the sanctions regime.',
  "The Reconnaissance General Bureau is Pyongyang's main intelligence agency.",
  'Investigators traced the theft to the RGB, the DPRK intelligence agency.',
  'The Multilateral Sanctions Monitoring Team published its second report.',
  'According to the MSMT, IT workers earned money for weapons programmes.',
  'Le rapport accuse la Corée du Nord de vols de cryptomonnaies.',
  'Des informaticiens nord-coréens travaillent sous de fausses identités.',
  'La RPDC conteste les conclusions du Comité 1718.',
  'Die Sanktionen gegen Nordkorea bleiben in Kraft.',
  'Experten sprechen von Nordkoreas wachsender Cyberkapazität.',
  'El informe sobre Corea del Norte se publicó en octubre.',
  'La resolución 1718 impuso un embargo de armas.',
  'Il rapporto della Corea del Nord è stato discusso ieri.',
  'O relatório sobre a Coreia do Norte foi publicado ontem.',
  'Санкции против КНДР остаются в силе.',
  'Эксперты обсуждали ракетную программу Северной Кореи.',
  '북한 해커들이 가상자산을 탈취했다.',
  '보고서는 정찰총국을 지목했다.',
  '北朝鮮のIT労働者が偽の身分で働いていた。',
  '1718委員会の専門家パネルは2024年に終了した。',
  '朝鲜民主主义人民共和国拒绝了该报告。',
];

/** Look-alikes that must not be read as mentions by a careful engine (a naive list catches several). */
export const DISTRACTOR_SENTENCES: readonly string[] = [
  'The keyboard has RGB LED lighting in sixteen colours.',
  'Set the border to rgb(255, 0, 0) and the text to rgba(0, 0, 0, 0.8).',
  'Export the photo as sRGB before printing.',
  'South Korea and Japan signed a trade agreement.',
  'The Republic of Korea hosted the summit.',
  'The house was built in 1718 by a merchant family.',
  'Installation failed with Error 1718 on the second attempt.',
  'Security Council resolution 2397 was adopted in 2017.',
  'Žádost podejte na MŠMT do konce měsíce.',
  'The Lao PDR joined the regional bank in 1966.',
  'The DPR leaders announced new elections in Donetsk.',
  'Korea is famous for its mountains and its food.',
  'The price was 1718 euros including tax.',
];

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T;
}

/** UTF-8 length without TextEncoder, so the count is the same in Node and in any page. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function fillerSentence(random: () => number, lang: CorpusLanguage): string {
  const words = WORDS[lang];
  const count = 6 + Math.floor(random() * 11);
  const parts: string[] = [];
  for (let i = 0; i < count; i++) parts.push(pick(random, words));
  if (NO_SPACES.has(lang)) return parts.join('') + (FULL_STOP[lang] ?? '.');
  const sentence = parts.join(' ');
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
}

/** A gap drawn uniformly from 0.25–1.75 × `mean` bytes, so planted sentences do not fall on a fixed grid. */
function nextGap(random: () => number, mean: number): number {
  return Math.max(1, Math.round(mean * (0.25 + 1.5 * random())));
}

/**
 * Generates paragraphs (3–9 sentences each, one language per paragraph) until `bytes` UTF-8 bytes,
 * with mentions and distractors planted at the requested average spacing.
 * Returns an empty corpus when `bytes` ≤ 0; never throws.
 */
export function generateCorpus(options: CorpusOptions): Corpus {
  const random = mulberry32(options.seed);
  const mentionEvery = options.mentionEvery ?? 2048;
  const distractorEvery = options.distractorEvery ?? 2048;
  const paragraphs: string[] = [];
  let bytes = 0;
  let plantedMentions = 0;
  let plantedDistractors = 0;
  let untilMention = nextGap(random, mentionEvery);
  let untilDistractor = nextGap(random, distractorEvery);
  while (bytes < options.bytes) {
    const lang = pick(random, CORPUS_LANGUAGES);
    const separator = NO_SPACES.has(lang) ? '' : ' ';
    const sentences: string[] = [];
    const count = 3 + Math.floor(random() * 7);
    for (let i = 0; i < count; i++) {
      const sentence = fillerSentence(random, lang);
      sentences.push(sentence);
      const size = utf8Length(sentence) + separator.length;
      untilMention -= size;
      untilDistractor -= size;
      if (untilMention <= 0) {
        sentences.push(pick(random, MENTION_SENTENCES));
        plantedMentions++;
        untilMention = nextGap(random, mentionEvery);
      }
      if (untilDistractor <= 0) {
        sentences.push(pick(random, DISTRACTOR_SENTENCES));
        plantedDistractors++;
        untilDistractor = nextGap(random, distractorEvery);
      }
    }
    const paragraph = sentences.join(separator);
    paragraphs.push(paragraph);
    bytes += utf8Length(paragraph);
  }
  return { paragraphs, plantedMentions, plantedDistractors, bytes };
}

/** The paragraphs of `generateCorpus(options)`; an empty array when `bytes` ≤ 0. */
export function generateParagraphs(options: CorpusOptions): string[] {
  return generateCorpus(options).paragraphs;
}

/** The corpus as one string, paragraphs separated by blank lines; empty when `bytes` ≤ 0. */
export function generateText(options: CorpusOptions): string {
  return generateParagraphs(options).join('\n\n');
}
