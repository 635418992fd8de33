import { describe, expect, it } from 'vitest';
import { type ChromiumSituation, chromiumPlan } from '../../scripts/ensure-chromium.ts';

const base: ChromiumSituation = {
  path: '/usr/bin/chromium',
  exists: false,
  chosen: false,
  isRoot: true,
  hasAptGet: true,
  hasSudo: false,
};

describe('chromiumPlan (npm start on a fresh machine)', () => {
  it('does nothing when Chromium is there', () => {
    expect(chromiumPlan({ ...base, exists: true })).toEqual({ action: 'none' });
  });

  it('installs with apt-get as root, as .ci/run does', () => {
    expect(chromiumPlan(base)).toEqual({
      action: 'install',
      commands: [
        ['apt-get', 'update'],
        ['apt-get', 'install', '-y', 'chromium'],
      ],
    });
  });

  it('goes through sudo when not root', () => {
    const plan = chromiumPlan({ ...base, isRoot: false, hasSudo: true });
    expect(plan.action).toBe('install');
    expect(plan.action === 'install' && plan.commands.map((c) => c.slice(0, 2))).toEqual([
      ['sudo', 'apt-get'],
      ['sudo', 'apt-get'],
    ]);
  });

  it('prints the exact command where it cannot install', () => {
    const noApt = chromiumPlan({ ...base, hasAptGet: false });
    expect(noApt).toMatchObject({ action: 'explain' });
    expect(noApt.action === 'explain' && noApt.message).toContain('sudo apt-get install -y chromium');
    const noRights = chromiumPlan({ ...base, isRoot: false, hasSudo: false });
    expect(noRights.action).toBe('explain');
  });

  it('never overrides a CHROME_PATH the user chose', () => {
    const plan = chromiumPlan({ ...base, chosen: true, path: '/opt/chrome/chrome' });
    expect(plan.action === 'explain' && plan.message).toContain('CHROME_PATH is set to /opt/chrome/chrome');
  });
});
