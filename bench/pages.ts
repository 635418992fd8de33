/**
 * Seeded HTML pages for `npm run bench`: static articles of a given size of visible text, a page
 * that keeps appending paragraphs (the MutationObserver path), and a page for the highlight-trap
 * micro-benchmark. Text comes from scripts/corpus.ts, so the same seed gives the same page anywhere.
 */
import { DISTRACTOR_SENTENCES, generateCorpus, MENTION_SENTENCES, mulberry32 } from '../scripts/corpus.ts';

/** Page-side flags the harness polls; names are shared with the reference extensions. */
export const FLAGS = {
  /** Set by the floor extension (performance.now() of its last finished read). */
  floorDone: 'benchFloorDone',
  /** Set by the mark.js extension when `markRegExp` calls `done`. */
  markDone: 'benchMarkDone',
  /** Set by the naive extension once its Highlight is registered (and after each added batch). */
  naiveDone: 'benchNaiveDone',
  /** Set by the mutation page after its last batch. */
  appended: 'benchAppended',
} as const;

export interface GeneratedPage {
  html: string;
  /** UTF-8 bytes of the corpus text shown on the page (headings and table labels not counted). */
  textBytes: number;
  /** Text nodes the page's body has once fully built, whitespace-only ones included. */
  textNodes: number;
  plantedMentions: number;
  plantedDistractors: number;
  /** Further same-origin documents the page loads (its frames), by path. */
  routes?: Record<string, string>;
  /** Frames the page embeds. */
  frames?: number;
}

const PLANTED: ReadonlySet<string> = new Set([...MENTION_SENTENCES, ...DISTRACTOR_SENTENCES]);
const INLINE_TAGS = ['a', 'em', 'strong', 'span', 'code', 'b'] as const;

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Sentences of a corpus paragraph: split after ". " (Latin scripts) or after "。" (CJK). */
function sentencesOf(paragraph: string): string[] {
  return paragraph.split(/(?<=[.!?])\s+|(?<=。)/).filter((s) => s.length > 0);
}

/** Counts text nodes as the parser will create them: one per run of text between two tags. */
function countTextNodes(bodyHtml: string): number {
  let count = 0;
  let inTag = false;
  let inText = false;
  for (let i = 0; i < bodyHtml.length; i++) {
    const c = bodyHtml.charCodeAt(i);
    if (c === 60 /* < */) {
      inTag = true;
      inText = false;
    } else if (c === 62 /* > */) {
      inTag = false;
    } else if (!inTag && !inText) {
      inText = true;
      count++;
    }
  }
  return count;
}

/**
 * A filler sentence with a run of 1–3 words wrapped in an inline element, as article markup has
 * (links, emphasis, code). Planted sentences stay whole, so no mention is split across elements.
 */
function markupSentence(random: () => number, sentence: string): string {
  if (PLANTED.has(sentence) || random() < 0.35) return escapeHtml(sentence);
  const words = sentence.split(' ');
  if (words.length < 4) {
    const tag = INLINE_TAGS[Math.floor(random() * INLINE_TAGS.length)] as string;
    return tag === 'a' ? `<a href="#s">${escapeHtml(sentence)}</a>` : `<${tag}>${escapeHtml(sentence)}</${tag}>`;
  }
  const from = 1 + Math.floor(random() * (words.length - 3));
  const to = Math.min(words.length - 1, from + 1 + Math.floor(random() * 3));
  const tag = INLINE_TAGS[Math.floor(random() * INLINE_TAGS.length)] as string;
  const inner = escapeHtml(words.slice(from, to).join(' '));
  const open = tag === 'a' ? `<a href="#w${from}">` : `<${tag}>`;
  return `${escapeHtml(words.slice(0, from).join(' '))} ${open}${inner}</${tag}> ${escapeHtml(words.slice(to).join(' '))}`;
}

function paragraphHtml(random: () => number, paragraph: string): string {
  return `<p>${sentencesOf(paragraph)
    .map((s) => markupSentence(random, s))
    .join(' ')}</p>`;
}

function listHtml(random: () => number, paragraph: string): string {
  const items = sentencesOf(paragraph).map((s) => `<li>${markupSentence(random, s)}</li>`);
  const tag = random() < 0.5 ? 'ul' : 'ol';
  return `<${tag}>\n${items.join('\n')}\n</${tag}>`;
}

function tableHtml(random: () => number, paragraph: string, index: number): string {
  const rows = sentencesOf(paragraph).map(
    (s, i) => `<tr><td>${index}.${i + 1}</td><td>${markupSentence(random, s)}</td><td>${s.length}</td></tr>`,
  );
  return `<table><thead><tr><th>#</th><th>Note</th><th>Length</th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

/**
 * Runs in the page: records long tasks and long animation frames from the start, before any
 * extension can cause one. Both, because Chromium 156 leaves work done in a content script's
 * requestAnimationFrame callback out of 'longtask' entries (a 1.1 s frame showed up only as a
 * long animation frame), while 'long-animation-frame' includes it.
 */
export const LONG_TASK_RECORDER = `(() => {
  window.__benchLongTasks = [];
  window.__benchLongFrames = [];
  const record = (type, into) => {
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) into.push({ start: e.startTime, duration: e.duration });
      }).observe({ type, buffered: true });
    } catch {}
  };
  record('longtask', window.__benchLongTasks);
  record('long-animation-frame', window.__benchLongFrames);
})();`;

const PAGE_CSS = `body { font: 16px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 0 auto; padding: 1rem; }
table { border-collapse: collapse; } td, th { border: 1px solid #ccc; padding: 2px 6px; }
nav a { margin-right: 1em; }`;

/** Planting spacing that never plants: a page that never names the topic (nor its distractors). */
const NEVER = Number.MAX_SAFE_INTEGER;

/**
 * A static page of articles (headings, paragraphs with inline markup, lists, tables) holding at
 * least `bytes` UTF-8 bytes of corpus text; with `topicFree`, no mention and no distractor is
 * planted; with `invisibles`, soft hyphens and zero-width joiners are written in. Returns a page
 * with only the frame when `bytes` ≤ 0.
 */
export function staticPage(options: {
  seed: number;
  bytes: number;
  title?: string;
  topicFree?: boolean;
  /** Written as many sites write: a soft hyphen in every long word, an emoji ZWJ sequence in every fourth paragraph. */
  invisibles?: boolean;
}): GeneratedPage {
  const corpus = generateCorpus({
    seed: options.seed,
    bytes: options.bytes,
    ...(options.topicFree ? { mentionEvery: NEVER, distractorEvery: NEVER } : {}),
  });
  if (options.invisibles) {
    corpus.paragraphs = corpus.paragraphs.map(
      (p, i) =>
        p.replace(/\p{L}{10,}/gu, (w) => `${w.slice(0, 5)}\u00ad${w.slice(5)}`) + (i % 4 === 0 ? ' 👩\u200d💻' : ''),
    );
  }
  const random = mulberry32(options.seed ^ 0x5eed);
  const blocks: string[] = [];
  let article = 0;
  let inArticle = 0;
  corpus.paragraphs.forEach((paragraph, i) => {
    if (inArticle === 0) {
      if (article > 0) blocks.push('</article>');
      article++;
      blocks.push(`<article id="a${article}"><h2>Article ${article}</h2>`);
      inArticle = 8 + Math.floor(random() * 12);
    }
    inArticle--;
    const roll = random();
    if (roll < 0.12) blocks.push(listHtml(random, paragraph));
    else if (roll < 0.18) blocks.push(tableHtml(random, paragraph, i));
    else blocks.push(paragraphHtml(random, paragraph));
  });
  if (article > 0) blocks.push('</article>');
  const nav = Array.from({ length: 12 }, (_, i) => `<a href="#a${i + 1}">Section ${i + 1}</a>`).join(' ');
  const body = `<header><h1>${escapeHtml(options.title ?? 'Bench page')}</h1><nav>${nav}</nav></header>\n<main>\n${blocks.join('\n')}\n</main>\n<footer><p>${options.topicFree ? 'Generated page.' : `Generated page, seed ${options.seed}.`}</p></footer>`;
  return {
    html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(options.title ?? 'Bench page')}</title><style>${PAGE_CSS}</style></head><body>${body}</body></html>`,
    textBytes: corpus.bytes,
    textNodes: countTextNodes(body),
    plantedMentions: corpus.plantedMentions,
    plantedDistractors: corpus.plantedDistractors,
  };
}

export interface MutationPageOptions {
  seed: number;
  /** Paragraphs appended in total. */
  paragraphs: number;
  batches: number;
  /** Delay between two batches. */
  intervalMs: number;
  /** Average UTF-8 bytes per appended paragraph. */
  paragraphBytes: number;
}

/**
 * A small page whose own script appends `paragraphs` paragraphs in `batches` batches, one every
 * `intervalMs`, starting shortly after `load`; it sets the `appended` flag after the last one.
 * Paragraphs are built with DOM calls (some words in `<em>`/`<a>`), as a feed or chat would.
 */
export function mutationPage(options: MutationPageOptions): GeneratedPage {
  const corpus = generateCorpus({ seed: options.seed, bytes: options.paragraphs * options.paragraphBytes });
  const sentences = corpus.paragraphs.flatMap(sentencesOf);
  const random = mulberry32(options.seed ^ 0xfeed);
  // Each paragraph: [plain, emphasised, plain] segments, so appended content has inline markup too.
  const data: [string, string, string][] = [];
  const perParagraph = sentences.length / options.paragraphs;
  for (let i = 0; i < options.paragraphs; i++) {
    const text = sentences.slice(Math.floor(i * perParagraph), Math.floor((i + 1) * perParagraph)).join(' ');
    const first = sentencesOf(text)[0] ?? text;
    if (PLANTED.has(first) || random() < 0.5) data.push([text, '', '']);
    else {
      const words = first.split(' ');
      const cut = Math.max(1, Math.floor(words.length / 2));
      data.push([
        `${words.slice(0, cut).join(' ')} `,
        words[cut] ?? '',
        text.slice(words.slice(0, cut + 1).join(' ').length),
      ]);
    }
  }
  // JSON inside a JSON script block cannot close the element early once "<" is escaped.
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  const script = `(() => {
  const data = JSON.parse(document.getElementById('feed-data').textContent);
  const feed = document.getElementById('feed');
  const perBatch = Math.ceil(data.length / ${options.batches});
  let next = 0;
  const batch = () => {
    const end = Math.min(data.length, next + perBatch);
    const fragment = document.createDocumentFragment();
    for (; next < end; next++) {
      const [a, b, c] = data[next];
      const p = document.createElement('p');
      p.append(a);
      if (b) {
        const em = document.createElement(next % 2 ? 'em' : 'a');
        if (next % 2 === 0) em.href = '#p' + next;
        em.textContent = b;
        p.append(em, c);
      }
      fragment.append(p);
    }
    feed.append(fragment);
    if (next < data.length) setTimeout(batch, ${options.intervalMs});
    else document.documentElement.dataset.${FLAGS.appended} = String(performance.now());
  };
  addEventListener('load', () => setTimeout(batch, 100));
})();`;
  const body = `<header><h1>Live feed</h1><p>New items arrive below.</p></header><main id="feed"></main>
<script type="application/json" id="feed-data">${json}</script>
<script>${script}</script>`;
  return {
    html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Live feed</title><style>${PAGE_CSS}</style></head><body>${body}</body></html>`,
    textBytes: corpus.bytes,
    // Three text nodes for a marked-up paragraph, one for a plain one, plus the page frame.
    textNodes: data.reduce((n, [, b]) => n + (b ? 3 : 1), 0) + countTextNodes(body),
    plantedMentions: corpus.plantedMentions,
    plantedDistractors: corpus.plantedDistractors,
  };
}

/**
 * A page of one short topic-free paragraph and `frames` iframes as pages carry them: half empty
 * (an iframe with an empty document, as trackers and lazy embeds leave them), half ad-like (a
 * sized box, a "Sponsored" label, an image placeholder and a link). The frames are served from
 * the page's own origin, so their scripts run in the page's process and the CPU profile of the
 * page counts every frame's content script.
 */
export function framesPage(options: { seed: number; frames: number }): GeneratedPage {
  const corpus = generateCorpus({ seed: options.seed, bytes: 300, mentionEvery: NEVER, distractorEvery: NEVER });
  const paragraph = sentencesOf(corpus.paragraphs[0] ?? '')
    .slice(0, 2)
    .join(' ');
  const routes: Record<string, string> = {};
  const iframes: string[] = [];
  for (let i = 0; i < options.frames; i++) {
    const path = `/frame-${i}.html`;
    routes[path] =
      i % 2 === 0
        ? '<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>'
        : `<!doctype html><html><head><meta charset="utf-8"><style>body{margin:0;font:12px sans-serif}.ad{width:300px;height:250px;background:#eee;position:relative}.ad span{position:absolute;top:2px;right:4px;color:#777}</style></head><body><div class="ad" id="ad-${i}"><span>Sponsored</span><a href="#c${i}"><img alt="" width="300" height="200"></a></div><script>window.adSlot=${i};</script></body></html>`;
    iframes.push(`<iframe src="${path}" width="300" height="250" title="slot ${i}"></iframe>`);
  }
  const body = `<header><h1>Frames</h1></header><main><p>${escapeHtml(paragraph)}</p></main>\n<aside>${iframes.join('\n')}</aside>`;
  return {
    html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Frames</title><style>${PAGE_CSS}</style></head><body>${body}</body></html>`,
    textBytes: new TextEncoder().encode(paragraph).length,
    textNodes: countTextNodes(body),
    plantedMentions: 0,
    plantedDistractors: 0,
    routes,
    frames: options.frames,
  };
}

/** `count` short paragraphs for the highlight-trap micro-benchmark, each with one word to paint. */
export function trapPage(count: number): string {
  const parts: string[] = [];
  for (let i = 0; i < count; i++) parts.push(`<p>Item ${i}: the <b>target</b> word sits in this line.</p>`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Highlight trap</title>
<style>${PAGE_CSS} ::highlight(bench-trap) { background: #fde68a; } ::highlight(bench-trap-other) { background: #bfdbfe; }</style>
</head><body>${parts.join('\n')}</body></html>`;
}
