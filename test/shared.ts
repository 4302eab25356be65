// Where ../shared is (the reference record and the corpus), and a clear skip when it is absent.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
export const sharedDir = process.env.LEDE_SHARED ?? join(repoRoot, '..', 'shared');
export const hasShared = existsSync(join(sharedDir, 'FORMAT.md'));

/** In CI shared/ is always beside the clone; elsewhere tests that read it are skipped, and say so. */
export function sharedOrSkipNote(what: string): boolean {
  if (!hasShared) {
    if (process.env.CI) throw new Error(`${sharedDir} is missing, but CI always has it (${what})`);
    console.warn(`skipped: ${what} needs ${sharedDir} (the shared corpus and reference record), which this machine lacks`);
  }
  return hasShared;
}
