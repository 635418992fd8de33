import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  DEFAULT_SETTINGS,
  exportSettings,
  importSettings,
  isActiveOn,
  loadSettings,
  matchesPattern,
  migrateSettings,
  parseSettings,
  readSettings,
  resetSettings,
  resolveUiLang,
  type Settings,
  saveSettings,
  setSitePaused,
  settingsStorage,
  validateMatchPattern,
  validateSettings,
  watchStoredSettings,
} from '../../lib/settings.ts';

beforeEach(() => {
  fakeBrowser.reset();
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** Writes `value` where the settings live, as another tool or a hand edit would. */
const writeRaw = (value: unknown) => fakeBrowser.storage.local.set({ settings: value });
const readRaw = async () => (await fakeBrowser.storage.local.get('settings')).settings;

const custom = (patch: Partial<Settings>): Settings => ({ ...structuredClone(DEFAULT_SETTINGS), ...patch });

describe('validateMatchPattern', () => {
  const valid = [
    '<all_urls>',
    '*://*/*',
    '*://*.example.org/*',
    'https://news.example.com/*',
    'http://127.0.0.1/*',
    'file:///home/*',
    '  https://example.org/path/*  ',
  ];
  const invalid: [string, RegExp][] = [
    ['', /empty/],
    ['example.org', /not a match pattern/],
    ['ftp://example.org/*', /scheme/],
    ['https://example.org', /path/],
    ['https://example.org:8080/*', /port/],
    ['https://ex*ample.org/*', /host/],
    ['https:///*', /host/],
    ['file://host/*', /host/],
  ];
  for (const p of valid) it(`accepts ${JSON.stringify(p)}`, () => expect(validateMatchPattern(p)).toBeNull());
  for (const [p, message] of invalid)
    it(`rejects ${JSON.stringify(p)} with a clear message`, () => expect(validateMatchPattern(p)).toMatch(message));

  it('names the bad pattern, in French when asked', () => {
    expect(validateMatchPattern('example.org', 'fr')).toBe(
      '« example.org » n’est pas un motif d’adresse : écrivez-le comme *://example.org/*',
    );
  });
});

describe('matchesPattern', () => {
  const cases: [string, string, boolean][] = [
    ['*://*.example.org/*', 'https://example.org/', true],
    ['*://*.example.org/*', 'http://news.example.org/a?b=1', true],
    ['*://*.example.org/*', 'https://badexample.org/', false],
    ['https://example.org/news/*', 'https://example.org/news/today', true],
    ['https://example.org/news/*', 'https://example.org/sport', false],
    ['https://example.org/*', 'http://example.org/', false],
    ['*://*/*', 'file:///home/reader/x.html', false],
    ['<all_urls>', 'file:///home/reader/x.html', true],
    ['http://127.0.0.1/*', 'http://127.0.0.1:4321/page.html', true],
    ['not a pattern', 'https://example.org/', false],
    ['*://*/*', 'not a url', false],
  ];
  for (const [pattern, url, expected] of cases)
    it(`${pattern} ${expected ? 'matches' : 'does not match'} ${url}`, () =>
      expect(matchesPattern(pattern, url)).toBe(expected));
});

describe('validateSettings', () => {
  it('returns the defaults without errors for nothing stored', () => {
    expect(validateSettings(undefined)).toEqual({ settings: DEFAULT_SETTINGS, errors: [] });
    expect(validateSettings(null)).toEqual({ settings: DEFAULT_SETTINGS, errors: [] });
  });

  it('keeps a complete valid value as it is', () => {
    const s = custom({
      enabled: false,
      entities: { dprk: false, 'unsc-1718': true, rgb: false, msmt: true },
      style: 'underline',
      hoverDelayMs: 0,
      mode: 'on-click',
      neverSites: ['*://*.example.org/*'],
      onlySites: ['https://news.example.com/*'],
      pausedSites: ['https://example.net'],
      uiLanguage: 'fr',
      debug: true,
    });
    expect(validateSettings(structuredClone(s))).toEqual({ settings: s, errors: [] });
  });

  for (const garbage of ['garbage', 42, true, [], [1, 2]]) {
    it(`falls back to the defaults for ${JSON.stringify(garbage)}, with an error`, () => {
      const { settings, errors } = validateSettings(garbage);
      expect(settings).toEqual(DEFAULT_SETTINGS);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/^settings: expected an object/);
    });
  }

  it('replaces each bad field by its default and names it, keeping the good ones', () => {
    const { settings, errors } = validateSettings({
      enabled: 'yes',
      entities: { dprk: false, rgb: 'no', pirates: true },
      style: 'sparkles',
      hoverDelayMs: 99999,
      mode: 'on-click',
      neverSites: ['*://*.example.org/*', 'bad pattern', 7],
      onlySites: 'https://example.org/*',
      pausedSites: ['https://example.net/some/page', 'nonsense'],
      uiLanguage: 'de',
      colour: 'red',
    });
    expect(settings.enabled).toBe(true);
    expect(settings.entities).toEqual({ dprk: false, 'unsc-1718': true, rgb: true, msmt: true });
    expect(settings.style).toBe('both');
    // Out of range: the default, not a clamped value, like every other bad field.
    expect(settings.hoverDelayMs).toBe(300);
    expect(settings.mode).toBe('on-click');
    expect(settings.neverSites).toEqual(['*://*.example.org/*']);
    expect(settings.onlySites).toEqual([]);
    expect(settings.pausedSites).toEqual(['https://example.net']);
    expect(settings.uiLanguage).toBe('auto');
    const fields = errors.map((e) => e.slice(0, e.indexOf(':')));
    expect(fields.sort()).toEqual(
      [
        'enabled',
        'entities.rgb',
        'entities.pirates',
        'style',
        'hoverDelayMs',
        'neverSites[1]',
        'neverSites[2]',
        'onlySites',
        'pausedSites[1]',
        'uiLanguage',
        'colour',
      ].sort(),
    );
  });

  it('says what was wrong in French when asked', () => {
    const { errors } = validateSettings({ hoverDelayMs: 'slow' }, 'fr');
    expect(errors).toEqual(['hoverDelayMs: attendu : number, trouvé : string']);
  });

  it('treats missing fields (an older, smaller value) as defaults without errors', () => {
    expect(validateSettings({ enabled: false })).toEqual({ settings: custom({ enabled: false }), errors: [] });
  });

  it('says what each kind of problem is, with the values that explain it', () => {
    const { errors } = validateSettings({
      entities: [],
      hoverDelayMs: 12.5,
      mode: 3,
      pausedSites: 'https://example.org',
      neverSites: ['nope'],
    });
    expect(errors.sort()).toEqual(
      [
        'entities: expected object, found array',
        'hoverDelayMs: must be between 0 and 2000',
        'mode: expected one of automatic, on-click',
        'neverSites[0]: invalid match pattern “nope”',
        'pausedSites: expected array, found string',
      ].sort(),
    );
  });

  it('trims patterns, reduces paused pages to origins and keeps each item once', () => {
    const { settings, errors } = validateSettings({
      neverSites: [' *://*.example.org/* ', '*://*.example.org/*'],
      pausedSites: ['https://example.net/a', 'https://example.net/b?c', 'http://example.net'],
    });
    expect(errors).toEqual([]);
    expect(settings.neverSites).toEqual(['*://*.example.org/*']);
    expect(settings.pausedSites).toEqual(['https://example.net', 'http://example.net']);
  });

  it('falls back to the given base, not the defaults, field by field', () => {
    const base = custom({
      style: 'underline',
      hoverDelayMs: 900,
      entities: { ...DEFAULT_SETTINGS.entities, rgb: false },
    });
    const { settings, problems } = parseSettings({ style: 'neon', entities: { dprk: false } }, base);
    expect(settings).toEqual(
      custom({ style: 'underline', hoverDelayMs: 900, entities: { ...base.entities, dprk: false } }),
    );
    expect(problems).toEqual([
      { field: 'style', key: 'options_error_oneOf', substitutions: ['fill, underline, both'] },
    ]);
  });

  it('returns settings the caller may change without touching the defaults', () => {
    const { settings } = parseSettings(undefined);
    settings.neverSites.push('*://*/*');
    settings.entities.rgb = false;
    expect(DEFAULT_SETTINGS.neverSites).toEqual([]);
    expect(DEFAULT_SETTINGS.entities.rgb).toBe(true);
  });
});

describe('loadSettings and saveSettings', () => {
  it('loads the defaults when nothing is stored', async () => {
    expect(await loadSettings()).toEqual({ settings: DEFAULT_SETTINGS, errors: [] });
  });

  it('loads the defaults plus errors for a corrupt stored value, without throwing', async () => {
    await writeRaw('garbage');
    const { settings, errors } = await loadSettings();
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(errors.length).toBeGreaterThan(0);
    await writeRaw({ enabled: 3, style: 'fill' });
    const second = await loadSettings();
    expect(second.settings).toEqual(custom({ style: 'fill' }));
    expect(second.errors).toEqual(['enabled: expected boolean, found number']);
  });

  it('saves a patch over the stored value and returns the result', async () => {
    await saveSettings({ style: 'underline' });
    const saved = await saveSettings({ hoverDelayMs: 800 });
    expect(saved).toEqual(custom({ style: 'underline', hoverDelayMs: 800 }));
    expect(await readRaw()).toEqual(saved);
    expect((await loadSettings()).settings).toEqual(saved);
  });

  it('switches one entity with a partial entities patch, leaving the others', async () => {
    await saveSettings({ entities: { ...DEFAULT_SETTINGS.entities, msmt: false } });
    const saved = await saveSettings({ entities: { dprk: false } as Settings['entities'] });
    expect(saved.entities).toEqual({ dprk: false, 'unsc-1718': true, rgb: true, msmt: false });
  });

  it('keeps the current value of a field the patch gets wrong', async () => {
    await saveSettings({ hoverDelayMs: 500 });
    const saved = await saveSettings({ hoverDelayMs: Number.NaN, style: 'fill' });
    expect(saved.hoverDelayMs).toBe(500);
    expect(saved.style).toBe('fill');
  });

  it('applies quick successive saves in order without losing one', async () => {
    await Promise.all([
      saveSettings({ style: 'fill' }),
      saveSettings({ hoverDelayMs: 100 }),
      saveSettings({ uiLanguage: 'fr' }),
    ]);
    expect((await loadSettings()).settings).toEqual(custom({ style: 'fill', hoverDelayMs: 100, uiLanguage: 'fr' }));
  });

  it('repairs a corrupt stored value on the next save', async () => {
    await writeRaw(['not', 'settings']);
    await saveSettings({ enabled: false });
    expect(await loadSettings()).toEqual({ settings: custom({ enabled: false }), errors: [] });
  });

  it('loads the defaults and names the failure when storage cannot be read', async () => {
    await saveSettings({ style: 'fill' });
    vi.spyOn(fakeBrowser.storage.local, 'get').mockRejectedValueOnce(new Error('disk gone'));
    expect(await loadSettings()).toEqual({
      settings: DEFAULT_SETTINGS,
      errors: ['storage: could not read the stored settings (Error: disk gone)'],
    });
    expect((await loadSettings()).settings.style).toBe('fill');
  });

  it('rejects a write storage refuses, and carries on with the next one', async () => {
    const set = vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValueOnce(new Error('quota'));
    const [first, second] = await Promise.allSettled([
      saveSettings({ style: 'fill' }),
      saveSettings({ mode: 'on-click' }),
    ]);
    expect(first.status).toBe('rejected');
    expect(second).toEqual({ status: 'fulfilled', value: custom({ mode: 'on-click' }) });
    expect(set).toHaveBeenCalledTimes(2);
    expect((await loadSettings()).settings).toEqual(custom({ mode: 'on-click' }));
  });

  it('queues pauses, saves and resets behind one another', async () => {
    const done = await Promise.all([
      setSitePaused('https://a.example/x', true),
      saveSettings({ style: 'fill' }),
      setSitePaused('https://b.example/', true),
      resetSettings(),
      saveSettings({ hoverDelayMs: 100 }),
    ]);
    expect(done[2]).toEqual(custom({ style: 'fill', pausedSites: ['https://a.example', 'https://b.example'] }));
    expect((await loadSettings()).settings).toEqual(custom({ hoverDelayMs: 100 }));
  });

  it('resets everything to the defaults', async () => {
    await saveSettings({ enabled: false, neverSites: ['*://*/*'] });
    expect(await resetSettings()).toEqual(DEFAULT_SETTINGS);
    expect(await loadSettings()).toEqual({ settings: DEFAULT_SETTINGS, errors: [] });
  });
});

describe('watchStoredSettings', () => {
  it('reports each change, validated, until unwatched', async () => {
    const seen: Settings[] = [];
    const unwatch = watchStoredSettings((s) => seen.push(s));
    await saveSettings({ style: 'fill' });
    await writeRaw('garbage');
    unwatch();
    await saveSettings({ style: 'underline' });
    expect(seen).toEqual([custom({ style: 'fill' }), DEFAULT_SETTINGS]);
  });
});

describe('sites', () => {
  it('pauses and resumes by origin, persisted', async () => {
    const paused = await setSitePaused('https://example.org/news/today?x=1', true);
    expect(paused.pausedSites).toEqual(['https://example.org']);
    expect(isActiveOn(paused, 'https://example.org/other')).toBe(false);
    expect(isActiveOn(paused, 'https://example.com/')).toBe(true);
    expect((await loadSettings()).settings.pausedSites).toEqual(['https://example.org']);
    await setSitePaused('https://example.org/', true);
    expect((await loadSettings()).settings.pausedSites).toEqual(['https://example.org']);
    const resumed = await setSitePaused('https://example.org/x', false);
    expect(resumed.pausedSites).toEqual([]);
    expect(isActiveOn(resumed, 'https://example.org/other')).toBe(true);
  });

  it('changes nothing for a URL without an origin', async () => {
    expect((await setSitePaused('about:blank', true)).pausedSites).toEqual([]);
  });

  it('respects the global switch, never-run and only-run sites', () => {
    const url = 'https://news.example.org/a';
    expect(isActiveOn(DEFAULT_SETTINGS, url)).toBe(true);
    expect(isActiveOn(custom({ enabled: false }), url)).toBe(false);
    expect(isActiveOn(custom({ neverSites: ['*://*.example.org/*'] }), url)).toBe(false);
    expect(isActiveOn(custom({ onlySites: ['*://*.example.com/*'] }), url)).toBe(false);
    expect(isActiveOn(custom({ onlySites: ['*://*.example.com/*', 'https://news.example.org/*'] }), url)).toBe(true);
    expect(isActiveOn(DEFAULT_SETTINGS, 'not a url')).toBe(false);
  });
});

describe('resolveUiLang', () => {
  it('follows the browser on auto and the setting otherwise', () => {
    expect(resolveUiLang(DEFAULT_SETTINGS, 'fr-CA')).toBe('fr');
    expect(resolveUiLang(DEFAULT_SETTINGS, 'de')).toBe('en');
    expect(resolveUiLang(custom({ uiLanguage: 'en' }), 'fr')).toBe('en');
    expect(resolveUiLang(custom({ uiLanguage: 'fr' }), 'en-US')).toBe('fr');
  });
});

describe('export and import', () => {
  it('round-trips settings through a marked, versioned file', () => {
    const s = custom({ style: 'fill', neverSites: ['*://*.example.org/*'], uiLanguage: 'fr' });
    const file = exportSettings(s);
    const parsed = JSON.parse(file);
    expect(parsed.format).toBe('sanctions-context-settings');
    expect(parsed.version).toBe(1);
    expect(file).toContain('\n  "format"');
    expect(importSettings(file)).toEqual({ settings: s });
  });

  const bad: [string, string, RegExp][] = [
    ['not JSON', '{oops', /not JSON/],
    ['a foreign JSON file', '{"name": "something else"}', /not a settings file/],
    ['an array', '[1,2]', /not a settings file/],
    ['a missing version', '{"format":"sanctions-context-settings","settings":{}}', /version/],
    ['a newer version', '{"format":"sanctions-context-settings","version":99,"settings":{}}', /newer version/],
    [
      'invalid fields',
      '{"format":"sanctions-context-settings","version":1,"settings":{"style":"neon","neverSites":["x"]}}',
      /invalid settings: style: .*neverSites\[0\]/,
    ],
  ];
  for (const [what, json, message] of bad) {
    it(`refuses ${what} and says why`, () => {
      const result = importSettings(json);
      expect('error' in result && result.error).toMatch(message);
    });
  }

  it('explains a refused file in French when asked', () => {
    expect(importSettings('{oops', 'fr')).toEqual({ error: 'le fichier n’est pas du JSON.' });
  });
});

describe('migrations', () => {
  it('runs the steps between two versions in order', () => {
    const steps = {
      2: (old: unknown) => ({ ...(old as object), two: true }),
      3: (old: unknown) => ({ ...(old as object), three: true }),
    };
    expect(migrateSettings({ a: 1 }, 1, 3, steps)).toEqual({ a: 1, two: true, three: true });
    expect(migrateSettings({ a: 1 }, 2, 3, steps)).toEqual({ a: 1, three: true });
    expect(migrateSettings({ a: 1 }, 3, 3, steps)).toEqual({ a: 1 });
  });

  it('migrates a stored v1 value when read at a newer version, and stores it at that version', async () => {
    // A made-up v2 that renamed the style "highlight" to "fill", to prove the steps reach stored
    // values and a write records the new version.
    await writeRaw({ style: 'highlight', hoverDelayMs: 150 });
    const v2 = {
      2: (old: unknown) => {
        const o = old as Record<string, unknown>;
        return { ...o, style: o.style === 'highlight' ? 'fill' : o.style };
      },
    };
    const read = await readSettings(2, v2);
    expect(read).toEqual({ settings: custom({ style: 'fill', hoverDelayMs: 150 }), problems: [] });
    await settingsStorage.write(read.settings, 2);
    expect(await fakeBrowser.storage.local.get('settings$')).toEqual({ settings$: { v: 2 } });
    expect(await readRaw()).toEqual(read.settings);
    // Stored at v2: the step does not run again.
    const again = { 2: () => 'ran twice' };
    expect((await readSettings(2, again)).settings).toEqual(read.settings);
  });

  it('leaves a foreign stored value to validation when a step cannot read it', async () => {
    await writeRaw('garbage');
    const { settings, problems } = await readSettings(2, { 2: (old: unknown) => old });
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(problems.map((p) => p.field)).toEqual(['settings']);
  });

  it('imports a file of an older version through the same steps', () => {
    // Version 1 is the first; an older file is simulated by the step table being empty, so the
    // file must pass through unchanged and validate.
    const file = JSON.stringify({ format: 'sanctions-context-settings', version: 1, settings: { enabled: false } });
    expect(importSettings(file)).toEqual({ settings: custom({ enabled: false }) });
  });
});
