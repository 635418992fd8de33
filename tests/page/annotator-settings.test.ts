// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
// The content script's lazily loaded matcher module: the engine plus the highlight style sheet.
import * as engine from '../../entrypoints/content/matcher.ts';
import { type Annotator, createAnnotator } from '../../page/annotator.ts';
import { highlightCss } from '../../page/styles.ts';

/** happy-dom has no Custom Highlight API: a minimal stand-in installed on the test window. */
class FakeHighlight extends Set<Range> {
  priority = 0;
  constructor(...ranges: Range[]) {
    super(ranges);
  }
}
const registry = new Map<string, FakeHighlight>();
const sizeOf = (entity: string) => registry.get(`sanctions-context-${entity}`)?.size ?? 0;
const sheet = () => document.head.querySelector('style[data-sanctions-context-styles]')?.textContent ?? '';

let controller: AbortController;
let counts: number[];

function start(options: Partial<Parameters<typeof createAnnotator>[0]> = {}): Annotator {
  return createAnnotator({
    doc: document,
    win: window as unknown as Window & typeof globalThis,
    signal: controller.signal,
    matcher: () => engine,
    flushGapMs: 0,
    onMentions: (n) => counts.push(n),
    ...options,
  });
}

beforeEach(() => {
  registry.clear();
  (window as unknown as { Highlight?: unknown }).Highlight = FakeHighlight;
  Object.defineProperty(window, 'CSS', { value: { highlights: registry }, configurable: true });
  controller = new AbortController();
  counts = [];
  const p = (text: string) => Object.assign(document.createElement('p'), { textContent: text });
  document.body.replaceChildren(
    p('The DPRK and North Korea.'),
    p('The MSMT reported on the Reconnaissance General Bureau.'),
  );
});
afterEach(() => controller.abort());

describe('annotator settings', () => {
  it('adds its style sheet only once the page has text worth matching', async () => {
    document.body.replaceChildren(Object.assign(document.createElement('p'), { textContent: 'Weather: sunny.' }));
    let asked = 0;
    const quiet = start({
      matcher: () => {
        asked++;
        return engine;
      },
    });
    await quiet.ready;
    expect(asked).toBe(0);
    expect(sheet()).toBe('');
    quiet.destroy();
    // Positive control: text with a mention loads the matcher, which brings the sheet.
    document.body.append(Object.assign(document.createElement('p'), { textContent: 'The DPRK.' }));
    const a = start();
    await a.ready;
    expect(sizeOf('dprk')).toBe(1);
    expect(sheet()).toContain('::highlight(sanctions-context-dprk)');
  });

  it('drops one entity at once, keeping the others, and brings it back on demand', async () => {
    const a = start();
    await a.ready;
    expect([sizeOf('dprk'), sizeOf('msmt'), sizeOf('rgb')]).toEqual([2, 1, 1]);
    const dropped = a.setEntities(['dprk', 'unsc-1718', 'msmt']);
    // No re-read is needed to drop: the highlight is gone before the promise settles.
    expect([sizeOf('dprk'), sizeOf('msmt'), sizeOf('rgb')]).toEqual([2, 1, 0]);
    await dropped;
    expect(a.mentions().map((m) => m.entity)).toEqual(['dprk', 'dprk', 'msmt']);
    expect(a.mentions().map((m) => m.index)).toEqual([0, 1, 2]);
    expect(counts.at(-1)).toBe(3);
    expect(sheet()).not.toContain('sanctions-context-rgb');

    await a.setEntities(['dprk', 'unsc-1718', 'msmt', 'rgb']);
    expect([sizeOf('dprk'), sizeOf('msmt'), sizeOf('rgb')]).toEqual([2, 1, 1]);
    expect(a.mentions().map((m) => m.entity)).toEqual(['dprk', 'dprk', 'msmt', 'rgb']);
    expect(sheet()).toContain('sanctions-context-rgb');
  });

  it('keeps its counts equal to what is painted when a dropped entity was filling the cap', async () => {
    const p = (text: string) => Object.assign(document.createElement('p'), { textContent: text });
    document.body.replaceChildren(p('The MSMT, the MSMT and the MSMT on sanctions.'), p('The DPRK and the DPRK.'));
    const a = start({ maxMentions: 3 });
    await a.ready;
    expect([sizeOf('msmt'), sizeOf('dprk'), a.total, a.capped]).toEqual([3, 0, 5, true]);

    await a.setEntities(['dprk', 'unsc-1718', 'rgb']);
    // The room the MSMT left paints the mentions that were over the cap; nothing is over it now.
    expect([sizeOf('msmt'), sizeOf('dprk')]).toEqual([0, 2]);
    expect(a.mentions().map((m) => m.text)).toEqual(['DPRK', 'DPRK']);
    expect([a.total, a.capped, counts.at(-1)]).toEqual([2, false, 2]);
  });

  it('does nothing when the entity set is unchanged', async () => {
    const a = start();
    await a.ready;
    const before = counts.length;
    await a.setEntities(['msmt', 'rgb', 'unsc-1718', 'dprk']);
    expect(counts.length).toBe(before);
  });

  it('starts with the given entities and style', async () => {
    const a = start({ entities: ['msmt'], style: 'underline' });
    await a.ready;
    expect([sizeOf('dprk'), sizeOf('msmt')]).toEqual([0, 1]);
    expect(sheet()).toContain('background-color: transparent; text-decoration: underline');
  });

  it('restyles live without re-reading the page', async () => {
    const a = start();
    await a.ready;
    const before = counts.length;
    a.setStyle('fill');
    expect(sheet()).toMatch(/sanctions-context-dprk\)[^{]*\{ background-color: rgba\([^}]*text-decoration: none/);
    a.setStyle('both');
    expect(sheet()).toMatch(/sanctions-context-dprk\)[^{]*\{ background-color: rgba\([^}]*underline solid 2px/);
    expect(counts.length).toBe(before);
    expect(sizeOf('dprk')).toBe(2);
  });
});

describe('highlightCss styles', () => {
  it('draws fill, underline or both, and keeps the accessibility overrides in every style', () => {
    const fill = highlightCss(['dprk'], 'fill');
    const underline = highlightCss(['dprk'], 'underline');
    const both = highlightCss(['dprk']);
    const main = (css: string) => css.split('\n')[0] ?? '';
    expect(main(fill)).toMatch(/background-color: rgba.*text-decoration: none/);
    expect(main(underline)).toMatch(/background-color: transparent; text-decoration: underline/);
    expect(main(both)).toMatch(/background-color: rgba.*text-decoration: underline/);
    for (const css of [fill, underline, both]) {
      expect(css).toContain('prefers-contrast: more');
      expect(css).toContain('forced-colors: active');
    }
  });
});
