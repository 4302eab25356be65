// The one place a library row is written: inside a transaction, each write one revision past the last.
import type { IDBPTransaction } from 'idb';
import { recordFileName } from '../../record/filename.js';
import type { ChangeSource, StoredRecord } from '../../shared/messages.js';
import { searchEntryOf } from '../library-index.js';
import type { Expected, RecordWrite } from './api.js';
import type { LedeDb } from './database.js';
import { StoreError } from './errors.js';
import { libraryKey } from './key.js';
import { keepsSource, rowRevision, rowToStored, toRow } from './rows.js';

export type WriteTransaction = IDBPTransaction<LedeDb, ['records', 'gone', 'search'], 'readwrite'>;

/** A row as a transaction found it. */
export interface RowState {
  id: string;
  /** The row as stored, also one that fails its checks; undefined when there is none. */
  raw: unknown;
  /** The row when it is sound; null when there is none or it fails its checks. */
  current: StoredRecord | null;
  /** The last revision under this address: the row's, or the deleted record's; 0 when never written. */
  last: number;
}

/** What a transaction changed, told to the index and the listeners once it has committed. */
export interface Committed {
  by: ChangeSource;
  at: string;
  written: StoredRecord[];
  removed: Array<{ id: string; revision: number }>;
  /** Rows that failed their checks and are gone now (replaced or deleted). */
  unsound: number;
}

/**
 * Runs `work` in `tx` and aborts the transaction when it throws: an error thrown between requests
 * (a value that cannot be cloned, say) would otherwise let the requests made so far commit.
 */
export async function atomically<T>(tx: { abort(): void; done: Promise<void> }, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already finished or aborted by the browser: nothing was committed by us.
    }
    tx.done.catch(() => undefined);
    throw error;
  }
}

/** The writes of one transaction. Nothing else in Lede puts or deletes a library row. */
export class Writer {
  readonly committed: Committed;

  constructor(private readonly tx: WriteTransaction, by: ChangeSource, readonly now: string) {
    this.committed = { by, at: now, written: [], removed: [], unsound: 0 };
  }

  async read(id: string): Promise<RowState> {
    const raw: unknown = await this.tx.objectStore('records').get(id);
    if (raw !== undefined) return { id, raw, current: rowToStored(raw), last: rowRevision(raw) };
    const gone = await this.tx.objectStore('gone').get(id);
    return { id, raw, current: null, last: gone?.revision ?? 0 };
  }

  /** Whether the row is at the revision the writer expects (null: no sound row; one failing its checks may be replaced). */
  static matches(state: RowState, expected: Expected): boolean {
    return expected === null ? state.current === null : state.current?.revision === expected;
  }

  /**
   * Writes `write` as the row `state.id`, one revision past the last. Fields the write leaves out come
   * from `inherit` (the row it replaces, or the row a move brings here).
   */
  async put(state: RowState, write: RecordWrite, inherit: StoredRecord | null = state.current): Promise<StoredRecord> {
    if (libraryKey(write.record) !== state.id) {
      throw new StoreError('failed', 'a record is kept only under its own address');
    }
    const savedAt = write.savedAt ?? inherit?.savedAt ?? this.now;
    const stored: StoredRecord = {
      id: state.id,
      record: write.record,
      savedAt,
      updatedAt: write.updatedAt ?? this.now,
      revision: state.last + 1,
      changedBy: this.committed.by,
    };
    const sources = write.sources ?? inherit?.sources;
    if (sources) stored.sources = sources;
    // The first name given stays: editing the title does not rename the record's file.
    stored.fileName = write.fileName ?? inherit?.fileName ?? recordFileName(write.record, { savedAt, template: write.fileNameTemplate });
    // A source handed in is the text the record was just read from; one inherited must still read as it.
    const source = write.source === null ? undefined : write.source ?? inherit?.source;
    if (source !== undefined && (write.source === source || keepsSource(source, write.record))) stored.source = source;
    await this.tx.objectStore('records').put(toRow(stored));
    await this.tx.objectStore('search').put(searchEntryOf(stored));
    if (state.raw === undefined && state.last > 0) await this.tx.objectStore('gone').delete(state.id);
    if (state.raw !== undefined && state.current === null) this.committed.unsound++;
    this.committed.written.push(stored);
    return stored;
  }

  /** Deletes the row (also one that fails its checks); its revision is kept for the next record saved there. */
  async remove(state: RowState): Promise<void> {
    if (state.raw === undefined) return;
    const revision = state.last + 1;
    await this.tx.objectStore('records').delete(state.id);
    await this.tx.objectStore('search').delete(state.id);
    await this.tx.objectStore('gone').put({ id: state.id, revision });
    if (state.current === null) this.committed.unsound++;
    this.committed.removed.push({ id: state.id, revision });
  }
}
