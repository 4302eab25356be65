// The folder watcher's contract with sync: a full pass skips a file's stamp only while the watcher has watched
// without a gap since the last pass that asked every stamp; reported names are read back at once.
import { describe, expect, it, vi } from 'vitest';
import { SyncService, type FolderHandle, type FolderWatch } from '../../../src/background/sync/service.js';
import { localRules } from '../../../src/background/sync/rules.js';
import { md, record, syncWorld } from './setup.js';
import { saveNow } from '../fakes.js';

const HOUR = 60 * 60_000;

/** A sync service over an in-memory folder of `n` records, with a watcher whose generation the test sets. */
async function watchedWorld(n = 20) {
  const world = syncWorld();
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push((await saveNow(world.store, record(`Record ${String(i).padStart(2, '0')}`))).stored.id);
  /** The watcher as the test sets it: `generation` null when the folder cannot be watched. */
  const watch: FolderWatch & { generation: string | null; stops: number } = {
    generation: 'g1',
    stops: 0,
    start: async () => watch.generation,
    async stop() {
      watch.stops++;
    },
  };
  let permission: PermissionState = 'granted';
  const folder = Object.assign(world.dir, { queryPermission: async () => permission }) as FolderHandle;
  const clock = { now: Date.parse('2026-06-01T00:00:00Z') };
  const service = new SyncService({
    state: world.state, library: world.library, rules: localRules, folder: async () => folder,
    downloads: () => null, schedule: async () => undefined, watch, now: () => clock.now,
  });
  await service.choose('folder', 'records');
  await service.kick(false);
  expect(world.dir.names()).toHaveLength(n);
  /** One full pass: how many stamps it asked for, and its status. */
  const pass = async () => {
    world.dir.takeCalls('getFile');
    await service.kick(true);
    const status = await service.status();
    return { getFile: world.dir.takeCalls('getFile'), status };
  };
  // The first sync is not watched; the pass after it asks every stamp, under the watch that began after it.
  expect(await world.state.getMeta('watched')).toBeNull();
  expect((await pass()).getFile).toBe(n);
  expect(await world.state.getMeta('watched')).toMatchObject({ generation: 'g1' });
  return { ...world, ids, watch, service, clock, pass, setPermission: (p: PermissionState) => (permission = p) };
}

describe('folder sync with a watcher', () => {
  it('does not watch a first sync (it writes every file), and watches from its end', async () => {
    const world = syncWorld();
    for (let i = 0; i < 5; i++) await saveNow(world.store, record(`First ${i}`));
    const started: boolean[] = [];
    const service = new SyncService({
      state: world.state, library: world.library, rules: localRules, folder: async () => world.dir,
      downloads: () => null, schedule: async () => undefined,
      watch: {
        start: async () => {
          // Whether the files were written yet when the watch was asked for.
          started.push(world.dir.names().length === 5);
          return 'g1';
        },
        stop: async () => undefined,
      },
    });
    await service.choose('folder', 'records');
    await service.kick(false);
    expect(started[0]).toBe(true);
    expect((await service.status()).watching).toBe(true);
  });

  it('asks no file’s stamp on a full pass while the watcher vouches, and writes nothing', async () => {
    const { pass, dir } = await watchedWorld();
    dir.takeLog();
    const { getFile, status } = await pass();
    expect(getFile).toBe(0);
    expect(status.lastRun).toMatchObject({ written: 0, read: 0, statted: 0 });
    expect(status.watching).toBe(true);
    expect(dir.takeLog()).toEqual([]);
  });

  it('reads back a reported file within a moment, looking at that file alone', async () => {
    const { service, dir, store, ids } = await watchedWorld();
    const name = md('record-03');
    const edited = dir.read(name)!.replace(/quality: \d+/, 'quality: 9');
    expect(edited).not.toBe(dir.read(name));
    dir.put(name, edited);
    dir.takeCalls('getFile');
    await service.observed({ generation: 'g1', names: [name], gap: false });
    // No run asked for: the report itself brings the edit in.
    await vi.waitFor(async () => expect((await service.status()).lastRun).toMatchObject({ imported: 1, written: 0, statted: 1 }),
      { timeout: 2000, interval: 20 });
    expect((await store.get(ids[3]!))?.record.quality).toBe(9);
    expect(dir.takeCalls('getFile')).toBe(1);
  });

  it('imports a new file and reports a deleted one as soon as the watcher names them', async () => {
    const { service, dir, store, ids } = await watchedWorld(3);
    const fresh = record('Dropped in');
    const first = dir.read(md('record-00'))!;
    dir.put(md('dropped-in'), first.replace(/title: "Record 00"/, 'title: "Dropped in"')
      .replace(/originalUrl: "[^"]+"/, `originalUrl: "${fresh.originalUrl}"`).replace(/webUrl: "[^"]+"/, `webUrl: "${fresh.webUrl}"`));
    dir.delete(md('record-01'));
    await service.observed({ generation: 'g1', names: [md('dropped-in'), md('record-01')], gap: false });
    await vi.waitFor(async () => expect((await service.status()).issues).toHaveLength(1), { timeout: 2000, interval: 20 });
    expect((await store.get(fresh.originalUrl))?.record.title).toBe('Dropped in');
    expect((await service.status()).issues).toEqual([{ kind: 'missing', name: md('record-01'), id: ids[1], title: 'Record 01' }]);
  });

  it('asks every stamp again when the watch’s generation changed (a restart), then trusts the new one', async () => {
    const { pass, watch } = await watchedWorld();
    watch.generation = 'g2';
    expect((await pass()).getFile).toBe(20);
    expect((await pass()).getFile).toBe(0);
  });

  it('asks every stamp again after the watcher said it lost events, and finds an edit it did not report', async () => {
    const { pass, service, dir, store, ids } = await watchedWorld();
    dir.put(md('record-05'), dir.read(md('record-05'))!.replace(/quality: \d+/, 'quality: 7'));
    await service.observed({ generation: 'g1', names: [], gap: true });
    const { getFile, status } = await pass();
    expect(getFile).toBe(20);
    expect(status.lastRun).toMatchObject({ statted: 20, imported: 1 });
    expect((await store.get(ids[5]!))?.record.quality).toBe(7);
  });

  it('trusts the watcher for an hour at most: an unreported edit is found by the hourly pass', async () => {
    const { pass, clock, dir, store, ids } = await watchedWorld();
    // Edited with the watcher vouching and silent (what it must never be): the trusted pass cannot see it.
    dir.put(md('record-07'), dir.read(md('record-07'))!.replace(/quality: \d+/, 'quality: 8'));
    expect((await pass()).getFile).toBe(0);
    expect((await store.get(ids[7]!))?.record.quality).not.toBe(8);
    clock.now += 59 * 60_000;
    expect((await pass()).getFile).toBe(0);
    clock.now += 2 * 60_000;
    expect((await pass()).getFile).toBe(20);
    expect((await store.get(ids[7]!))?.record.quality).toBe(8);
    clock.now += HOUR / 2;
    expect((await pass()).getFile).toBe(0);
  });

  it('asks every stamp when the folder cannot be watched', async () => {
    const { pass, watch } = await watchedWorld();
    watch.generation = null;
    expect((await pass()).getFile).toBe(20);
    const { getFile, status } = await pass();
    expect(getFile).toBe(20);
    expect(status.watching).toBe(false);
  });

  it('stops watching when access is lost, and asks every stamp once it is back', async () => {
    const { pass, watch, setPermission, service } = await watchedWorld();
    setPermission('prompt');
    await service.kick(true);
    expect(watch.stops).toBeGreaterThan(0);
    expect((await service.status()).state).toBe('needs-permission');
    setPermission('granted');
    // The same generation as before: the gap is what access lost means, not what the watcher says.
    expect((await pass()).getFile).toBe(20);
    expect((await pass()).getFile).toBe(0);
  });

  it('forgets what the watcher vouched for when sync stops, and when another folder is chosen', async () => {
    const { service, watch, state } = await watchedWorld();
    expect(await state.getMeta('watched')).toMatchObject({ generation: 'g1' });
    const stops = watch.stops;
    await service.stop();
    expect(watch.stops).toBe(stops + 1);
    expect(await state.getMeta('watched')).toBeNull();
    await service.choose('folder', 'records');
    await service.kick(false);
    expect(watch.stops).toBe(stops + 2);
    // The new folder's first pass vouches for nothing: the next one asks every stamp.
    expect(await state.getMeta('watched')).toBeNull();
  });

  it('ignores reports while sync is off or writes into Downloads', async () => {
    const { service, state } = await watchedWorld(1);
    await service.stop();
    await service.observed({ generation: 'g1', names: [md('record-00')], gap: false });
    expect(await state.observed()).toEqual(new Map());
  });
});
