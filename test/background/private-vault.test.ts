// The background's private data: a key made on first use, imported, changed (resumably), search, and no key in any output.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHandlers } from '../../src/background/handlers.js';
import { KeyStore } from '../../src/background/key-store.js';
import { PrivateVault } from '../../src/background/private-vault.js';
import { parseRecord, serializeRecord } from '../../src/record/index.js';
import { decryptSecured, encryptSecured, fromBackupForTest, newKey } from './private-helpers.js';
import { freshKeyStore, freshStore, makeDeps, sampleRecord, saveNow } from './fakes.js';
import { sharedDir, sharedOrSkipNote } from '../shared.js';

const sender = {};

function vaultPair() {
  const store = freshStore();
  const keys = freshKeyStore();
  return { store, keys, vault: new PrivateVault(keys, store) };
}

function record(n: number, secured?: string) {
  return sampleRecord({ title: `Record ${n}`, originalUrl: `https://example.com/${n}`, webUrl: `https://example.com/${n}`, ...(secured ? { secured } : {}) });
}

afterEach(() => vi.restoreAllMocks());

describe('PrivateVault', () => {
  it('makes a key on first use, says its backup string once, and the CLI\'s functions read what it wrote', async () => {
    const { vault } = vaultPair();
    expect((await vault.status()).key).toBe('none');
    const first = await vault.encrypt({ note: 'first note', selection: 'picked' });
    if (!first.ok) throw new Error(first.message);
    expect(first.newBackup).toMatch(/^lede-key:1:key:/);
    const second = await vault.encrypt({ note: 'second' });
    expect(second).toMatchObject({ ok: true });
    expect('newBackup' in second).toBe(false);
    expect(await vault.decrypt(first.secured)).toEqual({ ok: true, data: { note: 'first note', selection: 'picked' } });
    const key = await fromBackupForTest(first.newBackup!);
    expect(await decryptSecured(first.secured, key)).toEqual({ ok: true, data: { note: 'first note', selection: 'picked' } });
    // And the other way: written by the library function, opened by the vault.
    expect(await vault.decrypt(await encryptSecured({ note: 'from the CLI' }, key))).toEqual({ ok: true, data: { note: 'from the CLI' } });
  });

  it('says "no key" without one, and locked for another key\'s data, keeping it untouched', async () => {
    const { vault } = vaultPair();
    const foreign = await encryptSecured({ note: 'x' }, (await newKey()).key);
    expect(await vault.decrypt(foreign)).toMatchObject({ ok: false, reason: 'no-key' });
    await vault.create();
    expect(await vault.decrypt(foreign)).toMatchObject({ ok: false, reason: 'locked' });
    expect(await vault.decrypt('abc')).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('opens() says which values this browser can read, answering no clear text', async () => {
    const { vault } = vaultPair();
    const mine = await vault.encrypt({ note: 'mine' });
    if (!mine.ok) throw new Error(mine.message);
    const theirs = await encryptSecured({ note: 'theirs' }, (await newKey()).key);
    expect(await vault.opens([mine.secured, theirs, 'junk'])).toEqual([true, false, false]);
  });

  it('create refuses a second key; import reads a key backup and a passphrase backup', async () => {
    const { vault } = vaultPair();
    const made = await vault.create();
    if (!made.ok) throw new Error(made.message);
    expect(await vault.create()).toEqual({ ok: false, message: 'there is a key already: change it instead' });

    const other = vaultPair().vault;
    expect(await other.import('lede-key:7:key:x')).toMatchObject({ ok: false, message: /version 7/ });
    expect(await other.import(made.backup)).toEqual({ ok: true, changing: false });
    const sealed = await vault.encrypt({ note: 'across devices' });
    if (!sealed.ok) throw new Error(sealed.message);
    expect(await other.decrypt(sealed.secured)).toEqual({ ok: true, data: { note: 'across devices' } });

    const phrase = vaultPair().vault;
    const byPassphrase = await phrase.create('a long passphrase');
    if (!byPassphrase.ok) throw new Error(byPassphrase.message);
    expect(byPassphrase.backup).toMatch(/^lede-key:1:pbkdf2-sha256:600000:/);
    const third = vaultPair().vault;
    expect(await third.import(byPassphrase.backup)).toEqual({ ok: false, message: 'this backup needs its passphrase' });
    expect(await third.import(byPassphrase.backup, 'a long passphrase')).toEqual({ ok: true, changing: false });
    const s = await phrase.encrypt({ note: 'p' });
    if (!s.ok) throw new Error(s.message);
    expect(await third.decrypt(s.secured)).toEqual({ ok: true, data: { note: 'p' } });
    expect(await third.status()).toMatchObject({ key: 'passphrase' });
  });

  it('a key change re-encrypts every record it can open, keeps another key\'s byte for byte, then drops the old key', async () => {
    const { vault, store } = vaultPair();
    const old = await vault.create();
    if (!old.ok) throw new Error(old.message);
    for (let i = 0; i < 5; i++) {
      const sealed = await vault.encrypt({ note: `note ${i}` });
      if (!sealed.ok) throw new Error(sealed.message);
      await saveNow(store, record(i, sealed.secured));
    }
    const foreign = await encryptSecured({ note: 'not ours' }, (await newKey()).key);
    await saveNow(store, record(9, foreign));
    await saveNow(store, record(10));

    const changed = await vault.changeKey();
    if (!changed.ok) throw new Error(changed.message);
    await vault.resume();
    expect((await vault.status()).change).toBeNull();
    const newKeyFromBackup = await fromBackupForTest(changed.backup);
    const oldKey = await fromBackupForTest(old.backup);
    for (let i = 0; i < 5; i++) {
      const secured = (await store.get(`https://example.com/${i}`))!.record.secured!;
      expect(await decryptSecured(secured, newKeyFromBackup)).toEqual({ ok: true, data: { note: `note ${i}` } });
      expect((await decryptSecured(secured, oldKey)).ok).toBe(false);
    }
    expect((await store.get('https://example.com/9'))!.record.secured).toBe(foreign);
    expect((await store.get('https://example.com/10'))!.record.secured).toBeUndefined();
  });

  it('a key change interrupted by a crash resumes where it stopped, all or nothing per record', async () => {
    const { vault, store, keys } = vaultPair();
    await vault.create();
    for (let i = 0; i < 6; i++) {
      const sealed = await vault.encrypt({ note: `n${i}` });
      if (!sealed.ok) throw new Error(sealed.message);
      await saveNow(store, record(i, sealed.secured));
    }
    // The third re-encryption dies, as a killed worker would.
    const real = store.update.bind(store);
    let calls = 0;
    vi.spyOn(store, 'update').mockImplementation(async (...args) => {
      if (++calls === 3) throw new Error('worker stopped');
      return real(...args);
    });
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const changed = await vault.changeKey();
    if (!changed.ok) throw new Error(changed.message);
    await vault.resume().catch(() => undefined);
    expect((await vault.status()).change).not.toBeNull();
    // Every record opens with one of the two keys meanwhile.
    for (let i = 0; i < 6; i++) {
      expect(await vault.decrypt((await store.get(`https://example.com/${i}`))!.record.secured!)).toMatchObject({ ok: true });
    }
    vi.mocked(store.update).mockRestore();
    // A new background (same databases) carries on.
    const after = new PrivateVault(new KeyStoreAgain(keys), store);
    await after.resume();
    expect((await after.status()).change).toBeNull();
    const key = await fromBackupForTest(changed.backup);
    for (let i = 0; i < 6; i++) {
      expect(await decryptSecured((await store.get(`https://example.com/${i}`))!.record.secured!, key)).toEqual({ ok: true, data: { note: `n${i}` } });
    }
  });

  it('search finds a record by its private note only when asked, and keeps no clear text in the rows', async () => {
    const deps = makeDeps();
    const handlers = createHandlers(deps);
    const sealed = await deps.vault.encrypt({ note: 'zebracorn meeting', selection: 'quoted passage' });
    if (!sealed.ok) throw new Error(sealed.message);
    await handlers['library/save']({ record: record(1, sealed.secured) }, sender);
    await handlers['library/save']({ record: record(2) }, sender);
    expect((await handlers['library/list']({ text: 'zebracorn' }, sender)).total).toBe(0);
    const found = await handlers['library/list']({ text: 'zebracorn', includePrivate: true }, sender);
    expect(found.records.map((r) => r.id)).toEqual(['https://example.com/1']);
    expect((await handlers['library/list']({ text: 'record quoted', includePrivate: true }, sender)).total).toBe(1);
    const rows = JSON.stringify(await handlers['library/list']({}, sender));
    expect(rows).not.toContain('zebracorn');
  });
});

describe('the key never leaves the key store', () => {
  it('not in an export, a draft, the library rows or a log line (bytes searched for key and passphrase)', async () => {
    const logged: string[] = [];
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => { logged.push(args.map(String).join(' ')); });
    }
    const deps = makeDeps();
    const handlers = createHandlers(deps);
    const passphrase = 'Tr0ub4dor&3 horse staple';
    const first = await handlers['key/create']({}, sender);
    if (!first.ok) throw new Error(first.message);
    const sealed = await handlers['private/encrypt']({ data: { note: 'secret note text', selection: 'secret selection' } }, sender);
    if (!sealed.ok) throw new Error(sealed.message);
    await handlers['library/save']({ record: record(1, sealed.secured) }, sender);
    await handlers['draft/put']({ draft: { tabId: 3, url: 'https://example.com/1', record: record(1, sealed.secured), updatedAt: new Date().toISOString() } }, sender);
    const changed = await handlers['key/change']({ passphrase }, sender);
    if (!changed.ok) throw new Error(changed.message);
    await deps.vault.resume();
    await handlers['library/list']({ text: 'secret', includePrivate: true }, sender);
    await handlers['private/decrypt']({ secured: 'broken;value' }, sender);

    const rawKey = Buffer.from(first.backup.split(':').pop()!, 'base64url');
    const outputs = [
      JSON.stringify(await handlers['library/export']({ id: 'https://example.com/1' }, sender)),
      JSON.stringify(await deps.drafts.get(3)),
      JSON.stringify(await deps.store.get('https://example.com/1')),
      JSON.stringify(await handlers['key/status']({}, sender)),
      logged.join('\n'),
    ];
    for (const text of outputs) {
      const bytes = Buffer.from(text, 'utf8');
      expect(bytes.includes(rawKey)).toBe(false);
      for (const needle of [first.backup, first.backup.split(':').pop()!, rawKey.toString('base64'), rawKey.toString('hex'), passphrase, 'secret note text', 'secret selection']) {
        expect(bytes.includes(Buffer.from(needle))).toBe(false);
      }
    }
  });
});

describe.runIf(sharedOrSkipNote('the seed record through the library'))('the reference record', () => {
  it('imports and exports with secured byte for byte, and reads as locked', async () => {
    const deps = makeDeps();
    const handlers = createHandlers(deps);
    const text = readFileSync(join(sharedDir, 'fixtures', 'seed-record.md'), 'utf8');
    const parsed = parseRecord(text);
    if (!parsed.ok) throw new Error('seed does not parse');
    await handlers['key/create']({}, sender);
    const saved = await handlers['library/save']({ record: parsed.record }, sender);
    if (!saved.ok) throw new Error('seed not saved');
    // Editing another field keeps the value as it is.
    await handlers['library/save']({ record: { ...saved.stored.record, quality: 70 }, previousId: saved.stored.id, revision: saved.stored.revision }, sender);
    const exported = await handlers['library/export']({ id: saved.stored.id }, sender);
    expect(exported!.text).toBe(text.replace('quality: 15', 'quality: 70'));
    expect(await handlers['private/decrypt']({ secured: parsed.record.secured! }, sender)).toMatchObject({ ok: false, reason: 'locked' });
    expect(serializeRecord(parsed.record)).toBe(text);
  });
});

/** The same key database opened afresh, as a restarted background would. */
class KeyStoreAgain extends KeyStore {
  constructor(previous: KeyStore) {
    super((previous as unknown as { name: string }).name);
  }
}
