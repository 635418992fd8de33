// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { CandidateSearch } from '../../page/candidates.ts';
import { shadowRootReader } from '../../page/shadow-roots.ts';
import { type TextBlock, textBlocks } from '../../page/text-blocks.ts';

/** A closed root and the privileged accessor that reveals it, as the browser gives extensions. */
function closedHost(tag: string, text: string): { host: Element; root: ShadowRoot } {
  const host = document.createElement(tag);
  const root = host.attachShadow({ mode: 'closed' });
  const p = document.createElement('p');
  p.textContent = text;
  root.append(p);
  return { host, root };
}

const texts = (blocks: TextBlock[]) => blocks.map((b) => b.text);

describe('shadowRootReader', () => {
  it('gives open roots directly and asks the accessor only of custom and empty host elements', () => {
    const closed = new Map<Element, ShadowRoot>();
    const asked: string[] = [];
    const read = shadowRootReader((el) => {
      asked.push(el.localName);
      return closed.get(el) ?? null;
    });
    const open = document.createElement('div');
    const openRoot = open.attachShadow({ mode: 'open' });
    const custom = closedHost('news-card', 'x');
    const emptyDiv = closedHost('div', 'y');
    closed.set(custom.host, custom.root);
    closed.set(emptyDiv.host, emptyDiv.root);
    const fullParagraph = document.createElement('p');
    fullParagraph.textContent = 'light text';
    const link = document.createElement('a');

    expect(read(open)).toBe(openRoot);
    expect(read(custom.host)).toBe(custom.root);
    expect(read(emptyDiv.host)).toBe(emptyDiv.root);
    expect(read(fullParagraph)).toBeNull();
    expect(read(link)).toBeNull();
    expect(asked).toEqual(['news-card', 'div']);
  });

  it('reads only open roots without an accessor, and treats a throwing accessor as no root', () => {
    const { host } = closedHost('news-card', 'x');
    expect(shadowRootReader()(host)).toBeNull();
    expect(
      shadowRootReader(() => {
        throw new Error('not allowed');
      })(host),
    ).toBeNull();
  });

  it('lets the candidate search and the text reader into closed roots', () => {
    document.body.replaceChildren();
    const { host, root } = closedHost('news-card', 'The Reconnaissance General Bureau, in a closed root.');
    document.body.append(host);
    const reader = shadowRootReader((el) => (el === host ? root : null));

    const without = new CandidateSearch(document.body);
    without.step();
    expect(without.elements.size).toBe(0);

    const search = new CandidateSearch(document.body, { closedShadowRootOf: (el) => (el === host ? root : null) });
    search.step();
    expect(search.shadowRoots).toEqual([root]);
    expect([...search.elements].map((el) => el.localName)).toEqual(['p']);
    expect(texts(textBlocks(document.body, { shadowRootOf: reader }))).toEqual([
      'The Reconnaissance General Bureau, in a closed root.',
    ]);
    expect(texts(textBlocks(document.body))).toEqual([]);
  });

  it('asks the accessor of empty possible hosts only, and finds open roots anywhere', () => {
    document.body.replaceChildren();
    const empty = closedHost('news-card', 'The DPRK, in an empty host.');
    const withChildren = closedHost('news-card', 'The MSMT, behind a slotted host.');
    withChildren.host.append(document.createElement('span'));
    const openHost = document.createElement('section');
    openHost.append('light text');
    const openRoot = openHost.attachShadow({ mode: 'open' });
    openRoot.append(Object.assign(document.createElement('p'), { textContent: 'North Korea, open.' }));
    document.body.append(empty.host, withChildren.host, openHost, document.createElement('br'));
    const asked: Element[] = [];
    const closed = new Map([
      [empty.host, empty.root],
      [withChildren.host, withChildren.root],
    ]);
    const search = new CandidateSearch(document.body, {
      closedShadowRootOf: (el) => {
        asked.push(el);
        return closed.get(el) ?? null;
      },
    });
    search.step();
    // The slotted host has a child, so only its empty <span> is asked, besides the empty host.
    expect(asked.map((el) => el.outerHTML)).toEqual(['<news-card></news-card>', '<span></span>']);
    // Hosts in document order (a page this small is asked element by element: see possibleHosts).
    expect(search.shadowRoots).toEqual([empty.root, openRoot]);
    expect([...search.elements].map((el) => el.textContent)).toEqual([
      'The DPRK, in an empty host.',
      'North Korea, open.',
    ]);
  });
});
