/** Languages the extension's own interface is written in. */
export type UiLang = 'en' | 'fr';

/**
 * Picks the interface language for a BCP 47 locale (`fr`, `fr-CA`, `fr_FR` → `fr`).
 * Returns `'en'` for every other locale, and for an empty or missing one.
 */
export function uiLang(locale: string | undefined): UiLang {
  // Chrome's i18n API reports locales with underscores (`fr_CA`), the web platform with hyphens.
  const primary = (locale ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return primary === 'fr' ? 'fr' : 'en';
}
