import type { EntityId } from '../engine/types.ts';
import { ENTITY_COLORS } from '../lib/palette.ts';
import type { HighlightStyle } from '../lib/settings.ts';
import { DOCUMENT_FRAGMENT_NODE } from './node-types.ts';

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

/** The window members {@link ShadowHighlightStyles} uses; a real `Window` satisfies it. */
export interface ShadowStylesWindow {
  getComputedStyle(
    el: Element,
    pseudo: string,
  ): { backgroundColor: string; textDecorationLine: string; textDecorationColor: string };
  CSSStyleSheet: new () => CSSStyleSheet;
}

/**
 * The highlight rules in the shadow trees the page's style sheet does not reach. Chromium styles
 * the highlights of a shadow tree through highlight inheritance from its host; Firefox (checked
 * in 153 ESR) does not, and there a mention in a web component would be found, counted and
 * hoverable, yet not drawn. Which trees need them is the browser's own answer: the computed
 * `::highlight()` style of the mention's element, against the body's. Those trees adopt one
 * constructed copy of the rules (`adoptedStyleSheets`: no element is added to them), which a
 * restyle updates everywhere at once and `remove` takes back out.
 */
export class ShadowHighlightStyles {
  readonly #win: ShadowStylesWindow;
  #css = '';
  #sheet: CSSStyleSheet | undefined;
  readonly #seen = new WeakSet<Node>();
  readonly #adopted = new Set<ShadowRoot>();

  constructor(win: ShadowStylesWindow) {
    this.#win = win;
  }

  /** Makes sure a mention of `entity` in `el` is drawn when `el` is in a shadow tree; each tree is asked once. */
  cover(el: Element, entity: EntityId): boolean {
    const root = el.getRootNode();
    if (root.nodeType !== DOCUMENT_FRAGMENT_NODE || this.#seen.has(root)) return false;
    this.#seen.add(root);
    const shadow = root as ShadowRoot;
    const pseudo = `::highlight(${highlightName(entity)})`;
    const look = (target: Element) => {
      const style = this.#win.getComputedStyle(target, pseudo);
      return `${style.backgroundColor} ${style.textDecorationLine} ${style.textDecorationColor}`;
    };
    const page = el.ownerDocument.body ?? el.ownerDocument.documentElement;
    if (look(el) === look(page)) return false;
    this.#sheet ??= new this.#win.CSSStyleSheet();
    this.#sheet.replaceSync(this.#css);
    shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, this.#sheet];
    this.#adopted.add(shadow);
    return true;
  }

  /** New rules (a settings change, or the first `highlightCss`), for the trees covered so far and later. */
  restyle(css: string): void {
    this.#css = css;
    this.#sheet?.replaceSync(css);
  }

  /** Takes the rules out of every tree they were put in. */
  remove(): void {
    const sheet = this.#sheet;
    for (const root of this.#adopted) root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== sheet);
    this.#adopted.clear();
  }
}
