import { browser } from 'wxt/browser';
import type { MessageKey } from './i18n.ts';
import { type UiLang, uiLang } from './ui-lang.ts';

/*
 * The part of the settings module the content script needs on every page: the shape, defaults,
 * checks, site rules and a read-only storage reader. Nothing here may import the locale catalogs
 * or @wxt-dev/storage (type-only imports excepted); `settings.ts` adds writing, messages in the
 * reader's language, export and import, and re-exports all of this.
 */

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

/** A fresh, mutable copy of the defaults (the exported constant is frozen); never fails. */
export function defaultSettings(): Settings {
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

/** True for a plain object (not null, not an array); false for everything else. */
export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function kindOf(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'array';
  return typeof x;
}

/** Receives each problem `checkSettings` finds: the field, and the locale message saying what is wrong. */
export type SettingsProblem = (field: string, key: MessageKey, ...substitutions: (string | number)[]) => void;

/**
 * Checks a stored or imported settings value field by field and returns the settings it holds.
 * Bad or missing fields take their default, and each bad one is passed to `report`; nothing, or
 * a value that is not an object, gives the defaults. Missing fields are not errors: a value saved
 * by an older version simply lacks newer fields. Kept free of the locale catalogs (`report` gets
 * message keys, not text) so the content script can read settings without bundling them.
 */
export function checkSettings(raw: unknown, report: SettingsProblem = () => {}): Settings {
  const settings = defaultSettings();
  const err = report;
  if (raw === undefined || raw === null) return settings;
  if (!isRecord(raw)) {
    err('settings', 'options_error_notObject', kindOf(raw));
    return settings;
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
  return settings;
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
// Reading from storage without @wxt-dev/storage

/** Key of the settings in `storage.local` (WXT's `local:settings`); WXT keeps their version under this key plus `$`. */
const STORAGE_KEY = 'settings';

/**
 * Reads the stored settings the way the `local:settings` storage item of `settings.ts` stores
 * them, migrating an older value in memory (the extension's pages write the migrated value;
 * `version`/`migrations` are parameters so tests can prove a future step runs).
 * For the content script: it reads, never writes, and needs neither @wxt-dev/storage nor the
 * locale catalogs. Never throws: nothing stored, a corrupt value or a storage failure gives the
 * defaults (field by field for a partly bad value).
 */
export async function readStoredSettings(
  version: number = SETTINGS_VERSION,
  migrations: SettingsMigrations = SETTINGS_MIGRATIONS,
): Promise<Settings> {
  try {
    const stored = await browser.storage.local.get([STORAGE_KEY, `${STORAGE_KEY}$`]);
    const meta = stored[`${STORAGE_KEY}$`];
    // WXT counts a value stored without a version as version 1.
    const from = isRecord(meta) && typeof meta.v === 'number' ? meta.v : 1;
    return checkSettings(migrateSettings(stored[STORAGE_KEY], from, version, migrations));
  } catch {
    return defaultSettings();
  }
}

/**
 * Calls `cb` with the checked settings each time their stored value changes, from any context
 * (a corrupt or removed value reaches `cb` as defaults). Returns the function that stops watching.
 */
export function watchStoredSettings(cb: (s: Settings) => void): () => void {
  const area = browser.storage.local;
  const listener = (changes: Record<string, { oldValue?: unknown; newValue?: unknown }>) => {
    const change = changes[STORAGE_KEY];
    // Writing an equal value still fires the event; like WXT's watch, only a real change counts.
    if (!change || JSON.stringify(change.newValue) === JSON.stringify(change.oldValue)) return;
    cb(checkSettings(change.newValue));
  };
  area.onChanged.addListener(listener);
  return () => area.onChanged.removeListener(listener);
}
