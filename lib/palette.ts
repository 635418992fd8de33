import type { EntityId } from '../engine/types.ts';

/**
 * One colour family per entity, shared by the hover card and the page highlights.
 * - `accent`: text/stripe colour on light backgrounds (contrast ≥ 4.5:1 on white).
 * - `accentDark`: the same role on dark backgrounds (contrast ≥ 4.5:1 on #1f1f1f).
 * - `tint` / `tintDark`: translucent highlight fills for light / dark pages; page text keeps
 *   its own colour, so the fills stay light enough (light pages) or dim enough (dark pages)
 *   not to reduce the text's contrast much.
 */
export interface EntityColors {
  accent: string;
  accentDark: string;
  tint: string;
  tintDark: string;
}

export const ENTITY_COLORS: Readonly<Record<EntityId, EntityColors>> = {
  dprk: {
    accent: '#b3261e',
    accentDark: '#ff8a80',
    tint: 'rgba(229, 57, 53, 0.18)',
    tintDark: 'rgba(255, 138, 128, 0.30)',
  },
  'unsc-1718': {
    accent: '#1a5fb4',
    accentDark: '#8ab4f8',
    tint: 'rgba(53, 132, 228, 0.18)',
    tintDark: 'rgba(138, 180, 248, 0.30)',
  },
  rgb: {
    accent: '#7a3db8',
    accentDark: '#d0a8ff',
    tint: 'rgba(145, 65, 172, 0.18)',
    tintDark: 'rgba(208, 168, 255, 0.30)',
  },
  msmt: {
    accent: '#1b7f5a',
    accentDark: '#6ee0a8',
    tint: 'rgba(38, 162, 105, 0.18)',
    tintDark: 'rgba(110, 224, 168, 0.28)',
  },
  'panel-of-experts': {
    accent: '#5e5c64',
    accentDark: '#c0bfc4',
    tint: 'rgba(94, 92, 100, 0.15)',
    tintDark: 'rgba(192, 191, 196, 0.25)',
  },
};
