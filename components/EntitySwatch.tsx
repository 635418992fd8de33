import type { EntityId } from '../engine/types.ts';
import { ENTITY_COLORS } from '../lib/palette.ts';
import './entity-swatch.css';

/** Blank room for the fill and the underline: no text, so nothing to translate or read out. */
const SAMPLE = '\u00a0'.repeat(4);

/**
 * A small sample of how an entity's mentions are drawn on pages: its fill and its own underline
 * style in its colour. Used as the legend beside entity names in the popup and the options page,
 * so a reader learns the underline styles, not only the colours. Decorative (`aria-hidden`): the
 * entity's name always stands beside it.
 */
export function EntitySwatch({ entity, dark = false }: { entity: EntityId; dark?: boolean }) {
  const c = ENTITY_COLORS[entity];
  return (
    <span
      class="entity-swatch"
      aria-hidden="true"
      data-entity={entity}
      style={{
        background: dark ? c.tintDark : c.tint,
        textDecoration: `underline ${c.underline} 2px ${dark ? c.accentDark : c.accent}`,
      }}
    >
      {SAMPLE}
    </span>
  );
}
