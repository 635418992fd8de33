import * as v from 'valibot';
import { browser } from 'wxt/browser';
import type { MessageKey } from './i18n.ts';
import { isLogging, logger, setLogging } from './log.ts';
import { type UiLang, uiLang } from './ui-lang.ts';

/*
 * The part of the settings module every context needs, the content script included: the schema
 * (one valibot schema, the one source of the shape, the checks and the type), defaults, versioned
 * migrations, site rules and the one storage adapter. Nothing here may import the locale catalogs
 * (type-only imports excepted): problems are reported as message keys. `settings.ts` adds the
 * write queue, messages in the reader's language, export and import, and re-exports all of this.
 */

const log = logger('settings');

/** How mentions are drawn on pages. */
export type HighlightStyle = 'fill' | 'underline' | 'both';

/** The entities a reader can switch on and off (the four painted ones). */
export type SettingsEntity = 'dprk' | 'unsc-1718' | 'rgb' | 'msmt';

export const SETTINGS_ENTITIES = ['dprk', 'unsc-1718', 'rgb', 'msmt'] as const satisfies readonly SettingsEntity[];
export const HIGHLIGHT_STYLES = ['fill', 'underline', 'both'] as const satisfies readonly HighlightStyle[];
export const MODES = ['automatic', 'on-click'] as const;
export const UI_LANGUAGES = ['auto', 'en', 'fr'] as const;

export const HOVER_DELAY_MIN = 0;
export const HOVER_DELAY_MAX = 2000;

// The message key of a failed check is its valibot message, so the catalog-free schema can
// still say, through `settings.ts`, what is wrong in the reader's language.
const sitePattern = v.pipe(
  v.string(),
  v.check((p) => matchPatternProblem(p) === null, 'options_error_pattern' satisfies MessageKey),
  v.transform((p) => p.trim()),
);
const siteOrigin = v.pipe(
  v.string(),
  v.check((o) => originOf(o) !== null, 'options_error_origin' satisfies MessageKey),
  v.transform((o) => originOf(o) ?? o),
);
const inRange = 'options_error_range' satisfies MessageKey;

type AnySchema = v.GenericSchema;

/** A list in the settings schema: each item is checked alone, so a bad item is dropped alone. */
interface ListOf<S extends AnySchema> {
  readonly '~list': S;
}
const listOf = <S extends AnySchema>(item: S): ListOf<S> => ({ '~list': item });

/** A group of fields: valibot schemas, lists of them, or nested groups. */
type Shape = { readonly [field: string]: AnySchema | ListOf<AnySchema> | Shape };
const isSchema = (node: Shape[string]): node is AnySchema => '~run' in node;
const isList = (node: Shape[string]): node is ListOf<AnySchema> => '~list' in node;

/** The value a shape describes (after the schemas' transformations). */
type Infer<S> =
  S extends ListOf<infer I>
    ? v.InferOutput<I>[]
    : S extends AnySchema
      ? v.InferOutput<S>
      : { -readonly [K in keyof S]: Infer<S[K]> };

/*
 * Groups and lists are plain objects walked by `lenient` rather than `v.object`/`v.array`: the
 * walk checks each field and item on its own anyway, and valibot's object and array schemas
 * would add 1.7 kB of unused code to the content script (see tests/build/size-budget.test.ts).
 */

/**
 * The settings, field by field: the one description of their shape, checks and type.
 * `parseSettings` checks each field (each list item, each entity) on its own, so one bad field
 * costs only that field.
 */
export const SettingsSchema = {
  /** Global on/off. */
  enabled: v.boolean(),
  entities: { dprk: v.boolean(), 'unsc-1718': v.boolean(), rgb: v.boolean(), msmt: v.boolean() },
  style: v.picklist(HIGHLIGHT_STYLES),
  /** How long the pointer rests on a mention before its card opens, in whole ms. */
  hoverDelayMs: v.pipe(
    v.number(),
    v.check((n) => Number.isInteger(n) && n >= HOVER_DELAY_MIN && n <= HOVER_DELAY_MAX, inRange),
  ),
  /** `on-click`: the content script reads nothing until the toolbar button or popup asks it to, per tab. */
  mode: v.picklist(MODES),
  /** Match patterns of sites where the extension never runs. */
  neverSites: listOf(sitePattern),
  /** Match patterns of the only sites where it runs; empty means everywhere. */
  onlySites: listOf(sitePattern),
  /** Origins paused from the popup, such as `https://example.org`. */
  pausedSites: listOf(siteOrigin),
  uiLanguage: v.picklist(UI_LANGUAGES),
  /** Prints the extension's diagnostics (`lib/log.ts`) to the console of every context. */
  debug: v.boolean(),
} as const satisfies Shape;

export type Settings = Infer<typeof SettingsSchema>;

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
  debug: false,
}) as Settings;

/** A fresh, mutable copy of `s` (the defaults when omitted; the exported constant is frozen); never fails. */
export function defaultSettings(s: Settings = DEFAULT_SETTINGS): Settings {
  return {
    ...s,
    entities: { ...s.entities },
    neverSites: [...s.neverSites],
    onlySites: [...s.onlySites],
    pausedSites: [...s.pausedSites],
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
  } catch (error) {
    log.debug('not a URL', url, error);
    return false;
  }
}

/** The origin of `url` (`https://example.org`); null for URLs without one (`about:blank`, `data:`) or invalid ones. */
export function originOf(url: string): string | null {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? null : origin;
  } catch (error) {
    log.debug('not a URL', url, error);
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

/** One thing wrong with a settings value: where (`neverSites[1]`), and the locale message saying what. */
export interface SettingsProblem {
  field: string;
  key: MessageKey;
  substitutions: (string | number)[];
}

/** What `parseSettings` returns: the usable settings, and every problem met (none for a clean value). */
export interface ParsedSettings {
  settings: Settings;
  problems: SettingsProblem[];
}

type Report = (field: string, key: MessageKey, ...substitutions: (string | number)[]) => void;

/** Says what `issue` (the first one valibot raised for `input` against `schema`) means, as a locale message. */
function reportIssue(field: string, schema: AnySchema, issue: v.BaseIssue<unknown>, input: unknown, report: Report) {
  if (issue.kind === 'validation') {
    const key = issue.message as MessageKey;
    if (key === inRange) report(field, key, HOVER_DELAY_MIN, HOVER_DELAY_MAX);
    else report(field, key, String(input));
  } else if ('options' in schema && Array.isArray(schema.options)) {
    report(field, 'options_error_oneOf', schema.options.join(', '));
  } else report(field, 'options_error_type', issue.expected ?? schema.expects, kindOf(input));
}

/**
 * Checks `value` against `node` piece by piece: a group's fields and a list's items one at a
 * time, so a bad piece falls back alone (a field to `fallback`'s, a list item is dropped) and is
 * reported; unknown fields are reported and dropped; a list keeps each item once.
 */
function lenient(node: Shape[string], value: unknown, fallback: unknown, field: string, report: Report): unknown {
  const at = (key: string | number) => (typeof key === 'number' ? `${field}[${key}]` : field ? `${field}.${key}` : key);
  if (isSchema(node)) {
    const result = v.safeParse(node, value);
    if (result.success) return result.output;
    reportIssue(field, node, result.issues[0], value, report);
    return fallback;
  }
  if (isList(node)) {
    if (!Array.isArray(value)) {
      report(field, 'options_error_type', 'array', kindOf(value));
      return fallback;
    }
    const kept: unknown[] = [];
    value.forEach((item, i) => {
      const one = lenient(node['~list'], item, undefined, at(i), report);
      if (one !== undefined && !kept.includes(one)) kept.push(one);
    });
    return kept;
  }
  const base = fallback as Record<string, unknown>;
  if (!isRecord(value)) {
    report(field, 'options_error_type', 'object', kindOf(value));
    return base;
  }
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(node)) {
    out[key] = key in value ? lenient(entry, value[key], base[key], at(key), report) : base[key];
  }
  for (const key of Object.keys(value)) if (!(key in node)) report(at(key), 'options_error_unknownField');
  return out;
}

/**
 * Checks a stored, imported or patched settings value field by field against `SettingsSchema`.
 * Returns the settings it holds: a bad field takes its value in `base` (the defaults unless
 * given), and is named in `problems`; a missing field takes `base`'s silently (a value saved by
 * an older version simply lacks newer fields). Nothing (undefined or null) gives `base` with no
 * problem; a value that is not an object gives `base` with one. Never throws.
 */
export function parseSettings(raw: unknown, base: Settings = DEFAULT_SETTINGS): ParsedSettings {
  const problems: SettingsProblem[] = [];
  const report: Report = (field, key, ...substitutions) => problems.push({ field, key, substitutions });
  if (raw === undefined || raw === null) return { settings: defaultSettings(base), problems };
  if (!isRecord(raw)) {
    report('settings', 'options_error_notObject', kindOf(raw));
    return { settings: defaultSettings(base), problems };
  }
  const settings = defaultSettings(lenient(SettingsSchema, raw, base, '', report) as Settings);
  return { settings, problems };
}

// ---------------------------------------------------------------------------------------------
// Versions and migrations

/** Version of the stored settings shape. Bump it and add a step to `SETTINGS_MIGRATIONS` when the shape changes. */
export const SETTINGS_VERSION = 1;

/**
 * Steps that turn a value of version n-1 into version n, keyed by n (WXT's convention).
 * Steps may receive anything (storage can hold a foreign value): return it unchanged when it
 * is not what they expect, and `parseSettings` deals with it afterwards.
 */
export type SettingsMigrations = Record<number, (old: unknown) => unknown>;

export const SETTINGS_MIGRATIONS: SettingsMigrations = {};

/**
 * Runs the migration steps from version `from` up to `to` on `value` (for stored values and
 * imported files alike). Returns `value` unchanged when `from >= to`.
 */
export function migrateSettings(
  value: unknown,
  from: number,
  to: number = SETTINGS_VERSION,
  migrations: SettingsMigrations = SETTINGS_MIGRATIONS,
): unknown {
  let out = value;
  for (let n = from + 1; n <= to; n++) out = migrations[n]?.(out) ?? out;
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
  } catch (error) {
    log.debug('not a URL', url, error);
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
  } catch (error) {
    log.debug('no i18n API', error);
    return '';
  }
}

/** The interface language: the setting when it names one, else the browser's locale (`en` for anything not French). */
export function resolveUiLang(settings: Settings, browserLocale: string): UiLang {
  return settings.uiLanguage === 'auto' ? uiLang(browserLocale) : settings.uiLanguage;
}

// ---------------------------------------------------------------------------------------------
// The debug setting

/** Whether this context logged before any settings were read (the test runner switches it on). */
const loggingAtStart = isLogging();

/**
 * Applies the `debug` setting to this context's log: on when the setting asks for it, else as the
 * context started (`base`). Every read and watch below calls it, so each context that reads
 * settings follows the setting without wiring of its own.
 */
export function applyDebugSetting(settings: Settings, base: boolean = loggingAtStart): void {
  setLogging(settings.debug || base);
}

// ---------------------------------------------------------------------------------------------
// The storage adapter: the only code that touches the stored settings

/**
 * Key of the settings in `storage.local`; their version is stored under this key plus `$`
 * (the layout @wxt-dev/storage used for `local:settings`, kept so stored values carry over).
 */
const STORAGE_KEY = 'settings';
const VERSION_KEY = `${STORAGE_KEY}$`;

export const settingsStorage = {
  /**
   * The stored value, migrated in memory from its stored version to `version` (`version` and
   * `migrations` are parameters so tests can prove a future step runs). Undefined when nothing
   * is stored; rejects when storage fails.
   */
  async read(version: number = SETTINGS_VERSION, migrations: SettingsMigrations = SETTINGS_MIGRATIONS) {
    const stored = await browser.storage.local.get([STORAGE_KEY, VERSION_KEY]);
    const meta = stored[VERSION_KEY];
    // A value stored without a version counts as version 1 (as @wxt-dev/storage counted it).
    const from = isRecord(meta) && typeof meta.v === 'number' ? meta.v : 1;
    return migrateSettings(stored[STORAGE_KEY], from, version, migrations);
  },

  /** Stores `value` with the current version (which repairs or upgrades what was there). Rejects when storage fails. */
  async write(value: Settings, version: number = SETTINGS_VERSION): Promise<void> {
    await browser.storage.local.set({ [STORAGE_KEY]: value, [VERSION_KEY]: { v: version } });
  },

  /** Calls `cb` with each new stored value (undefined once removed), from any context. Returns the function that stops. */
  watch(cb: (value: unknown) => void): () => void {
    const area = browser.storage.local;
    const listener = (changes: Record<string, { oldValue?: unknown; newValue?: unknown }>) => {
      const change = changes[STORAGE_KEY];
      // Writing an equal value still fires the event; only a real change counts.
      if (!change || JSON.stringify(change.newValue) === JSON.stringify(change.oldValue)) return;
      cb(change.newValue);
    };
    area.onChanged.addListener(listener);
    return () => area.onChanged.removeListener(listener);
  },
};

/**
 * Reads and checks the stored settings (and applies their `debug` setting). Never throws: nothing
 * stored gives the defaults with no problem; a corrupt value gives the defaults for the bad
 * fields, each named in `problems`; a storage failure gives the defaults and one `storage` problem.
 */
export async function readSettings(
  version: number = SETTINGS_VERSION,
  migrations: SettingsMigrations = SETTINGS_MIGRATIONS,
): Promise<ParsedSettings> {
  let parsed: ParsedSettings;
  try {
    parsed = parseSettings(await settingsStorage.read(version, migrations));
  } catch (error) {
    log.error('could not read the settings', error);
    parsed = {
      settings: defaultSettings(),
      problems: [{ field: 'storage', key: 'options_error_storage', substitutions: [String(error)] }],
    };
  }
  if (parsed.problems.length > 0) log.warn('stored settings had problems', parsed.problems);
  applyDebugSetting(parsed.settings);
  return parsed;
}

/**
 * The stored settings, checked, for readers that show no notice (the content script). Never
 * throws: see `readSettings` (a corrupt value or a storage failure gives defaults).
 */
export async function readStoredSettings(
  version: number = SETTINGS_VERSION,
  migrations: SettingsMigrations = SETTINGS_MIGRATIONS,
): Promise<Settings> {
  return (await readSettings(version, migrations)).settings;
}

/**
 * Calls `cb` with the checked settings each time their stored value changes, from any context
 * (a corrupt or removed value reaches `cb` as defaults), applying their `debug` setting first.
 * Returns the function that stops watching.
 */
export function watchStoredSettings(cb: (s: Settings) => void): () => void {
  return settingsStorage.watch((value) => {
    const { settings, problems } = parseSettings(value);
    if (problems.length > 0) log.warn('stored settings had problems', problems);
    applyDebugSetting(settings);
    cb(settings);
  });
}
