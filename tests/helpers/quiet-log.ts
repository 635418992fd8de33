import { beforeEach } from 'vitest';
import { LOG_TAG } from '../../lib/log.ts';

/*
 * Set up before every unit test file (vitest.config.ts). The extension's log (lib/log.ts) is on
 * under the test runner, so that the logging code of every `catch` runs in the tests; this keeps
 * its lines out of the output. Each test's lines are held, and printed only if the test fails,
 * where they may explain why. Other console output passes as before, and a test that spies on
 * the console to check what is logged still gets the lines (its spy stands in front of this).
 * The console is filtered rather than the logger replaced: a test that resets its modules gets
 * a new logger module, but the same console.
 */

type Level = 'debug' | 'warn' | 'error';
type Print = (...args: unknown[]) => void;
type Filter = { held: { level: Level; args: unknown[] }[]; print: Record<Level, Print> };

const PREFIX = `[${LOG_TAG}:`;
const KEY = Symbol.for('sanctions-context.quiet-log');
const marked = console as Console & { [KEY]?: Filter };

function installFilter(): Filter {
  const print = { debug: console.debug, warn: console.warn, error: console.error };
  const filter: Filter = { held: [], print };
  for (const level of Object.keys(print) as Level[]) {
    console[level] = (...args: unknown[]) => {
      if (typeof args[0] === 'string' && args[0].startsWith(PREFIX)) filter.held.push({ level, args });
      else print[level].apply(console, args);
    };
  }
  return filter;
}

// Once per console: a second filter in front of the first would hold its lines for good.
const filter = marked[KEY] ?? installFilter();
marked[KEY] = filter;

beforeEach(({ onTestFailed }) => {
  filter.held.length = 0;
  onTestFailed(() => {
    for (const { level, args } of filter.held.splice(0)) filter.print[level].apply(console, args);
  });
});
