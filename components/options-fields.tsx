import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { type MessageKey, t } from '../lib/i18n.ts';
import { ENTITY_COLORS } from '../lib/palette.ts';
import {
  HIGHLIGHT_STYLES,
  type HighlightStyle,
  HOVER_DELAY_MAX,
  HOVER_DELAY_MIN,
  MODES,
  matchPatternProblem,
  SETTINGS_ENTITIES,
  type Settings,
  type SettingsEntity,
  UI_LANGUAGES,
} from '../lib/settings.ts';
import type { ShortcutInfo } from '../lib/shortcut.ts';
import type { UiLang } from '../lib/ui-lang.ts';
import { EntitySwatch } from './EntitySwatch.tsx';

/*
 * The options page's sections, one small component each. Every one gets the current settings,
 * the language and `save`, and saves a field as soon as its new value is valid.
 */

/** Stores a patch; the page shows the outcome. */
export type Save = (patch: Partial<Settings>) => Promise<unknown>;

export interface SectionProps {
  settings: Settings;
  lang: UiLang;
  save: Save;
}

/** A labelled checkbox on one row. */
function Checkbox({
  name,
  checked,
  onChange,
  describedBy,
  children,
}: {
  name: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  describedBy?: string;
  children: ComponentChildren;
}) {
  return (
    <label class="row">
      <input
        type="checkbox"
        name={name}
        checked={checked}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.currentTarget.checked)}
      />
      {children}
    </label>
  );
}

interface Choice<T extends string> {
  value: T;
  label: string;
  /** A line under the label, tied to the radio with `aria-describedby`. */
  help?: string;
  /** Shown after the label (a preview). */
  after?: ComponentChildren;
}

/** A fieldset of radios, one per choice. */
function RadioGroup<T extends string>({
  legend,
  name,
  value,
  choices,
  onPick,
}: {
  legend: string;
  name: string;
  value: T;
  choices: readonly Choice<T>[];
  onPick: (value: T) => void;
}) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {choices.map((c) => {
        const helpId = c.help ? `${name}-${c.value}-help` : undefined;
        return (
          <label class={c.help ? 'row top' : 'row'} key={c.value}>
            <input
              type="radio"
              name={name}
              value={c.value}
              checked={value === c.value}
              onChange={() => onPick(c.value)}
              aria-describedby={helpId}
            />
            <span>
              {c.label}
              {c.help && <small id={helpId}>{c.help}</small>}
            </span>
            {c.after}
          </label>
        );
      })}
    </fieldset>
  );
}

/** The notice for stored settings that could not be read as they were; nothing when `problems` is empty. */
export function CorruptNotice({ lang, problems }: { lang: UiLang; problems: readonly string[] }) {
  if (problems.length === 0) return null;
  return (
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
  );
}

/** The global switch and the sites paused from the popup, each with a Resume button. */
export function GeneralSection({ settings, lang, save }: SectionProps) {
  return (
    <section aria-labelledby="general-h">
      <h2 id="general-h">{t('options_generalHeading', lang)}</h2>
      <Checkbox name="enabled" checked={settings.enabled} onChange={(enabled) => save({ enabled })}>
        <span>{t('options_enabled', lang)}</span>
      </Checkbox>
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
  );
}

const entityKey = (entity: SettingsEntity) => `options_entity_${entity.replace('-', '_')}` as MessageKey;

/** One checkbox per painted entity, with its colour. */
export function EntitiesFieldset({ settings, lang, save }: SectionProps) {
  return (
    <fieldset>
      <legend>{t('options_entitiesHeading', lang)}</legend>
      {SETTINGS_ENTITIES.map((entity) => (
        <Checkbox
          key={entity}
          name={`entity-${entity}`}
          checked={settings.entities[entity]}
          onChange={(on) => save({ entities: { ...settings.entities, [entity]: on } })}
        >
          <EntitySwatch entity={entity} />
          <span>{t(entityKey(entity), lang)}</span>
        </Checkbox>
      ))}
    </fieldset>
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

/** The highlight style, each choice with a preview. */
export function StyleFieldset({ settings, lang, save }: SectionProps) {
  const choices = HIGHLIGHT_STYLES.map((style) => ({
    value: style,
    label: t(`options_style_${style}` as MessageKey, lang),
    after: <StyleSample style={style} lang={lang} />,
  }));
  return (
    <RadioGroup
      legend={t('options_styleHeading', lang)}
      name="style"
      value={settings.style}
      choices={choices}
      onPick={(style) => save({ style })}
    />
  );
}

const MODE_TEXT: Record<Settings['mode'], [MessageKey, MessageKey]> = {
  automatic: ['options_mode_automatic', 'options_mode_automaticHelp'],
  'on-click': ['options_mode_onClick', 'options_mode_onClickHelp'],
};

/** Automatic or on-click reading, each explained. */
export function ModeFieldset({ settings, lang, save }: SectionProps) {
  const choices = MODES.map((mode) => ({
    value: mode,
    label: t(MODE_TEXT[mode][0], lang),
    help: t(MODE_TEXT[mode][1], lang),
  }));
  return (
    <RadioGroup
      legend={t('options_modeHeading', lang)}
      name="mode"
      value={settings.mode}
      choices={choices}
      onPick={(mode) => save({ mode })}
    />
  );
}

/** The hover delay; an invalid draft is kept on screen with an error and not saved. */
export function DelayField({ settings, lang, save }: SectionProps) {
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

/** The never-run and only-run site lists, one match pattern a line. */
export function SitesSection({ settings, lang, save }: SectionProps) {
  return (
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
  );
}

/** The interface language. */
export function LanguageSection({ settings, lang, save }: SectionProps) {
  return (
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
  );
}

/** The `debug` setting: the extension's diagnostics in the console of every context. */
export function DiagnosticsSection({ settings, lang, save }: SectionProps) {
  return (
    <section aria-labelledby="diagnostics-h">
      <h2 id="diagnostics-h">{t('options_diagnosticsHeading', lang)}</h2>
      <Checkbox name="debug" checked={settings.debug} onChange={(debug) => save({ debug })} describedBy="debug-help">
        <span>{t('options_debug', lang)}</span>
      </Checkbox>
      <p class="muted" id="debug-help">
        {t('options_debugHelp', lang)}
      </p>
    </section>
  );
}

/**
 * The key assigned to "next mention", or where to set one when none is (each browser has its own
 * page for it); "Reading…" until `info` is known. Shared by the options page and the popup.
 */
export function ShortcutLine({ info, lang }: { info: ShortcutInfo | undefined; lang: UiLang }) {
  if (!info) return <span class="shortcut muted">{t('shortcutLoading', lang)}</span>;
  return (
    <span class="shortcut" data-shortcut={info.shortcut} data-state={info.shortcut ? 'set' : 'unset'}>
      {info.shortcut
        ? t('shortcutAssigned', lang, info.shortcut)
        : t(info.where === 'firefox' ? 'shortcutUnsetFirefox' : 'shortcutUnsetChromium', lang)}
    </span>
  );
}

/** The options page's keyboard shortcut section: read only, the browser's own page changes it. */
export function ShortcutSection({ info, lang }: { info: ShortcutInfo | undefined; lang: UiLang }) {
  return (
    <section aria-labelledby="shortcut-h">
      <h2 id="shortcut-h">{t('shortcutHeading', lang)}</h2>
      <p>
        <ShortcutLine info={info} lang={lang} />
      </p>
    </section>
  );
}
