// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OptionsForm } from '../../components/OptionsForm.tsx';
import { siteListProblems } from '../../components/options-fields.tsx';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/settings.ts';
import type { UiLang } from '../../lib/ui-lang.ts';

let container: HTMLElement | undefined;
afterEach(() => {
  if (container) render(null, container);
  container?.remove();
  container = undefined;
});

const flush = () => new Promise((done) => setTimeout(done, 0));

function mount(settings: Settings = DEFAULT_SETTINGS, lang: UiLang = 'en', problems: string[] = []) {
  container = document.createElement('div');
  document.body.append(container);
  const onSave = vi.fn((_patch: Partial<Settings>) => Promise.resolve());
  const onReset = vi.fn(() => Promise.resolve());
  const onImport = vi.fn((_s: Settings) => Promise.resolve());
  render(
    <OptionsForm
      settings={settings}
      lang={lang}
      problems={problems}
      onSave={onSave}
      onReset={onReset}
      onImport={onImport}
    />,
    container,
  );
  return { root: container, onSave, onReset, onImport };
}

function type(el: HTMLInputElement | HTMLTextAreaElement, value: string) {
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

describe('siteListProblems', () => {
  it('names each bad line by number and skips blank lines', () => {
    expect(siteListProblems('*://*.example.org/*\n\nexample.org\nhttps://a.example/*', 'en')).toEqual([
      'Line 3: “example.org” is not a match pattern: write it like *://example.org/*',
    ]);
    expect(siteListProblems('ftp://x/*', 'fr')).toEqual([
      'Ligne 1 : « ftp://x/* » : le schéma doit être *, http, https ou file.',
    ]);
    expect(siteListProblems('', 'en')).toEqual([]);
  });
});

describe('OptionsForm', () => {
  it('labels every control, so each is reachable by name', () => {
    const { root } = mount();
    const controls = [...root.querySelectorAll<HTMLElement>('input:not([type="file"]), select, textarea')];
    // The global switch, 4 entities, 3 styles, the delay, 2 modes, 2 site lists, the language, debug.
    expect(controls.map((c) => c.getAttribute('name'))).toEqual([
      'enabled',
      'entity-dprk',
      'entity-unsc-1718',
      'entity-rgb',
      'entity-msmt',
      'style',
      'style',
      'style',
      'hoverDelayMs',
      'mode',
      'mode',
      'never-sites',
      'only-sites',
      'uiLanguage',
      'debug',
    ]);
    for (const input of controls) {
      const label = input.closest('label') ?? root.querySelector(`label[for="${input.id}"]`);
      expect(label?.textContent?.trim(), input.outerHTML).toBeTruthy();
    }
    expect([...root.querySelectorAll('fieldset legend')].map((l) => l.textContent)).toEqual([
      'What to highlight',
      'Highlight style',
      'When to run',
    ]);
  });

  it('explains each reading mode under its radio', () => {
    const { root } = mount();
    const radios = [...root.querySelectorAll<HTMLInputElement>('input[name="mode"]')];
    expect(radios.map((r) => r.value)).toEqual(['automatic', 'on-click']);
    for (const radio of radios) {
      const help = root.querySelector(`#${radio.getAttribute('aria-describedby')}`);
      expect(help?.textContent, radio.value).toBeTruthy();
    }
    expect(radios[0]?.checked).toBe(true);
  });

  it('saves the debug switch and says it was saved', async () => {
    const { root, onSave } = mount();
    const debug = root.querySelector<HTMLInputElement>('input[name="debug"]');
    expect(debug?.closest('label')?.textContent).toBe('Log diagnostics to the console');
    debug?.click();
    expect(onSave).toHaveBeenCalledWith({ debug: true });
    await flush();
    expect(root.querySelector('[role="status"]')?.textContent).toBe('Saved.');
  });

  it('shows one status line for saves, failures and resets', async () => {
    const { root, onSave, onReset } = mount();
    const status = () => root.querySelectorAll('[role="status"]');
    onSave.mockRejectedValueOnce(new Error('quota'));
    root.querySelector<HTMLInputElement>('input[name="enabled"]')?.click();
    await flush();
    expect(status()).toHaveLength(1);
    expect(status()[0]?.className).toBe('status error');
    expect(status()[0]?.textContent).toBe('Could not save: Error: quota');
    root.querySelector<HTMLButtonElement>('button.danger')?.click();
    await flush();
    expect(onReset).toHaveBeenCalledTimes(1);
    expect(status()[0]?.className).toBe('status ok');
    expect(status()[0]?.textContent).toBe('Defaults restored.');
  });

  it('saves a toggled entity with the others unchanged', () => {
    const { root, onSave } = mount();
    const rgb = root.querySelector<HTMLInputElement>('input[name="entity-rgb"]');
    rgb?.click();
    expect(onSave).toHaveBeenCalledWith({ entities: { dprk: true, 'unsc-1718': true, rgb: false, msmt: true } });
  });

  it('saves nothing while a site line is invalid, and says which line', async () => {
    const { root, onSave } = mount();
    const never = root.querySelector<HTMLTextAreaElement>('#never-sites');
    if (!never) throw new Error('no never-sites textarea');
    type(never, '*://*.example.org/*\nnews.example');
    await flush();
    expect(onSave).not.toHaveBeenCalled();
    expect(never.getAttribute('aria-invalid')).toBe('true');
    const alert = root.querySelector('#never-sites-error');
    expect(alert?.getAttribute('role')).toBe('alert');
    expect(alert?.textContent).toContain('Line 2: “news.example” is not a match pattern');
    expect(alert?.textContent).toContain('Not saved until every line is valid.');
    type(never, '*://*.example.org/*\n*://news.example/*\n');
    await flush();
    expect(onSave).toHaveBeenCalledWith({ neverSites: ['*://*.example.org/*', '*://news.example/*'] });
  });

  it('refuses an out-of-range delay and saves a good one', async () => {
    const { root, onSave } = mount();
    const delay = root.querySelector<HTMLInputElement>('input[name="hoverDelayMs"]');
    if (!delay) throw new Error('no delay input');
    type(delay, '5000');
    await flush();
    expect(onSave).not.toHaveBeenCalled();
    expect(root.querySelector('#delay-error')?.textContent).toBe('Enter a whole number from 0 to 2000. Not saved.');
    type(delay, '150');
    await flush();
    expect(onSave).toHaveBeenCalledWith({ hoverDelayMs: 150 });
  });

  it('shows the corrupt-settings notice with what was wrong', () => {
    const { root } = mount(DEFAULT_SETTINGS, 'fr', ['settings: un objet était attendu, trouvé : string']);
    const notice = root.querySelector('.notice');
    expect(notice?.getAttribute('role')).toBe('alert');
    expect(notice?.textContent).toContain('Les réglages enregistrés étaient endommagés');
    expect(notice?.querySelector('li')?.textContent).toBe('settings: un objet était attendu, trouvé : string');
  });

  it('lists paused sites with a Resume button that unpauses just that one', () => {
    const { root, onSave } = mount({ ...DEFAULT_SETTINGS, pausedSites: ['https://a.example', 'https://b.example'] });
    const button = root.querySelector<HTMLButtonElement>('button[aria-label="Resume on https://b.example"]');
    button?.click();
    expect(onSave).toHaveBeenCalledWith({ pausedSites: ['https://a.example'] });
  });
});

describe('OptionsForm keyboard shortcut', () => {
  it('shows the assigned key, where to set a missing one, and a reading state', () => {
    const at = (shortcut: Parameters<typeof OptionsForm>[0]['shortcut']) => {
      container?.remove();
      container = document.createElement('div');
      document.body.append(container);
      const noop = () => Promise.resolve();
      render(
        <OptionsForm
          settings={DEFAULT_SETTINGS}
          lang="en"
          problems={[]}
          onSave={noop}
          onReset={noop}
          onImport={noop}
          shortcut={shortcut}
        />,
        container,
      );
      return container.querySelector('#shortcut-h')?.parentElement?.textContent ?? '';
    };
    expect(at({ shortcut: 'Alt+Shift+M', where: 'chromium' })).toContain('Next mention: Alt+Shift+M');
    expect(at({ shortcut: '', where: 'firefox' })).toContain(
      'Not set: set it in Add-ons → ⚙ → Manage Extension Shortcuts',
    );
    expect(at(undefined)).toContain('Reading the shortcut');
  });
});
