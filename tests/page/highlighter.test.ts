// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createHighlighter,
  createMentionPainter,
  type HighlighterWindow,
  type NearnessObserver,
  supportsHighlights,
  WINDOW_MARGIN,
  WINDOW_MIN_RANGES,
} from '../../page/highlighter.ts';
import { highlightCss, injectHighlightStyles, ShadowHighlightStyles } from '../../page/styles.ts';

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

/** An `IntersectionObserver` stand-in the test answers for: which observed elements are near. */
class FakeObserver implements NearnessObserver {
  static last: FakeObserver | undefined;
  readonly observed = new Set<Element>();
  constructor(
    readonly callback: (entries: { target: Element; isIntersecting: boolean }[]) => void,
    readonly options: { rootMargin: string; scrollMargin: string },
  ) {
    FakeObserver.last = this;
  }
  observe(el: Element) {
    this.observed.add(el);
  }
  unobserve(el: Element) {
    this.observed.delete(el);
  }
  disconnect() {
    this.observed.clear();
  }
  /** Answers for every observed element: near when `isNear` says so. */
  answer(isNear: (el: Element) => boolean) {
    this.callback([...this.observed].map((target) => ({ target, isIntersecting: isNear(target) })));
  }
}

describe('registry highlighter', () => {
  it('registers one Highlight per entity under its documented name, swapping in a new object per change', () => {
    const body = mount('<p>North Korea and the DPRK and the MSMT</p>');
    const text = body.querySelector('p')?.firstChild as Text;
    const win = fakeWindow();
    const h = createHighlighter(win);
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
    const h = createHighlighter(win);
    const r = rangeOf(text, 0, text, 4);
    h.add('dprk', [r]);
    h.remove([r]);
    expect(win.registry.has('sanctions-context-dprk')).toBe(false);
    expect(h.count('dprk')).toBe(0);
  });

  it('restores entries the page deleted or replaced, once per change', () => {
    const text = mount('<p>DPRK</p>').querySelector('p')?.firstChild as Text;
    const win = fakeWindow();
    const h = createHighlighter(win);
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
    const h = createHighlighter(win);
    h.flash(rangeOf(text, 0, text, 4), 500);
    const flash = win.registry.get('sanctions-context-flash') as FakeHighlight;
    expect(flash.size).toBe(1);
    expect(flash.priority).toBeGreaterThan(0);
    vi.advanceTimersByTime(501);
    expect(win.registry.has('sanctions-context-flash')).toBe(false);
  });

  it('registers only the mentions near the viewport once a page has many, and follows the scroll', () => {
    const count = WINDOW_MIN_RANGES + 20;
    const body = mount(Array.from({ length: count }, (_, i) => `<p id="p${i}">DPRK ${i}</p>`).join(''));
    const texts = [...body.querySelectorAll('p')].map((p) => p.firstChild as Text);
    const win = { ...fakeWindow(), IntersectionObserver: FakeObserver };
    FakeObserver.last = undefined;
    const h = createHighlighter(win);
    const size = () => (win.registry.get('sanctions-context-dprk') as FakeHighlight | undefined)?.size ?? 0;
    // Below the threshold: everything registered, nothing observed.
    h.add(
      'dprk',
      texts.slice(0, WINDOW_MIN_RANGES - 1).map((t) => rangeOf(t, 0, t, 4)),
    );
    expect(size()).toBe(WINDOW_MIN_RANGES - 1);
    expect(FakeObserver.last).toBeUndefined();
    // Over it: every element holding a mention is watched, and until the observer answers all stay painted.
    h.add(
      'dprk',
      texts.slice(WINDOW_MIN_RANGES - 1).map((t) => rangeOf(t, 0, t, 4)),
    );
    const observer = FakeObserver.last as FakeObserver | undefined;
    if (!observer) throw new Error('no observer');
    expect(observer.options).toEqual({ rootMargin: WINDOW_MARGIN, scrollMargin: WINDOW_MARGIN });
    expect(observer.observed.size).toBe(count);
    expect(size()).toBe(count);
    expect(h.count('dprk')).toBe(count);
    // The observer says the first 10 paragraphs are near: only their mentions stay registered.
    const index = (el: Element) => Number(el.id.slice(1));
    observer.answer((el) => index(el) < 10);
    expect(size()).toBe(10);
    expect(h.count('dprk')).toBe(count);
    // A mention added out of sight, or an answer that moves nothing, leaves the registered
    // Highlight as it is (no registry update, so no repaint); one that moves an element swaps it.
    const kept = win.registry.get('sanctions-context-dprk');
    const far = texts[count - 1] as Text;
    h.add('dprk', [rangeOf(far, 5, far, far.data.length)]);
    observer.answer((el) => index(el) < 10);
    expect(win.registry.get('sanctions-context-dprk')).toBe(kept);
    observer.answer((el) => index(el) < 11);
    expect(win.registry.get('sanctions-context-dprk')).not.toBe(kept);
    expect(size()).toBe(11);
    expect(h.count('dprk')).toBe(count + 1);
    // Scrolled down: the next ones come near, the first ones leave.
    observer.answer((el) => index(el) >= 100 && index(el) < 130);
    const registered = [...(win.registry.get('sanctions-context-dprk') as FakeHighlight)];
    expect(registered.map((r) => index(r.startContainer.parentElement as Element))).toEqual(
      Array.from({ length: 30 }, (_, i) => 100 + i),
    );
    // Removing a mention stops watching its element; clear() stops the observer.
    h.remove(registered.slice(0, 1));
    expect(observer.observed.has(body.querySelector('#p100') as Element)).toBe(false);
    expect(size()).toBe(29);
    h.clear();
    expect(observer.observed.size).toBe(0);
    expect(win.registry.size).toBe(0);
  });

  it('tells the near mentions by their boxes when it starts, so nothing far is registered even for a frame', () => {
    const count = WINDOW_MIN_RANGES;
    const body = mount(Array.from({ length: count }, (_, i) => `<p id="p${i}">DPRK ${i}</p>`).join(''));
    const paragraphs = [...body.querySelectorAll('p')];
    // happy-dom lays nothing out: paragraph i is 100 px tall, at i × 100 px.
    for (const [i, p] of paragraphs.entries()) {
      p.getBoundingClientRect = () => new DOMRect(0, i * 100, 500, 100);
    }
    const win = { ...fakeWindow(), IntersectionObserver: FakeObserver, innerWidth: 1000, innerHeight: 800 };
    FakeObserver.last = undefined;
    const h = createHighlighter(win);
    // Another entity's ranges, registered in full before the window starts, are windowed with it.
    const last = paragraphs.at(-1)?.firstChild as Text;
    h.add('msmt', [rangeOf(last, 0, last, 4)]);
    expect(win.registry.has('sanctions-context-msmt')).toBe(true);
    h.add(
      'dprk',
      paragraphs.slice(0, -1).map((p) => rangeOf(p.firstChild as Text, 0, p.firstChild as Text, 4)),
    );
    expect(win.registry.has('sanctions-context-msmt')).toBe(false);
    const registered = () => [...(win.registry.get('sanctions-context-dprk') as FakeHighlight)];
    const ids = () => registered().map((r) => (r.startContainer.parentElement as Element).id);
    // The viewport (0–800) and 1.5 screens below it (to 2,000 px): paragraphs 0–20.
    expect(ids()).toEqual(Array.from({ length: 21 }, (_, i) => `p${i}`));
    // The observer's first answer agrees: the registered Highlight stays as it is.
    const kept = win.registry.get('sanctions-context-dprk');
    (FakeObserver.last as FakeObserver | undefined)?.answer((el: Element) => Number(el.id.slice(1)) <= 20);
    expect(win.registry.get('sanctions-context-dprk')).toBe(kept);
  });

  it('registers every mention while the page is printed, and only the near ones again after', () => {
    const count = WINDOW_MIN_RANGES + 10;
    const body = mount(Array.from({ length: count }, (_, i) => `<p id="p${i}">DPRK ${i}</p>`).join(''));
    const texts = [...body.querySelectorAll('p')].map((p) => p.firstChild as Text);
    const events = new EventTarget();
    const win = {
      ...fakeWindow(),
      IntersectionObserver: FakeObserver,
      addEventListener: (type: string, listener: () => void, options: { signal: AbortSignal }) =>
        events.addEventListener(type, listener, options),
    };
    const h = createHighlighter(win);
    h.add(
      'dprk',
      texts.map((t) => rangeOf(t, 0, t, 4)),
    );
    const size = () => (win.registry.get('sanctions-context-dprk') as FakeHighlight | undefined)?.size ?? 0;
    (FakeObserver.last as FakeObserver | undefined)?.answer((el: Element) => Number(el.id.slice(1)) < 5);
    expect(size()).toBe(5);
    events.dispatchEvent(new Event('beforeprint'));
    expect(size()).toBe(count);
    events.dispatchEvent(new Event('afterprint'));
    expect(size()).toBe(5);
    // Stopped: printing changes nothing any more.
    h.clear();
    events.dispatchEvent(new Event('beforeprint'));
    expect(win.registry.size).toBe(0);
  });

  it('clear() removes only its own entries', () => {
    const text = mount('<p>DPRK</p>').querySelector('p')?.firstChild as Text;
    const win = fakeWindow();
    win.registry.set('page-own', new FakeHighlight());
    const h = createHighlighter(win);
    h.add('dprk', [rangeOf(text, 0, text, 4)]);
    h.clear();
    expect([...win.registry.keys()]).toEqual(['page-own']);
  });
});

describe('without the Highlight API', () => {
  it('is detected, and paints nothing without touching the page or throwing', () => {
    const body = mount('<p id="p">Ties to North <b>Korea</b> and the DPRK.</p>');
    const p = body.querySelector('#p') as HTMLElement;
    const before = p.innerHTML;
    const text = p.lastChild as Text;
    const bare = { setTimeout, clearTimeout } as unknown as HighlighterWindow;
    expect(supportsHighlights(bare)).toBe(false);
    expect(supportsHighlights({ ...bare, CSS: { highlights: new Map() } })).toBe(false);
    expect(supportsHighlights(fakeWindow())).toBe(true);
    const h = createHighlighter(bare);
    const r = rangeOf(text, 9, text, 13);
    h.add('dprk', [r]);
    h.set('msmt', [r]);
    h.flash(r);
    expect(h.count('dprk')).toBe(0);
    expect(h.restore()).toBe(0);
    h.remove([r]);
    h.destroy();
    expect(p.innerHTML).toBe(before);
    expect(p.childNodes.length).toBe(3);
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
    // Highlights only: no selector for elements of our own in the page.
    expect(css).not.toContain('sanctions-context-mark');
    expect(highlightCss([])).toBe('');
  });

  it('injects one style element in the head and removes it again', () => {
    const remove = injectHighlightStyles(document, highlightCss(['dprk']));
    expect(document.head.querySelectorAll('style[data-sanctions-context-styles]').length).toBe(1);
    remove();
    expect(document.head.querySelectorAll('style[data-sanctions-context-styles]').length).toBe(0);
  });
});

describe('mention painter', () => {
  it('draws a batch per entity and indexes it for hit-testing, and undraws exactly what it is given', () => {
    const body = mount('<p>North Korea and the MSMT and the DPRK</p>');
    const text = body.querySelector('p')?.firstChild as Text;
    const win = fakeWindow();
    const hits = { added: [] as unknown[], removed: [] as unknown[], cleared: 0 };
    const index = {
      add: (items: readonly unknown[]) => hits.added.push(...items),
      remove: (items: readonly unknown[]) => hits.removed.push(...items),
      clear: () => hits.cleared++,
      itemsIn: () => undefined,
      empty: true,
      shadowRoots: () => [],
    };
    const painter = createMentionPainter(createHighlighter(win), index);
    const mention = (entity: 'dprk' | 'msmt', start: number, end: number) => ({
      entity,
      range: rangeOf(text, start, text, end),
      nodes: [text],
    });
    const batch = [mention('dprk', 0, 11), mention('msmt', 20, 24), mention('dprk', 33, 37)];
    painter.paint(batch);
    const size = (e: string) => (win.registry.get(`sanctions-context-${e}`) as FakeHighlight | undefined)?.size ?? 0;
    expect([size('dprk'), size('msmt')]).toEqual([2, 1]);
    expect(hits.added).toEqual(batch);

    painter.unpaint([batch[0] as (typeof batch)[0]]);
    expect([size('dprk'), size('msmt')]).toEqual([1, 1]);
    expect(hits.removed).toEqual([batch[0]]);

    painter.clear();
    expect([size('dprk'), size('msmt'), hits.cleared]).toEqual([0, 0, 1]);
  });
});

describe('highlight rules in shadow trees', () => {
  /** A window whose computed `::highlight()` style is green where `styled` says so, transparent elsewhere. */
  function styledWindow(styled: (el: Element) => boolean) {
    // happy-dom's own sheet class (its shadow roots take no other), recording the rules it is given.
    class Sheet extends CSSStyleSheet {
      css = '';
      override replaceSync(css: string) {
        this.css = css;
      }
    }
    return {
      CSSStyleSheet: Sheet as unknown as new () => CSSStyleSheet,
      getComputedStyle: (el: Element) => ({
        backgroundColor: styled(el) ? 'rgb(0, 200, 0)' : 'rgba(0, 0, 0, 0)',
        textDecorationLine: styled(el) ? 'underline' : 'none',
        textDecorationColor: 'rgb(0, 0, 0)',
      }),
    };
  }

  function shadowParagraph(): { host: Element; p: Element; root: ShadowRoot } {
    const host = document.createElement('div');
    document.body.append(host);
    const root = host.attachShadow({ mode: 'open' });
    const p = document.createElement('p');
    p.textContent = 'North Korea';
    root.append(p);
    return { host, p, root };
  }

  it('adopts the rules into a shadow tree the page rules do not reach, once, and takes them out again', () => {
    const { p, root } = shadowParagraph();
    const before = [...root.adoptedStyleSheets];
    // Firefox: the page's rules style the body's highlights, not those of the shadow tree.
    const styles = new ShadowHighlightStyles(styledWindow((el) => el.getRootNode() === document));
    styles.restyle('::highlight(sanctions-context-dprk) { background-color: green; }');
    expect(styles.cover(p, 'dprk')).toBe(true);
    expect(root.adoptedStyleSheets).toHaveLength(before.length + 1);
    const sheet = root.adoptedStyleSheets.at(-1) as unknown as { css: string };
    expect(sheet.css).toContain('sanctions-context-dprk');
    // Asked once per tree; a restyle reaches the adopted copy.
    expect(styles.cover(p, 'msmt')).toBe(false);
    styles.restyle('::highlight(sanctions-context-msmt) { background-color: blue; }');
    expect(sheet.css).toContain('sanctions-context-msmt');
    styles.remove();
    expect(root.adoptedStyleSheets).toHaveLength(before.length);
  });

  it('leaves a shadow tree alone where the page rules reach it (Chromium), and light-DOM text always', () => {
    const { p, root } = shadowParagraph();
    const styles = new ShadowHighlightStyles(styledWindow(() => true));
    styles.restyle('::highlight(sanctions-context-dprk) { background-color: green; }');
    expect(styles.cover(p, 'dprk')).toBe(false);
    expect(root.adoptedStyleSheets).toHaveLength(0);
    const light = document.createElement('p');
    document.body.append(light);
    expect(new ShadowHighlightStyles(styledWindow(() => false)).cover(light, 'dprk')).toBe(false);
  });
});
