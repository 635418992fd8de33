import en from '../public/_locales/en/messages.json' with { type: 'json' };
import fr from '../public/_locales/fr/messages.json' with { type: 'json' };
import type { UiLang } from './ui-lang.ts';

type Catalog = Record<string, { message: string; description?: string }>;

/**
 * The bundled locale files, read directly rather than through `browser.i18n.getMessage`,
 * because that API only ever answers in the browser's language and the UI language is a setting.
 */
export const CATALOGS: Readonly<Record<UiLang, Catalog>> = { en, fr };

/** Keys of every UI string; the English file is the reference (a test keeps French in step). */
export type MessageKey = keyof typeof en;

/**
 * Returns the UI string `key` in `lang`, with `$1`…`$9` replaced by `substitutions`
 * (the same placeholder form `browser.i18n.getMessage` accepts).
 * Falls back to English when the key is missing in `lang`, and returns the key itself
 * when it is missing everywhere, so a gap shows up on screen instead of an empty label.
 */
export function t(key: MessageKey, lang: UiLang, ...substitutions: (string | number)[]): string {
  const entry = CATALOGS[lang][key] ?? CATALOGS.en[key];
  if (!entry) return key;
  return entry.message.replace(/\$(\d)/g, (whole, digit: string) => {
    const value = substitutions[Number(digit) - 1];
    return value === undefined ? whole : String(value);
  });
}
