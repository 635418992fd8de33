import { describe, expect, it } from 'vitest';
import { ENTITY_COLORS } from '../../lib/palette.ts';
import { highlightCss } from '../../page/styles.ts';
import {
  contrastRatio,
  deltaE2000,
  parseColour,
  type Rgb,
  simulate,
  toLab,
  type Vision,
} from '../helpers/colour-vision.ts';

const PAINTED = ['dprk', 'unsc-1718', 'rgb', 'msmt'] as const;
const VISIONS: Vision[] = ['normal', 'protanopia', 'deuteranopia', 'tritanopia'];
const WHITE: Rgb = [1, 1, 1];
const DARK: Rgb = parseColour('#1f1f1f');

/*
 * Thresholds, in CIEDE2000 units. About 1–2.3 is a just-noticeable difference between two large
 * patches side by side; a reader must instead tell two entities apart on a 2 px underline or a
 * translucent fill, with the words far apart on the page. So the underline colours must differ
 * by ≥ 15 (clearly different colours, not shades of one) and the fills, which are pale by
 * design, by ≥ 5 (a plainly visible difference between adjacent fills), for every pair and under
 * every simulated dichromacy. The previous palette had a pair at ΔE 1.0 under deuteranopia.
 */
const MIN_ACCENT_DE = 15;
const MIN_FILL_DE = 5;

/** The smallest difference among all pairs of `colours` as seen with `vision`. */
function smallestDifference(colours: Rgb[], vision: Vision): { de: number; pair: string } {
  let worst = { de: Number.POSITIVE_INFINITY, pair: '' };
  const labs = colours.map((c) => toLab(simulate(c, vision)));
  for (let i = 0; i < labs.length; i++) {
    for (let j = i + 1; j < labs.length; j++) {
      const de = deltaE2000(labs[i] as Rgb, labs[j] as Rgb);
      if (de < worst.de) worst = { de, pair: `${PAINTED[i]}/${PAINTED[j]}` };
    }
  }
  return worst;
}

describe('colour-vision arithmetic', () => {
  it('gives known values: ΔE of identical colours is 0, white vs black is 100, and a textbook pair', () => {
    expect(deltaE2000([50, 2.6772, -79.7751], [50, 0, -82.7485])).toBeCloseTo(2.0425, 3); // Sharma et al., pair 1
    expect(deltaE2000(toLab(simulate(WHITE, 'normal')), toLab(simulate([0, 0, 0], 'normal')))).toBeCloseTo(100, 0);
    expect(contrastRatio(WHITE, [0, 0, 0])).toBeCloseTo(21, 5);
  });

  it('makes red and green hard to tell apart under deuteranopia (the simulation is doing something)', () => {
    const red: Rgb = parseColour('#d03030');
    const green: Rgb = parseColour('#5a8a00');
    const normal = deltaE2000(toLab(simulate(red, 'normal')), toLab(simulate(green, 'normal')));
    const deut = deltaE2000(toLab(simulate(red, 'deuteranopia')), toLab(simulate(green, 'deuteranopia')));
    expect(normal).toBeGreaterThan(40);
    expect(deut).toBeLessThan(normal / 3);
  });
});

describe('entity palette', () => {
  for (const [background, accentKey, tintKey, label] of [
    [WHITE, 'accent', 'tint', 'light pages'],
    [DARK, 'accentDark', 'tintDark', 'dark pages'],
  ] as const) {
    it.each(VISIONS)(`keeps the four underline colours and fills apart on ${label} with %s`, (vision) => {
      const accents = PAINTED.map((e) => parseColour(ENTITY_COLORS[e][accentKey]));
      const fills = PAINTED.map((e) => parseColour(ENTITY_COLORS[e][tintKey], background));
      const a = smallestDifference(accents, vision);
      const f = smallestDifference(fills, vision);
      expect(a.de, `underlines ${a.pair}`).toBeGreaterThanOrEqual(MIN_ACCENT_DE);
      expect(f.de, `fills ${f.pair}`).toBeGreaterThanOrEqual(MIN_FILL_DE);
    });

    it(`keeps every underline colour readable as text on ${label} (WCAG 4.5:1)`, () => {
      for (const e of PAINTED) {
        expect(contrastRatio(parseColour(ENTITY_COLORS[e][accentKey]), background), e).toBeGreaterThanOrEqual(4.5);
      }
    });
  }

  it('gives every entity its own underline style, and the page style sheet uses it', () => {
    const styles = PAINTED.map((e) => ENTITY_COLORS[e].underline);
    expect(new Set(styles).size).toBe(PAINTED.length);
    const css = highlightCss([...PAINTED]);
    for (const e of PAINTED) {
      expect(css).toContain(`::highlight(sanctions-context-${e}) { background-color: ${ENTITY_COLORS[e].tint};`);
      expect(css).toMatch(new RegExp(`sanctions-context-${e}\\) \\{[^}]*underline ${ENTITY_COLORS[e].underline} 2px`));
    }
  });
});
