// Folder sync's decisions against an in-memory folder: writes only what changed, moves, removes, reads back, leaves alone.
import { describe, expect, it } from 'vitest';
import { recordJob } from '../../../src/background/sync/engine.js';
import { serializeRecord } from '../../../src/record/index.js';
import { exportText } from '../../../src/transfer/read-file.js';
import { md, record, syncWorld, titleNamed } from './setup.js';
import { saveNow } from '../fakes.js';

describe('folder sync: Lede → folder', () => {
  it('writes one file per record on the first pass, and nothing on a pass with nothing changed', async () => {
    const { store, dir, open } = syncWorld();
    const a = await saveNow(store, record('Alpha'));
    await saveNow(store, record('Beta'));
    const engine = await open();
    await engine.fullPass();
    expect(dir.names()).toEqual([md('alpha'), md('beta')]);
    expect(dir.read(md('alpha'))).toBe(serializeRecord(a.stored.record));
    expect(dir.takeLog()).toHaveLength(2);

    const again = await open();
    await again.fullPass();
    expect(dir.takeLog()).toEqual([]);
    expect(again.counts).toEqual({ written: 0, removed: 0, read: 0, imported: 0, statted: 2 });
  });

  it('writes exactly the edited record, and not at all when an edit leaves its text as it was', async () => {
    const { store, dir, open } = syncWorld();
    const a = await saveNow(store, record('Alpha'));
    await saveNow(store, record('Beta'));
    const engine = await open();
    await engine.fullPass();
    dir.takeLog();

    const edited = await saveNow(store, { ...a.stored.record, quality: 99 });
    await engine.runJob(recordJob(edited.stored.id));
    expect(dir.takeLog()).toEqual([`write ${md('alpha')}`]);
    expect(dir.read(md('alpha'))).toContain('quality: 99');

    await saveNow(store, { ...edited.stored.record });
    await engine.runJob(recordJob(edited.stored.id));
    await engine.fullPass();
    expect(dir.takeLog()).toEqual([]);
  });

  it('keeps a record’s file where it is when its title changes: the library keeps the name it gave', async () => {
    const { store, dir, open } = syncWorld();
    const a = await saveNow(store, record('Alpha'));
    const engine = await open();
    await engine.fullPass();
    dir.takeLog();
    await saveNow(store, { ...a.stored.record, title: 'Alpha renamed' });
    await engine.runJob(recordJob(a.stored.id));
    expect(dir.takeLog()).toEqual([`write ${md('alpha')}`]);
    expect(dir.read(md('alpha'))).toContain('title: "Alpha renamed"');
  });

  it('moves a record whose file name changes, and removes a deleted record’s file', async () => {
    const { store, dir, open } = syncWorld(titleNamed);
    const a = await saveNow(store, record('Alpha'));
    const engine = await open();
    await engine.fullPass();
    dir.takeLog();

    await saveNow(store, { ...a.stored.record, title: 'Alpha renamed' });
    await engine.runJob(recordJob(a.stored.id));
    expect(dir.takeLog()).toEqual([`write ${md('alpha-renamed')}`, `remove ${md('alpha')}`]);
    expect(dir.names()).toEqual([md('alpha-renamed')]);

    await store.remove(a.stored.id, 'library');
    await engine.runJob(recordJob(a.stored.id));
    expect(dir.takeLog()).toEqual([`remove ${md('alpha-renamed')}`]);
    expect(dir.names()).toEqual([]);
  });

  it('keeps and reports a deleted record’s file that was changed outside Lede', async () => {
    const { store, dir, open } = syncWorld();
    const a = await saveNow(store, record('Alpha'));
    const engine = await open();
    await engine.fullPass();
    const mine = `${dir.read(md('alpha'))}My own notes.\n`;
    dir.put(md('alpha'), mine);

    await store.remove(a.stored.id, 'library');
    await engine.runJob(recordJob(a.stored.id));
    expect(dir.read(md('alpha'))).toBe(mine);
    expect(engine.issueList).toEqual([{ kind: 'kept', name: md('alpha') }]);
    // Left alone from now on: not imported back as a new record while it stays as it is.
    await engine.fullPass();
    expect(await store.get(a.stored.id)).toBeNull();
  });

  it('gives a record whose name another file holds (in any case) the rule’s stable variant, and never touches that file', async () => {
    const { store, dir, open } = syncWorld();
    // On Windows and macOS this is the same file as the lower-case name the rule gives.
    dir.put('2023-05-03-ALPHA.md', 'my shopping list\n');
    dir.put('notes.txt', 'not a record');
    await saveNow(store, record('Alpha'));
    await saveNow(store, record('Alpha'));
    const engine = await open();
    await engine.fullPass();
    expect(dir.read('2023-05-03-ALPHA.md')).toBe('my shopping list\n');
    expect(dir.read('notes.txt')).toBe('not a record');
    const mine = dir.names().filter((name) => !['2023-05-03-ALPHA.md', 'notes.txt'].includes(name));
    expect(mine).toHaveLength(2);
    for (const name of mine) expect(name).toMatch(/^2023-05-03-alpha-[0-9a-z]{6}\.md$/);
    expect(dir.takeLog().sort()).toEqual(mine.map((name) => `write ${name}`).sort());
  });

  it('writes no file outside the folder, whatever the title', async () => {
    const { store, dir, open } = syncWorld();
    await saveNow(store, record('../../etc/passwd'));
    await saveNow(store, record('..'));
    await saveNow(store, record('C:\\Windows\\evil'));
    const engine = await open();
    await engine.fullPass();
    // The in-memory folder, like the browser's, refuses any name that is a path.
    expect(dir.names()).toHaveLength(3);
    for (const name of dir.names()) expect(name).not.toMatch(/[/\\]|^\.\.?$/);
  });
});

describe('folder sync: folder → Lede', () => {
  it('reads an outside edit back into the library and does not write it out again', async () => {
    const { store, dir, open } = syncWorld();
    const a = await saveNow(store, record('Alpha'));
    const engine = await open();
    await engine.fullPass();
    dir.takeLog();
    const text = dir.read(md('alpha'))!.replace('quality: 15', 'quality: 77').replace(/\n$/, '\nA note written in an editor.\n');
    dir.put(md('alpha'), text);

    await engine.fullPass();
    const now = await store.get(a.stored.id);
    expect(now?.record.quality).toBe(77);
    expect(now?.record.body).toContain('A note written in an editor.');
    expect(dir.takeLog()).toEqual([]);
    await engine.fullPass();
    expect(dir.takeLog()).toEqual([]);
  });

  it('imports a new valid record file dropped into the folder, under its own name', async () => {
    const { store, dir, open } = syncWorld();
    const dropped = record('Dropped in');
    dir.put('from-my-vault.md', serializeRecord(dropped));
    const engine = await open();
    await engine.fullPass();
    const listed = await store.all();
    expect(listed.map((s) => s.record.title)).toEqual(['Dropped in']);
    expect(dir.names()).toEqual(['from-my-vault.md']);
    expect(dir.takeLog()).toEqual([]);
  });

  it('keeps a dropped file of another tool as it is: the library gives back its own text, and the file is not rewritten', async () => {
    const { store, dir, open } = syncWorld();
    const canonical = serializeRecord(record('Their order'));
    // Another tool's style: its own key order and a key Lede does not know.
    const lines = canonical.split('\n');
    const title = lines.findIndex((line) => line.startsWith('title: '));
    const theirs = ['---', lines[title], 'x-clipper: "v2"', ...lines.slice(1, title), ...lines.slice(title + 1)].join('\n');
    expect(theirs).not.toBe(canonical);
    dir.put('their-note.md', theirs);
    const engine = await open();
    await engine.fullPass();
    const [stored] = await store.all();
    expect(stored?.record.title).toBe('Their order');
    expect(exportText(stored!.record, stored!.source)).toBe(theirs);
    expect(dir.read('their-note.md')).toBe(theirs);
    expect(dir.takeLog()).toEqual([]);
    await engine.fullPass();
    expect(dir.takeLog()).toEqual([]);
  });

  it('reports an invalid file as file:line: key: message, imports nothing, and reads it again only when it changes', async () => {
    const { store, dir, open } = syncWorld();
    const bad = serializeRecord(record('Bad one')).replace('quality: 15', 'quality: high');
    dir.put('bad.md', bad);
    const engine = await open();
    await engine.fullPass();
    expect(await store.all()).toEqual([]);
    expect(engine.issueList).toHaveLength(1);
    const issue = engine.issueList[0]!;
    expect(issue.kind).toBe('invalid');
    expect(issue.kind === 'invalid' && issue.problems[0]).toMatch(/^bad\.md:\d+: quality: /);
    expect(dir.read('bad.md')).toBe(bad);

    const quiet = await open();
    await quiet.fullPass();
    expect(quiet.counts.read).toBe(0);

    dir.put('bad.md', bad.replace('quality: high', 'quality: 40'));
    await quiet.fullPass();
    expect((await store.all()).map((s) => s.record.quality)).toEqual([40]);
    expect(quiet.issueList).toEqual([]);
  });

  it('keeps both versions when both changed, and applies the person’s choice', async () => {
    const { store, dir, open } = syncWorld();
    const a = await saveNow(store, record('Alpha'));
    const engine = await open();
    await engine.fullPass();
    dir.takeLog();
    const outside = dir.read(md('alpha'))!.replace('quality: 15', 'quality: 1');
    dir.put(md('alpha'), outside);
    await saveNow(store, { ...a.stored.record, quality: 2 });

    await engine.runJob(recordJob(a.stored.id));
    await engine.fullPass();
    expect(dir.read(md('alpha'))).toBe(outside);
    expect((await store.get(a.stored.id))?.record.quality).toBe(2);
    expect(engine.issueList).toEqual([{ kind: 'conflict', name: md('alpha'), id: a.stored.id, title: 'Alpha' }]);
    expect(dir.takeLog()).toEqual([]);

    await engine.resolve(md('alpha'), 'use-file');
    expect((await store.get(a.stored.id))?.record.quality).toBe(1);
    expect(engine.issueList).toEqual([]);

    // Again, this time keeping the library's version.
    dir.put(md('alpha'), outside.replace('quality: 1', 'quality: 3'));
    await saveNow(store, { ...a.stored.record, quality: 4 });
    await engine.fullPass();
    expect(engine.issueList.map((i) => i.kind)).toEqual(['conflict']);
    await engine.resolve(md('alpha'), 'use-library');
    expect(dir.read(md('alpha'))).toContain('quality: 4');
    await engine.fullPass();
    expect(engine.issueList).toEqual([]);
  });

  it('lists a file deleted outside instead of deleting the record or writing it back', async () => {
    const { store, dir, open } = syncWorld();
    const a = await saveNow(store, record('Alpha'));
    const b = await saveNow(store, record('Beta'));
    const engine = await open();
    await engine.fullPass();
    dir.takeLog();
    dir.delete(md('alpha'));
    dir.delete(md('beta'));

    await engine.fullPass();
    await engine.runJob(recordJob(a.stored.id));
    expect(dir.takeLog()).toEqual([]);
    expect(await store.get(a.stored.id)).not.toBeNull();
    expect(engine.issueList.map((i) => `${i.kind} ${i.name}`).sort()).toEqual([`missing ${md('alpha')}`, `missing ${md('beta')}`]);

    await engine.resolve(md('alpha'), 'write-again');
    expect(dir.names()).toEqual([md('alpha')]);
    await engine.resolve(md('beta'), 'remove-record');
    expect(await store.get(b.stored.id)).toBeNull();
    expect(engine.issueList).toEqual([]);
    await engine.fullPass();
    expect(dir.names()).toEqual([md('alpha')]);
  });

  it('takes a file that already holds what Lede would write as Lede’s, and a differing one as a conflict', async () => {
    const { store, dir, open } = syncWorld();
    const a = await saveNow(store, record('Alpha'));
    const b = await saveNow(store, record('Beta'));
    dir.put(md('alpha'), serializeRecord(a.stored.record));
    dir.put('Beta old.md', serializeRecord({ ...b.stored.record, quality: 3 }));
    const engine = await open();
    await engine.fullPass();
    expect(dir.takeLog()).toEqual([]);
    expect(engine.issueList).toEqual([{ kind: 'conflict', name: 'Beta old.md', id: b.stored.id, title: 'Beta' }]);
  });
});
