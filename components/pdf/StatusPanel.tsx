import { t } from '../../lib/i18n.ts';
import { MAX_KEPT_BYTES } from '../../lib/local-pdfs.ts';
import type { UiLang } from '../../lib/ui-lang.ts';
import { OpenPdfButton } from './ReaderToolbar.tsx';
import type { LocalNotice, Paused, Status } from './reader-state.ts';

/**
 * What the PDF reader shows in place of the pages: the empty hint, loading, the permission
 * question, the password form, an error, or the local PDF it no longer keeps (with Open PDF…,
 * which calls `onFile`). Renders nothing once the document is `ready`.
 */
export function StatusPanel({
  lang,
  status,
  passwordRef,
  onAllow,
  onPassword,
  onFile,
}: {
  lang: UiLang;
  status: Status;
  passwordRef: { current: HTMLInputElement | null };
  onAllow: () => void;
  onPassword: (password: string) => void;
  onFile: (file: File) => void;
}) {
  switch (status.kind) {
    case 'ready':
      return null;
    case 'empty':
      return (
        <div class="panel" data-state="empty">
          <p>{t('pdfEmptyHint', lang)}</p>
        </div>
      );
    case 'loading':
      return (
        <div class="panel" data-state="loading" role="status">
          <p>{t('pdfLoading', lang)}</p>
        </div>
      );
    case 'permission':
      return <PermissionPanel lang={lang} host={status.host} denied={status.denied} onAllow={onAllow} />;
    case 'password':
      return <PasswordPanel lang={lang} wrong={status.wrong} passwordRef={passwordRef} onPassword={onPassword} />;
    case 'missing':
      return (
        <div class="panel" data-state="missing">
          <p role="alert">{t('pdfLocalMissing', lang, status.name)}</p>
          <p>{t('pdfLocalMissingHint', lang)}</p>
          <OpenPdfButton lang={lang} onFile={onFile} />
        </div>
      );
    case 'error':
      return (
        <div class="panel" data-state="error">
          <p class="error" role="alert">
            {t(status.key, lang, ...status.args)}
          </p>
        </div>
      );
  }
}

/** Asks to allow the PDF's site (`host`); says so when the browser `denied` it. */
function PermissionPanel({
  lang,
  host,
  denied,
  onAllow,
}: {
  lang: UiLang;
  host: string;
  denied: boolean;
  onAllow: () => void;
}) {
  return (
    <div class="panel" data-state="permission">
      <p>{t('pdfPermissionReason', lang, host)}</p>
      <button type="button" class="button primary" onClick={onAllow}>
        {t('pdfPermissionButton', lang)}
      </button>
      {denied && (
        <p class="error" role="alert">
          {t('pdfPermissionDenied', lang)}
        </p>
      )}
    </div>
  );
}

/** The password form of an encrypted PDF; says so when the last password was `wrong`. */
function PasswordPanel({
  lang,
  wrong,
  passwordRef,
  onPassword,
}: {
  lang: UiLang;
  wrong: boolean;
  passwordRef: { current: HTMLInputElement | null };
  onPassword: (password: string) => void;
}) {
  return (
    <form
      class="panel"
      data-state="password"
      onSubmit={(e) => {
        e.preventDefault();
        onPassword(passwordRef.current?.value ?? '');
      }}
    >
      <p>{t('pdfPasswordPrompt', lang)}</p>
      {wrong && (
        <p class="error" role="alert">
          {t('pdfPasswordWrong', lang)}
        </p>
      )}
      <label>
        <span>{t('pdfPasswordLabel', lang)}</span>{' '}
        <input ref={passwordRef} type="password" name="password" autoComplete="off" />
      </label>{' '}
      <button type="submit" class="button primary">
        {t('pdfPasswordSubmit', lang)}
      </button>
    </form>
  );
}

/**
 * The notices above the pages: why nothing is painted (`paused`), that the document has no text
 * to read (a scan), and what became of the local PDFs the reader keeps (`local`). Renders
 * nothing when none applies.
 */
export function ReaderNotices({
  lang,
  paused,
  noText,
  local,
}: {
  lang: UiLang;
  paused: Paused | null;
  noText: boolean;
  local: LocalNotice | null;
}) {
  return (
    <>
      {local && (
        <p class="notice" data-state={local.kind} role="status">
          {local.kind === 'forgotten'
            ? t('pdfLocalForgotten', lang, local.count)
            : local.reason === 'too-large'
              ? t('pdfLocalTooLarge', lang, MAX_KEPT_BYTES / 1_000_000)
              : t('pdfLocalNotKept', lang)}
        </p>
      )}
      {paused && (
        <p class="notice" data-state="paused" role="status">
          {paused.kind === 'off'
            ? t('pdfPausedAll', lang)
            : t(paused.kind === 'paused' ? 'pdfPaused' : 'pdfExcluded', lang, paused.host)}
        </p>
      )}
      {noText && (
        <p class="notice" data-state="no-text" role="status">
          {t('pdfErrorNoText', lang)}
        </p>
      )}
    </>
  );
}
