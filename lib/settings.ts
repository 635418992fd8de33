import { type MessageKey, t } from './i18n.ts';
import { logger } from './log.ts';
import {
  defaultSettings,
  isRecord,
  matchPatternProblem,
  migrateSettings,
  originOf,
  parseSettings,
  readSettings,
  SETTINGS_VERSION,
  type Settings,
  type SettingsProblem,
  settingsStorage,
} from './settings-core.ts';
import type { UiLang } from './ui-lang.ts';

export * from './settings-core.ts';

/*
 * The extension pages' half of the settings module: problems worded in the reader's language,
 * the one write queue, export and import. It bundles the locale catalogs, so the content script
 * imports `settings-core.ts` instead.
 */

const log = logger('settings');

/** `problems` as `field: message` lines in `lang`; empty for none. */
export function describeProblems(problems: readonly SettingsProblem[], lang: UiLang = 'en'): string[] {
  return problems.map((p) => `${p.field}: ${t(p.key, lang, ...p.substitutions)}`);
}

/**
 * Checks a stored or imported settings value field by field (see `parseSettings`). Bad or missing
 * fields take their default; `errors` names every field that was wrong (in `lang`), and is empty
 * for a clean value.
 */
export function validateSettings(raw: unknown, lang: UiLang = 'en'): { settings: Settings; errors: string[] } {
  const { settings, problems } = parseSettings(raw);
  return { settings, errors: describeProblems(problems, lang) };
}

/**
 * Checks one match pattern (`*://*.example.org/*`, `https://news.example/*`, `<all_urls>`).
 * Returns null when it is valid, else a message in `lang` saying what to fix.
 */
export function validateMatchPattern(p: string, lang: UiLang = 'en'): string | null {
  const problem = matchPatternProblem(p);
  return problem ? t(`options_pattern_${problem}` as MessageKey, lang, p.trim()) : null;
}

// ---------------------------------------------------------------------------------------------
// Reading and writing

/**
 * Reads the stored settings. Never throws: nothing stored gives the defaults with no errors; a
 * corrupt or foreign value (a string, an array, wrong types, unknown fields) or a storage failure
 * gives the defaults for the bad fields and `errors` naming them in `lang`, for a visible notice.
 */
export async function loadSettings(lang: UiLang = 'en'): Promise<{ settings: Settings; errors: string[] }> {
  const { settings, problems } = await readSettings();
  return { settings, errors: describeProblems(problems, lang) };
}

let writes: Promise<unknown> = Promise.resolve();

/**
 * The one write queue: reads the stored settings, stores `change(current)`, and returns what was
 * stored. Writes from one context run in call order, each on the result of the one before, so
 * two quick toggles never lose one another; a failed write does not block the next. Rejects only
 * when storage fails. A corrupt stored value reaches `change` as defaults (bad fields only).
 */
export function updateSettings(change: (current: Settings) => Settings): Promise<Settings> {
  const run = async (): Promise<Settings> => {
    const next = change((await readSettings()).settings);
    await settingsStorage.write(next);
    return next;
  };
  const result = writes.then(run, run);
  writes = result.catch((error: unknown) => log.error('could not store the settings', error));
  return result;
}

/**
 * Merges `patch` into the stored settings and stores the result. Checked field by field against
 * the current value, so a bad patch field keeps its current value, and a partial `entities`
 * patch switches only the entities it names. Returns the settings as stored; rejects only when
 * storage fails.
 */
export function saveSettings(patch: Partial<Settings>): Promise<Settings> {
  return updateSettings((current) => {
    const { settings, problems } = parseSettings(patch, current);
    if (problems.length > 0) log.warn('ignored bad fields of a settings change', problems);
    return settings;
  });
}

/** Restores every default (the global switch, paused sites and site lists included). Returns the defaults. */
export function resetSettings(): Promise<Settings> {
  return updateSettings(() => defaultSettings());
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
  if (!origin) return (await readSettings()).settings;
  return updateSettings((settings) => {
    const others = settings.pausedSites.filter((o) => o !== origin);
    return { ...settings, pausedSites: paused ? [...others, origin] : others };
  });
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
  } catch (error) {
    log.warn('imported file is not JSON', error);
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
