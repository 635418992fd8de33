// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
// The content script's lazily loaded matcher module: the engine plus the highlight style sheet.
import * as engine from '../../entrypoints/content/matcher.ts';
import { type Annotator, createAnnotator } from '../../page/annotator.ts';

/** happy-dom has no Custom Highlight API: a minimal stand-in installed on the test window. */
class FakeHighlight extends Set<Range> {
  priority = 0;
  constructor(...ranges: Range[]) {
    super(ranges);
  }
}
const registry = new Map<string, FakeHighlight>();
const w = window as unknown as { Highlight?: unknown };

function mount(html: string): HTMLElement {
  const parsed = new DOMParser().parseFromString(`<!doctype html><body>${html}</body>`, 'text/html');
  document.body.replaceChildren(...Array.from(parsed.body.childNodes, (n) => document.importNode(n, true)));
  return document.body;
}

const oneFrame = () => new Promise<void>((done) => requestAnimationFrame(() => setTimeout(done, 0)));
/** Page changes are read after the frame that renders them: wait for that frame and the next. */
const frame = async () => {
  await oneFrame();
  await oneFrame();
};
const sizeOf = (entity: string) => registry.get(`sanctions-context-${entity}`)?.size ?? 0;

let controller: AbortController;
let annotator: Annotator | undefined;
let counts: number[];

function start(options: Partial<Parameters<typeof createAnnotator>[0]> = {}): Annotator {
  annotator = createAnnotator({
    doc: document,
    win: window as unknown as Window & typeof globalThis,
    signal: controller.signal,
    matcher: () => engine,
    flushGapMs: 0,
    onMentions: (n) => counts.push(n),
    ...options,
  });
  return annotator;
}

beforeEach(() => {
  registry.clear();
  w.Highlight = FakeHighlight;
  // happy-dom's window.CSS is a getter returning a fresh object, so replace it outright.
  Object.defineProperty(window, 'CSS', { value: { highlights: registry }, configurable: true });
  controller = new AbortController();
  counts = [];
  document.body.replaceChildren();
});
afterEach(() => {
  controller.abort();
});

describe('annotator', () => {
  it('finds mentions in document order, paints them per entity and leaves the DOM alone', async () => {
    const body = mount(
      '<h1>On North <b>Korea</b></h1><p>The MSMT and the DPRK.</p><p>Nothing here.</p><p>Reconnaissance General Bureau</p>',
    );
    const before = body.innerHTML;
    const a = start();
    await a.ready;
    const list = a.mentions();
    expect(list.map((m) => [m.index, m.entity, m.text])).toEqual([
      [0, 'dprk', 'North Korea'],
      [1, 'msmt', 'MSMT'],
      [2, 'dprk', 'DPRK'],
      [3, 'rgb', 'Reconnaissance General Bureau'],
    ]);
    expect(list[0]?.range.toString()).toBe('North Korea');
    expect(list[0]?.nodes.length).toBe(2);
    expect(list[1]?.snippet).toBe('The MSMT and the DPRK.');
    expect([sizeOf('dprk'), sizeOf('msmt'), sizeOf('rgb'), sizeOf('unsc-1718')]).toEqual([2, 1, 1, 0]);
    expect(body.innerHTML).toBe(before);
    expect(counts.at(-1)).toBe(4);
    expect(document.head.querySelector('style[data-sanctions-context-styles]')).not.toBeNull();
  });

  it('reads a page the browser has painted at once, and waits for a frame on one it has not', async () => {
    // The window as the annotator sees it, with animation frames held and paint timing chosen.
    const held: (() => void)[] = [];
    const windowWith = (painted: boolean) => {
      const perf = {
        now: () => performance.now(),
        getEntriesByType: (type: string) => (painted && type === 'paint' ? [{ name: 'first-paint' }] : []),
      };
      return new Proxy(window, {
        get(target, key) {
          if (key === 'requestAnimationFrame') return (callback: () => void) => held.push(callback);
          if (key === 'performance') return perf;
          const value = Reflect.get(target, key, target);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      }) as unknown as Window & typeof globalThis;
    };
    mount('<p>The DPRK.</p>');
    const painted = start({ win: windowWith(true) });
    await painted.ready;
    expect(painted.mentions().map((m) => m.text)).toEqual(['DPRK']);
    expect(held).toEqual([]);
    controller.abort();
    controller = new AbortController();

    // Control: not painted yet, the read waits for the page's frame.
    mount('<p>The DPRK.</p>');
    const waiting = start({ win: windowWith(false) });
    await new Promise((done) => setTimeout(done, 50));
    expect(held.length).toBe(1);
    expect(waiting.mentions()).toEqual([]);
    for (const callback of held.splice(0)) callback();
    await waiting.ready;
    expect(waiting.mentions().map((m) => m.text)).toEqual(['DPRK']);
  });

  it('loads the matcher only once the page has text worth matching, and retries after a failure', async () => {
    const body = mount('<p>Weather report: sunny, then rain.</p><p>Markets closed higher.</p>');
    let asked = 0;
    let fail = true;
    const a = start({
      matcher: async () => {
        asked++;
        if (fail) throw new Error('module unavailable');
        return engine;
      },
    });
    await a.ready;
    expect(asked).toBe(0);
    expect(a.mentions()).toEqual([]);
    expect(a.status()).toBe('ok');

    const p = document.createElement('p');
    p.textContent = 'Sanctions on North Korea.';
    body.append(p);
    await frame();
    await frame();
    expect(asked).toBe(1);
    expect(a.mentions()).toEqual([]);
    // Not "no mentions": the page says it could not be read.
    expect(a.status()).toBe('matcher-failed');

    fail = false;
    p.append(' And the DPRK.');
    await frame();
    await frame();
    // The first text about the DPRK makes the page topical, which re-reads it.
    await a.ready;
    expect(asked).toBe(2);
    expect(a.mentions().map((m) => m.text)).toEqual(['North Korea', 'DPRK']);
    expect(sizeOf('dprk')).toBe(2);
    expect(a.status()).toBe('ok');
  });

  it('reads a feed appending in bursts in a few batches, and small changes at once', async () => {
    const body = mount('<main><p>Sanctions on North Korea.</p></main>');
    const a = start({ flushGapMs: 100 });
    await a.ready;
    // The page's clock from here on: the count of reads then depends on the batching rule alone,
    // not on how busy the machine running the test is.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'performance'] });
    try {
      const before = counts.length;
      const main = body.querySelector('main') as HTMLElement;
      for (let batch = 0; batch < 30; batch++) {
        for (let i = 0; i < 60; i++) {
          const p = document.createElement('p');
          p.textContent = i === 0 ? `Update ${batch} on the DPRK.` : `Filler ${batch}.${i}.`;
          main.append(p);
        }
        await vi.advanceTimersByTimeAsync(10);
      }
      await vi.advanceTimersByTimeAsync(300);
      expect(a.mentions()).toHaveLength(31);
      expect(sizeOf('dprk')).toBe(31);
      // 30 bursts of 60 paragraphs over 300 ms: the first read at the next frame, then at most one
      // every 100 ms, then the last; one read per burst would be 30.
      const reads = counts.length - before;
      expect(reads).toBeGreaterThanOrEqual(2);
      expect(reads).toBeLessThanOrEqual(5);

      // A small change once the page has been still is read and drawn at the next frame.
      await vi.advanceTimersByTimeAsync(1000);
      const p = document.createElement('p');
      p.textContent = 'One more on the MSMT.';
      main.append(p);
      await vi.advanceTimersByTimeAsync(40);
      expect(sizeOf('msmt')).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('draws a stream of small additions in a few growing batches, each within a second', async () => {
    const paragraphs = Array.from({ length: 200 }, (_, i) => `<p>Item ${i} on North Korea.</p>`).join('');
    const body = mount(`<main>${paragraphs}</main>`);
    const a = start({ flushGapMs: 0 });
    await a.ready;
    expect(sizeOf('dprk')).toBe(200);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'performance'] });
    try {
      const main = body.querySelector('main') as HTMLElement;
      const before = counts.length;
      let latest = 0;
      // One new mention every 50 ms for two seconds (a live feed): each read at its next frame.
      for (let i = 0; i < 40; i++) {
        const p = document.createElement('p');
        p.textContent = `Live ${i}: the MSMT.`;
        main.append(p);
        await vi.advanceTimersByTimeAsync(50);
        latest = Math.max(latest, sizeOf('msmt'));
        // Never more than a second (20 additions) behind the page.
        expect(i + 1 - sizeOf('msmt')).toBeLessThanOrEqual(20);
      }
      await vi.advanceTimersByTimeAsync(1000);
      expect(sizeOf('msmt')).toBe(40);
      // Drawn in a few registry updates, not one per addition (40).
      const updates = counts.length - before;
      expect(updates).toBeGreaterThanOrEqual(2);
      expect(updates).toBeLessThanOrEqual(8);
      expect(latest).toBeGreaterThan(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('reads added text, drops removed text and ignores its own UI host', async () => {
    const body = mount('<main><p id="a">North Korea</p><p id="b">The DPRK</p></main>');
    const a = start({ exclude: (el) => el.localName === 'sanctions-context-card' });
    await a.ready;
    expect(sizeOf('dprk')).toBe(2);

    const p = document.createElement('p');
    p.textContent = 'Added: the MSMT.';
    body.querySelector('main')?.append(p);
    const host = document.createElement('sanctions-context-card');
    host.textContent = 'Card about the DPRK';
    document.body.append(host);
    await frame();
    expect(a.mentions().map((m) => m.text)).toEqual(['North Korea', 'DPRK', 'MSMT']);
    expect(sizeOf('msmt')).toBe(1);

    body.querySelector('#b')?.remove();
    await frame();
    expect(a.mentions().map((m) => m.text)).toEqual(['North Korea', 'MSMT']);
    expect(sizeOf('dprk')).toBe(1);

    (body.querySelector('#a')?.firstChild as Text).data = 'Nothing to see';
    await frame();
    expect(a.mentions().map((m) => m.text)).toEqual(['MSMT']);
    expect(a.mentions()[0]?.index).toBe(0);
  });

  it('reads a block added just before the first scan once, not twice', async () => {
    const body = mount('<main><p>North Korea</p></main>');
    const a = start();
    // Added before the scan reads the page: the scan sees it, and its mutation record arrives after.
    const p = document.createElement('p');
    p.textContent = 'Added early: the DPRK.';
    body.querySelector('main')?.append(p);
    await a.ready;
    await frame();
    await frame();
    expect(a.mentions().map((m) => m.text)).toEqual(['North Korea', 'DPRK']);
    expect(sizeOf('dprk')).toBe(2);
    expect(a.status()).toBe('ok');
  });

  it('follows an infinite scroll without comparing every block on every batch', async () => {
    const body = mount('<main><p>North Korea</p></main>');
    const main = body.querySelector('main') as HTMLElement;
    const a = start();
    await a.ready;
    const proto = Node.prototype as unknown as { compareDocumentPosition: (this: Node, other: Node) => number };
    const original = proto.compareDocumentPosition;
    let comparisons = 0;
    proto.compareDocumentPosition = function (this: Node, other: Node) {
      comparisons++;
      return original.call(this, other);
    };
    try {
      for (let batch = 0; batch < 40; batch++) {
        for (let k = 0; k < 5; k++) {
          const p = document.createElement('p');
          p.textContent = k === 0 ? `Batch ${batch}: the DPRK again.` : `Filler paragraph ${batch}.${k}.`;
          main.append(p);
        }
        await frame();
      }
    } finally {
      proto.compareDocumentPosition = original;
    }
    const list = a.mentions();
    expect(list).toHaveLength(41);
    expect(list.map((m) => m.index)).toEqual(list.map((_, i) => i));
    expect(list[40]?.snippet).toContain('Batch 39');
    // Merging appended blocks costs about one comparison per batch, not one per kept block.
    expect(comparisons).toBeLessThan(40 * 8);
  });

  it('re-reads the page once when content added later reveals its subject', async () => {
    const body = mount('<main><p>Officials said the RGB ran the operation.</p></main>');
    const a = start();
    await a.ready;
    // Alone, "RGB" is more likely a colour model than the agency.
    expect(sizeOf('rgb')).toBe(0);

    const p = document.createElement('p');
    p.textContent = 'North Korea denied it.';
    body.querySelector('main')?.append(p);
    await frame();
    await a.ready;
    for (let i = 0; i < 5 && a.mentions().length < 2; i++) await frame();
    expect(a.mentions().map((m) => `${m.entity}:${m.text}`)).toEqual(['rgb:RGB', 'dprk:North Korea']);
  });

  it('caps the number of highlighted mentions and says so', async () => {
    mount(`<p>${'DPRK, '.repeat(30)}</p>`);
    const a = start({ maxMentions: 10 });
    await a.ready;
    expect(a.mentions().length).toBe(10);
    expect(a.capped).toBe(true);
    expect(a.total).toBe(30);
    expect(sizeOf('dprk')).toBe(10);
  });

  it('keeps its counts equal to what is painted when a capped block leaves the page', async () => {
    const body = mount(`<p id="many">${'DPRK, '.repeat(30)}</p><p id="one">The MSMT.</p>`);
    const a = start({ maxMentions: 10 });
    await a.ready;
    expect([a.total, a.capped, sizeOf('dprk'), sizeOf('msmt')]).toEqual([31, true, 10, 0]);

    body.querySelector('#many')?.remove();
    await frame();
    // Nothing of the removed block is painted or counted any more, and the room it left paints
    // the mention that was over the cap.
    expect(sizeOf('dprk')).toBe(0);
    expect(a.mentions().map((m) => m.text)).toEqual(['MSMT']);
    expect(sizeOf('msmt')).toBe(1);
    expect([a.total, a.capped]).toEqual([1, false]);
    expect(counts.at(-1)).toBe(1);

    body.querySelector('#one')?.remove();
    await frame();
    expect([a.total, a.capped, a.mentions().length, sizeOf('msmt')]).toEqual([0, false, 0, 0]);
  });

  it('yields between chunks and still finds everything on a long page', async () => {
    const paragraphs = Array.from(
      { length: 400 },
      (_, i) => `<p>Item ${i}: North Korea, filler text ${'x '.repeat(40)}</p>`,
    );
    mount(`<div>${paragraphs.join('')}</div>`);
    const a = start({ chunkMs: 1 });
    await a.ready;
    expect(a.mentions().length).toBe(400);
    expect(a.mentions()[399]?.snippet).toContain('Item 399');
  });

  it('reveal() flashes the mention and returns undefined for unknown indices', async () => {
    mount('<p>The DPRK</p>');
    const a = start();
    await a.ready;
    expect(a.reveal(0, 'instant')?.text).toBe('DPRK');
    expect(registry.get('sanctions-context-flash')?.size).toBe(1);
    expect(a.reveal(5)).toBeUndefined();
  });

  it('removes every highlight and its style sheet when the signal aborts', async () => {
    mount('<p>The DPRK</p>');
    const a = start();
    await a.ready;
    expect(registry.size).toBe(1);
    controller.abort();
    expect(registry.size).toBe(0);
    expect(document.head.querySelector('style[data-sanctions-context-styles]')).toBeNull();
    expect(a.mentions()).toEqual([]);
  });
});
