// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHighlighter, type HighlighterWindow } from '../page/highlighter.ts';
import { highlightCss, injectHighlightStyles } from '../page/styles.ts';

/** happy-dom has no Custom Highlight API: a minimal stand-in that records what was registered. */
class FakeHighlight extends Set<Range> {
  priority = 0;
  constructor(...ranges: Range[]) {
    super(ranges);
  }
}

function fakeWindow(): HighlighterWindow & { registry: Map<string, unknown> } {
  const registry = new Map<string, unknown>();
  return {
    registry,
    CSS: { highlights: registry },
    Highlight: FakeHighlight,
    setTimeout: (fn, ms) => window.setTimeout(fn, ms),
    clearTimeout: (id) => window.clearTimeout(id),
  };
}

function mount(html: string): HTMLElement {
  const parsed = new DOMParser().parseFromString(`<!doctype html><body>${html}</body>`, 'text/html');
  document.body.replaceChildren(...Array.from(parsed.body.childNodes, (n) => document.importNode(n, true)));
  return document.body;
}

function rangeOf(node: Node, start: number, endNode: Node, end: number): Range {
  const r = document.createRange();
  r.setStart(node, start);
  r.setEnd(endNode, end);
  return r;
}

beforeEach(() => {
  document.body.replaceChildren();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('registry highlighter', () => {
  it('registers one Highlight per entity under its documented name, swapping in a new object per change', () => {
    const body = mount('<p>North Korea and the DPRK and the MSMT</p>');
    const text = body.querySelector('p')?.firstChild as Text;
    const win = fakeWindow();
    const h = createHighlighter(document, win);
    expect(h.mode).toBe('highlight');
    h.add('dprk', [rangeOf(text, 0, text, 11)]);
    const first = win.registry.get('sanctions-context-dprk') as FakeHighlight;
    expect(first.size).toBe(1);
    h.add('dprk', [rangeOf(text, 20, text, 24)]);
    const second = win.registry.get('sanctions-context-dprk') as FakeHighlight;
    // The registered object is never edited in place (that costs a re-render per range in Chromium).
    expect(second).not.toBe(first);
    expect(first.size).toBe(1);
    expect(second.size).toBe(2);
    h.set('msmt', [rangeOf(text, 33, text, 37)]);
    expect([...win.registry.keys()].sort()).toEqual(['sanctions-context-dprk', 'sanctions-context-msmt']);
    expect(h.count('dprk')).toBe(2);
  });

  it('removes ranges and drops an entity whose last range went', () => {
    const text = mount('<p>DPRK</p>').querySelector('p')?.firstChild as Text;
    const win = fakeWindow();
    const h = createHighlighter(document, win);
    const r = rangeOf(text, 0, text, 4);
    h.add('dprk', [r]);
    h.remove([r]);
    expect(win.registry.has('sanctions-context-dprk')).toBe(false);
    expect(h.count('dprk')).toBe(0);
  });

  it('restores entries the page deleted or replaced, once per change', () => {
    const text = mount('<p>DPRK</p>').querySelector('p')?.firstChild as Text;
    const win = fakeWindow();
    const h = createHighlighter(document, win);
    h.add('dprk', [rangeOf(text, 0, text, 4)]);
    const ours = win.registry.get('sanctions-context-dprk');
    expect(h.restore()).toBe(0);
    win.registry.delete('sanctions-context-dprk');
    expect(h.restore()).toBe(1);
    expect(win.registry.get('sanctions-context-dprk')).toBe(ours);
    expect(h.restore()).toBe(0);
    win.registry.set('sanctions-context-dprk', new FakeHighlight());
    expect(h.restore()).toBe(1);
    expect(win.registry.get('sanctions-context-dprk')).toBe(ours);
  });

  it('flashes above the entity highlights and removes the flash after its duration', () => {
    vi.useFakeTimers();
    const text = mount('<p>DPRK</p>').querySelector('p')?.firstChild as Text;
    const win = fakeWindow();
    const h = createHighlighter(document, win);
    h.flash(rangeOf(text, 0, text, 4), 500);
    const flash = win.registry.get('sanctions-context-flash') as FakeHighlight;
    expect(flash.size).toBe(1);
    expect(flash.priority).toBeGreaterThan(0);
    vi.advanceTimersByTime(501);
    expect(win.registry.has('sanctions-context-flash')).toBe(false);
  });

  it('clear() removes only its own entries', () => {
    const text = mount('<p>DPRK</p>').querySelector('p')?.firstChild as Text;
    const win = fakeWindow();
    win.registry.set('page-own', new FakeHighlight());
    const h = createHighlighter(document, win);
    h.add('dprk', [rangeOf(text, 0, text, 4)]);
    h.clear();
    expect([...win.registry.keys()]).toEqual(['page-own']);
  });
});

describe('wrapping fallback', () => {
  it('is used when CSS.highlights is missing and wraps across text nodes', () => {
    const body = mount('<p id="p">Ties to North <b>Korea</b> and the DPRK.</p>');
    const p = body.querySelector('#p') as HTMLElement;
    const [first, b, last] = [...p.childNodes];
    const korea = b?.firstChild as Text;
    const h = createHighlighter(document, { setTimeout, clearTimeout } as unknown as HighlighterWindow);
    expect(h.mode).toBe('wrap');
    h.add('dprk', [rangeOf(first as Text, 8, korea, 5), rangeOf(last as Text, 9, last as Text, 13)]);
    const marks = [...p.querySelectorAll('sanctions-context-mark')].map((m) => m.textContent);
    expect(marks).toEqual(['North ', 'Korea', 'DPRK']);
    expect(p.textContent).toBe('Ties to North Korea and the DPRK.');
    expect(h.count('dprk')).toBe(2);
  });

  it('clear() restores the exact DOM, keeping text nodes the page split itself', () => {
    const body = mount('<p id="p">A</p>');
    const p = body.querySelector('#p') as HTMLElement;
    // Two adjacent text nodes, as frameworks leave them: merging them would break the page.
    p.replaceChildren(document.createTextNode('About the DPRK'), document.createTextNode(' and North Korea today'));
    const before = {
      html: p.innerHTML,
      nodes: p.childNodes.length,
      texts: [...p.childNodes].map((n) => n.textContent),
    };
    const [one, two] = [...p.childNodes] as Text[];
    const h = createHighlighter(document, { setTimeout, clearTimeout } as unknown as HighlighterWindow, {
      forceWrap: true,
    });
    h.add('dprk', [rangeOf(one as Text, 10, one as Text, 14), rangeOf(two as Text, 5, two as Text, 16)]);
    expect(p.querySelectorAll('sanctions-context-mark').length).toBe(2);
    h.clear();
    expect(p.innerHTML).toBe(before.html);
    expect(p.childNodes.length).toBe(before.nodes);
    expect([...p.childNodes].map((n) => n.textContent)).toEqual(before.texts);
    expect(p.childNodes[0]).toBe(one);
  });

  it('never wraps inside editable content', () => {
    const body = mount('<div contenteditable="true"><p>DPRK</p></div><p id="out">DPRK</p>');
    const inside = body.querySelector('[contenteditable] p')?.firstChild as Text;
    const outside = body.querySelector('#out')?.firstChild as Text;
    const h = createHighlighter(document, { setTimeout, clearTimeout } as unknown as HighlighterWindow, {
      forceWrap: true,
    });
    h.add('dprk', [rangeOf(inside, 0, inside, 4), rangeOf(outside, 0, outside, 4)]);
    expect(body.querySelector('[contenteditable]')?.querySelector('sanctions-context-mark')).toBeNull();
    expect(body.querySelector('#out sanctions-context-mark')?.textContent).toBe('DPRK');
  });
});

describe('highlight styles', () => {
  it('has a rule per entity plus dark, more-contrast and forced-colors variants', () => {
    const css = highlightCss(['dprk', 'unsc-1718', 'rgb', 'msmt']);
    for (const id of ['dprk', 'unsc-1718', 'rgb', 'msmt'])
      expect(css).toContain(`::highlight(sanctions-context-${id})`);
    expect(css).toContain('prefers-color-scheme: dark');
    expect(css).toContain('prefers-contrast: more');
    expect(css).toContain('forced-colors: active');
    expect(css).toContain('Mark');
    expect(highlightCss([])).toBe('');
  });

  it('injects one style element in the head and removes it again', () => {
    const remove = injectHighlightStyles(document, ['dprk']);
    expect(document.head.querySelectorAll('style[data-sanctions-context-styles]').length).toBe(1);
    remove();
    expect(document.head.querySelectorAll('style[data-sanctions-context-styles]').length).toBe(0);
  });
});
