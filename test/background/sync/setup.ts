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
  versionedUntilStoreLands(store);
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

// TEMPORARY until issue-17-store's versioned operations land: the contract's semantics over the old save (not atomic).
import type { LibraryStore } from '../../../src/background/store/index.js';
export function versionedUntilStoreLands(store: LibraryStore): void {
  const s = store as unknown as Record<string, unknown>;
  const conflict = (id: string, current: unknown) => ({ ok: false, conflict: { id, current } });
  s.apply = async (id: string, expected: number | null, change: (c: unknown) => { record: LedeRecord; source?: string | null } | null) => {
    const current = await store.get(id);
    if ((current?.revision ?? null) !== expected) return conflict(id, current);
    const write = change(current);
    if (!write) return { ok: true, stored: current, written: false, created: false };
    const { stored, created } = await store.save(write.record, write.source ? { source: write.source } : {});
    return { ok: true, stored, written: true, created };
  };
  s.update = async (id: string, change: (c: unknown) => { record: LedeRecord } | null) => {
    const current = await store.get(id);
    if (!current) return conflict(id, null);
    const write = change(current);
    if (!write) return { ok: true, stored: current, written: false, created: false };
    const { stored } = await store.save(write.record);
    return { ok: true, stored, written: true, created: false };
  };
  s.move = async (from: { id: string; revision: number }, to: { id: string }, change: (f: unknown, t: unknown) => { record: LedeRecord; source?: string | null }) => {
    const current = await store.get(from.id);
    if (current?.revision !== from.revision) return conflict(from.id, current);
    const write = change(current, null);
    const { stored } = await store.save(write.record, { previousId: from.id, ...(write.source ? { source: write.source } : {}) });
    void to;
    return { ok: true, stored, written: true, created: false };
  };
  s.remove = async (id: string, _by: string, expected?: number) => {
    const current = await store.get(id);
    if (expected !== undefined && current?.revision !== expected) return conflict(id, current);
    return { ok: true, deleted: await store.delete(id) };
  };
}
