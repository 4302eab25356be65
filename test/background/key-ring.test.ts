// The key ring: what issue 18 found losing notes (each a test that failed before the ring), and the ring's own rules.
import { openDB } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHandlers } from '../../src/background/handlers.js';
import { KeyStore } from '../../src/background/key-store.js';
import { PrivateVault } from '../../src/background/private-vault.js';
import { LibraryStore } from '../../src/background/store/index.js';
import { encryptSecured, newKey } from '../../src/secure/index.js';
import { decryptSecured, fromBackupForTest } from './private-helpers.js';
import { freshKeyStore, makeDeps, sampleRecord, saveNow } from './fakes.js';

const sender = {};
let dbCount = 0;

function record(n: number, secured?: string) {
  return sampleRecord({ title: `Record ${n}`, originalUrl: `https://example.com/${n}`, webUrl: `https://example.com/${n}`, ...(secured ? { secured } : {}) });
}

/** A first key, confirmed kept (the popup's and the options page's moment), answering its backup string. */
async function firstKey(vault: PrivateVault, passphrase?: string): Promise<string> {
  const made = await vault.create(passphrase);
  if (!made.ok) throw new Error(made.message);
  const confirm = (vault as Partial<PrivateVault>).confirm;
  if (confirm && 'id' in made) {
    const confirmed = await confirm.call(vault, (made as { id: string }).id, true);
    if (!confirmed.ok) throw new Error(confirmed.message);
  }
  return made.backup;
}

async function seal(vault: PrivateVault, note: string): Promise<string> {
  const sealed = await vault.encrypt({ note });
  if (!sealed.ok) throw new Error(sealed.message);
  return sealed.secured;
}

/** Every note in the library opens with some key of the vault's ring. */
async function everyNoteOpens(vault: PrivateVault, store: LibraryStore): Promise<boolean[]> {
  const values = await store.securedValues();
  return vault.opens(values.map((v) => v.secured));
}

afterEach(() => vi.restoreAllMocks());

describe('issue 18, scenario 1: a key change keeps the old key for reading', () => {
  it('an old copy saved after the change (an open editor, a draft, an undo) stays readable and joins the new key', async () => {
    const deps = makeDeps();
    const handlers = createHandlers(deps);
    await firstKey(deps.vault);
    const saved = await handlers['library/save']({ record: record(1, await seal(deps.vault, 'before the change')) }, sender);
    if (!saved.ok) throw new Error('not saved');
    const oldCopy = saved.stored;
    const exportedBefore = await handlers['library/export']({ id: oldCopy.id }, sender);

    const changed = await deps.vault.changeKey();
    if (!changed.ok) throw new Error(changed.message);
    await deps.vault.resume();

    // The library editor, opened before the change, saves its copy now.
    const again = await handlers['library/save']({ record: { ...oldCopy.record, quality: 61 }, previousId: oldCopy.id, revision: oldCopy.revision }, sender);
    if (!again.ok) throw new Error('not saved');
    const secured = (await deps.store.get(oldCopy.id))!.record.secured!;
    expect(await deps.vault.decrypt(secured)).toEqual({ ok: true, data: { note: 'before the change' } });
    // Re-encrypted with the current key as it was saved.
    expect(await decryptSecured(secured, await fromBackupForTest(changed.backup))).toEqual({ ok: true, data: { note: 'before the change' } });

    // Undo of a delete that happened before the change.
    await handlers['library/delete']({ id: oldCopy.id }, sender);
    expect(await handlers['library/restore']({ stored: oldCopy }, sender)).toEqual({ ok: true });
    expect(await deps.vault.decrypt((await deps.store.get(oldCopy.id))!.record.secured!)).toMatchObject({ ok: true });
    // An export made before the change still opens in this browser.
    const beforeValue = /secured: "([^"]+)"/.exec(exportedBefore!.text)![1]!;
    expect(await deps.vault.decrypt(beforeValue)).toEqual({ ok: true, data: { note: 'before the change' } });
  });

  it('decrypts under a retired key and lists the ring: current first, the retired one kept', async () => {
    const deps = makeDeps();
    await firstKey(deps.vault);
    const old = await seal(deps.vault, 'old');
    await saveNow(deps.store, record(1, old));
    await deps.vault.changeKey();
    await deps.vault.resume();
    expect(await deps.vault.decrypt(old)).toEqual({ ok: true, data: { note: 'old' } });
    const status = await deps.vault.status();
    expect(status.keys.map((k) => k.role)).toEqual(['current', 'retired']);
    const list = await deps.vault.list();
    expect(list.keys.map((k) => [k.role, k.records])).toEqual([['current', 1], ['retired', 0]]);
  });
});

describe('issue 18, scenario 2: an import during a change', () => {
  async function libraryOf(deps: ReturnType<typeof makeDeps>, n: number): Promise<void> {
    for (let i = 0; i < n; i++) await saveNow(deps.store, record(i, await seal(deps.vault, `note ${i}`)));
  }

  it('is refused while the change runs, and every note opens with the change\'s key after it', async () => {
    const deps = makeDeps();
    await firstKey(deps.vault);
    await libraryOf(deps, 30);
    const other = makeDeps().vault;
    const foreignBackup = await firstKey(other);
    // The change's loop is slow enough for the person to act in it.
    const real = deps.store.update.bind(deps.store);
    vi.spyOn(deps.store, 'update').mockImplementation(async (...args) => {
      await new Promise((resolve) => setTimeout(resolve, 2));
      return real(...args);
    });
    const changed = await deps.vault.changeKey();
    if (!changed.ok) throw new Error(changed.message);
    const imported = await deps.vault.import(foreignBackup);
    const second = await deps.vault.changeKey();
    await deps.vault.resume();
    await deps.vault.resume(); // whatever the import may have started
    // Before the ring: the loop re-encrypted all 30 to the change's key, then promoted the imported one.
    expect(await everyNoteOpens(deps.vault, deps.store)).toEqual(Array(30).fill(true));
    expect(imported).toEqual({ ok: false, message: expect.stringMatching(/key change is running/) });
    expect(second).toEqual({ ok: false, message: expect.stringMatching(/key change is running/) });
    const key = await fromBackupForTest(changed.backup);
    for (const { secured } of await deps.store.securedValues()) expect((await decryptSecured(secured, key)).ok).toBe(true);
  });

  it('a change interrupted by a crash refuses an import and resumes with its own key', async () => {
    const deps = makeDeps();
    const keys = (deps.vault as unknown as { keys: KeyStore }).keys;
    await firstKey(deps.vault);
    await libraryOf(deps, 6);
    const real = deps.store.update.bind(deps.store);
    let calls = 0;
    vi.spyOn(deps.store, 'update').mockImplementation(async (...args) => {
      if (++calls === 3) throw new Error('worker stopped');
      return real(...args);
    });
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const changed = await deps.vault.changeKey();
    if (!changed.ok) throw new Error(changed.message);
    await deps.vault.resume().catch(() => undefined);
    vi.mocked(deps.store.update).mockRestore();

    const after = new PrivateVault(new KeyStore((keys as unknown as { name: string }).name), deps.store);
    const foreign = await firstKey(makeDeps().vault);
    const imported = await after.import(foreign);
    await after.resume();
    expect(await everyNoteOpens(after, deps.store)).toEqual(Array(6).fill(true));
    const key = await fromBackupForTest(changed.backup);
    for (const { secured } of await deps.store.securedValues()) expect((await decryptSecured(secured, key)).ok).toBe(true);
    expect(imported).toEqual({ ok: false, message: expect.stringMatching(/key change is running/) });
  });
});

describe('issue 18, scenario 3: no key is made silently', () => {
  it('encrypting without a key makes none and says a key is needed', async () => {
    const deps = makeDeps();
    const answer = await deps.vault.encrypt({ selection: 'text selected on the page' });
    expect(answer).toMatchObject({ ok: false, needsKey: true });
    expect((await deps.vault.status()).key).toBe('none');
  });

  it('a made key encrypts nothing until its backup is confirmed kept, or the person asks to be reminded', async () => {
    const deps = makeDeps();
    const made = await deps.vault.create();
    if (!made.ok) throw new Error(made.message);
    expect(made.backup).toMatch(/^lede-key:2:key:[A-Za-z0-9_-]{43}:[A-Za-z0-9_-]{11}$/);
    expect(await deps.vault.encrypt({ note: 'x' })).toMatchObject({ ok: false, needsKey: true });
    expect(await deps.vault.confirm(made.id, false)).toEqual({ ok: true });
    expect(await deps.vault.encrypt({ note: 'x' })).toMatchObject({ ok: true });
    expect((await deps.vault.status()).reminder).toBe(true);
    expect(await deps.vault.confirm(made.id, true)).toEqual({ ok: true });
    expect((await deps.vault.status()).reminder).toBe(false);
  });
});

describe('issue 18, scenario 4: an imported passphrase is checked', () => {
  it('a wrong passphrase is refused before anything changes', async () => {
    const source = makeDeps().vault;
    const backup = await firstKey(source, 'the right passphrase');
    const deps = makeDeps();
    await firstKey(deps.vault);
    expect(await deps.vault.import(backup, 'the wrong passphrase')).toEqual({ ok: false, message: expect.stringMatching(/passphrase is not the one/) });
    expect((await deps.vault.status()).change).toBeNull();
    expect(await deps.vault.import(backup, 'the right passphrase')).toEqual({ ok: true, changing: true });
    await deps.vault.resume();
    expect((await deps.vault.status()).keys.map((k) => k.role)).toEqual(['current', 'retired']);
  });

  it('re-derives a passphrase key\'s backup string from the passphrase, and only from it', async () => {
    const deps = makeDeps();
    const backup = await firstKey(deps.vault, 'a passphrase to keep');
    expect(await deps.vault.rederive('not the passphrase')).toMatchObject({ ok: false });
    expect(await deps.vault.rederive('a passphrase to keep')).toMatchObject({ ok: true, backup });
  });
});

describe('issue 18, scenario 5: rows that fail today\'s checks', () => {
  it('keep a key that opens them: a change never drops it, and removing it is refused while they are there', async () => {
    const name = `lede-test-ring-${process.pid}-${++dbCount}`;
    const store = new LibraryStore(name);
    const keys = freshKeyStore();
    const vault = new PrivateVault(keys, store);
    await firstKey(vault);
    const hiddenValue = await seal(vault, 'in a row that fails today\'s checks');
    await saveNow(store, record(1, await seal(vault, 'sound')));
    // A row written by an older rule set: quality out of today's range.
    const good = (await store.get('https://example.com/1'))!;
    const db = await openDB(name);
    await db.put('records', { ...good, id: 'https://example.com/old', webKey: 'https://example.com/old', schema: 1,
      record: { ...record(2, hiddenValue), quality: 500 } });
    db.close();
    const fresh = new LibraryStore(name);
    const after = new PrivateVault(keys, fresh);
    await after.changeKey();
    await after.resume();
    expect(fresh.skipped).toBe(1);
    expect(await after.decrypt(hiddenValue)).toEqual({ ok: true, data: { note: 'in a row that fails today\'s checks' } });
    const retired = (await after.status()).keys.find((k) => k.role === 'retired')!;
    expect(await after.removeKey(retired.id)).toEqual({ ok: false, message: expect.stringMatching(/1 library rows fail today's checks/) });
    expect(await after.decrypt(hiddenValue)).toMatchObject({ ok: true });
  });
});

describe('removing a retired key', () => {
  it('moves the records only it opens to the current key, refuses while a draft or sync needs it, then removes it', async () => {
    const deps = makeDeps();
    await firstKey(deps.vault);
    const old = await seal(deps.vault, 'under the old key');
    await deps.vault.changeKey();
    await deps.vault.resume();
    // Saved straight into the store, as sync's "use the folder's version" would: still under the old key.
    await saveNow(deps.store, record(1, old));
    let drafts = [old];
    let sync = { pending: 2, conflicts: 0 };
    deps.vault.needs = { draftValues: async () => drafts, syncWaiting: async () => sync };
    const retired = (await deps.vault.status()).keys.find((k) => k.role === 'retired')!;
    expect(await deps.vault.removeKey(retired.id)).toEqual({ ok: false, message: expect.stringMatching(/draft/) });
    drafts = [];
    expect(await deps.vault.removeKey(retired.id)).toEqual({ ok: false, message: expect.stringMatching(/2 jobs waiting/) });
    sync = { pending: 0, conflicts: 1 };
    expect(await deps.vault.removeKey(retired.id)).toEqual({ ok: false, message: expect.stringMatching(/conflicts/) });
    sync = { pending: 0, conflicts: 0 };
    const current = (await deps.vault.status()).keys.find((k) => k.role === 'current')!;
    expect(await deps.vault.removeKey(current.id)).toMatchObject({ ok: false });
    expect(await deps.vault.removeKey(retired.id)).toEqual({ ok: true });
    expect((await deps.vault.status()).keys.map((k) => k.role)).toEqual(['current']);
    expect(await deps.vault.decrypt((await deps.store.get('https://example.com/1'))!.record.secured!)).toEqual({ ok: true, data: { note: 'under the old key' } });
    expect(await deps.vault.decrypt(old)).toMatchObject({ ok: false, reason: 'locked' });
  });
});

describe('a key database of version 1', () => {
  it('moves its key (and an unfinished change\'s) into the ring, and reads what it wrote', async () => {
    const name = `lede-keys-v1-${process.pid}-${++dbCount}`;
    const old = await newKey();
    const next = await newKey();
    const db = await openDB(name, 1, { upgrade(d) { d.createObjectStore('keys', { keyPath: 'slot' }); } });
    await db.put('keys', { slot: 'current', key: old.key, kind: 'key', createdAt: '2026-01-01T00:00:00.000Z' });
    await db.put('keys', { slot: 'next', key: next.key, kind: 'key', createdAt: '2026-02-01T00:00:00.000Z' });
    db.close();
    const store = makeDeps().store;
    const value = await encryptSecured({ note: 'from version 1' }, old.key);
    await saveNow(store, record(1, value));
    const vault = new PrivateVault(new KeyStore(name), store);
    expect(await vault.decrypt(value)).toEqual({ ok: true, data: { note: 'from version 1' } });
    const status = await vault.status();
    expect(status.keys.map((k) => k.role)).toEqual(['current', 'next']);
    expect(status.reminder).toBe(true);
    // The interrupted change resumes with its own key.
    await vault.resume();
    const secured = (await store.get('https://example.com/1'))!.record.secured!;
    expect(await decryptSecured(secured, next.key)).toEqual({ ok: true, data: { note: 'from version 1' } });
    expect((await vault.status()).keys.map((k) => k.role)).toEqual(['current', 'retired']);
  });
});

describe('a bad backup string to import', () => {
  it.each([
    ['another version', (b: string) => b.replace('lede-key:2:', 'lede-key:3:'), /version 3; this Lede reads versions 1 and 2/],
    ['truncated', (b: string) => b.slice(0, 30), /should be|cut short|not base64url/],
    ['a wrong check value', (b: string) => `${b.slice(0, -11)}AAAAAAAAAAA`, /does not match its check value/],
    ['its check value cut off', (b: string) => b.slice(0, -12), /check value at the end of the key backup is missing or cut short/],
  ])('%s: one clear line, nothing changed', async (_, spoil, message) => {
    const deps = makeDeps();
    await firstKey(deps.vault);
    const before = await deps.vault.status();
    const good = (await newKey()).backupString;
    const answer = await deps.vault.import(spoil(good));
    expect(answer).toEqual({ ok: false, message: expect.stringMatching(message) });
    if (!answer.ok) expect(answer.message.split('\n')).toHaveLength(1);
    expect(await deps.vault.status()).toEqual(before);
  });

  it('a version-1 string (no check value) still reads', async () => {
    const made = await newKey();
    const v1 = `lede-key:1:key:${made.backupString.split(':')[3]}`;
    const deps = makeDeps();
    expect(await deps.vault.import(v1)).toEqual({ ok: true, changing: false });
    const value = await encryptSecured({ note: 'v1' }, made.key);
    expect(await deps.vault.decrypt(value)).toEqual({ ok: true, data: { note: 'v1' } });
  });
});
