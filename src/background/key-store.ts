// The private-data key ring in IndexedDB: its own database, apart from the library, so no export or backup of the library reads it.
//
// Every key is a non-extractable CryptoKey: IndexedDB keeps it as an opaque object that no script can turn
// back into bytes. One row per key, by role: `current` writes and reads; `retired` keys only read (a key
// change never discards one); `next` is the new key while a change re-encrypts the library (a crash
// leaves it there, and the change resumes with it); `pending` is a first key made but not yet confirmed
// (its backup not yet kept), which encrypts nothing. Every change of roles is one transaction.
import type { DBSchema, IDBPDatabase } from 'idb';
import { LazyDatabase } from './lazy-db.js';

export const KEY_DB_NAME = 'lede-keys';
const KEY_DB_VERSION = 2;

export type KeyRole = 'current' | 'retired' | 'next' | 'pending';

export interface KeyRow {
  id: string;
  role: KeyRole;
  key: CryptoKey;
  kind: 'key' | 'passphrase';
  /** For a passphrase key, its backup string: salt and parameters, no secret. */
  passphraseBackup?: string;
  /** The key's check value (src/secure/keys.ts), base64url; '' for a key moved from version 1 until the vault fills it in. */
  check: string;
  createdAt: string;
  /** The person said they kept its backup; until then the options page reminds them. */
  backupConfirmed: boolean;
}

/** Version 1's row: one key per slot. */
interface LegacyRow {
  slot: 'current' | 'next';
  key: CryptoKey;
  kind: 'key' | 'passphrase';
  passphraseBackup?: string;
  createdAt: string;
}

interface KeyDb extends DBSchema {
  ring: { key: string; value: KeyRow };
  keys: { key: string; value: LegacyRow };
}

export type ChangeStart = { ok: true } | { ok: false; reason: 'changing' | 'no-key' };

export class KeyStore {
  private readonly db: LazyDatabase<KeyDb>;

  constructor(private readonly name = KEY_DB_NAME) {
    this.db = new LazyDatabase<KeyDb>(name, KEY_DB_VERSION, {
      upgrade(db, oldVersion, _newVersion, tx) {
        db.createObjectStore('ring', { keyPath: 'id' });
        if (oldVersion < 1) return;
        // 2: the single key (and an unfinished change's next key) move into the ring, in this same
        // transaction: a key is never in neither place. Their backups were never confirmed here.
        const legacy = tx.objectStore('keys');
        void legacy.getAll().then((rows) => {
          for (const row of rows) {
            const moved: KeyRow = {
              id: `v1-${row.slot}`, role: row.slot, key: row.key, kind: row.kind, check: '', createdAt: row.createdAt, backupConfirmed: false,
            };
            if (row.passphraseBackup) moved.passphraseBackup = row.passphraseBackup;
            void tx.objectStore('ring').put(moved);
          }
          db.deleteObjectStore('keys');
        });
      },
    });
  }

  private open(): Promise<IDBPDatabase<KeyDb>> {
    return this.db.open();
  }

  /** Every key, the current one first, then a change's new key, then the retired ones newest first. */
  async ring(): Promise<KeyRow[]> {
    const rows = (await (await this.open()).getAll('ring')).filter((row) => row.key instanceof CryptoKey);
    const order: Record<KeyRole, number> = { current: 0, next: 1, retired: 2, pending: 3 };
    return rows.sort((a, b) => order[a.role] - order[b.role] || b.createdAt.localeCompare(a.createdAt));
  }

  async byRole(role: KeyRole): Promise<KeyRow | null> {
    return (await this.ring()).find((row) => row.role === role) ?? null;
  }

  async get(id: string): Promise<KeyRow | null> {
    const row = await (await this.open()).get('ring', id);
    return row && row.key instanceof CryptoKey ? row : null;
  }

  /** Sets fields that are not roles (the check value, backup confirmed). */
  async amend(id: string, patch: Partial<Pick<KeyRow, 'check' | 'backupConfirmed'>>): Promise<void> {
    const tx = (await this.open()).transaction('ring', 'readwrite');
    const row = await tx.store.get(id);
    if (row) await tx.store.put({ ...row, ...patch });
    await tx.done;
  }

  /** A first key made and waiting for its backup to be confirmed: replaces an earlier unconfirmed one. */
  async putPending(row: KeyRow): Promise<void> {
    const tx = (await this.open()).transaction('ring', 'readwrite');
    for (const other of await tx.store.getAll()) if (other.role === 'pending') await tx.store.delete(other.id);
    await tx.store.put({ ...row, role: 'pending' });
    await tx.done;
  }

  /** Makes `row` the current key only when there is none yet (nor a change); false otherwise. Drops any pending key. */
  async putFirst(row: KeyRow): Promise<boolean> {
    const tx = (await this.open()).transaction('ring', 'readwrite');
    const rows = await tx.store.getAll();
    if (rows.some((other) => other.role === 'current' || other.role === 'next')) {
      await tx.done;
      return false;
    }
    for (const other of rows) if (other.role === 'pending') await tx.store.delete(other.id);
    await tx.store.put({ ...row, role: 'current' });
    await tx.done;
    return true;
  }

  /**
   * Starts a change to `row` (new, or a retired key of the ring by id), in one transaction: refused while
   * another change is unfinished, so two changes never race for the ring.
   */
  async beginChange(row: KeyRow): Promise<ChangeStart> {
    const tx = (await this.open()).transaction('ring', 'readwrite');
    const rows = await tx.store.getAll();
    let answer: ChangeStart = { ok: true };
    if (rows.some((other) => other.role === 'next')) answer = { ok: false, reason: 'changing' };
    else if (!rows.some((other) => other.role === 'current')) answer = { ok: false, reason: 'no-key' };
    else await tx.store.put({ ...row, role: 'next' });
    await tx.done;
    return answer;
  }

  /**
   * The end of a change, in one transaction: the key its loop used (`id`) becomes current and the
   * current one retires. Nothing happens when `id` is no longer the change's key.
   */
  async promote(id: string): Promise<boolean> {
    const tx = (await this.open()).transaction('ring', 'readwrite');
    const rows = await tx.store.getAll();
    const next = rows.find((row) => row.role === 'next');
    if (!next || next.id !== id) {
      await tx.done;
      return false;
    }
    for (const row of rows) if (row.role === 'current') await tx.store.put({ ...row, role: 'retired' });
    await tx.store.put({ ...next, role: 'current' });
    await tx.done;
    return true;
  }

  /** Removes a retired key (the vault has checked nothing needs it); false for any other role. */
  async removeRetired(id: string): Promise<boolean> {
    const tx = (await this.open()).transaction('ring', 'readwrite');
    const row = await tx.store.get(id);
    const removable = row?.role === 'retired';
    if (removable) await tx.store.delete(id);
    await tx.done;
    return removable;
  }
}
