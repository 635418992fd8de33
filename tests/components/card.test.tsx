// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type CardSource, COMPACT_FACTS, cardModel, formatIsoDate, MAX_FACTS } from '../../components/card-model.ts';
import { MentionCard, type MentionCardSource } from '../../components/MentionCard.tsx';
import { quoteWithCitation } from '../../components/statement-citation.ts';
import * as data from '../../data/index.ts';
import type { BackgroundItem, Entity, Fact, Part, SourceDocument, TimelineEvent } from '../../data/schema.ts';
import { ENTITY_IDS, type EntityId, HIGHLIGHTED_ENTITIES } from '../../engine/types.ts';
import { t } from '../../lib/i18n.ts';
import { ENTITY_COLORS } from '../../lib/palette.ts';
import type { UiLang } from '../../lib/ui-lang.ts';

const LANGS: UiLang[] = ['en', 'fr'];
const statementUrl = (part: string, quote: string) =>
  `chrome-extension://test-id/statement.html#${part}&q=${encodeURIComponent(quote)}`;

let containers: HTMLElement[] = [];
afterEach(() => {
  for (const c of containers) {
    render(null, c);
    c.remove();
  }
  containers = [];
});

function mount(props: Partial<Parameters<typeof MentionCard>[0]> & { mention: { entity: EntityId; text: string } }) {
  const container = document.createElement('div');
  document.body.append(container);
  containers.push(container);
  const onClose = props.onClose ?? vi.fn();
  render(<MentionCard lang="en" statementUrl={statementUrl} onClose={onClose} {...props} />, container);
  const card = container.querySelector<HTMLElement>('[role="dialog"]');
  if (!card) throw new Error('card did not render a dialog');
  return { container, card, onClose };
}

/** Accessible name as a screen reader computes it for the cases the card uses. */
function accessibleName(el: Element): string {
  const labelledBy = el.getAttribute('aria-labelledby');
  if (labelledBy)
    return labelledBy
      .split(/\s+/)
      .map((id) => el.ownerDocument.getElementById(id)?.textContent ?? '')
      .join(' ')
      .trim();
  return (el.getAttribute('aria-label') ?? el.textContent ?? '').trim();
}

/** Hand-written accessibility checks (no axe in this project): returns the problems found. */
function a11yProblems(root: HTMLElement): string[] {
  const problems: string[] = [];
  if (root.getAttribute('role') !== 'dialog') problems.push('container is not role=dialog');
  if (!accessibleName(root)) problems.push('dialog has no accessible name');
  if (root.tabIndex !== -1) problems.push('dialog is not programmatically focusable');
  const describedBy = root.getAttribute('aria-describedby');
  const description = describedBy ? root.querySelector(`[id="${describedBy}"]`) : null;
  if (!description?.textContent?.trim()) problems.push('aria-describedby does not point at text inside the card');
  for (const a of root.querySelectorAll('a')) {
    if (!accessibleName(a)) problems.push(`link without a name: ${a.outerHTML}`);
    if (!a.getAttribute('href')) problems.push(`link without href: ${a.outerHTML}`);
    if (a.getAttribute('target') === '_blank' && !/noopener/.test(a.getAttribute('rel') ?? ''))
      problems.push(`new-tab link without noopener: ${a.outerHTML}`);
  }
  for (const b of root.querySelectorAll('button')) {
    if (!accessibleName(b)) problems.push(`button without a name: ${b.outerHTML}`);
    if (b.getAttribute('type') !== 'button') problems.push('button without type=button');
  }
  const ids = [...root.querySelectorAll('[id]')].map((e) => e.id);
  if (new Set(ids).size !== ids.length) problems.push('duplicate ids');
  if (!root.querySelector('h1, h2, h3')) problems.push('no heading');
  for (const q of root.querySelectorAll('.quote'))
    if (q.getAttribute('lang') !== 'fr') problems.push('quote without lang=fr');
  return problems;
}

describe('MentionCard with the bundled statement', () => {
  for (const entity of HIGHLIGHTED_ENTITIES) {
    for (const lang of LANGS) {
      it(`shows ${entity} in ${lang}: name, summary, cited facts, then dates, background and links on "More"`, async () => {
        const info = data.entityById(entity);
        expect(info, `knowledge has ${entity}`).toBeDefined();
        if (!info) return;
        const { card } = mount({ mention: { entity, text: 'sample text' }, lang });

        expect(card.querySelector('.name')?.textContent).toBe(info.name[lang]);
        expect(card.getAttribute('aria-label')).toContain(info.name[lang]);
        expect(card.getAttribute('aria-label')).toContain(data.statement.shortTitle[lang]);
        const summary = card.querySelector(`[id="${card.getAttribute('aria-describedby')}"]`);
        expect(summary?.textContent).toBe(info.summary[lang]);
        expect(card.textContent).toContain(t('cardMatched', lang, 'sample text'));

        const model = cardModel(entity, lang, data, 'sample text');
        expect(model).toBeDefined();
        // Compact first view: one or two facts, no dates.
        expect(card.querySelectorAll('.fact').length).toBe(model?.compactCount);
        expect(card.querySelectorAll('.fact').length).toBeGreaterThanOrEqual(1);
        expect(card.querySelectorAll('.fact').length).toBeLessThanOrEqual(COMPACT_FACTS);
        expect(card.querySelector('time')).toBeNull();
        const more = card.querySelector<HTMLButtonElement>('button.more');
        expect(more?.getAttribute('aria-expanded')).toBe('false');
        await act(async () => more?.click());
        expect(more?.getAttribute('aria-expanded')).toBe('true');
        expect(more?.textContent).toBe(t('cardLess', lang));

        const facts = [...card.querySelectorAll('.fact')];
        const expected = data.factsFor(entity);
        expect(facts.length).toBe(expected.length);
        facts.forEach((li, i) => {
          const fact = expected[i];
          if (!fact) throw new Error(`fact ${i} missing in data`);
          const part = data.findPart(fact.cite);
          // The French quote once, and our English once (English interface only).
          expect(li.textContent?.split(fact.quote)).toHaveLength(2);
          expect(part?.text.includes(fact.quote)).toBe(true);
          if (lang === 'en') {
            expect(li.querySelector('.quote')?.textContent).toBe(fact.quote);
            expect(li.querySelector('.quote')?.getAttribute('lang')).toBe('fr');
            expect(li.querySelector('.fact-text')?.textContent).toContain(fact.en);
            expect(li.textContent?.split(fact.en)).toHaveLength(2);
          } else {
            expect(li.textContent).not.toContain(fact.en);
            expect(li.querySelector('.fact-text')?.getAttribute('lang')).toBe('fr');
          }
          const chip = li.querySelector<HTMLAnchorElement>('a.chip');
          expect(chip?.getAttribute('href')).toBe(statementUrl(fact.cite.part, fact.quote));
          if (part?.number !== undefined) expect(chip?.textContent).toBe(`¶${part.number}`);
          expect(li.querySelector('.copy-quote button')?.textContent).toBe(t('cardCopyQuote', lang));
        });

        const first = expected[0];
        const firstPart = first && data.findPart(first.cite);
        const links = [...card.querySelectorAll<HTMLAnchorElement>('a.link')];
        expect(links).toHaveLength(2);
        const [open, original] = links;
        expect(open?.getAttribute('href')).toBe(first && statementUrl(first.cite.part, first.quote));
        if (firstPart?.number !== undefined)
          expect(open?.textContent).toContain(t('cardOpenInStatementParagraph', lang, firstPart.number));
        expect(original?.getAttribute('href')).toBe(first && data.originalUrlForQuote(first));
        expect(original?.getAttribute('href')?.startsWith(`${data.statement.url}#:~:text=`)).toBe(true);
        for (const a of card.querySelectorAll('a')) {
          expect(a.getAttribute('target')).toBe('_blank');
          expect(a.getAttribute('rel')).toBe('noopener noreferrer');
        }

        const datesSection = [...card.querySelectorAll('.section')].find(
          (s) => s.querySelector('.section-title')?.textContent === t('cardDatesHeading', lang),
        );
        const times = [...(datesSection?.querySelectorAll('time') ?? [])].map((e) => e.getAttribute('datetime'));
        const events = data.timelineFor(entity).map((e) => e.date);
        for (const iso of times) expect(events).toContain(iso);
        expect(times.length).toBe(Math.min(events.length, 4));

        // Public record apart, labelled, each item with its UN symbol.
        const background = card.querySelector('.background');
        const items = data.backgroundFor(entity);
        expect(!!background).toBe(items.length > 0);
        if (background) {
          expect(background.querySelector('.section-title')?.textContent).toBe(t('cardBackgroundHeading', lang));
          for (const item of items) expect(background.textContent).toContain(item.source);
          expect(datesSection?.textContent ?? '').not.toContain(items[0]?.source ?? '\u0000');
        }

        expect(a11yProblems(card)).toEqual([]);
      });
    }
  }

  it('writes English UI strings in English and French ones in French', () => {
    const en = mount({ mention: { entity: 'dprk', text: 'North Korea' }, lang: 'en' }).card;
    const fr = mount({ mention: { entity: 'dprk', text: 'Corée du Nord' }, lang: 'fr' }).card;
    expect(en.querySelector('.section-title')?.textContent).toBe('What the statement says');
    expect(fr.querySelector('.section-title')?.textContent).toBe('Ce que dit la déclaration');
    expect(en.querySelector('.close')?.getAttribute('aria-label')).toBe('Close');
    expect(fr.querySelector('.close')?.getAttribute('aria-label')).toBe('Fermer');
  });

  it('gives each entity its own accent colour', () => {
    const accents = HIGHLIGHTED_ENTITIES.map((entity) => {
      const { card } = mount({ mention: { entity, text: 'x' } });
      return card.style.getPropertyValue('--accent');
    });
    expect(accents).toEqual(HIGHLIGHTED_ENTITIES.map((e) => ENTITY_COLORS[e].accent));
    expect(new Set(accents).size).toBe(HIGHLIGHTED_ENTITIES.length);
  });

  it('renders hostile page text as text, never as markup', () => {
    const hostile = '<img src=x onerror="globalThis.pwned=1"><b>DPRK</b>';
    const { card } = mount({ mention: { entity: 'dprk', text: hostile } });
    expect(card.querySelector('img, b')).toBeNull();
    expect(card.querySelector('.matched')?.textContent).toContain(hostile);
    expect((globalThis as { pwned?: number }).pwned).toBeUndefined();
  });

  it('calls onClose on Escape pressed inside the card, and keeps the key from the page', () => {
    const onClose = vi.fn();
    const pageHandler = vi.fn();
    document.addEventListener('keydown', pageHandler);
    const { card } = mount({ mention: { entity: 'msmt', text: 'MSMT' }, onClose });
    const link = card.querySelector('a');
    link?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(onClose).not.toHaveBeenCalled();
    link?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(pageHandler).toHaveBeenCalledTimes(1); // the Enter only
    document.removeEventListener('keydown', pageHandler);
  });

  it('calls onClose from the close button', () => {
    const onClose = vi.fn();
    const { card } = mount({ mention: { entity: 'rgb', text: 'RGB' }, onClose });
    card.querySelector<HTMLButtonElement>('button.close')?.click();
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('puts every interactive element in the Tab order inside the card', () => {
    const { card } = mount({ mention: { entity: 'unsc-1718', text: '1718' } });
    const focusable = [...card.querySelectorAll<HTMLElement>('a[href], button')];
    expect(focusable.length).toBeGreaterThanOrEqual(4);
    for (const el of focusable) expect(el.tabIndex).toBeGreaterThanOrEqual(0);
    card.focus();
    expect(document.activeElement === card || card.contains(document.activeElement)).toBe(true);
  });
});

/* Small fixtures of the data types, so the model's rules are tested apart from the bundle. */
const part = (id: string, text: string, number?: number): Part => ({
  id,
  kind: number ? 'statement' : 'issuers',
  number,
  text,
  en: `EN ${text}`,
});
const fact = (id: string, partId: string, quote: string): Fact => ({
  id,
  en: `Fact ${id}`,
  cite: { doc: 'doc-1', part: partId },
  quote,
});
const event = (id: string, date: string): TimelineEvent => ({
  id,
  date,
  text: { en: `Event ${id}`, fr: `Événement ${id}` },
});

function fixtureSource(
  facts: Fact[],
  timeline: TimelineEvent[],
  leadByForm: Entity['leadByForm'] = [],
  background: BackgroundItem[] = [],
): MentionCardSource {
  const parts = [part('p1', 'Alpha beta gamma.', 1), part('p2', 'Delta epsilon.', 2), part('issuers', 'Zeta eta.')];
  const entity: Entity = {
    id: 'rgb',
    name: { en: 'Bureau EN', fr: 'Bureau FR' },
    short: { en: 'B', fr: 'B' },
    summary: { en: 'Summary EN', fr: 'Résumé FR' },
    facts: facts.map((f) => f.id),
    leadByForm,
    timeline: timeline.map((e) => e.id),
    background: background.map((b) => b.id),
  };
  const source: CardSource = {
    entityById: (id) => (id === 'rgb' ? entity : undefined),
    factsFor: (id) => (id === 'rgb' ? facts : []),
    timelineFor: (id) => (id === 'rgb' ? timeline : []),
    backgroundFor: (id) => (id === 'rgb' ? background : []),
    findPart: (cite) => (cite.doc === 'doc-1' ? parts.find((p) => p.id === cite.part) : undefined),
    originalUrlForQuote: (f) => `https://example.org/#:~:text=${encodeURIComponent(f.quote)}`,
  };
  const statement: SourceDocument = {
    ...data.statement,
    id: 'doc-1',
    shortTitle: { en: 'Fixture statement', fr: 'Déclaration fixture' },
    parts,
  };
  return { ...source, statement };
}

describe('cardModel', () => {
  it('drops facts whose quote is not verbatim in the cited part, and caps the rest', () => {
    const facts = [
      fact('a', 'p1', 'beta'),
      fact('b', 'p1', 'not in the paragraph'),
      fact('c', 'p2', 'Delta'),
      fact('d', 'p9', 'Delta'),
      fact('e', 'issuers', 'Zeta'),
      fact('f', 'p2', 'epsilon'),
      fact('g', 'p1', 'gamma'),
    ];
    const model = cardModel('rgb', 'fr', fixtureSource(facts, []));
    expect(model?.facts.map((f) => f.id)).toEqual(['a', 'c', 'e', 'f', 'g']);
    expect(model?.facts).toHaveLength(MAX_FACTS);
    expect(model?.facts[0]).toMatchObject({ en: 'Fact a', part: 'p1', paragraph: 1, quote: 'beta' });
    expect(model?.facts[2]?.paragraph).toBeUndefined();
  });

  it('keeps the latest dates in chronological order', () => {
    const timeline = [
      event('x', '2025-10-22'),
      event('y', '2024-03-28'),
      event('z', '2024-10'),
      event('w', '2023-01'),
      event('v', '2025-05'),
    ];
    const model = cardModel('rgb', 'en', fixtureSource([], timeline));
    expect(model?.dates.map((d) => d.iso)).toEqual(['2024-03-28', '2024-10', '2025-05', '2025-10-22']);
  });

  it('returns undefined for an entity the data does not know', () => {
    expect(cardModel('msmt', 'en', fixtureSource([], []))).toBeUndefined();
  });

  it('formats month and day dates per language, and leaves other strings alone', () => {
    expect(formatIsoDate('2024-04', 'en')).toBe('April 2024');
    expect(formatIsoDate('2024-04', 'fr')).toBe('avril 2024');
    expect(formatIsoDate('2025-10-22', 'en')).toBe('22 October 2025');
    expect(formatIsoDate('2025-10-22', 'fr')).toBe('22 octobre 2025');
    expect(formatIsoDate('soon', 'en')).toBe('soon');
  });
});

describe('MentionCard with fixture data', () => {
  it('labels a front-matter citation without a paragraph number', () => {
    const source = fixtureSource([fact('e', 'issuers', 'Zeta'), fact('a', 'p1', 'beta')], []);
    const { card } = mount({ mention: { entity: 'rgb', text: 'RGB' }, source });
    const chips = [...card.querySelectorAll('a.chip')].map((a) => a.textContent);
    expect(chips).toEqual([t('cardChipFrontMatter', 'en'), '¶1']);
    expect(card.querySelector('a.link')?.textContent).toContain(t('cardOpenInStatement', 'en'));
    expect(a11yProblems(card)).toEqual([]);
  });

  it('shows an honest empty state for an unknown entity and still closes', () => {
    const onClose = vi.fn();
    const { card } = mount({ mention: { entity: 'msmt', text: 'MSMT' }, source: fixtureSource([], []), onClose });
    expect(card.querySelector('.summary')?.textContent).toBe(t('cardUnknownEntity', 'en'));
    expect(card.querySelector('.name')?.textContent).toBe('MSMT');
    expect(card.querySelectorAll('a')).toHaveLength(0);
    expect(a11yProblems(card)).toEqual([]);
    card.querySelector<HTMLButtonElement>('button.close')?.click();
    expect(onClose).toHaveBeenCalledOnce();
  });

  it('has a palette entry for every entity', () => {
    for (const id of ENTITY_IDS) expect(ENTITY_COLORS[id].accent).toMatch(/^#[0-9a-f]{6}$/);
  });
});

describe('card content follows the hovered form (issue: analyst-grade cards)', () => {
  const ids = (matched: string, lang: UiLang = 'en') =>
    cardModel('unsc-1718', lang, data, matched)?.facts.map((f) => f.id);

  it('leads with the Panel of Experts paragraph for the committee and with the asset freeze for the resolution', () => {
    expect(ids('1718 Committee')?.[0]).toBe('fills-monitoring-gap');
    expect(ids('Comité 1718', 'fr')?.[0]).toBe('fills-monitoring-gap');
    expect(ids('Committee established pursuant to resolution 1718 (2006)')?.[0]).toBe('fills-monitoring-gap');
    expect(ids('resolution 1718')?.[0]).toBe('rgb-evades-asset-freeze');
    expect(ids('résolution 1718 du CSNU', 'fr')?.[0]).toBe('rgb-evades-asset-freeze');
    expect(ids('UNSCR 1718')?.[0]).toBe('rgb-evades-asset-freeze');
  });

  it('falls back to paragraph order for a form no rule names, and shows one or two facts in the compact view', () => {
    const plain = cardModel('unsc-1718', 'en', data, '1718');
    expect(plain?.facts.map((f) => f.paragraph)).toEqual([2, 4]);
    expect(plain?.compactCount).toBe(2);
    expect(cardModel('unsc-1718', 'en', data, '1718 Committee')?.compactCount).toBe(1);
    expect(cardModel('dprk', 'en', data, 'North Korea')?.compactCount).toBe(COMPACT_FACTS);
  });

  it('keeps the rest of the facts in paragraph order after the lead one', () => {
    const source = fixtureSource(
      [fact('a', 'p1', 'beta'), fact('c', 'p2', 'Delta'), fact('g', 'p1', 'gamma')],
      [],
      [
        { match: '(', facts: ['a'] },
        { match: 'comit', facts: ['c'] },
      ],
    );
    // The invalid first pattern is skipped, not thrown.
    expect(cardModel('rgb', 'en', source, 'Comité')?.facts.map((f) => f.id)).toEqual(['c', 'a', 'g']);
    expect(cardModel('rgb', 'en', source, 'Bureau')?.facts.map((f) => f.id)).toEqual(['a', 'c', 'g']);
  });
});

describe('MentionCard compact first view', () => {
  it('shows name, one line and the fact that fits "1718 Committee"; "More" expands in place and "Less" folds back', async () => {
    const { card } = mount({ mention: { entity: 'unsc-1718', text: '1718 Committee' } });
    expect(card.querySelector('.name')?.textContent).toBe(data.entityById('unsc-1718')?.name.en);
    expect(card.querySelectorAll('.summary')).toHaveLength(1);
    const chips = () => [...card.querySelectorAll('.fact a.chip')].map((a) => a.textContent);
    expect(chips()).toEqual(['¶4']);
    expect(card.querySelector('.background')).toBeNull();
    const more = card.querySelector<HTMLButtonElement>('button.more');
    expect(more?.textContent).toBe(t('cardMore', 'en'));
    await act(async () => more?.click());
    expect(chips()).toEqual(['¶4', '¶2']);
    expect(card.querySelector('.background')?.textContent).toContain('S/RES/1718 (2006)');
    expect(more?.getAttribute('aria-controls')).toBeTruthy();
    expect(card.querySelector(`[id="${more?.getAttribute('aria-controls')}"]`)).not.toBeNull();
    await act(async () => more?.click());
    expect(chips()).toEqual(['¶4']);
    expect(more?.getAttribute('aria-expanded')).toBe('false');
  });

  it('has no "More" button when the compact view already shows everything', () => {
    const source = fixtureSource([fact('a', 'p1', 'beta')], []);
    const { card } = mount({ mention: { entity: 'rgb', text: 'B' }, source });
    expect(card.querySelectorAll('.fact')).toHaveLength(1);
    expect(card.querySelector('button.more')).toBeNull();
  });

  it('shows each card’s background items apart from the statement’s facts, labelled', async () => {
    const item: BackgroundItem = {
      id: 'bg',
      date: '2016-03-02',
      text: { en: 'Designated.', fr: 'Désigné.' },
      source: 'S/RES/2270 (2016)',
    };
    const source = fixtureSource([fact('a', 'p1', 'beta')], [], [], [item]);
    const { card } = mount({ mention: { entity: 'rgb', text: 'B' }, source, lang: 'fr' });
    await act(async () => card.querySelector<HTMLButtonElement>('button.more')?.click());
    const section = card.querySelector('.background');
    expect(section?.querySelector('.section-title')?.textContent).toBe('Contexte (sources publiques)');
    expect(section?.textContent).toContain('Source : S/RES/2270 (2016)');
    expect(section?.querySelector('time')?.getAttribute('datetime')).toBe('2016-03-02');
    expect(card.querySelector('.facts')?.textContent).not.toContain('S/RES/2270');
  });
});

describe('MentionCard "Copy quote with citation"', () => {
  it('copies the French quote, our English and the citation, and says so', async () => {
    const copy = vi.fn(async (_text: string) => {});
    const { card } = mount({ mention: { entity: 'rgb', text: 'RGB' }, copy });
    const button = card.querySelector<HTMLButtonElement>('.fact .copy-quote button');
    expect(button?.getAttribute('aria-label')).toBe(t('cardCopyQuoteLabel', 'en', 2));
    await act(async () => button?.click());
    const fact = data.factsFor('rgb')[0];
    const p2 = data.findPart({ doc: data.statement.id, part: 'p2' });
    expect(fact && p2).toBeTruthy();
    if (!fact || !p2) return;
    const text = copy.mock.calls[0]?.[0] ?? '';
    expect(text).toBe(quoteWithCitation(data.statement, p2, fact.quote, fact.en, 'en'));
    expect(text.startsWith(`“${fact.quote}” [unofficial translation: “${fact.en}”] — Global Affairs Canada.`)).toBe(
      true,
    );
    expect(text).toContain('¶2');
    expect(card.querySelector('.fact .copy-quote [role="status"]')?.textContent).toBe(t('statementCopied', 'en'));
  });

  it('copies in French conventions from the French card, and shows the text when the clipboard refuses', async () => {
    const copy = vi.fn(async () => Promise.reject(new Error('denied')));
    const { card } = mount({ mention: { entity: 'rgb', text: 'RGB' }, copy, lang: 'fr' });
    await act(async () => card.querySelector<HTMLButtonElement>('.fact .copy-quote button')?.click());
    await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
    const area = card.querySelector<HTMLTextAreaElement>('.copy-quote textarea');
    expect(area?.value.startsWith('« Les entités nord-coréennes')).toBe(true);
    expect(area?.value).toContain('— Affaires mondiales Canada, « Déclaration commune');
    expect(area?.value).not.toContain('unofficial');
  });
});

describe('MentionCard shortcut footer', () => {
  it('names the key for the next mention when one is assigned, and nothing when none is', () => {
    const set = mount({ mention: { entity: 'dprk', text: 'DPRK' }, shortcut: 'Alt+Shift+M' });
    expect(set.card.querySelector('footer .shortcut')?.textContent).toBe('Alt+Shift+M: next mention');
    const unset = mount({ mention: { entity: 'dprk', text: 'DPRK' }, shortcut: '' });
    expect(unset.card.querySelector('footer')).not.toBeNull();
    expect(unset.card.querySelector('footer .shortcut')).toBeNull();
    const fr = mount({ mention: { entity: 'dprk', text: 'RPDC' }, shortcut: 'Alt+Shift+M', lang: 'fr' });
    expect(fr.card.querySelector('footer .shortcut')?.textContent).toBe('Alt+Shift+M : mention suivante');
  });
});
