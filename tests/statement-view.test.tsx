// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseStatementHash, StatementView } from '../components/StatementView.tsx';
import { knowledge, statement } from '../data/index.ts';
import { t } from '../lib/i18n.ts';
import { statementUrl } from '../lib/statement-url.ts';
import type { UiLang } from '../lib/ui-lang.ts';

let container: HTMLElement;
beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(() => {
  render(null, container);
  container.remove();
  vi.restoreAllMocks();
});

function show(hash: string, lang: UiLang = 'en') {
  // act() flushes the effect that scrolls to the target, as the browser would after paint.
  act(() => {
    render(<StatementView doc={statement} lang={lang} hash={hash} />, container);
  });
}

const link = (part: string, quote: string) => `#${part}&q=${encodeURIComponent(quote)}`;

describe('parseStatementHash', () => {
  const cases: [string, ReturnType<typeof parseStatementHash>][] = [
    ['', {}],
    ['#', {}],
    ['#p4', { part: 'p4' }],
    ['p4', { part: 'p4' }],
    ['#p2&q=%C2%AB%20Ce%20rapport', { part: 'p2', quote: '« Ce rapport' }],
    ['#p2&q=a%26b%3Dc', { part: 'p2', quote: 'a&b=c' }],
    ['#p2&q=', { part: 'p2' }],
    ['#p2&q=%E0%A4%A', { part: 'p2' }],
    ['#q=seul', { quote: 'seul' }],
    ['#p3&x=1&q=RPDC', { part: 'p3', quote: 'RPDC' }],
  ];
  for (const [hash, expected] of cases) {
    it(`reads ${JSON.stringify(hash)}`, () => expect(parseStatementHash(hash)).toEqual(expected));
  }

  it('reads back every link the card builds for a fact, through the browser URL parser', () => {
    for (const fact of knowledge.facts) {
      const url = new URL(statementUrl('chrome-extension://test-id/statement.html', fact.cite.part, fact.quote));
      expect(parseStatementHash(url.hash)).toEqual({ part: fact.cite.part, quote: fact.quote });
    }
  });
});

describe('StatementView', () => {
  it('renders every part verbatim, French and English, with anchors', () => {
    show('');
    expect(statement.parts.length).toBeGreaterThan(6);
    for (const part of statement.parts) {
      const section = container.querySelector(`[id="${part.id}"]`);
      expect(section, part.id).not.toBeNull();
      const fr = section?.querySelector('.fr');
      expect(fr?.getAttribute('lang')).toBe('fr');
      expect(fr?.textContent).toBe(part.text);
      expect(section?.querySelector('.en')?.textContent).toBe(part.en);
      expect(section?.querySelector('.en')?.getAttribute('lang')).toBe('en');
    }
    expect(container.querySelectorAll('mark')).toHaveLength(0);
  });

  it('numbers the six paragraphs of the statement as ¶1–¶6 with links to their anchors', () => {
    show('');
    const numbered = statement.parts.filter((p) => p.kind === 'statement');
    expect(numbered.map((p) => p.number)).toEqual([1, 2, 3, 4, 5, 6]);
    for (const part of numbered) {
      const pilcrow = container.querySelector(`[id="${part.id}"] .pilcrow`);
      expect(pilcrow?.textContent).toBe(`¶${part.number}`);
      expect(pilcrow?.getAttribute('href')).toBe(`#${part.id}`);
    }
  });

  it('labels the translation as unofficial and links to the original and the report site', () => {
    for (const lang of ['en', 'fr'] as const) {
      show('', lang);
      expect(container.textContent).toContain(t('statementUnofficialTranslation', lang));
      expect(container.textContent).toContain(t('statementAboutHeading', lang));
      expect(container.querySelector('h1')?.textContent).toBe(statement.shortTitle[lang]);
      const hrefs = [...container.querySelectorAll('a')].map((a) => a.getAttribute('href'));
      expect(hrefs).toContain(statement.url);
      expect(hrefs).toContain('https://msmt.info');
    }
  });

  it('lights exactly the quoted text of every fact and scrolls to it', () => {
    const scrolled: Element[] = [];
    const proto = HTMLElement.prototype as { scrollIntoView?: (arg?: unknown) => void };
    const original = proto.scrollIntoView;
    proto.scrollIntoView = function (this: Element) {
      scrolled.push(this);
    };
    try {
      for (const fact of knowledge.facts) {
        scrolled.length = 0;
        show(link(fact.cite.part, fact.quote));
        const marks = container.querySelectorAll('mark');
        expect(marks, fact.id).toHaveLength(1);
        const mark = marks[0];
        expect(mark?.textContent).toBe(fact.quote);
        const section = mark?.closest('section');
        expect(section?.id).toBe(fact.cite.part);
        expect(section?.classList.contains('is-target')).toBe(true);
        // Lighting the quote must not change the paragraph's text.
        expect(mark?.closest('.fr')?.textContent).toBe(statement.parts.find((p) => p.id === fact.cite.part)?.text);
        expect(scrolled).toEqual([mark]);
        expect(document.activeElement).toBe(section);
      }
    } finally {
      proto.scrollIntoView = original;
    }
  });

  it('moves the light when the hash changes', () => {
    show(link('p2', 'Bureau général de reconnaissance'));
    expect(container.querySelector('#p2 mark')?.textContent).toBe('Bureau général de reconnaissance');
    show(link('p4', 'Comité 1718 du CSNU'));
    expect(container.querySelectorAll('mark')).toHaveLength(1);
    expect(container.querySelector('#p4 mark')?.textContent).toBe('Comité 1718 du CSNU');
    expect(container.querySelector('#p2')?.classList.contains('is-target')).toBe(false);
  });

  it('says so when the quote is not in the paragraph, and shows the paragraph untouched', () => {
    show(link('p1', '<b>pas dans ce paragraphe</b>'));
    expect(container.querySelector('mark')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect(container.querySelector('#p1 .notice')?.textContent).toBe(t('statementQuoteNotFound', 'en'));
    expect(container.querySelector('#p1 .fr')?.textContent).toBe(statement.parts.find((p) => p.id === 'p1')?.text);
  });

  it('says so when the hash names a part the statement does not have', () => {
    show('#p99', 'fr');
    expect(container.textContent).toContain(t('statementPartNotFound', 'fr', 'p99'));
    expect(container.querySelector('.is-target')).toBeNull();
  });
});
