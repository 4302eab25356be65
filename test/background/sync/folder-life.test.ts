// What a real folder does to sync: renames, a checkout mid-pass, a worker stopped mid-write, notes that are not records.
import { describe, expect, it } from 'vitest';
import { recordJob } from '../../../src/background/sync/engine.js';
import { localRules } from '../../../src/background/sync/rules.js';
import { SyncService } from '../../../src/background/sync/service.js';
import { md, record, syncWorld } from './setup.js';

describe('renames outside are followed', () => {
  it('a file renamed outside, seen by a pass, is the same record under its new name', async () => {
    const { store, dir, open } = syncWorld();
    const a = await store.save(record('Alpha'));
    const engine = await open();
    await engine.fullPass();
    const text = dir.read(md('alpha'))!;
    dir.delete(md('alpha'));
    dir.put('Reading/alpha notes.md'.replace('/', ' - '), text);
    dir.takeLog();
    await engine.fullPass();
    expect(dir.names()).toEqual(['Reading - alpha notes.md']);
    expect(dir.takeLog()).toEqual([]);
    expect(engine.issueList).toEqual([]);
    const row = await store.get(a.stored.id);
    expect(row?.savedAt).toBe(a.stored.savedAt);
    expect(row?.updatedAt).toBe(a.stored.updatedAt);
    // Followed from then on: an edit in Lede goes to the new name.
    const edited = await store.save({ ...a.stored.record, quality: 77 });
    await engine.runJob(recordJob(edited.stored.id));
    expect(dir.names()).toEqual(['Reading - alpha notes.md']);
    expect(dir.read('Reading - alpha notes.md')).toContain('quality: 77');
  });

  it('a rename with an edit, reported by the watch in one batch, is read back under the new name', async () => {
    const { store, dir, open } = syncWorld();
    const a = await store.save(record('Alpha', { quality: 20 }));
    const engine = await open();
    await engine.fullPass();
    const text = dir.read(md('alpha'))!.replace('quality: 20', 'quality: 21');
    dir.delete(md('alpha'));
    dir.put('alpha.md', text);
    await engine.checkFiles(['alpha.md', md('alpha')]);
    expect(dir.names()).toEqual(['alpha.md']);
    expect(engine.issueList).toEqual([]);
    expect((await store.get(a.stored.id))?.record.quality).toBe(21);
    await engine.fullPass();
    expect(dir.names()).toEqual(['alpha.md']);
    expect(engine.issueList).toEqual([]);
  });
});

describe('a file that vanishes mid-pass', () => {
  it('is skipped (not “folder gone”) and looked at again by the next pass', async () => {
    const { store, dir, open } = syncWorld();
    await store.save(record('Alpha'));
    const b = await store.save(record('Beta'));
    const engine = await open();
    await engine.fullPass();
    const text = dir.read(md('beta'))!;
    // A `git checkout`: listed, then gone before its stamp is asked.
    dir.fail('getFile', () => {
      dir.delete(md('beta'));
      return new DOMException('gone', 'NotFoundError');
    }, { name: md('beta') });
    await engine.fullPass();
    expect(engine.issueList).toEqual([]);
    // Back (the checkout ends): nothing to do; gone for good: the next pass lists it.
    dir.put(md('beta'), text);
    await engine.fullPass();
    expect(engine.issueList).toEqual([]);
    dir.delete(md('beta'));
    await engine.fullPass();
    expect(engine.issueList).toEqual([expect.objectContaining({ kind: 'missing', id: b.stored.id })]);
  });
});

describe('writes that leave no husks', () => {
  it('a write cut off between create and close leaves nothing under the record’s name; the next pass cleans up', async () => {
    const { store, dir, state, library, open } = syncWorld();
    await store.save(record('Alpha'));
    await store.save(record('Beta'));
    const engine = await open();
    // The worker is stopped while the second file is written: its close never returns.
    let opened = 0;
    const real = dir.getFileHandle.bind(dir);
    dir.getFileHandle = async (name, options) => {
      const handle = await real(name, options);
      if (!options?.create) return handle;
      const create = handle.createWritable.bind(handle);
      handle.createWritable = async () => {
        const writable = await create();
        if (++opened === 2) writable.close = () => new Promise<never>(() => undefined);
        return writable;
      };
      return handle;
    };
    void engine.fullPass();
    for (let i = 0; i < 100 && opened < 2; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 20));
    dir.getFileHandle = real;
    // No record file is empty or partial.
    for (const name of dir.names().filter((n) => !n.startsWith('.'))) expect(dir.read(name)).toMatch(/^---\n/);
    expect(dir.names().filter((n) => !n.startsWith('.'))).toHaveLength(1);
    // A new worker: the pass writes the record under its own name and removes the leftover.
    const { SyncEngine } = await import('../../../src/background/sync/engine.js');
    const again = await SyncEngine.open({ dir, state, library, rules: localRules });
    await again.fullPass();
    expect(dir.names()).toEqual([md('alpha'), md('beta')]);
    expect(again.issueList).toEqual([]);
  });

  it('leftovers of an older interrupted run (an empty file under a record’s name, a .crswap) go, and the record takes its name', async () => {
    const { store, dir, open } = syncWorld();
    await store.save(record('Alpha'));
    dir.put(md('alpha'), '');
    dir.put(`${md('alpha')}.crswap`, 'half a reco');
    const engine = await open();
    await engine.fullPass();
    expect(dir.names()).toEqual([md('alpha')]);
    expect(dir.read(md('alpha'))).toMatch(/^---\n/);
    expect(engine.issueList).toEqual([]);
  });
});

describe('a real vault', () => {
  it('notes that are not records get one count, no issue each; a record with errors is still listed', async () => {
    const { store, dir, open } = syncWorld();
    await store.save(record('Alpha'));
    for (let i = 0; i < 12; i++) dir.put(`note ${i}.md`, `# A note\n\nSome thoughts ${i}.\n`);
    dir.put('clipped.md', '---\ntitle: "Clipped"\nsource: "https://example.org/x"\ntags:\n  - clippings\n---\nBody\n');
    dir.put('broken.md', '---\ntitle: "Broken"\noriginalUrl: "https://example.org/b"\nquality: lots\n---\n');
    const engine = await open();
    await engine.fullPass();
    expect(engine.issueList.map((i) => [i.kind, i.name])).toEqual([['invalid', 'broken.md']]);
    expect(engine.leftAlone).toBe(13);
    expect(dir.read('note 0.md')).toBe('# A note\n\nSome thoughts 0.\n');
  });

  it('the ignore rule: matching files are never read, and the status counts what is left alone', async () => {
    const world = syncWorld();
    await world.store.save(record('Alpha'));
    world.dir.put('Untitled.canvas.md', '---\ncanvas: true\n---\n');
    world.dir.put('2020-01-01 daily.md', 'plain');
    world.dir.put('broken.md', '---\ntitle: "Broken"\noriginalUrl: "https://example.org/b"\nquality: lots\n---\n');
    const service = new SyncService({
      state: world.state, library: world.library, rules: localRules, folder: async () => world.dir,
      downloads: () => null, schedule: async () => undefined,
    });
    await service.choose('folder', 'records');
    await service.kick(false);
    await service.setIgnore(['*.canvas.md', 'broken.md']);
    await service.kick(true);
    world.dir.takeCalls('getFile');
    world.dir.put('broken.md', 'changed, still ignored');
    await service.kick(true);
    const status = await service.status();
    expect(status.ignore).toEqual(['*.canvas.md', 'broken.md']);
    expect(status.issues).toEqual([]);
    expect(status.leftAlone).toBe(1);
  });
});

describe('retries wake at their time', () => {
  it('asks for a wake-up at the next retry, and clears it once nothing waits', async () => {
    const world = syncWorld();
    const a = await world.store.save(record('Alpha'));
    const clock = { now: 1_000_000 };
    const wakes: Array<number | null> = [];
    const service = new SyncService({
      state: world.state, library: world.library, rules: localRules, folder: async () => world.dir,
      downloads: () => null, schedule: async () => undefined, now: () => clock.now,
      wakeAt: async (when) => {
        wakes.push(when);
      },
    });
    await service.choose('folder', 'records');
    await service.kick(false);
    await world.store.save({ ...a.stored.record, quality: 3 });
    world.dir.fail('close', () => new DOMException('An I/O error happened.', 'InvalidModificationError'));
    await service.changed([a.stored.id]);
    await service.kick(false);
    expect(wakes.at(-1)).toBe(clock.now + 10_000);
    clock.now += 10_000;
    await service.kick(false);
    expect(wakes.at(-1)).toBeNull();
    expect(world.dir.read(md('alpha'))).toContain('quality: 3');
  });
});
