// Issue 17's lost writes in folder sync, each as two actors: the folder (a person, an editor, git) and Lede acting in one await.
import { describe, expect, it } from 'vitest';
import { recordJob, SyncEngine } from '../../../src/background/sync/engine.js';
import { ImageKeeper } from '../../../src/background/sync/images.js';
import { localRules } from '../../../src/background/sync/rules.js';
import { SyncService, type FolderHandle } from '../../../src/background/sync/service.js';
import { createHandlers } from '../../../src/background/handlers.js';
import { storeLibrary } from '../../../src/background/sync/library.js';
import { makeDeps, saveNow } from '../fakes.js';
import { md, record, syncWorld } from './setup.js';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);

function withImage(url: string) {
  return {
    title: 'A related story', excerpt: '', publishedDateTime: null, webUrl: `https://other.example/${encodeURIComponent(url)}`, type: 'article',
    provider: { name: 'Other', domain: 'other.example' }, quality: 50, images: [{ url, width: 1200, height: 600, isCached: false }],
  };
}

describe('issue 17: sync never loses a write', () => {
  it('scenario 1 (backend): a read-back while an editor is open makes the editor’s later save a conflict', async () => {
    const deps = makeDeps();
    const { store } = deps;
        const world = { ...syncWorld(), store, library: storeLibrary(store) };
    const saved = await saveNow(store, record('Alpha', { quality: 91, body: '' }));
    const engine = await SyncEngine.open({ dir: world.dir, state: world.state, library: world.library, rules: localRules });
    await engine.fullPass();
    // The editor opens the record.
    const opened = (await store.get(saved.stored.id))!;
    // The person edits the file in the folder; the watch reads it in.
    world.dir.put(md('alpha'), world.dir.read(md('alpha'))!.replace('quality: 91', 'quality: 33').concat('A line in the body.\n'));
    await engine.checkFiles([md('alpha')]);
    expect((await store.get(saved.stored.id))?.record.quality).toBe(33);
    // The editor still shows 91; the person changes only the category and saves with the revision it opened.
    const handlers = createHandlers(deps);
    const answer = await handlers['library/save']({ record: { ...opened.record, category: 'tech' }, revision: opened.revision }, {});
    expect(answer.ok).toBe(false);
    expect(answer).toMatchObject({ conflict: { current: { record: { quality: 33 } } } });
    const row = await store.get(saved.stored.id);
    expect(row?.record.quality).toBe(33);
    expect(row?.record.body).toContain('A line in the body.');
  });

  it('scenario 2: a pass does not read a file back over a save the person made after the pass took its look', async () => {
    const world = syncWorld();
    const a = await saveNow(world.store, record('Alpha', { quality: 91 }));
    const engine = await world.open();
    await engine.fullPass();
    // Outside: the file is edited.
    world.dir.put(md('alpha'), world.dir.read(md('alpha'))!.replace('quality: 91', 'quality: 33'));
    // The pass takes its look at the library; in that await the person saves an edit in Lede.
    const library = {
      ...world.library,
      all: async () => {
        const snapshot = await world.library.all();
        await saveNow(world.store, { ...a.stored.record, category: 'tech' });
        return snapshot;
      },
    };
    const pass = await SyncEngine.open({ dir: world.dir, state: world.state, library, rules: localRules });
    await pass.fullPass();
    const row = await world.store.get(a.stored.id);
    // The person's save stands; the folder's edit stands in the file; the person is asked.
    expect(row?.record.category).toBe('tech');
    expect(row?.record.quality).toBe(91);
    expect(world.dir.read(md('alpha'))).toContain('quality: 33');
    expect(pass.issueList).toEqual([expect.objectContaining({ kind: 'conflict', name: md('alpha'), id: a.stored.id })]);
    // The job the save queued finds the conflict and writes nothing over the file.
    await pass.runJob(recordJob(a.stored.id));
    expect(world.dir.read(md('alpha'))).toContain('quality: 33');
    expect((await world.store.get(a.stored.id))?.record.category).toBe('tech');
  });

  it('scenario 3: the image pass sets only isCached on the row as it is now, image by image', async () => {
    const world = syncWorld();
    const a = await saveNow(world.store, record('First', { related: [withImage('https://cdn.example/1.png')] }));
    const b = await saveNow(world.store, record('Second', { related: [withImage('https://cdn.example/2.png')] }));
    const engine = await world.open();
    await engine.fullPass();
    let edited = false;
    const keeper = new ImageKeeper({
      dir: world.dir, state: world.state, library: world.library,
      fetchImage: async () => {
        // While the first image downloads, the person edits the second record (not reached yet).
        if (!edited) {
          edited = true;
          await saveNow(world.store, { ...(await world.store.get(b.stored.id))!.record, quality: 7 });
        }
        return { bytes: PNG, type: 'image/png' };
      },
      recordChanged: (id) => engine.runJob(recordJob(id)),
    });
    await keeper.pass(await world.store.all());
    const second = await world.store.get(b.stored.id);
    expect(second?.record.quality).toBe(7);
    expect(second?.record.related[0]!.images[0]!.isCached).toBe(true);
    expect((await world.store.get(a.stored.id))?.record.related[0]!.images[0]!.isCached).toBe(true);
    const file = world.dir.names().find((n) => world.dir.read(n)!.includes('title: "Second"'))!;
    expect(world.dir.read(file)).toContain('quality: 7');
  });

  it('scenario 3: an image pass cut off after its first download keeps that download’s flag', async () => {
    const world = syncWorld();
    const a = await saveNow(world.store, record('First', { related: [withImage('https://cdn.example/1.png')] }));
    await saveNow(world.store, record('Second', { related: [withImage('https://cdn.example/2.png')] }));
    const engine = await world.open();
    await engine.fullPass();
    let calls = 0;
    const keeper = new ImageKeeper({
      dir: world.dir, state: world.state, library: world.library,
      // The second download never ends: the worker is stopped during it.
      fetchImage: async () => (++calls === 1 ? { bytes: PNG, type: 'image/png' } : new Promise<never>(() => undefined)),
      recordChanged: (id) => engine.runJob(recordJob(id)),
    });
    const records = await world.store.all();
    void keeper.pass(records.sort((x, y) => (x.id === a.stored.id ? -1 : y.id === a.stored.id ? 1 : 0)));
    for (let i = 0; i < 100 && calls < 2; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await world.store.get(a.stored.id))?.record.related[0]!.images[0]!.isCached).toBe(true);
    expect(Object.keys((await world.state.getMeta<{ files: Record<string, string> }>('images'))?.files ?? {})).toEqual(['https://cdn.example/1.png']);
  });

  it('scenario 6: the same folder chosen again keeps what sync knows, and a delete made meanwhile is carried out', async () => {
    const world = syncWorld();
    const a = await saveNow(world.store, record('Alpha'));
    await saveNow(world.store, record('Beta'));
    let permission: PermissionState = 'granted';
    const folder = Object.assign(world.dir, { queryPermission: async () => permission }) as FolderHandle;
    let same = false;
    const service = new SyncService({
      state: world.state, library: world.library, rules: localRules, folder: async () => folder,
      downloads: () => null, schedule: async () => undefined, sameFolder: async () => same,
    });
    await service.choose('folder', 'records');
    await service.kick(false);
    expect(world.dir.names()).toEqual([md('alpha'), md('beta')]);
    // A browser restart: the permission must be given again. The person deletes a record meanwhile.
    permission = 'prompt';
    await service.intend([a.stored.id]);
    await world.store.remove(a.stored.id, 'library');
    await service.changed([a.stored.id]);
    await service.kick(false);
    expect((await service.status()).state).toBe('needs-permission');
    // Then uses "Choose a folder…" on the same folder instead of "Allow".
    permission = 'granted';
    same = true;
    await service.choose('folder', 'records');
    await service.kick(false);
    expect(world.dir.names()).toEqual([md('beta')]);
    expect(await world.store.get(a.stored.id)).toBeNull();
    expect((await service.status()).issues).toEqual([]);
  });

  it('scenario 8: an outside save right after Lede’s write is read back, not taken for Lede’s text', async () => {
    const world = syncWorld();
    const a = await saveNow(world.store, record('Alpha', { quality: 40 }));
    const engine = await world.open();
    await engine.fullPass();
    const edited = await saveNow(world.store, { ...a.stored.record, quality: 50 });
    // An editor saves its own version the instant Lede's write is in place (written in place, or moved there).
    let fired = false;
    const outside = () => {
      if (fired) return;
      fired = true;
      world.dir.put(md('alpha'), world.dir.read(md('alpha'))!.replace('quality: 50', 'quality: 60'));
    };
    world.dir.after('close', md('alpha'), outside);
    world.dir.after('move', md('alpha'), outside);
    await engine.runJob(recordJob(edited.stored.id));
    expect(fired).toBe(true);
    world.dir.volume.afterwards.splice(0);
    await engine.fullPass();
    expect((await world.store.get(a.stored.id))?.record.quality).toBe(60);
    expect(world.dir.read(md('alpha'))).toContain('quality: 60');
  });
});
