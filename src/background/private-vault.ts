// Private data in the background: the key (made, imported, changed), encrypt and decrypt for the editor, private search.
//
// Clear text exists here only in memory, for the message being answered; the key is a non-extractable
// CryptoKey in the key database (key-store.ts). A key change writes the new key as `next`, re-encrypts
// each record in a transaction of its own (all or nothing per record), then makes `next` current: a crash
// anywhere leaves records that open with one of the two keys, and the change resumes where it stopped.
import {
  decryptSecured, encryptSecured, formatBackup, keyFromBackup, newKey, parseBackup, passphraseProblem,
  SECURED_MAX_CHARS, type DecryptResult, type PrivateData, type WebCrypto,
} from '../secure/index.js';
import type { KeyChangeProgress, PrivateStatus } from '../shared/messages.js';
import { fold, type PrivateMatch } from './library-index.js';
import type { KeyRow, KeyStore } from './key-store.js';
import type { LibraryStore } from './store/index.js';

export type Failure = { ok: false; message: string };

/** What the popup and library page hear when a record's private data cannot be shown. */
export type OpenResult = DecryptResult | { ok: false; reason: 'no-key'; message: string };

export class PrivateVault {
  private change: Promise<void> | null = null;
  private progress: KeyChangeProgress | null = null;
  /** Folded private text by `secured` value, for search: self-invalidating, since any edit makes a new value. */
  private readonly searchText = new Map<string, string>();

  constructor(
    private readonly keys: KeyStore,
    private readonly store: LibraryStore,
    private readonly crypto: WebCrypto = globalThis.crypto,
    private readonly now = () => new Date(),
  ) {}

  async status(): Promise<PrivateStatus> {
    const [current, next] = await Promise.all([this.keys.get('current'), this.keys.get('next')]);
    const change = next ? (this.progress ?? { done: 0, total: 0, locked: 0, running: this.change !== null }) : null;
    return { key: current?.kind ?? 'none', createdAt: current?.createdAt ?? null, change };
  }

  /** A first key, from the options page. Refused when one exists: replacing it is a key change. */
  async create(passphrase?: string): Promise<{ ok: true; backup: string } | Failure> {
    const problem = passphrase === undefined ? null : passphraseProblem(passphrase);
    if (problem) return { ok: false, message: problem };
    const made = await newKey(passphrase, this.crypto);
    if (!(await this.keys.putFirst(this.row(made.key, made.backupString, passphrase !== undefined)))) {
      return { ok: false, message: 'there is a key already: change it instead' };
    }
    return { ok: true, backup: made.backupString };
  }

  /** Imports a backup string: the key when there is none, else a key change to it. */
  async import(text: string, passphrase?: string): Promise<{ ok: true; changing: boolean } | Failure> {
    const parsed = parseBackup(text);
    if (!parsed.ok) return parsed;
    if (parsed.backup.kind === 'passphrase' && !passphrase) return { ok: false, message: 'this backup needs its passphrase' };
    const key = await keyFromBackup(parsed.backup, passphrase, this.crypto);
    const row = this.row(key, formatBackup(parsed.backup), parsed.backup.kind === 'passphrase');
    if (await this.keys.putFirst(row)) return { ok: true, changing: false };
    await this.startChange(row);
    return { ok: true, changing: true };
  }

  /** A new key, and every record re-encrypted to it; answers at once with the new backup string. */
  async changeKey(passphrase?: string): Promise<{ ok: true; backup: string } | Failure> {
    if (!(await this.keys.get('current'))) return this.create(passphrase);
    const problem = passphrase === undefined ? null : passphraseProblem(passphrase);
    if (problem) return { ok: false, message: problem };
    if (await this.keys.get('next')) return { ok: false, message: 'a key change is still running: let it finish first' };
    const made = await newKey(passphrase, this.crypto);
    await this.startChange(this.row(made.key, made.backupString, passphrase !== undefined));
    return { ok: true, backup: made.backupString };
  }

  /** Continues a key change a crash or a closed browser interrupted; nothing to do otherwise. */
  resume(): Promise<void> {
    this.change ??= this.reencrypt().finally(() => { this.change = null; });
    return this.change;
  }

  /** Encrypts for the editor; the first use makes a key, and answers its backup string that once. */
  async encrypt(data: PrivateData): Promise<{ ok: true; secured: string; newBackup?: string } | Failure> {
    let row = await this.writingKey();
    let newBackup: string | undefined;
    if (!row) {
      const made = await newKey(undefined, this.crypto);
      if (await this.keys.putFirst(this.row(made.key, made.backupString, false))) newBackup = made.backupString;
      row = await this.writingKey();
      if (!row) return { ok: false, message: 'no key could be stored for private data' };
    }
    const secured = await encryptSecured(data, row.key, this.crypto);
    if (secured.length > SECURED_MAX_CHARS) return { ok: false, message: 'the private note and selection are too long to keep' };
    return newBackup ? { ok: true, secured, newBackup } : { ok: true, secured };
  }

  async decrypt(secured: string): Promise<OpenResult> {
    const rows = await this.readingKeys();
    if (rows.length === 0) return { ok: false, reason: 'no-key', message: 'private data locked (no key on this device: import your key backup in the options)' };
    let result: DecryptResult | null = null;
    for (const row of rows) {
      result = await decryptSecured(secured, row.key, this.crypto);
      if (result.ok || result.reason === 'malformed') return result;
    }
    return result!;
  }

  /** Whether each value opens with a key of this browser; the clear text is dropped at once. */
  async opens(values: string[]): Promise<boolean[]> {
    const rows = await this.readingKeys();
    const out: boolean[] = [];
    for (const secured of values) {
      let open = false;
      for (const row of rows) if (!open) open = (await decryptSecured(secured, row.key, this.crypto)).ok;
      out.push(open);
    }
    return out;
  }

  /** Decrypts, in memory, every private note search has not seen yet, and answers a matcher over them. */
  async searchMatcher(): Promise<PrivateMatch> {
    const rows = await this.readingKeys();
    const values = rows.length ? await this.store.securedValues() : [];
    for (const { secured } of values) {
      if (this.searchText.has(secured)) continue;
      let text = '';
      for (const row of rows) {
        const opened = await decryptSecured(secured, row.key, this.crypto);
        if (opened.ok) {
          text = fold([opened.data.note ?? '', opened.data.selection ?? ''].join('\n'));
          break;
        }
      }
      this.searchText.set(secured, text);
    }
    const live = new Set(values.map((v) => v.secured));
    for (const secured of this.searchText.keys()) if (!live.has(secured)) this.searchText.delete(secured);
    return (stored) => (stored.record.secured === undefined ? undefined : this.searchText.get(stored.record.secured) || undefined);
  }

  private row(key: CryptoKey, backup: string, byPassphrase: boolean): KeyRow {
    const row: KeyRow = { slot: 'current', key, kind: byPassphrase ? 'passphrase' : 'key', createdAt: this.now().toISOString() };
    if (byPassphrase) row.passphraseBackup = backup;
    return row;
  }

  /** New writes use the new key as soon as a change starts: they need no re-encryption then. */
  private async writingKey(): Promise<KeyRow | null> {
    return (await this.keys.get('next')) ?? (await this.keys.get('current'));
  }

  private async readingKeys(): Promise<KeyRow[]> {
    const [current, next] = await Promise.all([this.keys.get('current'), this.keys.get('next')]);
    return [current, next].filter((row): row is KeyRow => row !== null);
  }

  private async startChange(row: KeyRow): Promise<void> {
    await this.keys.put({ ...row, slot: 'next' });
    void this.resume().catch((error: unknown) => console.error('Lede: key change stopped', error instanceof Error ? error.name : 'error'));
  }

  private async reencrypt(): Promise<void> {
    const next = await this.keys.get('next');
    if (!next) return;
    const current = await this.keys.get('current');
    const values = await this.store.securedValues();
    const progress: KeyChangeProgress = { done: 0, total: values.length, locked: 0, running: true };
    this.progress = progress;
    try {
      for (const { id, secured } of values) {
        // Already under the new key (done before a crash, or written since the change began): nothing to do.
        if (!(await decryptSecured(secured, next.key, this.crypto)).ok) {
          const opened = current ? await decryptSecured(secured, current.key, this.crypto) : null;
          if (opened?.ok) {
            const reencrypted = await encryptSecured(opened.data, next.key, this.crypto);
            // Only `secured` changes, and only while the row still holds the value read: an edit made meanwhile stays.
            await this.store.update(id, (row) => (row.record.secured === secured ? { record: { ...row.record, secured: reencrypted } } : null), 'key');
          } else {
            progress.locked++; // another key's data: kept exactly as it is
          }
        }
        progress.done++;
      }
      await this.keys.promoteNext();
      this.searchText.clear();
    } finally {
      progress.running = false;
    }
  }
}
