// What the key ring does over the whole library: a key change's re-encryption loop, counting the records
// each key opens, and the checks before a retired key may go. The vault (private-vault.ts) owns the keys.
//
// Every write goes through the store's one write path, changing only `secured` and only while the row still
// holds the value read (all or nothing per record, never over an edit made meanwhile). No step ever deletes a key except `removeRetired`, after every check here.
import { decryptSecured, encryptSecured, type DecryptResult, type WebCrypto } from '../secure/index.js';
import type { KeyChangeProgress } from '../shared/messages.js';
import type { KeyRow, KeyStore } from './key-store.js';
import type { LibraryStore } from './store/index.js';

/** What else may hold a `secured` value the library does not: the popup drafts, and folder sync's waiting work. */
export interface KeyNeeds {
  /** The `secured` values of every draft kept for an open tab. */
  draftValues(): Promise<string[]>;
  /** Jobs waiting in sync's queue, and conflicts waiting for the person (the folder's side may hold old values). */
  syncWaiting(): Promise<{ pending: number; conflicts: number }>;
}

export const NO_NEEDS: KeyNeeds = { draftValues: async () => [], syncWaiting: async () => ({ pending: 0, conflicts: 0 }) };

/** Replaces a record's `secured` value only while it still is `expected`; false when the record changed meanwhile. */
async function replaceSecured(store: LibraryStore, id: string, expected: string, secured: string): Promise<boolean> {
  const result = await store.update(id, (row) => (row.record.secured === expected ? { record: { ...row.record, secured } } : null), 'key');
  return result.ok && result.written;
}

/** Opens `secured` with the first key of `rows` that opens it: the key's id, or why none does. */
export async function openWith(secured: string, rows: KeyRow[], crypto: WebCrypto): Promise<{ id: string | null; result: DecryptResult }> {
  let result: DecryptResult = { ok: false, reason: 'locked', message: 'the private data does not open with this key (another key, or the value was altered)' };
  for (const row of rows) {
    result = await decryptSecured(secured, row.key, crypto);
    if (result.ok) return { id: row.id, result };
    if (result.reason === 'malformed') return { id: null, result };
  }
  return { id: null, result };
}

/**
 * Re-encrypts every record that a key of the ring opens to `next`, then promotes `next` — only `next`,
 * the key this loop used, even if the ring changed meanwhile. A record already under `next` (done before
 * a crash, or written since the change began) is left alone; one under no key is kept byte for byte.
 */
export async function reencryptTo(next: KeyRow, ring: KeyRow[], store: LibraryStore, keys: KeyStore, progress: KeyChangeProgress, crypto: WebCrypto): Promise<void> {
  const others = ring.filter((row) => row.id !== next.id && row.role !== 'pending');
  const values = await store.securedValues();
  progress.total = values.length;
  for (const { id, secured } of values) {
    if (!(await decryptSecured(secured, next.key, crypto)).ok) {
      const opened = await openWith(secured, others, crypto);
      if (opened.result.ok) {
        // False when the record changed meanwhile: its new value was written under `next`, or an old
        // copy's was, which the ring still opens and the next save re-encrypts.
        await replaceSecured(store, id, secured, await encryptSecured(opened.result.data, next.key, crypto));
      } else {
        progress.locked++;
      }
    }
    progress.done++;
  }
  await keys.promote(next.id);
}

export type Removal = { ok: true } | { ok: false; message: string };

/**
 * Removes a retired key when nothing still needs it: library records it alone opens are first
 * re-encrypted to the current key; then rows failing today's checks, drafts and sync's waiting work are
 * checked. Any doubt keeps the key.
 */
export async function removeRetired(id: string, keys: KeyStore, store: LibraryStore, needs: KeyNeeds, crypto: WebCrypto): Promise<Removal> {
  const fail = (message: string): Removal => ({ ok: false, message });
  const ring = await keys.ring();
  const row = ring.find((r) => r.id === id);
  if (!row) return fail('that key is not in this browser\'s ring');
  if (row.role !== 'retired') return fail('only a retired key can be removed: this one is in use');
  if (ring.some((r) => r.role === 'next')) return fail('a key change is running: remove old keys once it has finished');
  const current = ring.find((r) => r.role === 'current');
  if (!current) return fail('there is no current key to move its records to');
  for (const { id: recordId, secured } of await store.securedValues()) {
    const opened = await decryptSecured(secured, row.key, crypto);
    if (!opened.ok) continue;
    const moved = await replaceSecured(store, recordId, secured, await encryptSecured(opened.data, current.key, crypto));
    if (!moved) return fail('a record changed while its note was moved to the current key: try again; the key was kept');
  }
  // securedValues() loaded the index, so this count is known now.
  if (store.skipped > 0) {
    return fail(`${store.skipped} library rows fail today's checks and are not listed; they may hold notes only this key opens, so it was kept`);
  }
  for (const secured of await needs.draftValues()) {
    if ((await decryptSecured(secured, row.key, crypto)).ok) {
      return fail('an unsaved popup draft holds a note under this key: save or discard it first; the key was kept');
    }
  }
  const sync = await needs.syncWaiting();
  if (sync.pending > 0) return fail(`folder sync has ${sync.pending} jobs waiting: let it finish first; the key was kept`);
  if (sync.conflicts > 0) {
    return fail(`folder sync has ${sync.conflicts} conflicts waiting for your choice (the folder's version may need this key): resolve them first; the key was kept`);
  }
  return (await keys.removeRetired(id)) ? { ok: true } : fail('that key is no longer retired; it was kept');
}
