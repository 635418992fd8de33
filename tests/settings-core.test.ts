import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createSettingsItem, saveSettings } from '../lib/settings.ts';
import { DEFAULT_SETTINGS, readStoredSettings, type Settings, watchStoredSettings } from '../lib/settings-core.ts';

/*
 * The content script reads settings with this small reader instead of the WXT storage item, to
 * keep the locale catalogs and @wxt-dev/storage out of every page. These tests pin that both
 * agree on where and how the settings are stored.
 */

beforeEach(() => {
  fakeBrowser.reset();
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
    // The storage item reaches the same value.
    await fakeBrowser.storage.local.set({ settings$: { v: 1 } });
    expect(await createSettingsItem(2, migrations).getValue()).toEqual({ style: 'fill' });
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
