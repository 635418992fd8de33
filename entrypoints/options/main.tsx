import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { OptionsForm } from '../../components/OptionsForm.tsx';
import { t } from '../../lib/i18n.ts';
import {
  browserUiLocale,
  describeProblems,
  type ParsedSettings,
  readSettings,
  resetSettings,
  resolveUiLang,
  type Settings,
  saveSettings,
  watchStoredSettings,
} from '../../lib/settings.ts';
import { readShortcut, type ShortcutInfo } from '../../lib/shortcut.ts';

// Options page (options_ui, opened in a tab). Every change is saved at once; the content
// scripts of open tabs follow through their own storage watch.

/**
 * The stored settings and what was wrong with them, read now and again on every change (from
 * this page, another options tab or the popup); undefined until the first read. `show` puts a
 * change on screen before storage confirms it, so a controlled input never flicks back.
 */
function useStoredSettings() {
  const [loaded, setLoaded] = useState<ParsedSettings | undefined>(undefined);
  useEffect(() => {
    // Quick successive changes may resolve out of order; only the latest read is shown.
    let reading = 0;
    const read = async () => {
      const ticket = ++reading;
      const next = await readSettings();
      if (ticket === reading) setLoaded(next);
    };
    const stop = watchStoredSettings(() => void read());
    void read();
    return stop;
  }, []);
  const show = (patch: Partial<Settings>) =>
    setLoaded((now) => now && { ...now, settings: { ...now.settings, ...patch } });
  return { loaded, show };
}

function OptionsPage({ browserLocale }: { browserLocale: string }) {
  const { loaded, show } = useStoredSettings();
  const [shortcut, setShortcut] = useState<ShortcutInfo | undefined>(undefined);
  useEffect(() => {
    // Read on load and whenever the page comes back into view: the key is changed on the browser's own page.
    const read = () => void readShortcut().then(setShortcut);
    read();
    addEventListener('focus', read);
    return () => removeEventListener('focus', read);
  }, []);
  const lang = loaded && resolveUiLang(loaded.settings, browserLocale);
  useEffect(() => {
    if (!lang) return;
    document.documentElement.lang = lang;
    document.title = t('options_pageTitle', lang);
  }, [lang]);
  if (!loaded || !lang) return null;
  return (
    <OptionsForm
      settings={loaded.settings}
      lang={lang}
      // Worded in the language the settings choose, which may differ from the browser's.
      problems={describeProblems(loaded.problems, lang)}
      onSave={(patch) => {
        show(patch);
        return saveSettings(patch);
      }}
      onReset={resetSettings}
      onImport={saveSettings}
      shortcut={shortcut}
    />
  );
}

const app = document.getElementById('app');
if (app) render(<OptionsPage browserLocale={browserUiLocale()} />, app);
