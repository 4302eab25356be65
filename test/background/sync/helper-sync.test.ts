// Folder sync through Lede's helper: the real SyncService and engine over NativeFolder, framed through the real
// native-messaging loop (`serve`) into a temporary folder on disk. Save, edit, rename, delete, an outside edit
// read back by the watch, a conflict, the helper killed mid-pass and restarted, the helper missing.
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { helperWatch } from '../../../src/background/sync/helper-watch.js';
import { helperState } from '../../../src/background/sync/helper-port.js';
import { NativeFolder } from '../../../src/background/sync/native-folder.js';
import { localRules } from '../../../src/background/sync/rules.js';
import { SyncService } from '../../../src/background/sync/service.js';
import { allowedFolder, connectInProcess } from '../../host/harness.js';
import { md, record, syncWorld } from './setup.js';
import { saveNow } from '../fakes.js';

const until = async <T>(what: string, check: () => Promise<T | undefined | null | false> | T | undefined | null | false, ms = 5000): Promise<T> => {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value as T;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

async function helperWorld() {
  const world = syncWorld();
  const { base, folder, configPath } = allowedFolder();
  const live = connectInProcess(configPath, { timeoutMs: 3000 });
  cleanups.push(() => {
    live.connection.close();
    rmSync(base, { recursive: true, force: true });
  });
  const reports: unknown[] = [];
  // eslint-disable-next-line prefer-const
  let service: SyncService;
  const watch = helperWatch(live.connection, async () => 'notes', (report) => {
    reports.push(report);
    void service.observed(report);
  });
  service = new SyncService({
    state: world.state, library: world.library, rules: localRules, folder: async () => null,
    downloads: () => null, schedule: async () => undefined, fetchImage: async () => ({ bytes: new Uint8Array([137, 80, 78, 71]), type: 'image/png' }),
    helper: { folder: (id) => new NativeFolder(live.connection, id, id), watch, hello: () => helperState(live.connection) },
  });
  const disk = () => readdirSync(folder).sort();
  const read = (name: string) => readFileSync(join(folder, name), 'utf8');
  return { ...world, folder, configPath, live, service, reports, disk, read };
}

describe('folder sync through the helper', () => {
  it('says which folders the helper serves, or that it does not answer', async () => {
    const w = await helperWorld();
    expect(await w.service.helperState()).toMatchObject({ running: true, folders: [{ id: 'notes', name: 'notes', path: w.folder }] });
    w.live.allowed = false;
    await w.live.kill();
    const down = await w.service.helperState();
    expect(down).toMatchObject({ running: false });
    expect((down as { error: string }).error).toMatch(/helper is not running.*lede host install/);
  });

  it('mirrors saves, edits, deletes; reads an outside edit back through the watch; shows a conflict', async () => {
    const w = await helperWorld();
    const a = await saveNow(w.store, record('Alpha'));
    const b = await saveNow(w.store, record('Beta'));
    await w.service.choose('helper', 'notes');
    await w.service.kick(false);
    expect(w.disk()).toEqual([md('alpha'), md('beta')].sort());
    expect(w.read(md('alpha'))).toBe(localRules.textFor(a.stored));
    expect((await w.service.status()).mode).toBe('helper');

    // One edit: exactly one file written.
    const before = readFileSync(join(w.folder, md('beta')), 'utf8');
    const edited = await saveNow(w.store, { ...a.stored.record, quality: 91 });
    await w.service.changed([edited.stored.id]);
    await until('the edit written', () => w.read(md('alpha')).includes('quality: 91'));
    await until('settled', async () => (await w.service.status()).state === 'idle' || undefined);
    expect((await w.service.status()).lastRun).toMatchObject({ written: 1 });
    expect(w.read(md('beta'))).toBe(before);

    // Watched from the end of the first sync: an edit made outside comes in with no run asked for.
    await until('watching', async () => (await w.service.status()).watching || undefined);
    const started = Date.now();
    writeFileSync(join(w.folder, md('alpha')), w.read(md('alpha')).replace('quality: 91', 'quality: 12'));
    await until('the outside edit in the library', async () => (await w.library.get(a.stored.id))?.record.quality === 12 || undefined, 2000);
    expect(Date.now() - started).toBeLessThan(1000);

    // Both sides changed: a conflict, both kept.
    writeFileSync(join(w.folder, md('beta')), before.replace(/quality: \d+/, 'quality: 3'));
    const lib = await saveNow(w.store, { ...b.stored.record, quality: 4 });
    await w.service.changed([lib.stored.id]);
    await until('the conflict', async () => (await w.service.status()).issues.some((i) => i.kind === 'conflict') || undefined);
    expect(w.read(md('beta'))).toContain('quality: 3');
    await w.service.resolve(md('beta'), 'use-library');
    expect(w.read(md('beta'))).toContain('quality: 4');

    // Deleted in Lede: its file goes.
    await w.store.remove(a.stored.id, 'library');
    await w.service.changed([a.stored.id]);
    await until('the file removed', () => !existsSync(join(w.folder, md('alpha'))));
    // Moved away outside: reported missing, neither side lost.
    renameSync(join(w.folder, md('beta')), join(w.folder, 'elsewhere.txt'));
    await w.service.kick(true);
    expect((await w.service.status()).issues).toContainEqual(expect.objectContaining({ kind: 'missing', name: md('beta') }));
    // Nothing of the helper's own left behind.
    expect(w.disk().filter((n) => n.startsWith('.lede-'))).toEqual([]);
  });

  it('keeps related images in images/ through the helper', async () => {
    const w = await helperWorld();
    await saveNow(w.store, record('Pictured', { related: [{
      title: 'A related story', excerpt: '', publishedDateTime: null, webUrl: 'https://other.example/story', type: 'article',
      provider: { name: 'Other', domain: 'other.example' }, quality: 50, images: [{ url: 'https://cdn.example/i.png', width: 1200, height: 600, isCached: false }],
    }] }));
    await w.service.choose('helper', 'notes');
    await w.service.setImages(true);
    await until('the image kept', () => existsSync(join(w.folder, 'images')) && readdirSync(join(w.folder, 'images')).length === 1);
    await until('the record marked', async () => w.read(md('pictured')).includes('isCached: true') || undefined);
    const [image] = readdirSync(join(w.folder, 'images'));
    expect(image).toMatch(/^[0-9a-f]+\.png$/);
    expect([...readFileSync(join(w.folder, 'images', image!))]).toEqual([137, 80, 78, 71]);
  });

  it('the helper killed mid-pass: the status says so with the command, the queue keeps every change, nothing half-written', async () => {
    const w = await helperWorld();
    await w.service.choose('helper', 'notes');
    await w.service.kick(false);
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) ids.push((await saveNow(w.store, record(`Queued ${String(i).padStart(2, '0')}`))).stored.id);
    await w.service.intend(ids);
    const run = w.service.kick(false);
    await until('some written', () => w.disk().length >= 5, 5000);
    w.live.allowed = false;
    await w.live.kill();
    await run;
    const down = await w.service.status();
    expect(down.state).toBe('error');
    expect(down.error).toMatch(/helper is not running.*lede host install/);
    expect(down.pending).toBeGreaterThan(0);
    for (const name of w.disk()) expect(w.read(name)).toMatch(/^---\n[\s\S]*\n---\n\n$/);

    w.live.allowed = true;
    await w.service.kick(true);
    const after = await w.service.status();
    expect(after).toMatchObject({ state: 'idle', pending: 0, error: null });
    const names = w.disk().filter((n) => n.endsWith('.md'));
    expect(names.filter((n) => !/^2023-05-03-queued-\d\d\.md$/.test(n))).toEqual([]);
    expect(names).toHaveLength(60);
    expect(w.disk().filter((n) => n.startsWith('.lede-'))).toEqual([]);
  });

  it('the folder deleted while syncing: a clear error, nothing written elsewhere, the queue waits', async () => {
    const w = await helperWorld();
    await w.service.choose('helper', 'notes');
    await w.service.kick(false);
    rmSync(w.folder, { recursive: true });
    const saved = await saveNow(w.store, record('After the folder went'));
    await w.service.changed([saved.stored.id]);
    await until('the error', async () => (await w.service.status()).state === 'error' || undefined);
    const status = await w.service.status();
    expect(status.error).toMatch(/gone \(deleted, renamed or unmounted\)/);
    expect(status.pending).toBe(1);
    expect(existsSync(w.folder)).toBe(false);
  });
});

describe('a compromised page naming a path for the helper', () => {
  it('is refused by the message validator before anything runs: the helper’s folders are ids, never paths', async () => {
    const { validators } = await import('../../../src/background/validators.js');
    for (const folder of ['../etc', '/home/me/Notes', 'notes/../..', 'Notes', '', 'a'.repeat(41)]) {
      expect(validators['sync/choose']({ mode: 'helper', folder }), folder).toBe(false);
    }
    expect(validators['sync/choose']({ mode: 'helper', folder: 'notes-2' })).toBe(true);
    expect(validators['sync/helper']({})).toBe(true);
    expect(validators['sync/helper']({ path: '/etc' })).toBe(false);
  });
});

describe('two browsers, one folder, two helpers', () => {
  it('the same record edited in both: one write lands, the other is a conflict shown with both versions, nothing lost', async () => {
    const { base, folder, configPath } = allowedFolder();
    cleanups.push(() => rmSync(base, { recursive: true, force: true }));
    const sides = [syncWorld(), syncWorld()].map((world) => {
      const live = connectInProcess(configPath, { timeoutMs: 3000 });
      cleanups.push(() => live.connection.close());
      const service = new SyncService({
        state: world.state, library: world.library, rules: localRules, folder: async () => null,
        downloads: () => null, schedule: async () => undefined,
        helper: { folder: (id) => new NativeFolder(live.connection, id, id), watch: helperWatch(live.connection, async () => 'notes', () => undefined), hello: () => helperState(live.connection) },
      });
      return { ...world, service };
    });
    const [a, b] = sides as [typeof sides[0], typeof sides[0]];
    const first = await saveNow(a.store, record('Shared'));
    await a.service.choose('helper', 'notes');
    await a.service.kick(false);
    // The second browser starts from the first one's file: it imports it.
    await b.service.choose('helper', 'notes');
    await b.service.kick(false);
    const id = first.stored.id;
    expect((await b.library.get(id))?.record.title).toBe('Shared');

    // Both edit, each in its own library; the first one's write lands.
    const mineA = await saveNow(a.store, { ...first.stored.record, quality: 11 }, { previousId: id });
    const theirs = (await b.library.get(id))!;
    const mineB = await saveNow(b.store, { ...theirs.record, quality: 22 }, { previousId: id });
    await a.service.changed([mineA.stored.id]);
    await a.service.kick(false);
    expect(readFileSync(join(folder, md('shared')), 'utf8')).toContain('quality: 11');
    // The second finds the file changed since it last looked: it does not write over it, it asks.
    await b.service.changed([mineB.stored.id]);
    await b.service.kick(false);
    expect(readFileSync(join(folder, md('shared')), 'utf8')).toContain('quality: 11');
    expect((await b.service.status()).issues).toContainEqual(expect.objectContaining({ kind: 'conflict', name: md('shared') }));
    expect((await b.library.get(id))?.record.quality).toBe(22);
  });
});
