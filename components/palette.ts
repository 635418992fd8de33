/*
 * The entity colours live in lib/palette.ts, shared by the page highlights (page/, which may not
 * import components/) and the UI. Kept so that components importing `./palette.ts` keep working.
 */
export { ENTITY_COLORS, type EntityColors } from '../lib/palette.ts';
