import { useEffect, useRef, useState } from 'preact/hooks';
import { type MessageKey, t } from '../lib/i18n.ts';
import {
  exportSettings,
  HIGHLIGHT_STYLES,
  type HighlightStyle,
  HOVER_DELAY_MAX,
  HOVER_DELAY_MIN,
  importSettings,
  matchPatternProblem,
  SETTINGS_ENTITIES,
  type Settings,
  type SettingsEntity,
  UI_LANGUAGES,
} from '../lib/settings.ts';
import type { UiLang } from '../lib/ui-lang.ts';
import { ENTITY_COLORS } from './palette.ts';

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
}

type Status = { kind: 'ok' | 'error'; text: string } | undefined;

const entityKey = (entity: SettingsEntity) => `options_entity_${entity.replace('-', '_')}` as MessageKey;

/** One problem per bad line of a site list, 1-based, in `lang`; empty when every line is valid. */
export function siteListProblems(text: string, lang: UiLang): string[] {
  const out: string[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const problem = matchPatternProblem(line);
    if (problem) {
      out.push(
        t('options_sitesLineError', lang, i + 1, t(`options_pattern_${problem}` as MessageKey, lang, line.trim())),
      );
    }
  });
  return out;
}

const linesOf = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');

/**
 * The options page: every setting, saved as soon as it is valid, plus export, import and reset.
 * Renders nothing of the host page; all strings come from the locale files.
 */
export function OptionsForm({ settings, lang, problems, onSave, onReset, onImport }: OptionsFormProps) {
  const [status, setStatus] = useState<Status>(undefined);
  const save = (patch: Partial<Settings>) =>
    onSave(patch).then(
      () => setStatus({ kind: 'ok', text: t('options_saved', lang) }),
      (error: unknown) => setStatus({ kind: 'error', text: t('options_saveFailed', lang, String(error)) }),
    );
  const fileInput = useRef<HTMLInputElement>(null);

  const exportFile = () => {
    const blob = new Blob([exportSettings(settings)], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = 'sanctions-context-settings.json';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  const importFile = async (file: File) => {
    const result = importSettings(await file.text(), lang);
    if ('error' in result) {
      setStatus({ kind: 'error', text: t('options_importFailed', lang, result.error) });
      return;
    }
    try {
      await onImport(result.settings);
      setStatus({ kind: 'ok', text: t('options_imported', lang, file.name) });
    } catch (error) {
      setStatus({ kind: 'error', text: t('options_saveFailed', lang, String(error)) });
    }
  };

  return (
    <main class="options">
      <header>
        <h1>{t('options_heading', lang)}</h1>
        <p class="muted">{t('options_intro', lang)}</p>
      </header>

      {problems.length > 0 && (
        <div class="notice" role="alert">
          <p>{t('options_corruptNotice', lang)}</p>
          <details>
            <summary>{t('options_corruptDetails', lang)}</summary>
            <ul>
              {problems.map((p) => (
                <li key={p}>
                  <code>{p}</code>
                </li>
              ))}
            </ul>
          </details>
        </div>
      )}

      <section aria-labelledby="general-h">
        <h2 id="general-h">{t('options_generalHeading', lang)}</h2>
        <label class="row">
          <input
            type="checkbox"
            name="enabled"
            checked={settings.enabled}
            onChange={(e) => save({ enabled: e.currentTarget.checked })}
          />
          <span>{t('options_enabled', lang)}</span>
        </label>
        <h3 id="paused-h">{t('options_pausedHeading', lang)}</h3>
        {settings.pausedSites.length === 0 ? (
          <p class="muted">{t('options_pausedNone', lang)}</p>
        ) : (
          <ul class="paused" aria-labelledby="paused-h">
            {settings.pausedSites.map((origin) => (
              <li key={origin}>
                <code>{origin}</code>
                <button
                  type="button"
                  aria-label={t('options_resumeLabel', lang, origin)}
                  onClick={() => save({ pausedSites: settings.pausedSites.filter((o) => o !== origin) })}
                >
                  {t('options_resume', lang)}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>

      <fieldset>
        <legend>{t('options_entitiesHeading', lang)}</legend>
        {SETTINGS_ENTITIES.map((entity) => (
          <label class="row" key={entity}>
            <input
              type="checkbox"
              name={`entity-${entity}`}
              checked={settings.entities[entity]}
              onChange={(e) => save({ entities: { ...settings.entities, [entity]: e.currentTarget.checked } })}
            />
            <span class="swatch" style={{ background: ENTITY_COLORS[entity].accent }} aria-hidden="true" />
            <span>{t(entityKey(entity), lang)}</span>
          </label>
        ))}
      </fieldset>

      <fieldset>
        <legend>{t('options_styleHeading', lang)}</legend>
        {HIGHLIGHT_STYLES.map((style) => (
          <label class="row" key={style}>
            <input
              type="radio"
              name="style"
              value={style}
              checked={settings.style === style}
              onChange={() => save({ style })}
            />
            <span>{t(`options_style_${style}` as MessageKey, lang)}</span>
            <StyleSample style={style} lang={lang} />
          </label>
        ))}
      </fieldset>

      <DelayField settings={settings} lang={lang} save={save} />

      <fieldset>
        <legend>{t('options_modeHeading', lang)}</legend>
        <label class="row top">
          <input
            type="radio"
            name="mode"
            value="automatic"
            checked={settings.mode === 'automatic'}
            onChange={() => save({ mode: 'automatic' })}
            aria-describedby="mode-automatic-help"
          />
          <span>
            {t('options_mode_automatic', lang)}
            <small id="mode-automatic-help">{t('options_mode_automaticHelp', lang)}</small>
          </span>
        </label>
        <label class="row top">
          <input
            type="radio"
            name="mode"
            value="on-click"
            checked={settings.mode === 'on-click'}
            onChange={() => save({ mode: 'on-click' })}
            aria-describedby="mode-on-click-help"
          />
          <span>
            {t('options_mode_onClick', lang)}
            <small id="mode-on-click-help">{t('options_mode_onClickHelp', lang)}</small>
          </span>
        </label>
      </fieldset>

      <section aria-labelledby="sites-h">
        <h2 id="sites-h">{t('options_sitesHeading', lang)}</h2>
        <p class="muted" id="sites-help">
          {t('options_sitesHelp', lang)}
        </p>
        <SiteList
          id="never-sites"
          label={t('options_neverLabel', lang)}
          value={settings.neverSites}
          lang={lang}
          onValid={(list) => save({ neverSites: list })}
        />
        <SiteList
          id="only-sites"
          label={t('options_onlyLabel', lang)}
          value={settings.onlySites}
          lang={lang}
          onValid={(list) => save({ onlySites: list })}
        />
      </section>

      <section aria-labelledby="language-h">
        <h2 id="language-h">{t('options_languageHeading', lang)}</h2>
        <label class="stack">
          <span>{t('options_languageLabel', lang)}</span>
          <select
            name="uiLanguage"
            value={settings.uiLanguage}
            onChange={(e) => save({ uiLanguage: e.currentTarget.value as Settings['uiLanguage'] })}
          >
            {UI_LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {t(`options_language_${l}` as MessageKey, lang)}
              </option>
            ))}
          </select>
        </label>
      </section>

      <section aria-labelledby="backup-h">
        <h2 id="backup-h">{t('options_backupHeading', lang)}</h2>
        <div class="buttons">
          <button type="button" onClick={exportFile}>
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
              if (file) void importFile(file);
            }}
          />
          <button
            type="button"
            class="danger"
            onClick={() =>
              onReset().then(
                () => setStatus({ kind: 'ok', text: t('options_resetDone', lang) }),
                (error: unknown) => setStatus({ kind: 'error', text: t('options_saveFailed', lang, String(error)) }),
              )
            }
          >
            {t('options_reset', lang)}
          </button>
        </div>
      </section>

      <p class={`status ${status?.kind ?? ''}`} role="status" aria-live="polite">
        {status?.text ?? ''}
      </p>
    </main>
  );
}

function StyleSample({ style, lang }: { style: HighlightStyle; lang: UiLang }) {
  const c = ENTITY_COLORS.dprk;
  const fill = style !== 'underline';
  const line = style !== 'fill';
  return (
    <span
      class="sample"
      aria-hidden="true"
      style={{
        background: fill ? c.tint : 'transparent',
        textDecoration: line ? `underline 2px ${c.accent}` : 'none',
        textUnderlineOffset: '2px',
      }}
    >
      {t('options_stylePreview', lang)}
    </span>
  );
}

function DelayField({
  settings,
  lang,
  save,
}: {
  settings: Settings;
  lang: UiLang;
  save: (patch: Partial<Settings>) => Promise<unknown>;
}) {
  const [draft, setDraft] = useState(String(settings.hoverDelayMs));
  const [invalid, setInvalid] = useState(false);
  // Follow changes made elsewhere (another tab, reset, import) unless the reader is mid-edit on a bad value.
  useEffect(() => {
    if (!invalid) setDraft(String(settings.hoverDelayMs));
  }, [settings.hoverDelayMs]);
  const onInput = (value: string) => {
    setDraft(value);
    const n = Number(value);
    const ok = value.trim() !== '' && Number.isInteger(n) && n >= HOVER_DELAY_MIN && n <= HOVER_DELAY_MAX;
    setInvalid(!ok);
    if (ok && n !== settings.hoverDelayMs) void save({ hoverDelayMs: n });
  };
  return (
    <section aria-labelledby="delay-h">
      <h2 id="delay-h">{t('options_delayHeading', lang)}</h2>
      <label class="stack">
        <span>{t('options_delayLabel', lang)}</span>
        <input
          type="number"
          name="hoverDelayMs"
          min={HOVER_DELAY_MIN}
          max={HOVER_DELAY_MAX}
          step={50}
          value={draft}
          aria-invalid={invalid}
          aria-describedby={invalid ? 'delay-error' : 'delay-help'}
          onInput={(e) => onInput(e.currentTarget.value)}
        />
      </label>
      {invalid ? (
        <p class="error" id="delay-error" role="alert">
          {t('options_delayInvalid', lang)}
        </p>
      ) : (
        <p class="muted" id="delay-help">
          {t('options_delayHelp', lang)}
        </p>
      )}
    </section>
  );
}

function SiteList({
  id,
  label,
  value,
  lang,
  onValid,
}: {
  id: string;
  label: string;
  value: readonly string[];
  lang: UiLang;
  onValid: (list: string[]) => Promise<unknown>;
}) {
  const joined = value.join('\n');
  const [draft, setDraft] = useState(joined);
  const problems = siteListProblems(draft, lang);
  // Follow changes made elsewhere unless the reader is in the middle of fixing a bad line.
  useEffect(() => {
    if (siteListProblems(draft, lang).length === 0 && linesOf(draft).join('\n') !== joined) setDraft(joined);
  }, [joined]);
  const onInput = (text: string) => {
    setDraft(text);
    if (siteListProblems(text, lang).length > 0) return;
    const list = linesOf(text);
    if (list.join('\n') !== joined) void onValid(list);
  };
  const errorId = `${id}-error`;
  return (
    <div class="sites">
      <label class="stack" for={id}>
        {label}
      </label>
      <textarea
        id={id}
        name={id}
        rows={3}
        spellcheck={false}
        autocapitalize="off"
        value={draft}
        aria-invalid={problems.length > 0}
        aria-describedby={problems.length > 0 ? `${errorId} sites-help` : 'sites-help'}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
      {problems.length > 0 && (
        <div class="error" id={errorId} role="alert">
          {problems.map((p) => (
            <p key={p}>{p}</p>
          ))}
          <p>{t('options_sitesNotSaved', lang)}</p>
        </div>
      )}
    </div>
  );
}
