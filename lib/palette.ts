import type { EntityId } from '../engine/types.ts';

/** How an entity's underline is drawn: a second cue besides colour, one per entity. */
export type UnderlineStyle = 'solid' | 'double' | 'dotted' | 'dashed' | 'wavy';

/**
 * One colour family per entity, shared by the hover card, the popup, the options page and the
 * page highlights.
 * - `accent`: text/underline colour on light backgrounds (contrast ≥ 4.5:1 on white).
 * - `accentDark`: the same role on dark backgrounds (contrast ≥ 4.5:1 on #1f1f1f).
 * - `tint` / `tintDark`: translucent highlight fills for light / dark pages; page text keeps
 *   its own colour, so the fills stay light enough (light pages) or dim enough (dark pages)
 *   not to reduce the text's contrast much.
 * - `underline`: the line style, different for every entity, so entities differ by more than
 *   colour.
 * The four painted entities' accents and fills were chosen to stay apart under simulated
 * protanopia, deuteranopia and tritanopia (tests/lib/palette.test.ts states the thresholds): a
 * vermillion, an indigo, a violet and a teal, each darker or lighter than its neighbours.
 */
export interface EntityColors {
  accent: string;
  accentDark: string;
  tint: string;
  tintDark: string;
  underline: UnderlineStyle;
}

export const ENTITY_COLORS: Readonly<Record<EntityId, EntityColors>> = {
  dprk: {
    accent: '#c23a00',
    accentDark: '#ff5e4d',
    tint: 'rgba(194, 58, 0, 0.2)',
    tintDark: 'rgba(255, 94, 77, 0.3)',
    underline: 'solid',
  },
  'unsc-1718': {
    accent: '#142271',
    accentDark: '#3385ff',
    tint: 'rgba(20, 34, 113, 0.2)',
    tintDark: 'rgba(51, 133, 255, 0.3)',
    underline: 'double',
  },
  rgb: {
    accent: '#8100eb',
    accentDark: '#e8b0e0',
    tint: 'rgba(129, 0, 235, 0.2)',
    tintDark: 'rgba(232, 176, 224, 0.3)',
    underline: 'dotted',
  },
  msmt: {
    accent: '#227769',
    accentDark: '#a1f7c6',
    tint: 'rgba(34, 119, 105, 0.2)',
    tintDark: 'rgba(161, 247, 198, 0.3)',
    underline: 'dashed',
  },
  'panel-of-experts': {
    accent: '#5e5c64',
    accentDark: '#c0bfc4',
    tint: 'rgba(94, 92, 100, 0.15)',
    tintDark: 'rgba(192, 191, 196, 0.25)',
    underline: 'wavy',
  },
};
