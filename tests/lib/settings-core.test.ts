import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { isLogging, setLogging } from '../../lib/log.ts';
import { saveSettings } from '../../lib/settings.ts';
import {
  applyDebugSetting,
  DEFAULT_SETTINGS,
  readStoredSettings,
  type Settings,
  settingsStorage,
  watchStoredSettings,
} from '../../lib/settings-core.ts';

/*
 * The content script reads settings through the catalog-free half of the settings module. These
 * tests pin that it reads what the extension pages write, and follows the debug setting.
 */

beforeEach(() => {
  fakeBrowser.reset();
});
afterEach(() => {
  // The runner's default.
  setLogging(true);
});

const custom = (patch: Partial<Settings>): Settings => ({ ...structuredClone(DEFAULT_SETTINGS), ...patch });

describe('readStoredSettings', () => {
  it('gives the defaults when nothing is stored', async () => {
    expect(await readStoredSettings()).toEqual(custom({}));
  });

  it('reads what the settings module saved', async () => {
    const saved = await saveSettings({ style: 'underline', hoverDelayMs: 900, pausedSites: ['https://example.org'] });
    expect(await readStoredSettings()).toEqual(saved);
    expect(saved.style).toBe('underline');
  });

  it('keeps the good fields of a corrupt value and defaults the rest', async () => {
    await fakeBrowser.storage.local.set({ settings: { style: 'neon', hoverDelayMs: 50, entities: 'all' } });
    expect(await readStoredSettings()).toEqual(custom({ hoverDelayMs: 50 }));
    await fakeBrowser.storage.local.set({ settings: 'not settings' });
    expect(await readStoredSettings()).toEqual(custom({}));
  });

  it('runs the migration steps from the stored version, as the storage item does', async () => {
    const migrations = { 2: (old: unknown) => ({ ...(old as object), style: 'fill' }) };
    await fakeBrowser.storage.local.set({ settings: { style: 'underline' }, settings$: { v: 1 } });
    expect((await readStoredSettings(2, migrations)).style).toBe('fill');
    // Already at version 2: nothing to run.
    await fakeBrowser.storage.local.set({ settings$: { v: 2 } });
    expect((await readStoredSettings(2, migrations)).style).toBe('underline');
    // The adapter's raw read reaches the same value.
    await fakeBrowser.storage.local.set({ settings$: { v: 1 } });
    expect(await settingsStorage.read(2, migrations)).toEqual({ style: 'fill' });
  });
});

describe('watchStoredSettings', () => {
  it('reports each real change, checked, until stopped', async () => {
    const seen: Settings[] = [];
    const stop = watchStoredSettings((s) => seen.push(s));
    await saveSettings({ style: 'fill' });
    await saveSettings({ style: 'fill' });
    await fakeBrowser.storage.local.set({ settings: 42 });
    stop();
    await saveSettings({ style: 'underline' });
    expect(seen.map((s) => s.style)).toEqual(['fill', 'both']);
  });
});

describe('the debug setting', () => {
  it('turns the log on when set, and back to how the context started when cleared', () => {
    applyDebugSetting({ ...DEFAULT_SETTINGS, debug: true }, false);
    expect(isLogging()).toBe(true);
    applyDebugSetting({ ...DEFAULT_SETTINGS, debug: false }, false);
    expect(isLogging()).toBe(false);
    // The runner starts with the log on, and clearing the setting keeps it so.
    applyDebugSetting({ ...DEFAULT_SETTINGS, debug: false }, true);
    expect(isLogging()).toBe(true);
  });

  it('is applied by every read of the stored settings', async () => {
    await saveSettings({ debug: true });
    setLogging(false);
    expect(isLogging()).toBe(false);
    await readStoredSettings();
    expect(isLogging()).toBe(true);
  });

  it('follows a change seen by the watch', async () => {
    setLogging(false);
    const seen: boolean[] = [];
    const stop = watchStoredSettings((s) => seen.push(s.debug));
    await saveSettings({ debug: true });
    stop();
    expect(seen).toEqual([true]);
    expect(isLogging()).toBe(true);
  });
});
