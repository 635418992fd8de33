// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseStatementHash, StatementView } from '../../components/StatementView.tsx';
import { citationText, paragraphFragmentUrl, quoteWithCitation } from '../../components/statement-citation.ts';
import { knowledge, statement } from '../../data/index.ts';
import { t } from '../../lib/i18n.ts';
import { statementUrl } from '../../lib/statement-url.ts';
import type { UiLang } from '../../lib/ui-lang.ts';

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
        const marks = container.querySelectorAll('.fr mark');
        expect(marks, fact.id).toHaveLength(1);
        // Our English lights the same passage: the sentences in the same places.
        const part = statement.parts.find((p) => p.id === fact.cite.part);
        const en = container.querySelector('.en mark')?.textContent ?? '';
        expect(en.length, fact.id).toBeGreaterThan(0);
        expect(part?.en.includes(en), fact.id).toBe(true);
        expect(container.querySelectorAll('mark'), fact.id).toHaveLength(2);
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
    expect(container.querySelectorAll('.fr mark')).toHaveLength(1);
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

describe('StatementView: languages, citations, about', () => {
  const part = (id: string) => {
    const p = statement.parts.find((x) => x.id === id);
    if (!p) throw new Error(id);
    return p;
  };

  it('switches the language shown on narrow screens with pressed-state buttons', async () => {
    show('');
    const root = () => container.querySelector('.statement');
    const buttons = [...container.querySelectorAll<HTMLButtonElement>('.lang-toggle button')];
    // Short language names on the buttons (the switch stays on screen), the full ones as titles.
    expect(buttons.map((b) => b.textContent)).toEqual(['Français', 'English']);
    expect(buttons.map((b) => b.lang)).toEqual(['fr', 'en']);
    expect(buttons.map((b) => b.title)).toEqual([
      t('statementFrenchOriginal', 'en'),
      t('statementUnofficialTranslation', 'en'),
    ]);
    expect(container.querySelector('.lang-toggle legend')?.textContent).toBe(t('statementLanguageTabs', 'en'));
    expect(root()?.classList.contains('show-fr')).toBe(true);
    expect(buttons.map((b) => b.getAttribute('aria-pressed'))).toEqual(['true', 'false']);
    await act(async () => buttons[1]?.click());
    expect(root()?.classList.contains('show-en')).toBe(true);
    expect(buttons.map((b) => b.getAttribute('aria-pressed'))).toEqual(['false', 'true']);
    // A deep link keeps the reader's language: the English column lights the same passage.
    show(link('p2', 'Bureau général de reconnaissance'));
    expect(root()?.classList.contains('show-en')).toBe(true);
    expect(container.querySelector('#p2 .en mark')?.textContent).toContain('Reconnaissance General Bureau');
  });

  it('tells the page when the other language is shown, so it can paint it', async () => {
    const shown: string[] = [];
    act(() =>
      render(<StatementView doc={statement} lang="en" hash="" onShownChange={(l) => shown.push(l)} />, container),
    );
    expect(shown).toEqual([]);
    const buttons = [...container.querySelectorAll<HTMLButtonElement>('.lang-toggle button')];
    await act(async () => buttons[1]?.click());
    await act(async () => buttons[0]?.click());
    expect(shown).toEqual(['en', 'fr']);
  });

  it('makes web addresses links, so no mention is painted inside them', () => {
    show('');
    const links = [...container.querySelectorAll<HTMLAnchorElement>('.fr a.url, .en a.url')];
    expect(links.length).toBeGreaterThan(0);
    expect(links.map((a) => a.getAttribute('href'))).toContain('https://msmt.info');
    for (const a of links) expect(a.textContent).toBe(a.getAttribute('href'));
    // The paragraph's text is unchanged around the link.
    const p1 = statement.parts.find((p) => p.text.includes('https://msmt.info'));
    expect(container.querySelector(`[id="${p1?.id}"] .fr`)?.textContent).toBe(p1?.text);
  });

  it('offers "Copy citation" and an original-page link on each numbered paragraph only', () => {
    show('');
    for (const p of statement.parts) {
      const tools = container.querySelector(`[id="${p.id}"] .part-tools`);
      expect(!!tools, p.id).toBe(p.number !== undefined);
      if (!tools || p.number === undefined) continue;
      expect(tools.querySelector('button')?.getAttribute('aria-label')).toBe(
        t('statementCopyCitationLabel', 'en', p.number),
      );
      expect(tools.querySelector('a')?.getAttribute('href')).toBe(paragraphFragmentUrl(statement, p));
    }
  });

  it('copies the citation and confirms it visibly', async () => {
    const copy = vi.fn(async (_text: string) => {});
    act(() => {
      render(<StatementView doc={statement} lang="en" hash="" copy={copy} />, container);
    });
    await act(async () => container.querySelector<HTMLButtonElement>('#p3 .part-tools button')?.click());
    expect(copy).toHaveBeenCalledWith(citationText(statement, part('p3'), 'en'));
    expect(container.querySelector('#p3 .copied')?.textContent).toBe(t('statementCopied', 'en'));
    expect(container.querySelector('#p3 .copied')?.getAttribute('role')).toBe('status');
  });

  it('shows the citation selected when the clipboard refuses', async () => {
    const copy = vi.fn(async () => Promise.reject(new Error('denied')));
    act(() => {
      render(<StatementView doc={statement} lang="fr" hash="" copy={copy} />, container);
    });
    await act(async () => container.querySelector<HTMLButtonElement>('#p5 .part-tools button')?.click());
    await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
    const area = container.querySelector<HTMLTextAreaElement>('#p5 .copy-fallback textarea');
    expect(container.querySelector('#p5 .copy-fallback')?.textContent).toContain(t('statementCopyFailed', 'fr'));
    expect(area?.value).toBe(citationText(statement, part('p5'), 'fr'));
    expect(area?.selectionStart).toBe(0);
    expect(area?.selectionEnd).toBe(area?.value.length);
  });

  it('says what is bundled, with the counts it is given', () => {
    act(() => {
      render(
        <StatementView doc={statement} lang="en" hash="" counts={{ entities: 4, facts: 11, events: 7 }} />,
        container,
      );
    });
    expect(container.querySelector('.about')?.textContent).toContain(t('statementAboutContents', 'en', 6, 4, 11, 7));
  });
});

describe('citations', () => {
  const p2 = statement.parts.find((p) => p.id === 'p2');
  if (!p2) throw new Error('p2');

  const accessed = new Date(2026, 0, 1, 12);

  it('cites publisher, original title with the English title in brackets, date, ¶, canonical URL and access date', () => {
    const en = citationText(statement, p2, 'en', accessed);
    expect(en).toBe(
      `Global Affairs Canada. “${statement.title}” [${statement.titleEn}]. Joint statement, 22 October 2025, ¶2. ${statement.url} (accessed 1 January 2026).`,
    );
    const fr = citationText(statement, p2, 'fr', accessed);
    expect(fr).toBe(
      `Affaires mondiales Canada, « ${statement.title} », déclaration commune, 22 octobre 2025, ¶2. ${statement.url} (consulté le 1er janvier 2026).`,
    );
  });

  it('keeps each citation in one language and its URL short (no text fragment)', () => {
    const en = citationText(statement, p2, 'en', accessed);
    const fr = citationText(statement, p2, 'fr', accessed);
    expect(en).not.toMatch(/Affaires mondiales|consulté|déclaration commune,/);
    expect(fr).not.toMatch(/Global Affairs|accessed|Joint statement/);
    for (const c of [en, fr]) {
      expect(c).not.toContain('#:~:text=');
      const url = c.match(/https:\/\/\S+/)?.[0] ?? '';
      expect(url).toBe(statement.url);
    }
    // Beyond the two titles and the page URL, a citation is a line of metadata, not another URL.
    expect(en.length - statement.title.length - statement.titleEn.length - statement.url.length).toBeLessThan(120);
  });

  it('cites a part without a number by the document alone', () => {
    const title = statement.parts.find((p) => p.id === 'title');
    if (!title) throw new Error('title');
    const en = citationText(statement, title, 'en', accessed);
    expect(en).toContain('Joint statement, 22 October 2025. https://');
    expect(en).not.toContain('¶');
  });

  it('puts a quote before its citation: French quote and our English in English, the quote alone in French', () => {
    const quote = 'mènent bon nombre de ces activités';
    const en = quoteWithCitation(statement, p2, quote, 'carry out many of these activities', 'en', accessed);
    expect(en).toBe(
      `“${quote}” [unofficial translation: “carry out many of these activities”] — ${citationText(statement, p2, 'en', accessed)}`,
    );
    const fr = quoteWithCitation(statement, p2, quote, 'carry out many of these activities', 'fr', accessed);
    expect(fr).toBe(`« ${quote} » — ${citationText(statement, p2, 'fr', accessed)}`);
    expect(quoteWithCitation(statement, p2, ' ', 'x', 'en', accessed)).toBe(
      citationText(statement, p2, 'en', accessed),
    );
  });

  it('links a paragraph by a start,end text fragment whose words are in the paragraph', () => {
    const url = paragraphFragmentUrl(statement, p2);
    expect(url.startsWith(`${statement.url}#:~:text=`)).toBe(true);
    const terms = url.split('#:~:text=')[1]?.split(',') ?? [];
    expect(terms).toHaveLength(2);
    const [start = '', end = ''] = terms.map((x) => decodeURIComponent(x));
    expect(terms.every((x) => !x.includes('-'))).toBe(true);
    expect(p2.text.startsWith(`« ${start}`)).toBe(true);
    expect(p2.text.endsWith(end)).toBe(true);
  });

  it('quotes a short part whole and gives the bare page for a part without words', () => {
    const short = { ...p2, text: 'Déclaration' };
    expect(paragraphFragmentUrl(statement, short)).toBe(`${statement.url}#:~:text=D%C3%A9claration`);
    expect(paragraphFragmentUrl(statement, { ...p2, text: '« — »' })).toBe(statement.url);
  });
});
