// The library's IndexedDB database `lede`: its stores and indexes, each version's upgrade, one lazy opener.
import type { DBSchema } from 'idb';
import type { SearchEntry } from '../library-index.js';
import { LazyDatabase } from '../lazy-db.js';
import { asStoreError, StoreError } from './errors.js';
import type { Row } from './rows.js';

export const LIBRARY_DB_NAME = 'lede';

/** Version of the database layout (stores and indexes); `upgrade` below builds each step. */
export const DB_VERSION = 4;

export interface LedeDb extends DBSchema {
  records: { key: string; value: Row; indexes: { webKey: string; savedAt: string } };
  /**
   * The last revision of each deleted record: a record saved again under that address goes on from
   * it, so an editor holding the old record's revision never matches the new one.
   */
  gone: { key: string; value: { id: string; revision: number } };
  /**
   * What listing and search need of each sound row, written in the row's own transaction (the writer), so a
   * woken worker reads these instead of every record. Built from the rows when it does not match them.
   */
  search: { key: string; value: SearchEntry };
}

export function libraryDatabase(name = LIBRARY_DB_NAME): LazyDatabase<LedeDb> {
  return new LazyDatabase<LedeDb>(name, DB_VERSION, {
    upgrade(db, oldVersion, _newVersion, transaction) {
      if (oldVersion < 1) {
        const records = db.createObjectStore('records', { keyPath: 'id' });
        records.createIndex('webKey', 'webKey');
      }
      // 2: newest first straight from the database, for the library's first page before the index loads.
      if (oldVersion < 2) transaction.objectStore('records').createIndex('savedAt', 'savedAt');
      // 3: revisions outlive a delete.
      if (oldVersion < 3) db.createObjectStore('gone', { keyPath: 'id' });
      // 4: the search entries (empty here: the first listing builds them from the rows).
      if (oldVersion < 4) db.createObjectStore('search', { keyPath: 'id' });
    },
    blocked: () => new StoreError('blocked', 'another copy of the library is open in an older version'),
    failure: asStoreError,
  });
}
