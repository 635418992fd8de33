import { useState } from 'preact/hooks';
import { t } from '../lib/i18n.ts';
import { logger } from '../lib/log.ts';
import type { UiLang } from '../lib/ui-lang.ts';

const log = logger('options');

/** The last outcome shown on the options page; undefined before the first. */
export type SaveStatus = { kind: 'ok' | 'error'; text: string } | undefined;

/**
 * The options page's one save-status helper. `track(run, done)` shows `done` when `run` resolves
 * and "Could not save: …" when it rejects (logged too); it never rejects itself, so callers may
 * drop its promise. `fail(text)` shows an error that did not come from storage (a refused file).
 */
export function useSaveStatus(lang: UiLang) {
  const [status, setStatus] = useState<SaveStatus>(undefined);
  const track = (run: Promise<unknown>, done: string): Promise<void> =>
    run.then(
      () => setStatus({ kind: 'ok', text: done }),
      (error: unknown) => {
        log.error('could not save the settings', error);
        setStatus({ kind: 'error', text: t('options_saveFailed', lang, String(error)) });
      },
    );
  const fail = (text: string) => setStatus({ kind: 'error', text });
  return { status, track, fail };
}

/** The polite live region that announces the last outcome; empty before the first. */
export function StatusLine({ status }: { status: SaveStatus }) {
  return (
    <p class={`status ${status?.kind ?? ''}`} role="status" aria-live="polite">
      {status?.text ?? ''}
    </p>
  );
}
