/**
 * The extension's one debug log channel (after darkreader's `src/inject/utils/log.ts`).
 *
 * Silent by default: a content script runs in every page the user opens, and its console is the
 * page's console, so nothing is printed unless logging was switched on, either by the `debug`
 * setting (applied with {@link setLogging}) or by the test runner (`VITEST` in the environment).
 * Every `catch` in the runtime code reports here, so a failure is never silent for whoever asks
 * to see it, and never noisy for anyone else.
 */

type Level = 'debug' | 'warn' | 'error';

/**
 * What every line starts with, before the scope: `[sanctions-context:annotator]`. The unit
 * tests' setup knows the log's lines by it, and shows them for failing tests only.
 */
export const LOG_TAG = 'sanctions-context';

let enabled = typeof process !== 'undefined' && Boolean(process.env?.VITEST);

/** Switches the log on or off for this context (page, frame or extension page). */
export function setLogging(on: boolean): void {
  enabled = on;
}

/** Whether the log prints in this context. */
export function isLogging(): boolean {
  return enabled;
}

function write(level: Level, scope: string, args: unknown[]): void {
  if (!enabled) return;
  console[level](`[${LOG_TAG}:${scope}]`, ...args);
}

/**
 * A logger for one module. `scope` names it in every line (`annotator`, `settings`…).
 * Each call is a no-op while logging is off; none ever throws.
 */
export function logger(scope: string) {
  return {
    debug: (...args: unknown[]) => write('debug', scope, args),
    warn: (...args: unknown[]) => write('warn', scope, args),
    error: (...args: unknown[]) => write('error', scope, args),
  };
}

export type Logger = ReturnType<typeof logger>;
