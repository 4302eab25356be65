// The library in IndexedDB: one row per record keyed by its normalised address, one transaction per change.
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction } from 'idb';
import type { Extraction } from '../../extract/types.js';
import { isSafeFileName, recordFileName } from '../../record/filename.js';
import { errorsOf, validateRecord, type LedeRecord } from '../../record/index.js';
import { mergeDecision, type Incoming, type MergeDecision } from '../../transfer/merge.js';
import { sameRecord } from '../../transfer/read-file.js';
import { parseRecord } from '../../record/read.js';
import { normaliseUrl } from '../../record/url.js';
import type { ListQuery, ListResult, StoredRecord } from '../../shared/messages.js';
import type { ApplyResult, Change, ChangeListener, ChangeSource, DeleteResult, Expected, MoveChange, Update } from './api.js';
import { LIST_LIMIT_DEFAULT, LibraryIndex, type PrivateMatch } from '../library-index.js';
import { isObject, isStoredRecord } from '../shape.js';

/** Version of the database layout (stores and indexes); `upgrade` below builds each step. */
export const DB_VERSION = 2;
/** Version of a row's content; `rowMigrations` bring older rows up to it when read. */
export const ROW_SCHEMA = 1;

interface Row extends StoredRecord {
  schema: number;
  /** The normalised webUrl, so a page read at its own address finds a record saved under its canonical one. */
  webKey: string;
}

interface LedeDb extends DBSchema {
  records: { key: string; value: Row; indexes: { webKey: string; savedAt: string } };
}

type RawRow = Record<string, unknown>;
/** Each migration takes a row of schema i+1 to i+2. None yet: schema 1 is the first. */
export const rowMigrations: Array<(row: RawRow) => RawRow> = [];

export type StoreErrorCode = 'quota' | 'unavailable' | 'blocked' | 'failed';

/** A storage failure the person should hear about; the code picks the message. */
export class StoreError extends Error {
  constructor(readonly code: StoreErrorCode, detail: string) {
    super(detail);
    this.name = 'StoreError';
  }
}

/** Sorts a storage failure into what the person can do about it. */
export function asStoreError(error: unknown): StoreError {
  if (error instanceof StoreError) return error;
  const name = error instanceof Error || (isObject(error) && typeof error.name === 'string') ? String((error as Error).name) : '';
  const detail = error instanceof Error ? error.message : String(error);
  if (name === 'QuotaExceededError' || /quota/i.test(detail)) return new StoreError('quota', detail);
  if (name === 'InvalidStateError' || name === 'SecurityError' || name === 'UnknownError') {
    return new StoreError('unavailable', detail);
  }
  return new StoreError('failed', detail);
}

/** The library key of a record: its normalised originalUrl, else its normalised webUrl; '' when it has neither. */
export function libraryKey(record: Pick<LedeRecord, 'originalUrl' | 'webUrl'>): string {
  return normaliseUrl(record.originalUrl) || normaliseUrl(record.webUrl);
}

/** A row as stored, brought up to date and checked (shape and the format's rules); null when it cannot be trusted. */
export function rowToStored(raw: unknown): StoredRecord | null {
  if (!isObject(raw)) return null;
  let row: RawRow = raw;
  const schema = typeof row.schema === 'number' ? row.schema : 1;
  if (schema > ROW_SCHEMA) return null;
  for (let v = schema; v < ROW_SCHEMA; v++) row = rowMigrations[v - 1]!(row);
  const stored: StoredRecord = {
    id: row.id as string,
    record: row.record as LedeRecord,
    savedAt: row.savedAt as string,
    updatedAt: row.updatedAt as string,
    revision: typeof row.revision === 'number' ? row.revision : 1,
  };
  if (row.sources !== undefined) stored.sources = row.sources as Extraction['sources'];
  if (row.fileName !== undefined) stored.fileName = row.fileName as string;
  if (row.source !== undefined) stored.source = row.source as string;
  // Every row passed these checks when it was written; one that fails now was changed behind our
  // back or by an older rule set, and is left in the database but not shown as if it were sound.
  if (!isStoredRecord(stored) || errorsOf(validateRecord(stored.record)).length > 0) return null;
  return stored;
}

function toRow(stored: StoredRecord): Row {
  const row: Row = { ...stored, schema: ROW_SCHEMA, webKey: normaliseUrl(stored.record.webUrl) || stored.id };
  for (const key of ['sources', 'fileName', 'source'] as const) if (row[key] === undefined) delete row[key];
  return row;
}

/** A kept source stays only while it still reads as the record: an edit drops it, and the record is written anew. */
function keepsSource(source: string, record: LedeRecord): boolean {
  const parsed = parseRecord(source);
  return parsed.ok && sameRecord(parsed.record, record);
}

/** The row is the very record being put back (a repeated undo), not newer work. */
function sameRow(raw: unknown, stored: StoredRecord): boolean {
  const current = rowToStored(raw);
  return current !== null && current.updatedAt === stored.updatedAt && sameRecord(current.record, stored.record);
}

type WriteTransaction = IDBPTransaction<LedeDb, ['records'], 'readwrite'>;

/**
 * Runs `work` in `tx` and aborts the transaction when it throws: an error thrown between requests
 * (a value that cannot be cloned, say) would otherwise let the requests made so far commit.
 */
async function atomically<T>(tx: WriteTransaction, work: (tx: WriteTransaction) => Promise<T>): Promise<T> {
  try {
    return await work(tx);
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

/** Rows read per slice while loading the index. */
const LOAD_SLICE = 500;
/** How far into a plain listing the database answers directly while the index is still loading. */
const FIRST_PAGES = 200;

export interface SaveOptions {
  previousId?: string;
  sources?: Extraction['sources'];
  /** The settings' file-name template, for a record named for the first time. */
  fileNameTemplate?: string;
  /** The text of the file the record was read from, kept while the record is still what it says (folder sync). */
  source?: string;
}

export interface ImportItem {
  id: string;
  incoming: Incoming;
  meta?: { savedAt?: string; fileName?: string; fileNameTemplate?: string };
}

export class LibraryStore {
  private db: Promise<IDBPDatabase<LedeDb>> | null = null;
  private index: LibraryIndex | null = null;
  private indexLoading: Promise<LibraryIndex> | null = null;
  /** Changes made while the index loads, replayed on top of it (each is idempotent). */
  private pending: Array<(index: LibraryIndex) => void> = [];
  /** Rows skipped on the last load because they failed their checks. */
  skipped = 0;

  constructor(private readonly name = 'lede', private readonly now = () => new Date()) {}

  private open(): Promise<IDBPDatabase<LedeDb>> {
    this.db ??= new Promise<IDBPDatabase<LedeDb>>((resolve, reject) => {
      openDB<LedeDb>(this.name, DB_VERSION, {
        upgrade(db, oldVersion, _newVersion, transaction) {
          if (oldVersion < 1) {
            const records = db.createObjectStore('records', { keyPath: 'id' });
            records.createIndex('webKey', 'webKey');
          }
          // 2: newest first straight from the database, for the library's first page before the index loads.
          if (oldVersion < 2) transaction.objectStore('records').createIndex('savedAt', 'savedAt');
        },
        blocked: () => reject(new StoreError('blocked', 'another copy of the library is open in an older version')),
        // A newer version elsewhere wants to upgrade: step aside and reopen on the next call.
        blocking: () => this.close(),
        terminated: () => {
          this.db = null;
        },
      }).then(resolve, (error: unknown) => reject(asStoreError(error)));
    }).catch((error: unknown) => {
      this.db = null;
      throw error;
    });
    return this.db;
  }

  close(): void {
    const db = this.db;
    this.db = null;
    void db?.then((d) => d.close(), () => undefined);
  }

  private async run<T>(work: (db: IDBPDatabase<LedeDb>) => Promise<T>): Promise<T> {
    try {
      return await work(await this.open());
    } catch (error) {
      throw asStoreError(error);
    }
  }

  private changed(apply: (index: LibraryIndex) => void): void {
    if (this.index) apply(this.index);
    else if (this.indexLoading) this.pending.push(apply);
  }

  async get(id: string): Promise<StoredRecord | null> {
    return this.run(async (db) => rowToStored(await db.get('records', id)));
  }

  /** The saved record for any of these addresses, matched by its key or by its webUrl. */
  async find(addresses: string[]): Promise<StoredRecord | null> {
    const keys = [...new Set(addresses.map(normaliseUrl).filter(Boolean))];
    if (keys.length === 0) return null;
    return this.run(async (db) => {
      const tx = db.transaction('records');
      for (const key of keys) {
        const found = rowToStored(await tx.store.get(key)) ?? rowToStored(await tx.store.index('webKey').get(key));
        if (found) return found;
      }
      return null;
    });
  }

  /**
   * Saves in one transaction: updates the row under the record's key (never a second copy),
   * and when `previousId` names another row (the originalUrl was edited) moves that row here.
   */
  async save(record: LedeRecord, options: SaveOptions = {}): Promise<{ stored: StoredRecord; created: boolean }> {
    const id = libraryKey(record);
    if (!id) throw new StoreError('failed', 'the record has no http(s) address to key it by');
    const result = await this.run((db) => atomically(db.transaction('records', 'readwrite'), async (tx) => {
      const existing = rowToStored(await tx.store.get(id));
      const previousId = options.previousId !== undefined && options.previousId !== id ? options.previousId : undefined;
      const previous = previousId ? rowToStored(await tx.store.get(previousId)) : null;
      const now = this.now().toISOString();
      const stored: StoredRecord = {
        id,
        record,
        savedAt: existing?.savedAt ?? previous?.savedAt ?? now,
        updatedAt: now,
        revision: (existing?.revision ?? 0) + 1,
      };
      const sources = options.sources ?? existing?.sources ?? previous?.sources;
      if (sources) stored.sources = sources;
      // The first name given stays: editing the title does not rename the record's file.
      stored.fileName = existing?.fileName ?? previous?.fileName ?? recordFileName(record, { savedAt: stored.savedAt, template: options.fileNameTemplate });
      const source = options.source ?? existing?.source ?? previous?.source;
      if (source !== undefined && keepsSource(source, record)) stored.source = source;
      await tx.store.put(toRow(stored));
      if (previous) await tx.store.delete(previous.id);
      await tx.done;
      return { stored, created: !existing && !previous, movedFrom: previous?.id };
    }));
    this.changed((index) => {
      if (result.movedFrom) index.remove(result.movedFrom);
      index.upsert(result.stored);
    });
    return { stored: result.stored, created: result.created };
  }

  /**
   * The one write: applies `change` to the row `id` if it is still at `expected` (null: must not
   * exist), in one transaction; a mismatch answers a conflict and writes nothing.
   */
  async apply(_id: string, _expected: Expected, _change: Change, _by: ChangeSource): Promise<ApplyResult> {
    throw new StoreError('failed', 'not built yet');
  }

  /** Read-modify-write of the row as it is now, inside one transaction (never a snapshot from outside it). */
  async update(_id: string, _change: Update, _by: ChangeSource): Promise<ApplyResult> {
    throw new StoreError('failed', 'not built yet');
  }

  /**
   * Moves the row `from` (at its revision) to `to.id` (at `to.revision`, null: no row there), writing
   * `change`'s result there and deleting `from`'s row, in one transaction. A conflict names the row.
   */
  async move(_from: { id: string; revision: number }, _to: { id: string; revision: Expected }, _change: MoveChange, _by: ChangeSource): Promise<ApplyResult> {
    throw new StoreError('failed', 'not built yet');
  }

  /** Deletes the row `id` while at `expected` (absent: as it is now). */
  async remove(_id: string, _by: ChangeSource, _expected?: number): Promise<DeleteResult> {
    throw new StoreError('failed', 'not built yet');
  }

  /** Calls `listener` after each committed change to a row; returns the unsubscribe. */
  onChanged(_listener: ChangeListener): () => void {
    return () => undefined;
  }

  /** Deletes the row under `id`, also one that fails its checks (the person chose to); returns it when it was sound. */
  async delete(id: string): Promise<StoredRecord | null> {
    const deleted = await this.run((db) => atomically(db.transaction('records', 'readwrite'), async (tx) => {
      const raw = await tx.store.get(id);
      const found = rowToStored(raw);
      if (raw !== undefined) await tx.store.delete(id);
      if (raw !== undefined && !found && this.skipped > 0) this.skipped--;
      await tx.done;
      return found;
    }));
    this.changed((index) => index.remove(id));
    return deleted;
  }

  /**
   * Puts a deleted record back as it was (its times included), only where no record has been saved
   * under its address since: undo never overwrites newer work. False when it was refused so.
   */
  async restore(stored: StoredRecord): Promise<boolean> {
    const restored = await this.run((db) => atomically(db.transaction('records', 'readwrite'), async (tx) => {
      const current = await tx.store.get(stored.id);
      if (current !== undefined && !sameRow(current, stored)) {
        await tx.done;
        return false;
      }
      await tx.store.put(toRow(stored));
      await tx.done;
      return true;
    }));
    if (restored) this.changed((index) => index.upsert(stored));
    return restored;
  }

  /**
   * Imports records: for each, the merge rule decides against the row under its key inside the same
   * transaction as the write, so a record changed meanwhile is never overwritten blindly. One
   * transaction for the batch (10,000 transactions cost seconds); should it fail, each record is
   * tried alone, so one that cannot be stored (quota) takes no other with it.
   */
  async importRecords(items: ImportItem[]): Promise<Array<MergeDecision | StoreError>> {
    try {
      return await this.importIn(items);
    } catch (error) {
      if (items.length === 1) return [asStoreError(error)];
      const out: Array<MergeDecision | StoreError> = [];
      for (const item of items) out.push(...await this.importRecords([item]));
      return out;
    }
  }

  private async importIn(items: ImportItem[]): Promise<MergeDecision[]> {
    const result = await this.run((db) => atomically(db.transaction('records', 'readwrite'), async (tx) => {
      const decisions: MergeDecision[] = [];
      const written: StoredRecord[] = [];
      for (const { id, incoming, meta = {} } of items) {
        const raw = await tx.store.get(id);
        const existing = rowToStored(raw);
        const decision = raw !== undefined && !existing
          // A row that fails today's checks is replaced only by a deliberate import of the same address.
          ? { action: 'updated' as const, reason: 'replaces a library row that failed its checks' }
          : mergeDecision(incoming, existing);
        decisions.push(decision);
        if (raw !== undefined && !existing && this.skipped > 0) this.skipped--;
        if (decision.action !== 'imported' && decision.action !== 'updated') continue;
        const now = this.now().toISOString();
        const savedAt = existing?.savedAt ?? meta.savedAt ?? now;
        const stored: StoredRecord = {
          // The content is as of the file's date: a backup brought back keeps its times.
          id, record: incoming.record, savedAt, updatedAt: incoming.changedAt ?? now, revision: (existing?.revision ?? 0) + 1,
          // A file keeps the name it came with when that name is safe everywhere.
          fileName: existing?.fileName ?? (meta.fileName && isSafeFileName(meta.fileName) ? meta.fileName : recordFileName(incoming.record, { savedAt, template: meta.fileNameTemplate })),
        };
        if (existing?.sources) stored.sources = existing.sources;
        if (incoming.source !== undefined) stored.source = incoming.source;
        await tx.store.put(toRow(stored));
        written.push(stored);
      }
      await tx.done;
      return { decisions, written };
    }));
    this.changed((index) => {
      for (const stored of result.written) index.upsert(stored);
    });
    return result.decisions;
  }

  /** One record; see importRecords. */
  async importRecord(id: string, incoming: Incoming, meta: ImportItem['meta'] = {}): Promise<MergeDecision> {
    const [outcome] = await this.importRecords([{ id, incoming, meta }]);
    if (outcome instanceof StoreError) throw outcome;
    return outcome!;
  }

  /**
   * Loads every row once per background lifetime; later changes keep it current. Read in slices, so
   * the worker answers other messages (a popup reading its page, a save) between them.
   */
  private async loadedIndex(): Promise<LibraryIndex> {
    if (this.index) return this.index;
    this.indexLoading ??= this.run(async (db) => {
      const all: StoredRecord[] = [];
      let skipped = 0;
      let after: string | null = null;
      for (;;) {
        const range: IDBKeyRange | undefined = after === null ? undefined : IDBKeyRange.lowerBound(after, true);
        const rows: Row[] = await db.getAll('records', range, LOAD_SLICE);
        for (const raw of rows) {
          const stored = rowToStored(raw);
          if (stored) all.push(stored);
          else skipped++;
        }
        if (rows.length < LOAD_SLICE) break;
        after = rows[rows.length - 1]!.id;
      }
      if (skipped) console.warn(`Lede: ${skipped} library rows failed their checks and are not listed`);
      const index = new LibraryIndex();
      index.load(all);
      for (const apply of this.pending) apply(index);
      this.pending = [];
      this.skipped = skipped;
      this.index = index;
      return index;
    }).finally(() => {
      this.indexLoading = null;
      // After a failed load the queued changes are stale: the next load reads every row afresh.
      this.pending = [];
    });
    return this.indexLoading;
  }

  /**
   * The first pages of a plain listing (no search, no filter) come straight from the database's
   * savedAt index while the in-memory index is not loaded yet: a library of 10,000 records opens
   * without waiting for all of them. Rows that fail their checks are skipped, as the index skips them.
   */
  private async newestFromDatabase(offset: number, limit: number): Promise<ListResult> {
    return this.run(async (db) => {
      const tx = db.transaction('records');
      const records: StoredRecord[] = [];
      let skip = offset;
      let cursor = await tx.store.index('savedAt').openCursor(null, 'prev');
      while (cursor && records.length < limit) {
        const stored = rowToStored(cursor.value);
        if (stored && skip > 0) skip--;
        else if (stored) records.push(stored);
        cursor = await cursor.continue();
      }
      const total = await tx.store.count();
      await tx.done;
      return { records, total };
    });
  }

  /** `alsoMatches`: a second haystack per record (its private note, decrypted in memory) that search may match. */
  async list(query: ListQuery, alsoMatches?: PrivateMatch): Promise<ListResult> {
    const plain = !query.text?.trim() && !query.topic && !query.provider;
    const offset = query.offset ?? 0;
    if (!this.index && plain && offset < FIRST_PAGES) {
      const page = await this.newestFromDatabase(offset, query.limit ?? LIST_LIMIT_DEFAULT);
      // Then the index, for what comes next (search, filters, topics), without waiting for it.
      void this.loadedIndex().catch(() => undefined);
      return page;
    }
    const result = (await this.loadedIndex()).list(query, alsoMatches);
    return this.skipped ? { ...result, hidden: this.skipped } : result;
  }

  /** The records that hold private data, with their `secured` values: for a key change and private search. */
  async securedValues(): Promise<Array<{ id: string; secured: string }>> {
    return (await this.loadedIndex()).securedValues();
  }

  /**
   * Replaces a record's `secured` value only while it still is `expected`, in one transaction: a key
   * change re-encrypts record by record, all or nothing, and never overwrites an edit made meanwhile.
   */
  async replaceSecured(id: string, expected: string, secured: string): Promise<boolean> {
    const replaced = await this.run((db) => atomically(db.transaction('records', 'readwrite'), async (tx) => {
      const found = rowToStored(await tx.store.get(id));
      if (!found || found.record.secured !== expected) return null;
      const stored: StoredRecord = { ...found, record: { ...found.record, secured }, updatedAt: this.now().toISOString() };
      await tx.store.put(toRow(stored));
      await tx.done;
      return stored;
    }));
    if (replaced) this.changed((index) => index.upsert(replaced));
    return replaced !== null;
  }

  /** Every sound record, newest first (the index's order): export, backup, and folder sync's comparisons. */
  async all(): Promise<StoredRecord[]> {
    const index = await this.loadedIndex();
    return index.list({ limit: Number.MAX_SAFE_INTEGER }).records;
  }

  async topics(): Promise<Array<{ topic: string; count: number }>> {
    return (await this.loadedIndex()).topics();
  }

  async providers(): Promise<Array<{ name: string; count: number }>> {
    return (await this.loadedIndex()).providers();
  }
}
