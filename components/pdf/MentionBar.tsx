import { entityById } from '../../data/index.ts';
import { type EntityId, HIGHLIGHTED_ENTITIES } from '../../engine/types.ts';
import { t } from '../../lib/i18n.ts';
import { ENTITY_COLORS } from '../../lib/palette.ts';
import type { UiLang } from '../../lib/ui-lang.ts';
import type { Scan } from './reader-state.ts';

/**
 * The PDF reader's mention summary under its toolbar: reading progress, then the total and one
 * chip per entity found, which scrolls to that entity's next mention (`onNext`). No chips while
 * reading or when nothing was found.
 */
export function MentionBar({
  lang,
  scan,
  pages,
  onNext,
}: {
  lang: UiLang;
  scan: Scan;
  pages: number;
  onNext: (entity: string) => void;
}) {
  const summary = !scan.done
    ? t('pdfReading', lang, scan.read, pages)
    : scan.total === 0
      ? t('pdfNoMentions', lang)
      : scan.total === 1
        ? t('pdfMentionsOne', lang)
        : t('pdfMentionsMany', lang, scan.total);
  return (
    <section class="mentions" aria-label={t('pdfMentionsLabel', lang)}>
      <span class="summary" role="status" data-state={scan.done ? 'done' : 'reading'}>
        {summary}
      </span>
      {scan.done &&
        HIGHLIGHTED_ENTITIES.filter((e) => (scan.counts[e] ?? 0) > 0).map((e) => (
          <MentionChip key={e} lang={lang} entity={e} count={scan.counts[e] ?? 0} onNext={onNext} />
        ))}
    </section>
  );
}

function MentionChip({
  lang,
  entity,
  count,
  onNext,
}: {
  lang: UiLang;
  entity: EntityId;
  count: number;
  onNext: (entity: string) => void;
}) {
  const name = entityById(entity)?.short[lang] ?? entity;
  return (
    <button
      type="button"
      class="chip"
      data-entity={entity}
      style={{ '--accent': ENTITY_COLORS[entity].accent, '--accent-dark': ENTITY_COLORS[entity].accentDark }}
      aria-label={t('pdfMentionNext', lang, name, count)}
      title={t('pdfMentionNext', lang, name, count)}
      onClick={() => onNext(entity)}
    >
      <span class="chip-name">{name}</span> <span class="chip-count">{count}</span>
    </button>
  );
}
