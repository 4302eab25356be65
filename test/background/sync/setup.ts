// One sync world for a test: a library in fake IndexedDB, an in-memory folder, sync's own state, an engine.
import { SyncEngine } from '../../../src/background/sync/engine.js';
import { storeLibrary } from '../../../src/background/sync/library.js';
import { localRules, type SyncRules } from '../../../src/background/sync/rules.js';
import { SyncState } from '../../../src/background/sync/state.js';
import type { LedeRecord } from '../../../src/record/index.js';
import { freshStore, sampleRecord } from '../fakes.js';
import { MemoryFolder } from './memory-folder.js';

let count = 0;

/**
 * The library keeps the name it first gave a record (issue 9), so a title edit moves nothing; this rule
 * names by the current title instead, for the tests of moving a file whose name changed.
 */
export const titleNamed: SyncRules = {
  ...localRules,
  nameFor: (stored, taken) => localRules.nameFor({ record: stored.record, savedAt: stored.savedAt }, taken),
};

export function syncWorld(rules: SyncRules = localRules) {
  // Every save is a second later, as a person's would be.
  let clock = Date.parse('2026-01-01T00:00:00Z');
  const store = freshStore(() => new Date((clock += 1000)));
  const dir = new MemoryFolder();
  const state = new SyncState(`lede-sync-test-${process.pid}-${++count}`);
  const library = storeLibrary(store);
  const open = () => SyncEngine.open({ dir, state, library, rules });
  return { store, dir, state, library, open };
}

let n = 0;
/** A record with its own address and title. */
export function record(title: string, overrides: Partial<LedeRecord> = {}): LedeRecord {
  const slug = `${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${++n}`;
  return sampleRecord({ title, originalUrl: `https://example.com/${slug}`, webUrl: `https://example.com/${slug}`, ...overrides });
}

/** The file name the naming rule gives a test record (they all carry the sample's publication day). */
export function md(slug: string): string {
  return `2023-05-03-${slug}.md`;
}

