// Builds dist/chrome-test and dist/firefox-test once before the browser tests, so `npm test` tests fresh code.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './harness/paths.js';

export default function setup(): void {
  if (process.env.LEDE_SKIP_TEST_BUILD) return;
  execFileSync(process.execPath, [join(repoRoot, 'build/build.mjs'), '--test'], { cwd: repoRoot, stdio: 'inherit' });
}
