import { render } from 'preact';
import { OptionsForm } from '../../components/OptionsForm.tsx';
import { t } from '../../lib/i18n.ts';
import {
  browserUiLocale,
  loadSettings,
  resetSettings,
  resolveUiLang,
  type Settings,
  saveSettings,
  watchSettings,
} from '../../lib/settings.ts';

// Options page (options_ui, opened in a tab). Every change is saved at once; the content
// scripts of open tabs follow through their own storage watch.
const browserLocale = browserUiLocale();
const app = document.getElementById('app');

let settings: Settings;
/** What was wrong with the stored value, for the notice; empty once storage holds clean settings. */
let problems: string[] = [];

const lang = () => resolveUiLang(settings, browserLocale);

const draw = () => {
  if (!app) return;
  document.documentElement.lang = lang();
  document.title = t('options_pageTitle', lang());
  render(
    <OptionsForm
      settings={settings}
      lang={lang()}
      problems={problems}
      onSave={(patch) => {
        // Shown at once, so a controlled input never flicks back while storage catches up;
        // the storage watch then redraws with what was really stored.
        settings = { ...settings, ...patch };
        draw();
        return saveSettings(patch);
      }}
      onReset={() => resetSettings()}
      onImport={(imported) => saveSettings(imported)}
    />,
    app,
  );
};

/** Reads the stored settings; the problems are worded in the language the settings choose. */
let reading = 0;
const read = async () => {
  // Quick successive changes may resolve out of order; only the latest read is shown.
  const ticket = ++reading;
  let loaded = await loadSettings();
  const chosen = resolveUiLang(loaded.settings, browserLocale);
  if (loaded.errors.length > 0 && chosen !== 'en') loaded = await loadSettings(chosen);
  if (ticket !== reading) return;
  settings = loaded.settings;
  problems = loaded.errors;
  draw();
};

// Changes from this page, another options tab or the popup all arrive here.
watchSettings(() => void read());
void read();
