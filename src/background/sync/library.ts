// The library as folder sync sees it: reads, and writes only through the store's versioned operation.
import type { LedeRecord } from '../../record/index.js';
import type { StoredRecord } from '../../shared/messages.js';
import type { ApplyResult, LibraryStore } from '../store/index.js';

/** A versioned write's answer: done, or the row was no longer at the expected revision (nothing written). */
export type SyncWrite = { ok: true; stored: StoredRecord } | { ok: false; current: StoredRecord | null };

/** What a file gives the library: its record, and its own text when Lede would write the record differently. */
export interface FileRecord {
  record: LedeRecord;
  source?: string;
}

/**
 * The library as sync sees it. Every write names the revision sync last agreed on with the file (or read
 * in this pass): a person's save in between makes it a conflict, never an overwrite. Sync's own writes
 * queue no sync work again.
 */
export interface SyncLibrary {
  all(): Promise<StoredRecord[]>;
  get(id: string): Promise<StoredRecord | null>;
  /** The file's record into row `id` while it is at `expected` (null: no row there yet). */
  readBack(id: string, expected: number | null, file: FileRecord): Promise<SyncWrite>;
  /** The file's record moved to a new address: row `from` (at its revision) goes, row `id` (none expected) holds it. */
  readBackMoved(from: { id: string; revision: number }, id: string, file: FileRecord): Promise<SyncWrite>;
  /** Deletes row `id` while at `expected` (the person chose "remove the record"). */
  remove(id: string, expected: number): Promise<boolean>;
  /** Sets `isCached` on the row's images of `url`, on the row as it is now; null when nothing changed. */
  setCached(id: string, url: string, cached: boolean): Promise<StoredRecord | null>;
}

function answer(result: ApplyResult): SyncWrite {
  if (!result.ok) return { ok: false, current: result.conflict.current };
  return result.stored ? { ok: true, stored: result.stored } : { ok: false, current: null };
}

/** The record with `isCached` set on every image of `url`; null when none differs. */
export function withCached(record: LedeRecord, url: string, cached: boolean): LedeRecord | null {
  let changed = false;
  const related = record.related.map((entry) => {
    if (!entry.images.some((image) => image.url === url && Boolean(image.isCached) !== cached)) return entry;
    changed = true;
    return { ...entry, images: entry.images.map((image) => (image.url === url ? { ...image, isCached: cached } : image)) };
  });
  return changed ? { ...record, related } : null;
}

export function storeLibrary(store: LibraryStore): SyncLibrary {
  const write = (file: FileRecord) => ({ record: file.record, source: file.source ?? null });
  return {
    all: () => store.all(),
    get: (id) => store.get(id),
    async readBack(id, expected, file) {
      return answer(await store.apply(id, expected, () => write(file), 'sync'));
    },
    async readBackMoved(from, id, file) {
      return answer(await store.move(from, { id, revision: null }, () => write(file), 'sync'));
    },
    async remove(id, expected) {
      return (await store.remove(id, 'sync', expected)).ok;
    },
    async setCached(id, url, cached) {
      const result = await store.update(id, (current) => {
        const record = withCached(current.record, url, cached);
        return record ? { record } : null;
      }, 'images');
      return result.ok && result.written ? result.stored : null;
    },
  };
}
