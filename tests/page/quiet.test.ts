// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { hasReadable, isQuiet, wakesUp } from '../../page/quiet.ts';

function mount(html: string): HTMLElement {
  const parsed = new DOMParser().parseFromString(`<!doctype html><body>${html}</body>`, 'text/html');
  document.body.replaceChildren(...Array.from(parsed.body.childNodes, (n) => document.importNode(n, true)));
  return document.body;
}

beforeEach(() => {
  document.body.replaceChildren();
});

/** The records a MutationObserver on the document gives for `change`. */
async function recordsOf(change: () => void): Promise<MutationRecord[]> {
  const records: MutationRecord[] = [];
  const observer = new MutationObserver((batch) => records.push(...batch));
  observer.observe(document, { childList: true, characterData: true, subtree: true });
  change();
  await new Promise((resolve) => setTimeout(resolve, 0));
  records.push(...observer.takeRecords());
  observer.disconnect();
  return records;
}

describe('isQuiet', () => {
  it('is true for an empty body and for an ad-like frame whose words name nothing', () => {
    mount('');
    expect(isQuiet(document)).toBe(true);
    mount('<div class="ad"><span>Sponsored</span><a href="#c"><img alt="" width="300"></a></div>');
    expect(isQuiet(document)).toBe(true);
  });

  it('stays quiet for words that only matter beside a name, and wakes with the name', () => {
    mount('<p>Our panel of experts reviews solar panels.</p><p>Die Experten sagen etwas anderes.</p>');
    expect(isQuiet(document)).toBe(true);
    mount('<p>Our panel of experts reviews solar panels.</p><p>The DPRK.</p>');
    expect(isQuiet(document)).toBe(false);
  });

  it('stays quiet for soft hyphens, zero-width joiners and line-end hyphens, and wakes for a name they split', () => {
    const everyday =
      '<h1>Klima\u00adschutz\u00adgesetz be\u00adschlossen</h1><p>می\u200cخواهم کتاب\u200cها را بخوانم</p>' +
      '<p>Team 👩\u200d💻 shipped a well-\n  known fix \ufeff</p>';
    mount(everyday);
    expect(isQuiet(document)).toBe(true);
    // Past the first text nodes too, where the whole text is read at once.
    mount(`${'<p>Weather and sport.</p>'.repeat(300)}${everyday}`);
    expect(isQuiet(document)).toBe(true);
    mount(`${everyday}<p>Nord\u00adkorea</p>`);
    expect(isQuiet(document)).toBe(false);
    mount(`${'<p>Weather and sport.</p>'.repeat(300)}${everyday}<p>the Recon-\nnaissance General Bureau</p>`);
    expect(isQuiet(document)).toBe(false);
  });

  it('is false as soon as some text may name an entity, hidden or not, on a page of any size', () => {
    mount('<div><span>Sponsored</span> North Korea</div>');
    expect(isQuiet(document)).toBe(false);
    mount('<p hidden>1718 (2006)</p>');
    expect(isQuiet(document)).toBe(false);
    mount(`${'<p>Weather and sport.</p>'.repeat(3000)}<p>The DPRK.</p>`);
    expect(isQuiet(document)).toBe(false);
    mount('<p>Weather and sport.</p>'.repeat(3000));
    expect(isQuiet(document)).toBe(true);
  });

  it('is false for a frame with a shadow root, open or closed and reachable, even without text', () => {
    const body = mount('<div id="open"></div>');
    (body.querySelector('#open') as Element).attachShadow({ mode: 'open' });
    expect(isQuiet(document)).toBe(false);
    const closedBody = mount('<x-card id="closed"></x-card><p>Sponsored</p>');
    const host = closedBody.querySelector('#closed') as Element;
    const root = host.attachShadow({ mode: 'closed' });
    expect(isQuiet(document)).toBe(true);
    expect(isQuiet(document, (el) => (el === host ? root : null))).toBe(false);
  });
});

describe('closed shadow roots', () => {
  it('are asked of childless custom elements only, never of every element', () => {
    mount('<div></div><span></span><x-ad></x-ad><x-box><p>Rain</p></x-box><p>Sponsored</p>');
    const asked: string[] = [];
    expect(
      isQuiet(document, (el) => {
        asked.push(el.localName);
        return null;
      }),
    ).toBe(true);
    expect(asked).toEqual(['x-ad']);
  });
});

describe('hasReadable', () => {
  it('looks under the element given, not elsewhere', () => {
    const body = mount('<section id="a"><p>Rain.</p></section><section id="b"><p>The RGB.</p></section>');
    expect(hasReadable(body.querySelector('#a') as Element)).toBe(false);
    expect(hasReadable(body.querySelector('#b') as Element)).toBe(true);
  });
});

describe('wakesUp', () => {
  it('wakes for added text, added elements with candidate text or a shadow root, and edited text', async () => {
    const body = mount('<p id="p">Sponsored</p>');
    const text = (body.querySelector('#p') as Element).firstChild as Text;
    expect(wakesUp(await recordsOf(() => body.append('North Korea')))).toBe(true);
    expect(
      wakesUp(await recordsOf(() => body.append(Object.assign(document.createElement('p'), { textContent: 'MSMT' })))),
    ).toBe(true);
    const host = document.createElement('div');
    host.attachShadow({ mode: 'open' });
    expect(wakesUp(await recordsOf(() => body.append(host)))).toBe(true);
    expect(
      wakesUp(
        await recordsOf(() => {
          text.data = 'Resolution 1718';
        }),
      ),
    ).toBe(true);
  });

  it('sleeps on through changes that name nothing, removals included', async () => {
    const body = mount('<p id="p">Sponsored</p><p id="gone">The DPRK</p>');
    const text = (body.querySelector('#p') as Element).firstChild as Text;
    const records = await recordsOf(() => {
      body.append('12:01');
      body.append(Object.assign(document.createElement('p'), { textContent: 'Weather' }));
      text.data = '12:02';
      body.querySelector('#gone')?.remove();
    });
    expect(records.length).toBeGreaterThanOrEqual(4);
    expect(wakesUp(records)).toBe(false);
  });
});
