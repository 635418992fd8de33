import { browser } from 'wxt/browser';
import { storage, type WxtStorageItem } from 'wxt/utils/storage';
import { type MessageKey, t } from './i18n.ts';
import { type UiLang, uiLang } from './ui-lang.ts';

/** How mentions are drawn on pages. */
export type HighlightStyle = 'fill' | 'underline' | 'both';

/** The entities a reader can switch on and off (the four painted ones). */
export type SettingsEntity = 'dprk' | 'unsc-1718' | 'rgb' | 'msmt';

export const SETTINGS_ENTITIES: readonly SettingsEntity[] = ['dprk', 'unsc-1718', 'rgb', 'msmt'];
export const HIGHLIGHT_STYLES: readonly HighlightStyle[] = ['fill', 'underline', 'both'];
export const MODES: readonly Settings['mode'][] = ['automatic', 'on-click'];
export const UI_LANGUAGES: readonly Settings['uiLanguage'][] = ['auto', 'en', 'fr'];

export interface Settings {
  /** Global on/off. */
  enabled: boolean;
  entities: Record<SettingsEntity, boolean>;
  style: HighlightStyle;
  /** How long the pointer rests on a mention before its card opens, 0–2000 ms. */
  hoverDelayMs: number;
  /** `on-click`: the content script reads nothing until the toolbar button or popup asks it to, per tab. */
  mode: 'automatic' | 'on-click';
  /** Match patterns of sites where the extension never runs. */
  neverSites: string[];
  /** Match patterns of the only sites where it runs; empty means everywhere. */
  onlySites: string[];
  /** Origins paused from the popup, such as `https://example.org`. */
  pausedSites: string[];
  uiLanguage: 'auto' | 'en' | 'fr';
}

export const HOVER_DELAY_MIN = 0;
export const HOVER_DELAY_MAX = 2000;

export const DEFAULT_SETTINGS: Settings = Object.freeze({
  enabled: true,
  entities: Object.freeze({ dprk: true, 'unsc-1718': true, rgb: true, msmt: true }),
  style: 'both',
  hoverDelayMs: 300,
  mode: 'automatic',
  neverSites: Object.freeze([]) as unknown as string[],
  onlySites: Object.freeze([]) as unknown as string[],
  pausedSites: Object.freeze([]) as unknown as string[],
  uiLanguage: 'auto',
}) as Settings;

/** A fresh, mutable copy of the defaults (the exported constant is frozen). */
function defaults(): Settings {
  return {
    ...DEFAULT_SETTINGS,
    entities: { ...DEFAULT_SETTINGS.entities },
    neverSites: [],
    onlySites: [],
    pausedSites: [],
  };
}

// ---------------------------------------------------------------------------------------------
// Match patterns

/** Why a match pattern is rejected; each has a locale message `options_pattern_<problem>`. */
export type PatternProblem = 'empty' | 'format' | 'scheme' | 'host' | 'port' | 'path';

const PATTERN_SCHEMES = ['*', 'http', 'https', 'file'];

interface ParsedPattern {
  all: boolean;
  scheme: string;
  host: string;
  path: RegExp;
}

/*
 * Written by hand rather than with @webext-core/match-patterns: that library's messages are
 * English-only and it accepts patterns Chrome refuses (hosts like `ex*ample.com`), while the
 * options page must say, in the reader's language, what is wrong with one line.
 */
function parsePattern(pattern: string): ParsedPattern | PatternProblem {
  const p = pattern.trim();
  if (p === '') return 'empty';
  if (p === '<all_urls>') return { all: true, scheme: '*', host: '*', path: /^/ };
  const m = /^([^:/]+):\/\/([^/]*)(\/.*)?$/.exec(p);
  if (!m) return 'format';
  const [, scheme = '', host = '', path] = m;
  if (!PATTERN_SCHEMES.includes(scheme)) return 'scheme';
  if (path === undefined) return 'path';
  if (scheme === 'file') {
    if (host !== '') return 'host';
  } else {
    if (host === '') return 'host';
    if (host.includes(':')) return 'port';
    if (host !== '*' && !/^(\*\.)?[^*\s]+$/.test(host)) return 'host';
  }
  const escaped = path.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return { all: false, scheme, host: host.toLowerCase(), path: new RegExp(`^${escaped}$`) };
}

function patternIncludes(pattern: ParsedPattern, url: URL): boolean {
  const scheme = url.protocol.slice(0, -1);
  if (pattern.all) return ['http', 'https', 'file'].includes(scheme);
  if (pattern.scheme === '*' ? scheme !== 'http' && scheme !== 'https' : pattern.scheme !== scheme) return false;
  const host = url.hostname.toLowerCase();
  if (pattern.scheme !== 'file' && pattern.host !== '*') {
    if (pattern.host.startsWith('*.')) {
      const base = pattern.host.slice(2);
      if (host !== base && !host.endsWith(`.${base}`)) return false;
    } else if (host !== pattern.host) return false;
  }
  // Chrome matches the path pattern against the path and the query.
  return pattern.path.test(url.pathname + url.search);
}

/** Why `p` is not a valid match pattern, as a code; null when it is valid. */
export function matchPatternProblem(p: string): PatternProblem | null {
  const parsed = parsePattern(p);
  return typeof parsed === 'string' ? parsed : null;
}

/**
 * Checks one match pattern (`*://*.example.org/*`, `https://news.example/*`, `<all_urls>`).
 * Returns null when it is valid, else a message in `lang` saying what to fix.
 */
export function validateMatchPattern(p: string, lang: UiLang = 'en'): string | null {
  const problem = matchPatternProblem(p);
  return problem ? t(`options_pattern_${problem}` as MessageKey, lang, p.trim()) : null;
}

/** True when `url` matches `pattern`; false for an invalid pattern or URL. */
export function matchesPattern(pattern: string, url: string): boolean {
  const parsed = parsePattern(pattern);
  if (typeof parsed === 'string') return false;
  try {
    return patternIncludes(parsed, new URL(url));
  } catch {
    return false;
  }
}

/** The origin of `url` (`https://example.org`); null for URLs without one (`about:blank`, `data:`) or invalid ones. */
export function originOf(url: string): string | null {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Validation

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function kindOf(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'array';
  return typeof x;
}

/**
 * Checks a stored or imported settings value field by field. Bad or missing fields take their
 * default; `errors` names every field that was wrong (in `lang`), and is empty for a clean value.
 * Missing fields are not errors: a value saved by an older version simply lacks newer fields.
 */
export function validateSettings(raw: unknown, lang: UiLang = 'en'): { settings: Settings; errors: string[] } {
  const settings = defaults();
  const errors: string[] = [];
  const err = (field: string, key: MessageKey, ...subs: (string | number)[]) =>
    errors.push(`${field}: ${t(key, lang, ...subs)}`);
  if (raw === undefined || raw === null) return { settings, errors };
  if (!isRecord(raw)) {
    err('settings', 'options_error_notObject', kindOf(raw));
    return { settings, errors };
  }

  const oneOf = <T extends string>(field: keyof Settings, allowed: readonly T[], set: (v: T) => void) => {
    if (!(field in raw)) return;
    const v = raw[field];
    if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) set(v as T);
    else err(field, 'options_error_oneOf', allowed.join(', '));
  };

  if ('enabled' in raw) {
    if (typeof raw.enabled === 'boolean') settings.enabled = raw.enabled;
    else err('enabled', 'options_error_type', 'boolean', kindOf(raw.enabled));
  }

  if ('entities' in raw) {
    const e = raw.entities;
    if (!isRecord(e)) err('entities', 'options_error_type', 'object', kindOf(e));
    else {
      for (const [key, value] of Object.entries(e)) {
        if (!(SETTINGS_ENTITIES as readonly string[]).includes(key))
          err(`entities.${key}`, 'options_error_unknownField');
        else if (typeof value !== 'boolean') err(`entities.${key}`, 'options_error_type', 'boolean', kindOf(value));
        else settings.entities[key as SettingsEntity] = value;
      }
    }
  }

  oneOf('style', HIGHLIGHT_STYLES, (v) => {
    settings.style = v;
  });

  if ('hoverDelayMs' in raw) {
    const d = raw.hoverDelayMs;
    if (typeof d !== 'number' || !Number.isFinite(d)) err('hoverDelayMs', 'options_error_type', 'number', kindOf(d));
    else {
      const clamped = Math.round(Math.min(HOVER_DELAY_MAX, Math.max(HOVER_DELAY_MIN, d)));
      if (clamped !== d) err('hoverDelayMs', 'options_error_range', HOVER_DELAY_MIN, HOVER_DELAY_MAX);
      settings.hoverDelayMs = clamped;
    }
  }

  oneOf('mode', MODES, (v) => {
    settings.mode = v;
  });
  oneOf('uiLanguage', UI_LANGUAGES, (v) => {
    settings.uiLanguage = v;
  });

  for (const field of ['neverSites', 'onlySites'] as const) {
    if (!(field in raw)) continue;
    const list = raw[field];
    if (!Array.isArray(list)) {
      err(field, 'options_error_type', 'array', kindOf(list));
      continue;
    }
    const kept: string[] = [];
    list.forEach((p, i) => {
      if (typeof p !== 'string') err(`${field}[${i}]`, 'options_error_type', 'string', kindOf(p));
      else if (matchPatternProblem(p)) err(`${field}[${i}]`, 'options_error_pattern', p);
      else if (!kept.includes(p.trim())) kept.push(p.trim());
    });
    settings[field] = kept;
  }

  if ('pausedSites' in raw) {
    const list = raw.pausedSites;
    if (!Array.isArray(list)) err('pausedSites', 'options_error_type', 'array', kindOf(list));
    else {
      const kept: string[] = [];
      list.forEach((o, i) => {
        const origin = typeof o === 'string' ? originOf(o) : null;
        if (!origin) err(`pausedSites[${i}]`, 'options_error_origin', String(o));
        else if (!kept.includes(origin)) kept.push(origin);
      });
      settings.pausedSites = kept;
    }
  }

  for (const key of Object.keys(raw)) {
    if (!(key in DEFAULT_SETTINGS)) err(key, 'options_error_unknownField');
  }
  return { settings, errors };
}

// ---------------------------------------------------------------------------------------------
// Versions and migrations

/** Version of the stored settings shape. Bump it and add a step to `SETTINGS_MIGRATIONS` when the shape changes. */
export const SETTINGS_VERSION = 1;

/**
 * Steps that turn a value of version n-1 into version n, keyed by n (WXT's convention).
 * Steps may receive anything (storage can hold a foreign value): return it unchanged when it
 * is not what they expect, and `validateSettings` deals with it afterwards.
 */
export type SettingsMigrations = Record<number, (old: unknown) => unknown>;

export const SETTINGS_MIGRATIONS: SettingsMigrations = {};

/**
 * Runs the migration steps from version `from` up to `to` on `value` (the same steps WXT runs on
 * stored values, reused for imported files). Returns `value` unchanged when `from >= to`.
 */
export function migrateSettings(
  value: unknown,
  from: number,
  to: number = SETTINGS_VERSION,
  migrations: SettingsMigrations = SETTINGS_MIGRATIONS,
): unknown {
  let out = value;
  for (let v = from + 1; v <= to; v++) out = migrations[v]?.(out) ?? out;
  return out;
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
    return { settings: defaults(), errors: [`storage: ${String(error)}`] };
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
  const fresh = defaults();
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

/**
 * Whether the extension should annotate `url` under `settings`: globally enabled, the origin not
 * paused, no never-run pattern matching, and an only-run pattern matching when there are any.
 * False for URLs that cannot be parsed.
 */
export function isActiveOn(settings: Settings, url: string): boolean {
  if (!settings.enabled) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const origin = parsed.origin === 'null' ? null : parsed.origin;
  if (origin && settings.pausedSites.includes(origin)) return false;
  if (settings.neverSites.some((p) => matchesPattern(p, parsed.href))) return false;
  if (settings.onlySites.length > 0 && !settings.onlySites.some((p) => matchesPattern(p, parsed.href))) return false;
  return true;
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

/**
 * The browser's language as far as this extension is concerned: the language of the message
 * catalog the browser picked for it (the `uiLocale` message), which follows `--lang` and the
 * browser's settings. Chromium 156 can pick the French catalog while `i18n.getUILanguage()` still
 * says `en-US` (seen with `--lang=fr` on Linux), so the catalog is the better witness.
 * Falls back to `getUILanguage()`, and to an empty string where there is no i18n API.
 */
export function browserUiLocale(): string {
  try {
    return browser.i18n.getMessage('uiLocale') || browser.i18n.getUILanguage();
  } catch {
    return '';
  }
}

/** The interface language: the setting when it names one, else the browser's locale (`en` for anything not French). */
export function resolveUiLang(settings: Settings, browserLocale: string): UiLang {
  return settings.uiLanguage === 'auto' ? uiLang(browserLocale) : settings.uiLanguage;
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
