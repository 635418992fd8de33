// Used by `npm start`: the README promises that `npm ci && npm start` sets everything up, so a
// machine without Chromium gets it installed the way `.ci/run` does (Debian's package, apt-get as
// root or through sudo); where that is impossible the exact command to run is printed instead.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const DEFAULT_CHROME = '/usr/bin/chromium';

export interface ChromiumSituation {
  /** The binary the browser tests and the demo would launch. */
  path: string;
  exists: boolean;
  /** Whether `CHROME_PATH` chose the path (then nothing is installed: the user picked a browser). */
  chosen: boolean;
  isRoot: boolean;
  hasAptGet: boolean;
  hasSudo: boolean;
}

export type ChromiumPlan =
  | { action: 'none' }
  | { action: 'install'; commands: string[][] }
  | { action: 'explain'; message: string };

const APT_STEPS = [
  ['apt-get', 'update'],
  ['apt-get', 'install', '-y', 'chromium'],
];

/**
 * What to do about Chromium: nothing when it is there; install it with apt-get when this is a
 * Debian-like machine and we are root or have sudo; otherwise a message with the command to run.
 */
export function chromiumPlan(s: ChromiumSituation): ChromiumPlan {
  if (s.exists) return { action: 'none' };
  if (s.chosen) {
    return { action: 'explain', message: `CHROME_PATH is set to ${s.path}, which does not exist. Fix it or unset it.` };
  }
  if (s.hasAptGet && (s.isRoot || s.hasSudo)) {
    return { action: 'install', commands: APT_STEPS.map((step) => (s.isRoot ? step : ['sudo', ...step])) };
  }
  return {
    action: 'explain',
    message:
      `No Chromium found at ${s.path}. Install it, then run npm start again:\n` +
      '  Debian/Ubuntu: sudo apt-get update && sudo apt-get install -y chromium\n' +
      '  elsewhere: install Chromium or Chrome and set CHROME_PATH to its binary.',
  };
}

function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/** Reads this machine's situation. */
export function currentSituation(env = process.env): ChromiumSituation {
  const path = env.CHROME_PATH || DEFAULT_CHROME;
  return {
    path,
    exists: existsSync(path),
    chosen: Boolean(env.CHROME_PATH),
    isRoot: process.getuid?.() === 0,
    hasAptGet: hasCommand('apt-get'),
    hasSudo: hasCommand('sudo'),
  };
}

/**
 * Makes sure Chromium is installed, installing it with apt-get when it can (saying so first).
 * Throws with the command to run when it cannot, or when the installation fails.
 */
export function ensureChromium(situation = currentSituation()): void {
  const plan = chromiumPlan(situation);
  if (plan.action === 'none') return;
  if (plan.action === 'explain') throw new Error(plan.message);
  console.log(`No Chromium found at ${situation.path}; installing Debian's chromium package:`);
  for (const [cmd, ...args] of plan.commands) {
    console.log(`  ${[cmd, ...args].join(' ')}`);
    const result = spawnSync(cmd as string, args, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (result.status !== 0) {
      throw new Error(`"${[cmd, ...args].join(' ')}" failed (exit ${result.status}); install Chromium and try again.`);
    }
  }
  if (!existsSync(situation.path)) throw new Error(`Chromium was installed but ${situation.path} is still missing.`);
}
