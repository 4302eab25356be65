// Where ../shared is (the reference record and the corpus), and a clear skip when it is absent.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
export const sharedDir = process.env.LEDE_SHARED ?? join(repoRoot, '..', 'shared');
export const hasShared = existsSync(join(sharedDir, 'FORMAT.md'));

/**
 * CI always lays shared/ beside the clone, so there these tests run; a machine without it (the
 * project's own repo alone) skips them, and says so.
 */
export function sharedOrSkipNote(what: string): boolean {
  if (!hasShared) {
    console.warn(`skipped: ${what} needs ${sharedDir} (the shared corpus and reference record), which this machine lacks`);
  }
  return hasShared;
}
