import { afterEach, describe, expect, it, vi } from 'vitest';
import { isLogging, logger, setLogging } from '../../lib/log';

describe('logger', () => {
  afterEach(() => {
    setLogging(true);
    vi.restoreAllMocks();
  });

  it('is on under the test runner and prints with its scope', () => {
    expect(isLogging()).toBe(true);
    const spy = vi.spyOn(console, 'warn').mockImplementation(() => {});
    logger('annotator').warn('matcher failed', 42);
    expect(spy).toHaveBeenCalledWith('[sanctions-context:annotator]', 'matcher failed', 42);
  });

  it('prints nothing once switched off', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    setLogging(false);
    logger('settings').error('lost');
    expect(spy).not.toHaveBeenCalled();
    setLogging(true);
    logger('settings').error('found');
    expect(spy).toHaveBeenCalledTimes(1);
  });
});

describe('the test runner’s log filter (tests/helpers/quiet-log.ts)', () => {
  type Print = (...args: unknown[]) => void;
  type Filter = { held: { args: unknown[] }[]; print: Record<'debug' | 'warn' | 'error', Print> };
  const filter = () =>
    (console as unknown as Record<symbol, Filter | undefined>)[Symbol.for('sanctions-context.quiet-log')];

  it('holds the log’s lines and lets other console lines through', () => {
    const installed = filter();
    expect(installed).toBeDefined();
    if (!installed) return;
    const print = vi.spyOn(installed.print, 'warn').mockImplementation(() => {});
    logger('settings').warn('could not store');
    expect(print).not.toHaveBeenCalled();
    expect(installed.held.at(-1)?.args).toEqual(['[sanctions-context:settings]', 'could not store']);
    console.warn('a warning of a test or a library');
    expect(print).toHaveBeenCalledWith('a warning of a test or a library');
  });
});
