import { storage, type WxtStorageItem } from 'wxt/utils/storage';
import { type MessageKey, t } from './i18n.ts';
import {
  checkSettings,
  defaultSettings,
  isRecord,
  matchPatternProblem,
  migrateSettings,
  originOf,
  SETTINGS_MIGRATIONS,
  SETTINGS_VERSION,
  type Settings,
  type SettingsMigrations,
} from './settings-core.ts';
import type { UiLang } from './ui-lang.ts';

export * from './settings-core.ts';

/**
 * Checks a stored or imported settings value field by field. Bad or missing fields take their
 * default; `errors` names every field that was wrong (in `lang`), and is empty for a clean value.
 * Missing fields are not errors: a value saved by an older version simply lacks newer fields.
 */
export function validateSettings(raw: unknown, lang: UiLang = 'en'): { settings: Settings; errors: string[] } {
  const errors: string[] = [];
  const settings = checkSettings(raw, (field, key, ...subs) => errors.push(`${field}: ${t(key, lang, ...subs)}`));
  return { settings, errors };
}

/**
 * Checks one match pattern (`*://*.example.org/*`, `https://news.example/*`, `<all_urls>`).
 * Returns null when it is valid, else a message in `lang` saying what to fix.
 */
export function validateMatchPattern(p: string, lang: UiLang = 'en'): string | null {
  const problem = matchPatternProblem(p);
  return problem ? t(`options_pattern_${problem}` as MessageKey, lang, p.trim()) : null;
}

/** Storage key of the settings (`settings` in `storage.local`, its version in `settings$`). */
export const SETTINGS_KEY = 'local:settings';

/**
 * Defines the settings storage item. Its value is typed `unknown` on purpose: storage may hold
 * anything (an older shape, another tool's write, a hand edit), so every read goes through
 * `validateSettings`. Exposed with `version`/`migrations` parameters so tests can prove a future
 * migration runs on a stored old value.
 */
export function createSettingsItem(
  version: number = SETTINGS_VERSION,
  migrations: SettingsMigrations = SETTINGS_MIGRATIONS,
): WxtStorageItem<unknown, { v: number }> {
  return storage.defineItem<unknown, { v: number }>(SETTINGS_KEY, { version, migrations });
}

let item: WxtStorageItem<unknown, { v: number }> | undefined;
/** Created on first use, so importing this module touches no storage. */
function settingsItem(): WxtStorageItem<unknown, { v: number }> {
  item ??= createSettingsItem();
  return item;
}

// ---------------------------------------------------------------------------------------------
// Reading and writing

/**
 * Reads the stored settings. Never throws: nothing stored gives the defaults with no errors; a
 * corrupt or foreign value (a string, an array, wrong types, unknown fields) or a storage failure
 * gives the defaults for the bad fields and `errors` naming them, for a visible notice.
 */
export async function loadSettings(lang: UiLang = 'en'): Promise<{ settings: Settings; errors: string[] }> {
  try {
    return validateSettings(await settingsItem().getValue(), lang);
  } catch (error) {
    return { settings: defaultSettings(), errors: [`storage: ${String(error)}`] };
  }
}

let writes: Promise<unknown> = Promise.resolve();

/**
 * Merges `patch` into the stored settings and stores the result (validated, so a bad patch field
 * keeps its current value). Writes from one context are applied in call order, so two quick
 * toggles never lose one another. Returns the settings as stored; rejects only when storage fails.
 * A corrupt stored value is replaced by defaults plus `patch`.
 */
export function saveSettings(patch: Partial<Settings>): Promise<Settings> {
  const run = async (): Promise<Settings> => {
    const { settings: current } = await loadSettings();
    const merged: Record<string, unknown> = { ...current };
    // Field by field, so one bad field in `patch` keeps its current value instead of its default.
    for (const [key, given] of Object.entries(patch)) {
      // A partial `entities` patch switches the named entities and leaves the others as they are.
      const value = key === 'entities' && isRecord(given) ? { ...current.entities, ...given } : given;
      const one = validateSettings({ [key]: value });
      if (one.errors.length === 0) merged[key] = one.settings[key as keyof Settings];
    }
    await settingsItem().setValue(merged);
    return merged as unknown as Settings;
  };
  const result = writes.then(run, run);
  writes = result.catch(() => {});
  return result;
}

/** Restores every default (the global switch, paused sites and site lists included). Returns the defaults. */
export async function resetSettings(): Promise<Settings> {
  const fresh = defaultSettings();
  const result = writes.then(() => settingsItem().setValue(fresh));
  writes = result.catch(() => {});
  await result;
  return fresh;
}

/**
 * Calls `cb` with the validated settings each time they change in storage, from any context
 * (a corrupt write reaches `cb` as defaults). Returns the function that stops watching.
 */
export function watchSettings(cb: (s: Settings) => void): () => void {
  return settingsItem().watch((value) => cb(validateSettings(value).settings));
}

/** True when the origin of `url` is paused; false for URLs without an origin. */
export function isSitePaused(settings: Settings, url: string): boolean {
  const origin = originOf(url);
  return origin !== null && settings.pausedSites.includes(origin);
}

/**
 * Pauses (or resumes) the extension on the origin of `url`, persisted. Returns the new settings;
 * a URL without an origin (`about:blank`, `data:`) changes nothing and returns the current ones.
 */
export async function setSitePaused(url: string, paused: boolean): Promise<Settings> {
  const origin = originOf(url);
  if (!origin) return (await loadSettings()).settings;
  const run = async (): Promise<Settings> => {
    const { settings } = await loadSettings();
    const others = settings.pausedSites.filter((o) => o !== origin);
    const next = { ...settings, pausedSites: paused ? [...others, origin] : others };
    await settingsItem().setValue(next);
    return next;
  };
  const result = writes.then(run, run);
  writes = result.catch(() => {});
  return result;
}

// ---------------------------------------------------------------------------------------------
// Export and import

/** Marker of an exported settings file, so a random JSON file is refused rather than half-read. */
export const SETTINGS_FILE_FORMAT = 'sanctions-context-settings';

/** The settings as a pretty-printed JSON file with a format marker and the shape's version. */
export function exportSettings(s: Settings): string {
  return `${JSON.stringify({ format: SETTINGS_FILE_FORMAT, version: SETTINGS_VERSION, settings: s }, null, 2)}\n`;
}

/**
 * Reads an exported settings file. Returns `{ settings }` only when the whole file is valid;
 * otherwise `{ error }` says why in `lang` (not JSON, not a settings file, made by a newer
 * version, or the fields that are wrong), and the caller changes nothing. Older versions are migrated.
 */
export function importSettings(json: string, lang: UiLang = 'en'): { settings: Settings } | { error: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return { error: t('options_import_notJson', lang) };
  }
  if (!isRecord(parsed) || parsed.format !== SETTINGS_FILE_FORMAT || !isRecord(parsed.settings)) {
    return { error: t('options_import_notSettings', lang) };
  }
  const version = parsed.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { error: t('options_import_badVersion', lang) };
  }
  if (version > SETTINGS_VERSION) return { error: t('options_import_newer', lang, version) };
  const { settings, errors } = validateSettings(migrateSettings(parsed.settings, version), lang);
  if (errors.length > 0) return { error: t('options_import_invalid', lang, errors.slice(0, 5).join('; ')) };
  return { settings };
}
