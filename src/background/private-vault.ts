// Private data in the background: the key ring (made, imported, changed, pruned), encrypt and decrypt for the editors, private search.
//
// Clear text exists here only in memory, for the message being answered; every key is a non-extractable
// CryptoKey in the key database (key-store.ts). A key change adds a key and retires the old one, which
// stays to read older copies (a draft, an undo, a backup, the folder's version); key-ring.ts re-encrypts
// the library to the new key. Nothing here deletes a key but `removeKey`, after its checks.
import {
  encryptSecured, formatBackup, keyCheckText, newKey, openBackup, parseBackup, passphraseProblem,
  SECURED_MAX_CHARS, type PrivateData, type WebCrypto,
} from '../secure/index.js';
import type { KeyChangeProgress, KeyInfo, KeyList, MadeKey, PrivateOpened, PrivateStatus } from '../shared/messages.js';
import { fold, type PrivateMatch } from './library-index.js';
import { NO_NEEDS, openWith, reencryptTo, removeRetired, type KeyNeeds } from './key-ring.js';
import type { KeyRow, KeyStore } from './key-store.js';
import type { LibraryStore } from './store/index.js';

export type Failure = { ok: false; message: string };

/** What the popup and library page hear when a record's private data cannot be shown. */
export type OpenResult = PrivateOpened;

const CHANGING = 'a key change is running: a key import or another change waits until it has finished (nothing was changed)';

export class PrivateVault {
  private change: Promise<void> | null = null;
  private progress: KeyChangeProgress | null = null;
  /** Folded private text by `secured` value, for search: self-invalidating, since any edit makes a new value. */
  private readonly searchText = new Map<string, string>();
  private checksFilled = false;
  /** Drafts and sync, checked before a retired key goes; the background sets them once both exist. */
  needs: KeyNeeds = NO_NEEDS;

  constructor(
    private readonly keys: KeyStore,
    private readonly store: LibraryStore,
    private readonly crypto: WebCrypto = globalThis.crypto,
    private readonly now = () => new Date(),
  ) {}

  async status(): Promise<PrivateStatus> {
    const ring = await this.ring();
    const current = ring.find((row) => row.role === 'current') ?? null;
    const next = ring.find((row) => row.role === 'next');
    const change = next ? (this.progress ?? { done: 0, total: 0, locked: 0, running: this.change !== null }) : null;
    return {
      key: current?.kind ?? 'none', createdAt: current?.createdAt ?? null, change,
      reminder: current !== null && !current.backupConfirmed, keys: ring.filter(listed).map(info),
    };
  }

  /** The ring with how many library records each key opens (each value decrypted in memory, the clear text dropped). */
  async list(): Promise<KeyList> {
    const ring = (await this.ring()).filter(listed);
    const counts = new Map<string, number>();
    let unopened = 0;
    for (const { secured } of await this.store.securedValues()) {
      const { id } = await openWith(secured, ring, this.crypto);
      if (id) counts.set(id, (counts.get(id) ?? 0) + 1);
      else unopened++;
    }
    return { keys: ring.map((row) => ({ ...info(row), records: counts.get(row.id) ?? 0 })), unopened, hidden: this.store.skipped };
  }

  /**
   * A first key, pending: it encrypts nothing until `confirm` hears its backup was kept (or "remind me later").
   * Refused when there is a key: replacing it is a key change.
   */
  async create(passphrase?: string): Promise<MadeKey | Failure> {
    const problem = passphrase === undefined ? null : passphraseProblem(passphrase);
    if (problem) return { ok: false, message: problem };
    if ((await this.ring()).some((row) => row.role === 'current' || row.role === 'next')) {
      return { ok: false, message: 'there is a key already: change it instead' };
    }
    const made = await newKey(passphrase, this.crypto);
    const row = this.row(made.key, made.backupString, made.check, passphrase !== undefined, false);
    await this.keys.putPending(row);
    return { ok: true, backup: made.backupString, id: row.id };
  }

  /** The person kept the backup of key `id` (`kept`), or asked to be reminded: a pending first key becomes the key. */
  async confirm(id: string, kept: boolean): Promise<{ ok: true } | Failure> {
    const row = await this.keys.get(id);
    if (!row) return { ok: false, message: 'that key is no longer waiting: make a new one' };
    if (row.role !== 'pending') {
      if (kept) await this.keys.amend(id, { backupConfirmed: true });
      return { ok: true };
    }
    if (!(await this.keys.putFirst({ ...row, backupConfirmed: kept }))) {
      return { ok: false, message: 'a key was made meanwhile (in another Lede window): that one is in use, this one was not kept' };
    }
    return { ok: true };
  }

  /** Imports a backup string: the key when there is none, else a key change to it. Checked before anything changes. */
  async import(text: string, passphrase?: string): Promise<{ ok: true; changing: boolean } | Failure> {
    const parsed = parseBackup(text);
    if (!parsed.ok) return parsed;
    const opened = await openBackup(parsed.backup, passphrase, this.crypto);
    if (!opened.ok) return opened;
    const ring = await this.ring();
    if (ring.some((row) => row.role === 'next')) return { ok: false, message: CHANGING };
    const known = ring.find((row) => row.check === opened.check && row.role !== 'pending');
    if (known?.role === 'current') {
      await this.keys.amend(known.id, { backupConfirmed: true });
      return { ok: true, changing: false };
    }
    const row = known ?? this.row(opened.key, formatBackup(opened.backup), opened.check, parsed.backup.kind === 'passphrase', true);
    if (await this.keys.putFirst(row)) return { ok: true, changing: false };
    return this.startChange({ ...row, backupConfirmed: true }).then((started) => (started.ok ? { ok: true, changing: true } : started));
  }

  /** A new key, and every record re-encrypted to it; answers at once with the new backup string. */
  async changeKey(passphrase?: string): Promise<MadeKey | Failure> {
    const problem = passphrase === undefined ? null : passphraseProblem(passphrase);
    if (problem) return { ok: false, message: problem };
    const ring = await this.ring();
    if (!ring.some((row) => row.role === 'current')) return { ok: false, message: 'there is no key yet: create one first' };
    if (ring.some((row) => row.role === 'next')) return { ok: false, message: CHANGING };
    const made = await newKey(passphrase, this.crypto);
    const row = this.row(made.key, made.backupString, made.check, passphrase !== undefined, false);
    const started = await this.startChange(row);
    return started.ok ? { ok: true, backup: made.backupString, id: row.id } : started;
  }

  /** Continues a key change a crash or a closed browser interrupted, with its own key; nothing to do otherwise. */
  resume(): Promise<void> {
    this.change ??= this.reencrypt().finally(() => { this.change = null; });
    return this.change;
  }

  /** Removes a retired key once nothing needs it (key-ring.ts says what is checked). */
  async removeKey(id: string): Promise<{ ok: true } | Failure> {
    if (this.change) return { ok: false, message: 'a key change is running: remove old keys once it has finished' };
    const removed = await removeRetired(id, this.keys, this.store, this.needs, this.crypto);
    if (removed.ok) this.searchText.clear();
    return removed;
  }

  /** A passphrase key's backup string again: the passphrase re-derives the key, and its check value must match the ring's. */
  async rederive(passphrase: string): Promise<MadeKey | Failure> {
    for (const row of await this.ring()) {
      if (row.kind !== 'passphrase' || !row.passphraseBackup || !listed(row)) continue;
      const parsed = parseBackup(row.passphraseBackup);
      if (!parsed.ok) continue;
      const opened = await openBackup(parsed.backup, passphrase, this.crypto);
      if (opened.ok && opened.check === row.check) return { ok: true, backup: formatBackup(opened.backup), id: row.id };
    }
    return { ok: false, message: 'that passphrase does not make any key of this browser; nothing was shown' };
  }

  /** Encrypts for the editor with the key new writes use; without a key, says so (the popup then asks for one). */
  async encrypt(data: PrivateData): Promise<{ ok: true; secured: string } | Failure & { needsKey?: true }> {
    const row = await this.writingKey();
    if (!row) return { ok: false, needsKey: true, message: 'private notes need a key first' };
    const secured = await encryptSecured(data, row.key, this.crypto);
    if (secured.length > SECURED_MAX_CHARS) return { ok: false, message: 'the private note and selection are too long to keep' };
    return { ok: true, secured };
  }

  /** Opens with the current key, then a change's new one, then the retired ones (GCM's tag tells a wrong key at once). */
  async decrypt(secured: string): Promise<OpenResult> {
    const rows = (await this.ring()).filter(listed);
    if (rows.length === 0) return { ok: false, reason: 'no-key', message: 'private data locked (no key on this device: import your key backup in the options)' };
    return (await openWith(secured, rows, this.crypto)).result;
  }

  /** Whether each value opens with a key of this browser; the clear text is dropped at once. */
  async opens(values: string[]): Promise<boolean[]> {
    const rows = (await this.ring()).filter(listed);
    const out: boolean[] = [];
    for (const secured of values) out.push((await openWith(secured, rows, this.crypto)).result.ok);
    return out;
  }

  /**
   * The `secured` value a record about to be saved or restored should carry: one only a retired key opens is
   * re-encrypted with the key new writes use, so an old copy saved after a change joins the new key. Any
   * other value (current key, another key's, malformed) is answered as it is.
   */
  async renewed(secured: string | undefined): Promise<string | undefined> {
    if (secured === undefined) return secured;
    const writing = await this.writingKey();
    if (!writing) return secured;
    const opened = await openWith(secured, (await this.ring()).filter(listed), this.crypto);
    if (!opened.result.ok || opened.id === writing.id) return secured;
    return encryptSecured(opened.result.data, writing.key, this.crypto);
  }

  /** Decrypts, in memory, every private note search has not seen yet, and answers a matcher over them. */
  async searchMatcher(): Promise<PrivateMatch> {
    const rows = (await this.ring()).filter(listed);
    const values = rows.length ? await this.store.securedValues() : [];
    for (const { secured } of values) {
      if (this.searchText.has(secured)) continue;
      const opened = (await openWith(secured, rows, this.crypto)).result;
      this.searchText.set(secured, opened.ok ? fold([opened.data.note ?? '', opened.data.selection ?? ''].join('\n')) : '');
    }
    const live = new Set(values.map((v) => v.secured));
    for (const secured of this.searchText.keys()) if (!live.has(secured)) this.searchText.delete(secured);
    return (stored) => (stored.record.secured === undefined ? undefined : this.searchText.get(stored.record.secured) || undefined);
  }

  private row(key: CryptoKey, backup: string, check: string, byPassphrase: boolean, backupConfirmed: boolean): KeyRow {
    const row: KeyRow = {
      id: `${this.now().toISOString()}-${check}`, role: 'current', key, kind: byPassphrase ? 'passphrase' : 'key', check,
      createdAt: this.now().toISOString(), backupConfirmed,
    };
    if (byPassphrase) row.passphraseBackup = backup;
    return row;
  }

  /** The ring; keys moved from version 1 get their check value the first time. */
  private async ring(): Promise<KeyRow[]> {
    const ring = await this.keys.ring();
    if (!this.checksFilled) {
      for (const row of ring) {
        if (row.check) continue;
        row.check = await keyCheckText(row.key, this.crypto);
        await this.keys.amend(row.id, { check: row.check });
      }
      this.checksFilled = true;
    }
    return ring;
  }

  /** New writes use a change's new key as soon as it starts: they need no re-encryption then. */
  private async writingKey(): Promise<KeyRow | null> {
    const ring = await this.ring();
    return ring.find((row) => row.role === 'next') ?? ring.find((row) => row.role === 'current') ?? null;
  }

  private async startChange(row: KeyRow): Promise<{ ok: true } | Failure> {
    const started = await this.keys.beginChange(row);
    if (!started.ok) return { ok: false, message: started.reason === 'changing' ? CHANGING : 'there is no key yet: create one first' };
    void this.resume().catch((error: unknown) => console.error('Lede: key change stopped', error instanceof Error ? error.name : 'error'));
    return { ok: true };
  }

  private async reencrypt(): Promise<void> {
    const ring = await this.ring();
    const next = ring.find((row) => row.role === 'next');
    if (!next) return;
    const progress: KeyChangeProgress = { done: 0, total: 0, locked: 0, running: true };
    this.progress = progress;
    try {
      await reencryptTo(next, ring, this.store, this.keys, progress, this.crypto);
      this.searchText.clear();
    } finally {
      progress.running = false;
    }
  }
}

/** Keys that read: every key but a first key still waiting for its backup to be confirmed. */
function listed(row: KeyRow): row is KeyRow & { role: KeyInfo['role'] } {
  return row.role !== 'pending';
}

function info(row: KeyRow & { role: KeyInfo['role'] }): KeyInfo {
  return { id: row.id, role: row.role, kind: row.kind, createdAt: row.createdAt, backupConfirmed: row.backupConfirmed };
}
