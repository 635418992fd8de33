import type { ComponentChildren, TargetedKeyboardEvent } from 'preact';
import { useRef, useState } from 'preact/hooks';
import type { Entity } from '../data/schema.ts';
import { ENTITY_IDS, type EntityId } from '../engine/types.ts';
import { t } from '../lib/i18n.ts';
import type { MentionSummary } from '../lib/messages.ts';
import type { UiLang } from '../lib/ui-lang.ts';
import { EntitySwatch } from './EntitySwatch.tsx';
import { countLabel } from './SearchPanel.tsx';

export interface MentionListProps {
  lang: UiLang;
  mentions: readonly MentionSummary[];
  entityById: (id: EntityId) => Entity | undefined;
  /**
   * Asks the page to scroll to mention `index` of frame `frameId`, flash it and open its card;
   * resolves to whether it could.
   */
  onReveal: (index: number, frameId?: number) => Promise<boolean>;
  /** Says something in the popup's live region (screen readers hear it; sighted readers see it). */
  announce: (message: string) => void;
}

/** Mentions listed per entity before a "Show all" button; prev/next still reach every one. */
export const LIST_LIMIT = 25;

/** The page's mentions of each entity, in page order, entities in their fixed order. */
export function groupMentions(mentions: readonly MentionSummary[]): { entity: EntityId; items: MentionSummary[] }[] {
  const byEntity = new Map<EntityId, MentionSummary[]>();
  for (const m of mentions) {
    const list = byEntity.get(m.entity);
    if (list) list.push(m);
    else byEntity.set(m.entity, [m]);
  }
  // A fixed order, so the list does not reshuffle from page to page.
  return ENTITY_IDS.flatMap((entity) => {
    const items = byEntity.get(entity);
    // Frame by frame (top first), each in its page order.
    return items
      ? [{ entity, items: items.sort((a, b) => (a.frameId ?? 0) - (b.frameId ?? 0) || a.index - b.index) }]
      : [];
  });
}

/** `snippet` with the first occurrence of `text` marked, built from slices so nothing is parsed as markup. */
function snippetWithMatch(snippet: string, text: string): ComponentChildren {
  const needle = text.replace(/\s+/g, ' ').trim();
  const at = needle ? snippet.indexOf(needle) : -1;
  if (at < 0) return snippet;
  return [snippet.slice(0, at), <mark key="m">{needle}</mark>, snippet.slice(at + needle.length)];
}

interface GroupProps extends Omit<MentionListProps, 'mentions'> {
  entity: EntityId;
  items: MentionSummary[];
}

function EntityGroup({ entity, items, lang, entityById, onReveal, announce }: GroupProps) {
  // Fixed per entity: one group per entity in the popup.
  const headingId = `mentions-${entity}`;
  const listRef = useRef<HTMLOListElement>(null);
  /** Position (in `items`) of the mention shown last, -1 before any. */
  const [current, setCurrent] = useState(-1);
  /** Position of the one list button reachable with Tab (roving tab index). */
  const [focusable, setFocusable] = useState(0);
  const [expanded, setExpanded] = useState(items.length <= LIST_LIMIT);
  /** Whether the list is shown at all; the stepper still reveals mentions while it is folded. */
  const [open, setOpen] = useState(true);
  const listId = `mention-list-${entity}`;
  const info = entityById(entity);
  const short = info?.short[lang] ?? entity;
  const count = countLabel(items.length, lang, 'popupMentionCountOne', 'popupMentionCountMany');
  const shown = expanded ? items : items.slice(0, LIST_LIMIT);

  const reveal = async (position: number) => {
    const mention = items[position];
    if (!mention) return;
    setCurrent(position);
    setFocusable(position);
    if (position >= LIST_LIMIT) setExpanded(true);
    const ok = await onReveal(mention.index, mention.frameId);
    announce(
      ok
        ? t('popupRevealed', lang, info?.name[lang] ?? mention.text, position + 1, items.length)
        : t('popupRevealFailed', lang),
    );
  };
  const step = (delta: 1 | -1) => {
    const start = current < 0 ? (delta > 0 ? -1 : 0) : current;
    void reveal((start + delta + items.length) % items.length);
  };

  const focusAt = (position: number) => {
    if (position >= LIST_LIMIT && !expanded) setExpanded(true);
    setFocusable(position);
    // After the render that makes the target tabbable (and present when the list grew).
    queueMicrotask(() =>
      requestAnimationFrame(() => listRef.current?.querySelectorAll<HTMLButtonElement>('button')[position]?.focus()),
    );
  };
  const onKeyDown = (event: TargetedKeyboardEvent<HTMLOListElement>) => {
    const last = items.length - 1;
    const target = { ArrowDown: focusable + 1, ArrowUp: focusable - 1, Home: 0, End: last }[event.key];
    if (target === undefined) return;
    event.preventDefault();
    focusAt(Math.max(0, Math.min(last, target)));
  };

  return (
    <section class="group" aria-labelledby={headingId} data-entity={entity}>
      <div class="group-head">
        <h3 id={headingId} class="group-title" title={info?.name[lang]}>
          {/* The heading is the list's toggle: a long list of one entity folds away. */}
          <button
            type="button"
            class="group-toggle"
            aria-expanded={open}
            aria-controls={listId}
            onClick={() => setOpen(!open)}
          >
            <span class="chevron" aria-hidden="true" />
            <EntitySwatch entity={entity} />
            <span class="visually-hidden">{t('popupGroupHeading', lang, info?.name[lang] ?? short, count)}</span>
            <span aria-hidden="true">{short}</span>
            <span class="entity-count" aria-hidden="true">
              {items.length}
            </span>
          </button>
        </h3>
        <div class="stepper">
          <button
            type="button"
            class="step prev"
            aria-label={t('popupPrevious', lang, short)}
            title={t('popupPrevious', lang, short)}
            onClick={() => step(-1)}
          >
            <span aria-hidden="true">‹</span>
          </button>
          <span class="position" aria-hidden="true">
            {current < 0 ? `–/${items.length}` : t('popupPosition', lang, current + 1, items.length)}
          </span>
          <button
            type="button"
            class="step next"
            aria-label={t('popupNext', lang, short)}
            title={t('popupNext', lang, short)}
            onClick={() => step(1)}
          >
            <span aria-hidden="true">›</span>
          </button>
        </div>
      </div>
      <ol
        class="mentions"
        id={listId}
        hidden={!open}
        ref={listRef}
        aria-label={t('popupMentionsOf', lang, short)}
        onKeyDown={onKeyDown}
      >
        {shown.map((m, position) => (
          <li key={`${m.frameId ?? 0}:${m.index}`}>
            <button
              type="button"
              class="mention"
              data-index={m.index}
              data-frame={m.frameId}
              tabIndex={position === focusable ? 0 : -1}
              aria-current={position === current ? 'true' : undefined}
              onClick={() => void reveal(position)}
              onFocus={() => setFocusable(position)}
            >
              <span class="mention-text">{m.text}</span>
              <span class="snippet">
                {m.page !== undefined && (
                  <>
                    <span class="snippet-page">{t('popupPdfPage', lang, m.page)}</span>
                    {' · '}
                  </>
                )}
                {snippetWithMatch(m.snippet, m.text)}
              </span>
            </button>
          </li>
        ))}
      </ol>
      {open && !expanded && (
        <button type="button" class="link-button more" onClick={() => setExpanded(true)}>
          {t('popupShowAll', lang, items.length)}
        </button>
      )}
    </section>
  );
}

/**
 * The page's mentions grouped by entity, each group with a heading, a count, previous/next
 * buttons and a list of mentions with their context. Every button reveals its mention in the page;
 * this list is the keyboard and screen-reader path to every highlight. Renders nothing for no mentions.
 */
export function MentionList({ mentions, ...rest }: MentionListProps) {
  const groups = groupMentions(mentions);
  if (groups.length === 0) return null;
  return (
    <div class="mention-list">
      <p class="hint small muted">{t('popupListHint', rest.lang)}</p>
      {groups.map((g) => (
        <EntityGroup key={g.entity} entity={g.entity} items={g.items} {...rest} />
      ))}
    </div>
  );
}
