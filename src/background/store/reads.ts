// Reading the library: rows by key or address, and the in-memory index behind listing, search and topics.
import type { IDBPDatabase } from 'idb';
import { normaliseUrl } from '../../record/url.js';
import type { ListQuery, ListResult, StoredRecord } from '../../shared/messages.js';
import type { LazyDatabase } from '../lazy-db.js';
import { LIST_LIMIT_DEFAULT, LibraryIndex, searchEntryOf, type PrivateMatch, type SearchEntry } from '../library-index.js';
import type { LedeDb } from './database.js';
import { asStoreError } from './errors.js';
import { rowToStored, type Row } from './rows.js';

/** Rows read per slice while loading the index. */
const LOAD_SLICE = 500;
/** Search entries read per slice (each a few hundred bytes). */
const SEARCH_SLICE = 5_000;
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
   * Loads the index once per background lifetime; later changes keep it current. It reads the search entries
   * the writer keeps beside each row (a fraction of the rows' bytes, no record checked), not every record.
   * When they do not match the rows (a library from before they were kept, rows changed behind the store's
   * back), they are built again from every row, in one transaction that holds writes off meanwhile.
   */
  private async loadedIndex(): Promise<LibraryIndex> {
    if (this.index) return this.index;
    this.indexLoading ??= this.run(async (db) => {
      const counts = db.transaction(['records', 'search']);
      const [rows, entries] = await Promise.all([counts.objectStore('records').count(), counts.objectStore('search').count()]);
      const { all, skipped } = rows === entries ? { all: await this.searchEntries(db), skipped: 0 } : await this.rebuildSearch(db);
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

  /** The kept search entries, read in slices. */
  private async searchEntries(db: IDBPDatabase<LedeDb>): Promise<SearchEntry[]> {
    const all: SearchEntry[] = [];
    let after: string | null = null;
    for (;;) {
      const range: IDBKeyRange | undefined = after === null ? undefined : IDBKeyRange.lowerBound(after, true);
      const slice: SearchEntry[] = await db.getAll('search', range, SEARCH_SLICE);
      all.push(...slice);
      if (slice.length < SEARCH_SLICE) return all;
      after = slice[slice.length - 1]!.id;
    }
  }

  /** Every sound row's search entry made again from the row, in one transaction over both stores. */
  private async rebuildSearch(db: IDBPDatabase<LedeDb>): Promise<{ all: StoredRecord[]; skipped: number }> {
    const tx = db.transaction(['records', 'search'], 'readwrite');
    const search = tx.objectStore('search');
    const all: StoredRecord[] = [];
    let skipped = 0;
    let after: string | null = null;
    await search.clear();
    for (;;) {
      const range: IDBKeyRange | undefined = after === null ? undefined : IDBKeyRange.lowerBound(after, true);
      const rows: Row[] = await tx.objectStore('records').getAll(range, LOAD_SLICE);
      for (const raw of rows) {
        const stored = rowToStored(raw);
        if (!stored) {
          skipped++;
          continue;
        }
        all.push(stored);
        void search.put(searchEntryOf(stored));
      }
      if (rows.length < LOAD_SLICE) break;
      after = rows[rows.length - 1]!.id;
    }
    await tx.done;
    return { all, skipped };
  }

  /**
   * The rows of `ids` in that order: the index's copy when it has one, else read in one transaction. A row that
   * fails its checks now is left out of the index (and counted hidden): null in its place.
   */
  private async rowsOf(index: LibraryIndex, ids: string[]): Promise<Array<StoredRecord | null>> {
    const missing = ids.filter((id) => !index.stored(id));
    if (missing.length) {
      const read = await this.run(async (db) => {
        const tx = db.transaction('records');
        const out = await Promise.all(missing.map(async (id) => {
          const raw: unknown = await tx.store.get(id);
          return { id, raw, stored: rowToStored(raw) };
        }));
        await tx.done;
        return out;
      });
      for (const { id, raw, stored } of read) {
        if (stored) index.keep(stored);
        else if (index.stored(id) === undefined) this.dropped(index, id, raw !== undefined);
      }
    }
    return ids.map((id) => index.stored(id) ?? null);
  }

  /** A listed row that is gone (deleted meanwhile: its own change removes it too) or now fails its checks (hidden). */
  private dropped(index: LibraryIndex, id: string, unsound: boolean): void {
    index.remove(id);
    if (unsound) this.skipped++;
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
    const index = await this.loadedIndex();
    let match: ((id: string) => string | undefined) | undefined;
    if (alsoMatches) {
      const secured = index.securedIds();
      const rows = new Map((await this.rowsOf(index, secured)).flatMap((stored) => (stored ? [[stored.id, stored] as const] : [])));
      match = (id) => { const stored = rows.get(id); return stored ? alsoMatches(stored) : undefined; };
    }
    // A row found failing its checks as the page is read leaves the index: the page is asked again without it.
    for (;;) {
      const { ids, total } = index.listIds(query, match);
      const records = await this.rowsOf(index, ids);
      if (records.every(Boolean)) {
        const result: ListResult = { records: records as StoredRecord[], total };
        return this.skipped ? { ...result, hidden: this.skipped } : result;
      }
    }
  }

  /** The records that hold private data, with their `secured` values: for a key change and private search. */
  async securedValues(): Promise<Array<{ id: string; secured: string }>> {
    const index = await this.loadedIndex();
    return (await this.rowsOf(index, index.securedIds())).flatMap((stored) =>
      (stored?.record.secured === undefined ? [] : [{ id: stored.id, secured: stored.record.secured }]));
  }

  /**
   * Every sound record, newest first (the index's order): export, backup, and folder sync's comparisons. Read
   * from the database once per background lifetime, then kept with the index (as the index once kept them all).
   */
  async all(): Promise<StoredRecord[]> {
    const index = await this.loadedIndex();
    const ids = index.ids();
    if (ids.some((id) => !index.stored(id))) {
      const read = await this.run(async (db) => {
        const out: StoredRecord[] = [];
        const unsound = new Set<string>();
        let after: string | null = null;
        for (;;) {
          const range: IDBKeyRange | undefined = after === null ? undefined : IDBKeyRange.lowerBound(after, true);
          const rows: Row[] = await db.getAll('records', range, LOAD_SLICE);
          for (const raw of rows) {
            const stored = rowToStored(raw);
            if (stored) out.push(stored);
            else unsound.add(raw.id);
          }
          if (rows.length < LOAD_SLICE) return { out, unsound };
          after = rows[rows.length - 1]!.id;
        }
      });
      // Changes committed meanwhile are in the index already, with their rows: `keep` leaves those.
      for (const stored of read.out) index.keep(stored);
      for (const id of ids) if (!index.stored(id)) this.dropped(index, id, read.unsound.has(id));
    }
    return index.ids().map((id) => index.stored(id)!);
  }

  async topics(): Promise<Array<{ topic: string; count: number }>> {
    return (await this.loadedIndex()).topics();
  }

  async providers(): Promise<Array<{ name: string; count: number }>> {
    return (await this.loadedIndex()).providers();
  }
}
