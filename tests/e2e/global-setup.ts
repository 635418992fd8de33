import { spawnSync } from 'node:child_process';
import { chromePath, ROOT } from './harness.ts';

/** Builds the production Chrome extension once before the real-browser tests, and fails early without Chromium. */
export default function setup(): void {
  chromePath();
  const result = spawnSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`wxt build failed with exit code ${result.status}`);
}
