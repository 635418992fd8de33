// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import {
  blockElementFor,
  blocksWithin,
  offsetForPosition,
  rangeForOffsets,
  type TextBlock,
  textBlocks,
} from '../../page/text-blocks.ts';
import { isShownByAttributes } from '../../page/visibility.ts';

/** Replaces the test document's body with the parsed markup (DOMParser, not innerHTML). */
function mount(html: string): HTMLElement {
  const parsed = new DOMParser().parseFromString(`<!doctype html><body>${html}</body>`, 'text/html');
  document.body.replaceChildren(...Array.from(parsed.body.childNodes, (n) => document.importNode(n, true)));
  return document.body;
}

function texts(blocks: TextBlock[]): string[] {
  return blocks.map((b) => b.text);
}

beforeEach(() => {
  document.body.replaceChildren();
});

describe('textBlocks: what is read and how it is grouped', () => {
  const cases: [name: string, html: string, expected: string[]][] = [
    ['inline elements concatenate', "<p>North <b>Korea</b>'s envoy</p>", ["North Korea's envoy"]],
    ['nested inline markup', '<p>The <a href="#"><em>DP</em><strong>RK</strong></a> said</p>', ['The DPRK said']],
    ['each block element is its own block', '<h1>Title</h1><p>First</p><p>Second</p>', ['Title', 'First', 'Second']],
    ['loose text around a nested block', '<div>Before <p>inside</p> after</div>', ['Before ', 'inside', ' after']],
    [
      'list items and table cells',
      '<ul><li>one</li><li>two</li></ul><table><tr><td>a</td><td>b</td></tr></table>',
      ['one', 'two', 'a', 'b'],
    ],
    ['br separates lines', '<p>line one<br>line two</p>', ['line one', 'line two']],
    ['script is skipped', '<p>A<script>var x = "DPRK";</script>B</p>', ['AB']],
    ['style is skipped', '<p>A<style>p { color: rgb(1, 2, 3) }</style>B</p>', ['AB']],
    ['noscript is skipped', '<p>A</p><noscript><p>Enable scripts</p></noscript>', ['A']],
    ['template is skipped', '<template><p>DPRK</p></template><p>shown</p>', ['shown']],
    ['textarea is skipped and separates', '<p>DPRK<textarea>North Korea</textarea>RGB</p>', ['DPRK', 'RGB']],
    ['input is skipped and separates', '<p>left<input value="North Korea">right</p>', ['left', 'right']],
    ['select and option are skipped', '<p>Pick <select><option>North Korea</option></select></p>', ['Pick ']],
    ['contenteditable is skipped', '<div contenteditable="true"><p>DPRK draft</p></div><p>page</p>', ['page']],
    ['bare contenteditable is skipped', '<div contenteditable>draft</div>', []],
    ['plaintext-only editable is skipped', '<div contenteditable="plaintext-only">draft</div>', []],
    ['contenteditable=false is read', '<div contenteditable="false">fixed</div>', ['fixed']],
    ['hidden attribute', '<p hidden>DPRK</p><p>shown</p>', ['shown']],
    ['inline display:none', '<p>a<span style="display: none">DPRK</span>b</p>', ['ab']],
    ['inline visibility:hidden', '<p style="color: red; visibility:hidden">DPRK</p>', []],
    ['aria-hidden text is still shown on screen', '<p aria-hidden="true">decorative DPRK</p>', ['decorative DPRK']],
    ['button labels are read', '<button>About the MSMT</button>', ['About the MSMT']],
    ['object fallback is skipped', '<object>fallback</object><p>x</p>', ['x']],
    ['closed details shows only its summary', '<details><summary>More</summary>Body<p>Para</p></details>', ['More']],
    [
      'open details shows everything',
      '<details open><summary>More</summary>Body<p>Para</p></details>',
      ['More', 'Body', 'Para'],
    ],
    [
      'ruby annotations are left out',
      '<p><ruby>北朝鮮<rp>(</rp><rt>きたちょうせん</rt><rp>)</rp></ruby>制裁</p>',
      ['北朝鮮制裁'],
    ],
    [
      'svg text is read, svg metadata is not',
      '<svg><title>tip</title><text>DPRK <tspan>map</tspan></text></svg>',
      ['DPRK map'],
    ],
    ['whitespace-only blocks are dropped', '<div>\n  <p>   </p>\n  <p>\t</p>\n</div>', []],
    ['empty root', '', []],
  ];
  it.each(cases)('%s', (_name, html, expected) => {
    expect(texts(textBlocks(mount(html)))).toEqual(expected);
  });

  it('records the block element, nodes and their starts', () => {
    const body = mount('<div id="d">Loose <p id="p">North <b>Korea</b></p></div>');
    const blocks = textBlocks(body);
    expect(blocks.map((b) => b.element.id)).toEqual(['d', 'p']);
    const p = blocks[1] as TextBlock;
    expect(p.nodes.map((n) => n.data)).toEqual(['North ', 'Korea']);
    expect(p.starts).toEqual([0, 6]);
  });

  it('joins React-style split text nodes ("DPRK" + "\'s")', () => {
    const p = document.createElement('p');
    p.append(document.createTextNode('the DPRK'), document.createTextNode("'s"), document.createTextNode(' missiles'));
    document.body.append(p);
    const [block, ...rest] = textBlocks(document.body);
    expect(rest).toEqual([]);
    expect(block?.text).toBe("the DPRK's missiles");
    expect(block?.starts).toEqual([0, 8, 10]);
  });

  it('hides elements hidden by a stylesheet class (live document, computed style)', () => {
    mount('<style>.gone { display: none }</style><p class="gone">DPRK</p><p>shown</p>');
    expect(texts(textBlocks(document.body))).toEqual(['shown']);
  });

  it('uses a custom isVisible and exclude', () => {
    const body = mount('<p class="a">one</p><div id="ui"><p>our card</p></div><p class="b">two</p>');
    expect(texts(textBlocks(body, { isVisible: (el) => !el.classList.contains('a') }))).toEqual(['our card', 'two']);
    expect(texts(textBlocks(body, { exclude: (el) => el.id === 'ui' }))).toEqual(['one', 'two']);
  });

  it('reads nothing when the root itself sits inside skipped or hidden content', () => {
    const body = mount(
      '<div contenteditable><p id="in-editor">DPRK</p></div><div hidden><p id="in-hidden">DPRK</p></div>',
    );
    expect(textBlocks(body.querySelector('#in-editor') as Element)).toEqual([]);
    expect(textBlocks(body.querySelector('#in-hidden') as Element)).toEqual([]);
    expect(textBlocks(body, { isVisible: isShownByAttributes })).toEqual([]);
  });

  it('answers for shared ancestors once across calls, with the same results', () => {
    const body = mount(
      '<article><section><p id="a">North Korea</p><p id="b">The DPRK</p></section></article>' +
        '<div contenteditable><p id="c">DPRK</p><p id="d">RGB</p></div>',
    );
    const ancestors = new Map<Element, boolean>();
    const read = (id: string) => texts(textBlocks(body.querySelector(`#${id}`) as Element, { ancestors }));
    expect(['a', 'b', 'c', 'd'].map(read)).toEqual([['North Korea'], ['The DPRK'], [], []]);
    const section = body.querySelector('section') as Element;
    const editor = body.querySelector('[contenteditable]') as Element;
    expect(ancestors.get(section)).toBe(true);
    expect(ancestors.get(editor)).toBe(false);
    // An inline root still needs its enclosing block, which a remembered answer does not give.
    expect(texts(textBlocks(body.querySelector('#a')?.firstChild as Node, { ancestors }))).toEqual(['North Korea']);
  });

  it('reads an inline root into its enclosing block element', () => {
    const body = mount('<p id="p">North <b id="b">Korea</b></p>');
    const blocks = textBlocks(body.querySelector('#b') as Element);
    expect(texts(blocks)).toEqual(['Korea']);
    expect(blocks[0]?.element.id).toBe('p');
  });

  it('descends into open shadow roots, right where the host is', () => {
    const body = mount('<p>before</p><div id="host"><span>light child</span></div><p>after</p>');
    const host = body.querySelector('#host') as Element;
    const shadow = host.attachShadow({ mode: 'open' });
    const inner = document.createElement('p');
    inner.append('North ', document.createElement('b'));
    (inner.lastChild as Element).append('Korea');
    const slot = document.createElement('slot');
    shadow.append(inner, slot);
    expect(texts(textBlocks(body))).toEqual(['before', 'North Korea', 'light child', 'after']);
    expect(texts(textBlocks(body, { shadowRoots: false }))).toEqual(['before', 'light child', 'after']);
    // Re-reading from the shadow root alone yields its blocks too.
    expect(texts(textBlocks(shadow))).toEqual(['North Korea']);
  });

  it('handles trees deeper than the call stack', () => {
    // Detached, because happy-dom itself recurses when connecting or removing such a tree.
    const root = document.createElement('div');
    let parent: Element = root;
    for (let i = 0; i < 20_000; i++) {
      const span = document.createElement('span');
      parent.append(span);
      parent = span;
    }
    parent.append('deep DPRK');
    expect(texts(textBlocks(root, { isVisible: isShownByAttributes }))).toEqual(['deep DPRK']);
  });

  it('never changes the DOM', () => {
    const body = mount(
      '<article><h2>North <i>Korea</i></h2><p>The <b>DPRK</b>\'s <a href="#x">RGB</a>.<br>More <span style="display:none">x</span>text</p><textarea>DPRK</textarea><div contenteditable>DPRK</div></article>',
    );
    const before = body.outerHTML;
    const childCount = body.querySelectorAll('*').length;
    const blocks = textBlocks(body);
    for (const block of blocks) {
      for (let s = 0; s < block.text.length; s++) rangeForOffsets(block, s, block.text.length);
    }
    expect(blocks.length).toBeGreaterThan(0);
    expect(body.outerHTML).toBe(before);
    expect(body.querySelectorAll('*').length).toBe(childCount);
  });
});

describe('rangeForOffsets and offsetForPosition', () => {
  function spanningBlock(): TextBlock {
    const p = document.createElement('p');
    const b = document.createElement('b');
    const i = document.createElement('i');
    i.append('r');
    b.append('Ko', i, 'ea');
    const a = document.createElement('a');
    a.append('DPRK');
    // An empty text node in the middle, as frameworks leave behind.
    p.append('North ', b, document.createTextNode(''), "'s ", a, '.');
    document.body.append(p);
    const [block] = textBlocks(document.body);
    if (!block) throw new Error('no block read');
    return block;
  }

  it('round-trips every [start, end) across node boundaries', () => {
    const block = spanningBlock();
    expect(block.text).toBe("North Korea's DPRK.");
    expect(block.nodes.length).toBe(8);
    for (let s = 0; s <= block.text.length; s++) {
      for (let e = s; e <= block.text.length; e++) {
        const range = rangeForOffsets(block, s, e);
        expect(range, `${s},${e}`).not.toBeNull();
        expect(range?.toString(), `${s},${e}`).toBe(block.text.slice(s, e));
      }
    }
  });

  it('starts in the node holding the first character and ends in the node holding the last', () => {
    const block = spanningBlock();
    const korea = rangeForOffsets(block, 6, 11) as Range;
    expect(korea.startContainer).toBe(block.nodes[1]);
    expect(korea.startOffset).toBe(0);
    expect(korea.endContainer).toBe(block.nodes[3]);
    expect(korea.endOffset).toBe(2);
  });

  it('returns null for offsets out of range', () => {
    const block = spanningBlock();
    const n = block.text.length;
    for (const [s, e] of [
      [-1, 2],
      [3, 2],
      [0, n + 1],
      [n + 1, n + 2],
      [0.5, 2],
    ] as const) {
      expect(rangeForOffsets(block, s, e), `${s},${e}`).toBeNull();
    }
  });

  it('returns null when a node shrank after reading', () => {
    const block = spanningBlock();
    (block.nodes[0] as Text).data = 'N';
    expect(rangeForOffsets(block, 2, 4)).toBeNull();
  });

  it('offsetForPosition inverts rangeForOffsets', () => {
    const block = spanningBlock();
    for (let o = 0; o <= block.text.length; o++) {
      const range = rangeForOffsets(block, o, o) as Range;
      expect(offsetForPosition(block, range.startContainer, range.startOffset)).toBe(o);
    }
    for (let k = 0; k < block.nodes.length; k++) {
      const node = block.nodes[k] as Text;
      expect(offsetForPosition(block, node, node.data.length)).toBe((block.starts[k] as number) + node.data.length);
    }
  });

  it('maps element positions and rejects foreign nodes', () => {
    const block = spanningBlock();
    const b = block.element.querySelector('b') as Element;
    expect(offsetForPosition(block, b, 0)).toBe(6); // before "Ko"
    expect(offsetForPosition(block, b, 1)).toBe(8); // before <i>r</i>
    expect(offsetForPosition(block, b, b.childNodes.length)).toBe(11); // after "ea"
    expect(offsetForPosition(block, block.element, 0)).toBe(0);
    const stranger = document.createTextNode('DPRK');
    document.body.append(stranger);
    expect(offsetForPosition(block, stranger, 1)).toBe(-1);
    expect(offsetForPosition(block, document.createElement('p'), 0)).toBe(-1);
  });
});

describe('helpers for re-reading changed parts', () => {
  it('blockElementFor finds the enclosing block, across a shadow boundary', () => {
    const body = mount('<div id="d"><p id="p">North <b><i id="i">Korea</i></b></p><span id="s">x</span></div>');
    expect(blockElementFor(body.querySelector('#i')?.firstChild as Node)?.id).toBe('p');
    expect(blockElementFor(body.querySelector('#s') as Node)?.id).toBe('d');
    const host = body.querySelector('#p') as Element;
    const shadow = document.createElement('section').attachShadow({ mode: 'open' });
    const b = document.createElement('b');
    shadow.append(b);
    expect(blockElementFor(b)?.localName).toBe('section');
    expect(blockElementFor(document.createTextNode('alone'))).toBeNull();
    expect(host.id).toBe('p');
  });

  it('blocksWithin keeps the blocks of an element and its descendants', () => {
    const body = mount('<div id="a"><p>one</p><p>two</p></div><div id="b"><p>three</p></div>');
    const blocks = textBlocks(body);
    expect(texts(blocksWithin(blocks, body.querySelector('#a') as Element))).toEqual(['one', 'two']);
    expect(texts(blocksWithin(blocks, body.querySelector('#b p') as Element))).toEqual(['three']);
  });
});

describe('isShownByAttributes', () => {
  const cases: [html: string, shown: boolean][] = [
    ['<p>x</p>', true],
    ['<p hidden>x</p>', false],
    ['<p hidden="until-found">x</p>', false],
    ['<p style="display:none">x</p>', false],
    ['<p style="color: red;DISPLAY : none !important">x</p>', false],
    ['<p style="visibility: collapse">x</p>', false],
    ['<p style="--display: none; --visibility: hidden">x</p>', true],
    ['<p style="display: block">x</p>', true],
    ['<p aria-hidden="true">x</p>', true],
    ['<details><p>x</p></details>', false],
    ['<details open><p>x</p></details>', true],
    ['<details><summary>x</summary></details>', true],
  ];
  it.each(cases)('%s → %s', (html, shown) => {
    const body = mount(html);
    const target = body.querySelector('details > *') ?? (body.firstElementChild as Element);
    expect(isShownByAttributes(target)).toBe(shown);
  });
});
