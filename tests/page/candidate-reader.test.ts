// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { CandidateReader, composedCompare, type ReadClock } from '../../page/candidate-reader.ts';

const HOST = 'sanctions-context-card';

function setup() {
  const shadows: ShadowRoot[] = [];
  const reader = new CandidateReader({
    exclude: (el) => el.localName === HOST,
    onShadowRoot: (root) => shadows.push(root),
  });
  return { reader, shadows };
}

function clock(options: Partial<ReadClock> = {}): ReadClock & { yields: number } {
  const c = {
    yields: 0,
    chunkMs: 8,
    now: () => performance.now(),
    yieldToPage: async () => {
      c.yields++;
    },
    cancelled: () => false,
    ...options,
  };
  return c;
}

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('composedCompare', () => {
  it('orders nodes in page order, shadow content at its host’s place', () => {
    document.body.innerHTML = '<p id="a">A</p><div id="host"></div><p id="c">C</p>';
    const host = document.getElementById('host') as HTMLElement;
    const inner = document.createElement('p');
    host.attachShadow({ mode: 'open' }).append(inner);
    const a = document.getElementById('a') as HTMLElement;
    const c = document.getElementById('c') as HTMLElement;
    expect(composedCompare(a, inner)).toBeLessThan(0);
    expect(composedCompare(inner, c)).toBeLessThan(0);
    expect(composedCompare(c, inner)).toBeGreaterThan(0);
    expect(composedCompare(host, inner)).toBeLessThan(0);
    expect(composedCompare(inner, inner)).toBe(0);
  });
});

describe('CandidateReader', () => {
  it('reads only the blocks that may hold a mention, in page order, and reports shadow trees', () => {
    document.body.innerHTML =
      '<p id="one">Weather: sunny.</p><p id="two">Sanctions on North Korea.</p><div id="host"></div>';
    const host = document.getElementById('host') as HTMLElement;
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p>The MSMT reported.</p>';
    const { reader, shadows } = setup();
    const blocks = reader.readUnder([document.body]);
    expect(blocks.map((b) => b.text)).toEqual(['Sanctions on North Korea.', 'The MSMT reported.']);
    expect(shadows).toEqual([shadow]);
    expect(reader.readUnder([])).toEqual([]);
  });

  it('leaves excluded elements alone', () => {
    document.body.innerHTML = `<p>The DPRK.</p><${HOST}><p>Card about the DPRK</p></${HOST}>`;
    const { reader } = setup();
    expect(reader.readUnder([document.body]).map((b) => b.text)).toEqual(['The DPRK.']);
  });

  it('reads a whole page in chunks, yielding between them', async () => {
    const parts = Array.from({ length: 300 }, (_, i) => `<p>Item ${i} on the DPRK ${'filler '.repeat(20)}</p>`);
    document.body.innerHTML = parts.join('');
    const { reader } = setup();
    const c = clock({ chunkMs: 0 });
    const blocks = await reader.readAll(document.body, c);
    expect(blocks).toHaveLength(300);
    expect(blocks?.[299]?.text).toContain('Item 299');
    expect(c.yields).toBeGreaterThan(1);
  });

  it('stops at the first yield once cancelled, and resolves to null', async () => {
    document.body.innerHTML = Array.from({ length: 50 }, (_, i) => `<p>Item ${i}: North Korea</p>`).join('');
    const { reader } = setup();
    let cancelled = false;
    const c = clock({
      chunkMs: 0,
      yieldToPage: async () => {
        cancelled = true;
      },
      cancelled: () => cancelled,
    });
    expect(await reader.readAll(document.body, c)).toBeNull();
    // Positive control: the same page, not cancelled, is read in full.
    expect(await reader.readAll(document.body, clock())).toHaveLength(50);
  });
});
