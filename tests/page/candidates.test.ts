// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { CandidateSearch, outermost } from '../../page/candidates.ts';

function mount(html: string): HTMLElement {
  const parsed = new DOMParser().parseFromString(`<!doctype html><body>${html}</body>`, 'text/html');
  document.body.replaceChildren(...Array.from(parsed.body.childNodes, (n) => document.importNode(n, true)));
  return document.body;
}

const ids = (elements: Iterable<Element>) => [...elements].map((el) => el.id);

beforeEach(() => {
  document.body.replaceChildren();
});

describe('CandidateSearch', () => {
  it('finds the block elements of text that may name an entity, and nothing else', () => {
    const body = mount(
      '<article id="art"><h2 id="h">Weather</h2><p id="a">North <b>Korea</b> again.</p><p id="b">Sunny.</p>' +
        '<ul id="list"><li id="c">The MSMT report</li><li id="d">Rain</li></ul></article><p id="e">1718 (2006)</p>',
    );
    const search = new CandidateSearch(body);
    expect(search.step()).toBe(true);
    expect(ids(search.elements)).toEqual(['a', 'c', 'e']);
  });

  it('stops when asked and resumes where it stopped, with the same result', () => {
    const parts: string[] = [];
    for (let i = 0; i < 2000; i++)
      parts.push(i % 400 === 7 ? `<p id="m${i}">The DPRK, ${i}.</p>` : '<p>Filler line.</p>');
    const body = mount(parts.join(''));
    const search = new CandidateSearch(body);
    let stops = 0;
    while (!search.step(() => true)) stops++;
    expect(stops).toBeGreaterThan(5);
    expect(ids(search.elements)).toEqual(['m7', 'm407', 'm807', 'm1207', 'm1607']);
  });

  it('with rootTextFirst, walks only the roots whose whole text passes', () => {
    const body = mount('<p id="x">Sun and <em>rain</em>.</p><p id="y">Sanctions on <em>Nord</em>korea.</p>');
    const roots = [...body.children];
    const search = new CandidateSearch(roots, { rootTextFirst: true });
    search.step();
    expect(ids(search.elements)).toEqual(['y']);
  });
});

describe('outermost', () => {
  it('keeps the members no other member contains, in the given order', () => {
    const body = mount(
      '<div id="outer"><p id="inner">x</p><section id="s"><p id="deep">y</p></section></div><p id="other">z</p>',
    );
    const pick = (...names: string[]) => names.map((n) => body.querySelector(`#${n}`) as Element);
    expect(ids(outermost(pick('inner', 'outer', 'deep', 'other')))).toEqual(['outer', 'other']);
    expect(ids(outermost(pick('deep', 'inner', 'other')))).toEqual(['deep', 'inner', 'other']);
    expect(outermost([])).toEqual([]);
  });
});
