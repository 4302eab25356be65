// The store's one write path, as its callers see it: versioned changes and what they answer.
import type { Extraction } from '../../extract/types.js';
import type { LedeRecord } from '../../record/index.js';
import type { ChangeSource, LibraryChanged, StoredRecord } from '../../shared/messages.js';

export type { ChangeSource };

/**
 * The revision a writer expects a row at: a number (the revision it read), or null (the row must not
 * exist: a record saved for the first time, an undo of a delete).
 */
export type Expected = number | null;

/**
 * What a change writes. Left out: `sources` and `fileName` stay the row's (a new row is named by
 * `recordFileName` with `fileNameTemplate`); `source` (a file's own text) stays while it still reads
 * as the record, null drops it; `savedAt` stays the row's (now for a new row); `updatedAt` is now.
 * The store sets `id`, `revision` and `changedBy` itself.
 */
export interface RecordWrite {
  record: LedeRecord;
  sources?: Extraction['sources'];
  fileName?: string;
  fileNameTemplate?: string;
  source?: string | null;
  savedAt?: string;
  updatedAt?: string;
}

/**
 * Decides the write from the row as it is inside the transaction. It runs synchronously between two
 * IndexedDB requests (an await elsewhere would let the transaction commit): no awaiting in it.
 * Null: write nothing (the answer is `ok` with the row as it is).
 */
export type Change = (current: StoredRecord | null) => RecordWrite | null;
/** As `Change`, for a row that exists (`update` answers a conflict when it does not). */
export type Update = (current: StoredRecord) => RecordWrite | null;
/** A move: `from`, the row being moved away; `to`, the row under the new address (null when none). */
export type MoveChange = (from: StoredRecord, to: StoredRecord | null) => RecordWrite;

export type ApplyResult =
  /** `stored`: the row after the change (null when there is none); `written`: false when the change wrote nothing. */
  | { ok: true; stored: StoredRecord | null; written: boolean; created: boolean }
  /** The row `id` was not at the expected revision: nothing was written. `current`: the row now, null when none. */
  | { ok: false; conflict: { id: string; current: StoredRecord | null } };

export type DeleteResult =
  | { ok: true; deleted: StoredRecord | null }
  | { ok: false; conflict: { id: string; current: StoredRecord | null } };

/** Told after each committed change to a row (the background broadcasts it to open pages). */
export type ChangeListener = (change: Omit<LibraryChanged, 'lede' | 'event'>) => void;
