// Reading the library: rows by key or address, and the in-memory index behind listing, search and topics.
import type { IDBPDatabase } from 'idb';
import { normaliseUrl } from '../../record/url.js';
import type { ListQuery, ListResult, StoredRecord } from '../../shared/messages.js';
import type { LazyDatabase } from '../lazy-db.js';
import { LIST_LIMIT_DEFAULT, LibraryIndex, type PrivateMatch } from '../library-index.js';
import type { LedeDb } from './database.js';
import { asStoreError } from './errors.js';
import { rowToStored, type Row } from './rows.js';

/** Rows read per slice while loading the index. */
const LOAD_SLICE = 500;
/** How far into a plain listing the database answers directly while the index is still loading. */
const FIRST_PAGES = 200;

export class LibraryReads {
  private index: LibraryIndex | null = null;
  private indexLoading: Promise<LibraryIndex> | null = null;
  /** Changes made while the index loads, replayed on top of it (each is idempotent). */
  private pending: Array<(index: LibraryIndex) => void> = [];
  /** Rows skipped on the last load because they failed their checks. */
  skipped = 0;

  constructor(protected readonly db: LazyDatabase<LedeDb>) {}

  close(): void {
    this.db.close();
  }

  protected async run<T>(work: (db: IDBPDatabase<LedeDb>) => Promise<T>): Promise<T> {
    try {
      return await work(await this.db.open());
    } catch (error) {
      throw asStoreError(error);
    }
  }

  /** Keeps the index (once loaded, or while it loads) in step with a committed change. */
  protected changed(apply: (index: LibraryIndex) => void): void {
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
