// What a real folder does to sync: renames, a checkout mid-pass, a worker stopped mid-write, notes that are not records.
import { describe, expect, it } from 'vitest';
import { recordJob } from '../../../src/background/sync/engine.js';
import { ignoreRule } from '../../../src/background/sync/ignore.js';
import { localRules, looksLikeRecord } from '../../../src/background/sync/rules.js';
import { SyncService } from '../../../src/background/sync/service.js';
import { saveNow } from '../fakes.js';
import { md, record, syncWorld } from './setup.js';

describe('renames outside are followed', () => {
  it('a file renamed outside, seen by a pass, is the same record under its new name', async () => {
    const { store, dir, open } = syncWorld();
    const a = await saveNow(store, record('Alpha'));
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
    const edited = await saveNow(store, { ...a.stored.record, quality: 77 });
    await engine.runJob(recordJob(edited.stored.id));
    expect(dir.names()).toEqual(['Reading - alpha notes.md']);
    expect(dir.read('Reading - alpha notes.md')).toContain('quality: 77');
  });

  it('a rename with an edit, reported by the watch in one batch, is read back under the new name', async () => {
    const { store, dir, open } = syncWorld();
    const a = await saveNow(store, record('Alpha', { quality: 20 }));
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

describe('deletes as tombstones', () => {
  it('a record deleted while its file was renamed outside: the delete is carried out on the renamed file', async () => {
    const { store, dir, open } = syncWorld();
    const a = await saveNow(store, record('Alpha'));
    await saveNow(store, record('Beta'));
    const engine = await open();
    await engine.fullPass();
    const text = dir.read(md('alpha'))!;
    dir.delete(md('alpha'));
    // The person deletes the record; its job runs before any pass has seen the rename.
    await store.remove(a.stored.id, 'library');
    await engine.runJob(recordJob(a.stored.id));
    dir.put('alpha, moved.md', text);
    await engine.fullPass();
    expect(dir.names()).toEqual([md('beta')]);
    expect(await store.get(a.stored.id)).toBeNull();
    expect(engine.issueList).toEqual([]);
  });

  it('a deleted record’s file that comes back after a checkout is removed while it holds Lede’s text, kept once edited', async () => {
    const { store, dir, open } = syncWorld();
    const a = await saveNow(store, record('Alpha'));
    const b = await saveNow(store, record('Beta'));
    const engine = await open();
    await engine.fullPass();
    const alpha = dir.read(md('alpha'))!;
    const beta = dir.read(md('beta'))!;
    dir.delete(md('alpha'));
    dir.delete(md('beta'));
    await store.remove(a.stored.id, 'library');
    await store.remove(b.stored.id, 'library');
    await engine.runJob(recordJob(a.stored.id));
    await engine.runJob(recordJob(b.stored.id));
    dir.put(md('alpha'), alpha);
    dir.put(md('beta'), `${beta}Edited on the other branch.\n`);
    await engine.checkFiles([md('alpha'), md('beta')]);
    expect(dir.names()).toEqual([md('beta')]);
    expect(engine.issueList).toEqual([{ kind: 'kept', name: md('beta') }]);
    expect(await store.get(a.stored.id)).toBeNull();
  });
});

describe('a file that vanishes mid-pass', () => {
  it('is skipped (not “folder gone”) and looked at again by the next pass', async () => {
    const { store, dir, open } = syncWorld();
    await saveNow(store, record('Alpha'));
    const b = await saveNow(store, record('Beta'));
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
    await saveNow(store, record('Alpha'));
    await saveNow(store, record('Beta'));
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
    await saveNow(store, record('Alpha'));
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
    await saveNow(store, record('Alpha'));
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
    await saveNow(world.store, record('Alpha'));
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
    const a = await saveNow(world.store, record('Alpha'));
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
    await saveNow(world.store, { ...a.stored.record, quality: 3 });
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

describe('both versions for the person', () => {
  it('sync/compare gives the file as it is now beside the library’s row', async () => {
    const { store, dir, open } = syncWorld();
    const a = await saveNow(store, record('Alpha', { quality: 10 }));
    const engine = await open();
    await engine.fullPass();
    dir.put(md('alpha'), dir.read(md('alpha'))!.replace('quality: 10', 'quality: 11'));
    await saveNow(store, { ...a.stored.record, quality: 12 });
    await engine.fullPass();
    expect(engine.issueList).toEqual([expect.objectContaining({ kind: 'conflict', name: md('alpha') })]);
    const both = await engine.compare(md('alpha'));
    expect(both.folder?.record?.quality).toBe(11);
    expect(both.folder?.text).toContain('quality: 11');
    expect(both.folder?.problems).toEqual([]);
    expect(both.library?.record.quality).toBe(12);
    dir.put(md('alpha'), '---\ntitle: "Alpha"\noriginalUrl: "nope"\n---\n');
    const broken = await engine.compare(md('alpha'));
    expect(broken.folder?.record).toBeNull();
    expect(broken.folder?.problems.length).toBeGreaterThan(0);
    expect(broken.library?.id).toBe(a.stored.id);
    expect(await engine.compare('no such file.md')).toEqual({ folder: null, library: null });
  });
});

describe('what counts as a record, and the ignore patterns', () => {
  it('a file with Lede front matter is a record (with errors, listed); plain notes and other clippers’ are not', () => {
    expect(looksLikeRecord('---\noriginalUrl: "x"\n---\n')).toBe(true);
    expect(looksLikeRecord('\uFEFF---\r\nquality: 3\r\nheat: 1\r\n---\r\n')).toBe(true);
    expect(looksLikeRecord('# Title\n\noriginalUrl: "x"\n')).toBe(false);
    expect(looksLikeRecord('---\ntitle: "x"\nsource: "https://a"\ntags: [a]\n---\n')).toBe(false);
    expect(looksLikeRecord('---\nquality: 3\n---\n')).toBe(false);
    expect(looksLikeRecord('---\ntitle: x\n---\noriginalUrl: "after the front matter"\n')).toBe(false);
  });

  it('patterns match top-level names without case; folder patterns match no file', () => {
    const ignored = ignoreRule(['*.canvas.md', 'Untitled?.md', 'Daily/', 'Templates/*.md']);
    expect(ignored('Board.CANVAS.md')).toBe(true);
    expect(ignored('Untitled1.md')).toBe(true);
    expect(ignored('Untitled12.md')).toBe(false);
    expect(ignored('Daily')).toBe(false);
    expect(ignored('a.md')).toBe(false);
    expect(ignoreRule([])('x.md')).toBe(false);
    expect(ignoreRule(['a+b(1).md'])('a+b(1).md')).toBe(true);
  });
});
