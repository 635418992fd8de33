// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { findPdfMentions, layoutPageText, type PageText } from '../../lib/pdf-text.ts';
import { createPdfMentionLayer, textLayerSpans } from '../../page/pdf-mentions.ts';

/* The reader's painter: extracted offsets back to the spans of a text layer like pdf.js's. */

/** A pdf.js-shaped text item at (x, y), 10 points high, 5 points per character. */
const item = (str: string, x: number, y: number) => ({
  str,
  transform: [10, 0, 0, 10, x, y],
  width: str.length * 5,
  height: 10,
  hasEOL: false,
});

/** Two columns drawn row by row: the left column's name runs over two lines. */
const ITEMS = [
  item('In its first report the Multilateral', 0, 700),
  item('A second chapter on the', 300, 700),
  item('Sanctions Monitoring Team noted', 0, 688),
  item('Reconnaissance General Bureau.', 300, 688),
];

/** A text layer as pdf.js draws it: one presentation span per non-empty item, in item order. */
function textLayer(items: { str: string }[]): HTMLElement {
  const div = document.createElement('div');
  div.className = 'textLayer';
  for (const { str } of items) {
    if (str === '') continue;
    const span = document.createElement('span');
    span.setAttribute('role', 'presentation');
    span.textContent = str;
    div.append(span, document.createElement('br'));
  }
  document.body.append(div);
  return div;
}

/** A registry and Highlight class standing in for the CSS Custom Highlight API. */
function fakeWindow() {
  const registry = new Map<string, { ranges: Range[] }>();
  class FakeHighlight {
    ranges: Range[];
    size: number;
    priority = 0;
    constructor(...ranges: Range[]) {
      this.ranges = ranges;
      this.size = ranges.length;
    }
  }
  const win = {
    CSS: { highlights: registry },
    Highlight: FakeHighlight,
    setTimeout: (fn: () => void, ms?: number) => window.setTimeout(fn, ms),
    clearTimeout: (id: number) => window.clearTimeout(id),
  };
  return { registry, win: win as unknown as Parameters<typeof createPdfMentionLayer>[0]['win'] };
}

afterEach(() => {
  document.body.replaceChildren();
  document.head.replaceChildren();
});

describe('textLayerSpans', () => {
  it('gives each non-empty item its span text, and nothing for empty ones', () => {
    const items = [item('One', 0, 10), item('', 20, 10), item('Two', 0, 0)];
    const page = layoutPageText(items, 1);
    const nodes = textLayerSpans(textLayer(items), page);
    expect(nodes?.map((n) => n?.data ?? null)).toEqual(['One', null, 'Two']);
  });

  it('refuses a layer that does not hold the page items', () => {
    const page = layoutPageText([item('One', 0, 10), item('Two', 0, 0)], 1);
    expect(textLayerSpans(textLayer([{ str: 'One' }]), page)).toBeNull();
    expect(textLayerSpans(textLayer([{ str: 'One' }, { str: 'Tw' }]), page)).toBeNull();
  });
});

describe('createPdfMentionLayer', () => {
  async function setUp() {
    const pages: PageText[] = [layoutPageText(ITEMS, 1), layoutPageText([item('The DPRK replied.', 0, 700)], 2)];
    const mentions = await findPdfMentions(pages);
    const { registry, win } = fakeWindow();
    const layer = createPdfMentionLayer({ doc: document, win });
    layer.setDocument(pages, mentions);
    return { layer, registry, pages };
  }

  it('counts the whole document before any page is painted', async () => {
    const { layer, registry } = await setUp();
    expect(layer.mentions().map((m) => [m.page, m.entity])).toEqual([
      [1, 'msmt'],
      [1, 'rgb'],
      [2, 'dprk'],
    ]);
    expect(layer.counts()).toEqual({ dprk: 1, 'unsc-1718': 0, rgb: 1, msmt: 1 });
    expect(registry.size).toBe(0);
    expect(layer.painted(0)).toBeUndefined();
  });

  it('paints a page on its text layer, a name broken by the other column in one range per line', async () => {
    const { layer, registry } = await setUp();
    expect(layer.paintPage(1, textLayer(ITEMS))).toBe(3);
    const texts = (name: string) => registry.get(name)?.ranges.map((r) => r.toString());
    expect(texts('sanctions-context-msmt')).toEqual(['Multilateral', 'Sanctions Monitoring Team']);
    expect(texts('sanctions-context-rgb')).toEqual(['Reconnaissance General Bureau']);
    expect(layer.painted(0)?.range.toString()).toBe('Multilateral');
    expect(document.querySelector('style[data-sanctions-context-styles]')?.textContent).toContain(
      '::highlight(sanctions-context-msmt)',
    );
  });

  it('paints a page again when its layer is rendered anew, and forgets a page that is gone', async () => {
    const { layer, registry } = await setUp();
    layer.paintPage(1, textLayer(ITEMS));
    expect(layer.paintPage(1, textLayer(ITEMS))).toBe(3);
    expect(registry.get('sanctions-context-msmt')?.ranges).toHaveLength(2);
    layer.forgetPage(1);
    expect(registry.has('sanctions-context-msmt')).toBe(false);
    expect(layer.painted(0)).toBeUndefined();
  });

  it('paints nothing on a layer that does not match the page, and nothing for a page without mentions', async () => {
    const { layer, registry } = await setUp();
    expect(layer.paintPage(2, textLayer([{ str: 'Something else entirely' }]))).toBe(0);
    expect(layer.paintPage(3, textLayer([{ str: 'No such page' }]))).toBe(0);
    expect(registry.size).toBe(0);
    // Positive control: the right layer paints.
    expect(layer.paintPage(2, textLayer([{ str: 'The DPRK replied.' }]))).toBe(1);
    expect(registry.get('sanctions-context-dprk')?.ranges.map((r) => r.toString())).toEqual(['DPRK']);
  });

  it('counts and paints only the entities asked for', async () => {
    const pages = [layoutPageText(ITEMS, 1)];
    const { registry, win } = fakeWindow();
    const layer = createPdfMentionLayer({ doc: document, win, entities: ['rgb'] });
    layer.setDocument(pages, await findPdfMentions(pages));
    expect(layer.mentions().map((m) => m.entity)).toEqual(['rgb']);
    layer.paintPage(1, textLayer(ITEMS));
    expect([...registry.keys()]).toEqual(['sanctions-context-rgb']);
    layer.destroy();
    expect(registry.size).toBe(0);
    expect(document.querySelector('style[data-sanctions-context-styles]')).toBeNull();
  });
});
