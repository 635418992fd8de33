import type { EntityId } from '../engine/types.ts';
import { ENTITY_COLORS } from '../lib/palette.ts';
import type { HighlightStyle } from '../lib/settings.ts';

/** Prefix of every name the extension registers in `CSS.highlights`; users can restyle `::highlight(sanctions-context-dprk)` etc. */
export const HIGHLIGHT_PREFIX = 'sanctions-context-';

/** Registry name of the short flash shown on a revealed mention. */
export const FLASH_HIGHLIGHT = `${HIGHLIGHT_PREFIX}flash`;

/** The `CSS.highlights` name of an entity, e.g. `sanctions-context-dprk`. */
export function highlightName(entity: EntityId): string {
  return `${HIGHLIGHT_PREFIX}${entity}`;
}

/** Marker attribute on the injected style element, so it is found and removed exactly once. */
const STYLE_ATTRIBUTE = 'data-sanctions-context-styles';

/**
 * The page style sheet for highlights: `::highlight()` rules only work in a style sheet of the
 * page's document, not inside the card's shadow root.
 * Returns an empty string when `entities` is empty.
 */
export function highlightCss(entities: readonly EntityId[], style: HighlightStyle = 'both'): string {
  if (entities.length === 0) return '';
  const rules: string[] = [];
  const selector = (entity: EntityId) => `::highlight(${highlightName(entity)})`;
  const fill = style !== 'underline';
  const line = style !== 'fill';
  for (const entity of entities) {
    const c = ENTITY_COLORS[entity];
    // The page keeps its own text colour: a translucent fill plus a coloured underline stays
    // legible whatever the page's foreground, and the underline keeps entities apart for
    // readers who do not tell the fills apart. The reader's style setting may drop either cue.
    const decls = [
      `background-color: ${fill ? c.tint : 'transparent'};`,
      line
        ? `text-decoration: underline ${c.underline} 2px ${c.accent}; text-underline-offset: 2px;`
        : 'text-decoration: none;',
    ];
    rules.push(`${selector(entity)} { ${decls.join(' ')} }`);
  }
  rules.push(
    `::highlight(${FLASH_HIGHLIGHT}) { background-color: rgba(255, 200, 0, 0.75); color: #000; }`,
    '@media (prefers-color-scheme: dark) {',
    ...entities.map((entity) => {
      const c = ENTITY_COLORS[entity];
      return `  ${selector(entity)} { background-color: ${fill ? c.tintDark : 'transparent'}; text-decoration-color: ${c.accentDark}; }`;
    }),
    '}',
    // Readers who ask for more contrast get a thicker underline in the strong colour and no fill
    // that could lower the contrast of the page's text.
    '@media (prefers-contrast: more) {',
    ...entities.map((entity) => {
      const c = ENTITY_COLORS[entity];
      return `  ${selector(entity)} { background-color: transparent; text-decoration: underline ${c.underline} 3px ${c.accent}; }`;
    }),
    '}',
    // Forced colours (Windows High Contrast) replace author colours; the system Mark colours
    // keep mentions visible and the underline survives as the second cue.
    '@media (forced-colors: active) {',
    ...entities.map(
      (entity) =>
        `  ${selector(entity)} { background-color: Mark; color: MarkText; text-decoration: underline ${ENTITY_COLORS[entity].underline} 2px MarkText; }`,
    ),
    `  ::highlight(${FLASH_HIGHLIGHT}) { background-color: Highlight; color: HighlightText; }`,
    '}',
  );
  return rules.join('\n');
}

/**
 * Adds the highlight style sheet `css` (from {@link highlightCss}) to `doc`'s head (or root
 * element when there is no head). Returns a function that removes it again; calling it twice is
 * harmless.
 */
export function injectHighlightStyles(doc: Document, css: string): () => void {
  const style = doc.createElement('style');
  style.setAttribute(STYLE_ATTRIBUTE, '');
  style.textContent = css;
  (doc.head ?? doc.documentElement).append(style);
  return () => style.remove();
}

/**
 * Rewrites the injected highlight style sheet of `doc` with `css` (a live settings change).
 * Returns false, changing nothing, when `doc` has no such sheet.
 */
export function restyleHighlights(doc: Document, css: string): boolean {
  const sheet = doc.querySelector(`style[${STYLE_ATTRIBUTE}]`);
  if (!sheet) return false;
  sheet.textContent = css;
  return true;
}
