import { useRef } from 'preact/hooks';
import { t } from '../lib/i18n.ts';
import { logger } from '../lib/log.ts';
import { exportSettings, importSettings, type Settings } from '../lib/settings.ts';
import type { ShortcutInfo } from '../lib/shortcut.ts';
import type { UiLang } from '../lib/ui-lang.ts';
import {
  CorruptNotice,
  DelayField,
  DiagnosticsSection,
  EntitiesFieldset,
  GeneralSection,
  LanguageSection,
  ModeFieldset,
  type SectionProps,
  ShortcutSection,
  SitesSection,
  StyleFieldset,
} from './options-fields.tsx';
import { StatusLine, useSaveStatus } from './save-status.tsx';

const log = logger('options');

export interface OptionsFormProps {
  settings: Settings;
  lang: UiLang;
  /** Problems found in the stored settings (shown as a notice); empty when they were clean. */
  problems: readonly string[];
  /** Stores `patch`; rejects when storage fails. */
  onSave(patch: Partial<Settings>): Promise<unknown>;
  /** Restores the defaults. */
  onReset(): Promise<unknown>;
  /** Stores a whole imported settings object. */
  onImport(settings: Settings): Promise<unknown>;
  /** The "next mention" key; undefined while it is being read. */
  shortcut?: ShortcutInfo;
}

/** Saves `s` as a JSON file through a Blob URL and `<a download>`. */
function downloadSettings(s: Settings) {
  const url = URL.createObjectURL(new Blob([exportSettings(s)], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = 'sanctions-context-settings.json';
  a.click();
  // Revoked later: the download reads the URL after this task.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Export, import and reset. */
function BackupSection({
  settings,
  lang,
  onImportFile,
  onReset,
}: Pick<SectionProps, 'settings' | 'lang'> & { onImportFile: (file: File) => void; onReset: () => void }) {
  const fileInput = useRef<HTMLInputElement>(null);
  return (
    <section aria-labelledby="backup-h">
      <h2 id="backup-h">{t('options_backupHeading', lang)}</h2>
      <div class="buttons">
        <button type="button" onClick={() => downloadSettings(settings)}>
          {t('options_export', lang)}
        </button>
        <button type="button" onClick={() => fileInput.current?.click()}>
          {t('options_import', lang)}
        </button>
        <input
          ref={fileInput}
          type="file"
          accept="application/json,.json"
          hidden
          tabIndex={-1}
          aria-hidden="true"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (file) onImportFile(file);
          }}
        />
        <button type="button" class="danger" onClick={onReset}>
          {t('options_reset', lang)}
        </button>
      </div>
    </section>
  );
}

/**
 * The options page: every setting, saved as soon as it is valid, plus export, import and reset,
 * and one status line saying how the last of them went. Renders nothing of the host page; all
 * strings come from the locale files.
 */
export function OptionsForm({ settings, lang, problems, onSave, onReset, onImport, shortcut }: OptionsFormProps) {
  const { status, track, fail } = useSaveStatus(lang);
  const save = (patch: Partial<Settings>) => track(onSave(patch), t('options_saved', lang));
  const importFile = (file: File) =>
    void file.text().then(
      (text) => {
        const result = importSettings(text, lang);
        if ('error' in result) fail(t('options_importFailed', lang, result.error));
        else void track(onImport(result.settings), t('options_imported', lang, file.name));
      },
      (error: unknown) => {
        log.error('could not read the imported file', error);
        fail(t('options_importFailed', lang, String(error)));
      },
    );
  const section = { settings, lang, save };

  return (
    <main class="options">
      <header>
        <h1>{t('options_heading', lang)}</h1>
        <p class="muted">{t('options_intro', lang)}</p>
      </header>
      <CorruptNotice lang={lang} problems={problems} />
      <GeneralSection {...section} />
      <ShortcutSection info={shortcut} lang={lang} />
      <EntitiesFieldset {...section} />
      <StyleFieldset {...section} />
      <DelayField {...section} />
      <ModeFieldset {...section} />
      <SitesSection {...section} />
      <LanguageSection {...section} />
      <DiagnosticsSection {...section} />
      <BackupSection
        settings={settings}
        lang={lang}
        onImportFile={importFile}
        onReset={() => void track(onReset(), t('options_resetDone', lang))}
      />
      <StatusLine status={status} />
    </main>
  );
}
