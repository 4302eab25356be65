// The private-data key in IndexedDB: its own database, apart from the library, so no export or backup of the library reads it.
//
// The key is a non-extractable CryptoKey: IndexedDB keeps it as an opaque object that no script can turn
// back into bytes. Rows: `current`, the key in use; `next`, a new key while a key change re-encrypts the
// library (a crash leaves it there, and the change resumes).
import type { DBSchema, IDBPDatabase } from 'idb';
import { LazyDatabase } from './lazy-db.js';

export const KEY_DB_NAME = 'lede-keys';

export type KeySlot = 'current' | 'next';

export interface KeyRow {
  slot: KeySlot;
  key: CryptoKey;
  kind: 'key' | 'passphrase';
  /** For a passphrase key, its backup string: salt and parameters, no secret. */
  passphraseBackup?: string;
  createdAt: string;
}

interface KeyDb extends DBSchema {
  keys: { key: KeySlot; value: KeyRow };
}

export class KeyStore {
  private readonly db: LazyDatabase<KeyDb>;

  constructor(private readonly name = KEY_DB_NAME) {
    this.db = new LazyDatabase<KeyDb>(name, 1, {
      upgrade(db) {
        db.createObjectStore('keys', { keyPath: 'slot' });
      },
    });
  }

  private open(): Promise<IDBPDatabase<KeyDb>> {
    return this.db.open();
  }

  async get(slot: KeySlot): Promise<KeyRow | null> {
    const row = await (await this.open()).get('keys', slot);
    return row && row.key instanceof CryptoKey ? row : null;
  }

  async put(row: KeyRow): Promise<void> {
    await (await this.open()).put('keys', row);
  }

  /** Puts `row` as the current key only when there is none yet; false when one is there. */
  async putFirst(row: KeyRow): Promise<boolean> {
    const tx = (await this.open()).transaction('keys', 'readwrite');
    if (await tx.store.get('current')) {
      await tx.done;
      return false;
    }
    await tx.store.put({ ...row, slot: 'current' });
    await tx.done;
    return true;
  }

  /** The end of a key change, in one transaction: `next` becomes `current`. */
  async promoteNext(): Promise<void> {
    const tx = (await this.open()).transaction('keys', 'readwrite');
    const next = await tx.store.get('next');
    if (next) {
      await tx.store.put({ ...next, slot: 'current' });
      await tx.store.delete('next');
    }
    await tx.done;
  }
}
