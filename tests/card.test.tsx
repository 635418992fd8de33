// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type CardSource, cardModel, formatIsoDate, MAX_FACTS } from '../components/card-model.ts';
import { MentionCard, type MentionCardSource } from '../components/MentionCard.tsx';
import { ENTITY_COLORS } from '../components/palette.ts';
import * as data from '../data/index.ts';
import type { Entity, Fact, Part, TimelineEvent } from '../data/schema.ts';
import { ENTITY_IDS, type EntityId, HIGHLIGHTED_ENTITIES } from '../engine/types.ts';
import { t } from '../lib/i18n.ts';
import type { UiLang } from '../lib/ui-lang.ts';

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
      it(`shows ${entity} in ${lang}: name, summary, cited facts, dates and links`, () => {
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

        const facts = [...card.querySelectorAll('.fact')];
        expect(facts.length).toBeGreaterThanOrEqual(2);
        expect(facts.length).toBeLessThanOrEqual(4);
        const expected = data.factsFor(entity).slice(0, facts.length);
        facts.forEach((li, i) => {
          const fact = expected[i];
          if (!fact) throw new Error(`fact ${i} missing in data`);
          const part = data.findPart(fact.cite);
          const quote = li.querySelector('.quote');
          expect(quote?.getAttribute('lang')).toBe('fr');
          expect(quote?.textContent).toBe(fact.quote);
          expect(part?.text.includes(quote?.textContent ?? '\u0000')).toBe(true);
          expect(li.textContent).toContain(fact.text[lang]);
          const chip = li.querySelector<HTMLAnchorElement>('a.chip');
          expect(chip?.getAttribute('href')).toBe(statementUrl(fact.cite.part, fact.quote));
          if (part?.number !== undefined) expect(chip?.textContent).toBe(`¶${part.number}`);
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

        const times = [...card.querySelectorAll('time')].map((e) => e.getAttribute('datetime'));
        const events = data.timelineFor(entity).map((e) => e.date);
        for (const iso of times) expect(events).toContain(iso);
        expect(times.length).toBe(Math.min(events.length, 4));

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
  text: { en: `Fact ${id}`, fr: `Fait ${id}` },
  cite: { doc: 'doc-1', part: partId },
  quote,
});
const event = (id: string, date: string): TimelineEvent => ({
  id,
  date,
  text: { en: `Event ${id}`, fr: `Événement ${id}` },
});

function fixtureSource(facts: Fact[], timeline: TimelineEvent[]): MentionCardSource {
  const parts = [part('p1', 'Alpha beta gamma.', 1), part('p2', 'Delta epsilon.', 2), part('issuers', 'Zeta eta.')];
  const entity: Entity = {
    id: 'rgb',
    name: { en: 'Bureau EN', fr: 'Bureau FR' },
    short: { en: 'B', fr: 'B' },
    summary: { en: 'Summary EN', fr: 'Résumé FR' },
    facts: facts.map((f) => f.id),
    timeline: timeline.map((e) => e.id),
  };
  const source: CardSource = {
    entityById: (id) => (id === 'rgb' ? entity : undefined),
    factsFor: (id) => (id === 'rgb' ? facts : []),
    timelineFor: (id) => (id === 'rgb' ? timeline : []),
    findPart: (cite) => (cite.doc === 'doc-1' ? parts.find((p) => p.id === cite.part) : undefined),
    originalUrlForQuote: (f) => `https://example.org/#:~:text=${encodeURIComponent(f.quote)}`,
  };
  return { ...source, statement: { shortTitle: { en: 'Fixture statement', fr: 'Déclaration fixture' } } };
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
    expect(model?.facts.map((f) => f.id)).toEqual(['a', 'c', 'e', 'f']);
    expect(model?.facts).toHaveLength(MAX_FACTS);
    expect(model?.facts[0]).toMatchObject({ text: 'Fait a', part: 'p1', paragraph: 1, quote: 'beta' });
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
