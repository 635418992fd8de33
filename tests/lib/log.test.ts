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
