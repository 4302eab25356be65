// The durable queue: injected write, rename, delete and quota failures, lost permission, a restarted worker; nothing lost.
import { describe, expect, it } from 'vitest';
import { recordJob } from '../../../src/background/sync/engine.js';
import { backoffMs, runQueue } from '../../../src/background/sync/queue.js';
import { serializeRecord } from '../../../src/record/index.js';
import { failures } from './memory-folder.js';
import { md, record, syncWorld, titleNamed } from './setup.js';
import { saveNow } from '../fakes.js';

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200 && !(await check()); i++) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('sync queue', () => {
  it('keeps a job whose write hit a full disk, leaves the old file whole, and retries it after a wait', async () => {
    const { store, dir, state, open } = syncWorld();
    const a = await saveNow(store, record('Alpha'));
    const engine = await open();
    await engine.fullPass();
    const before = dir.read(md('alpha'));

    await saveNow(store, { ...a.stored.record, quality: 80 });
    await state.enqueue([recordJob(a.stored.id)], 1000);
    dir.fail('close', failures.quota);
    const first = await runQueue(engine, state, () => 1000);
    expect(first).toMatchObject({ done: 0, failed: 1, stopped: 'quota' });
    expect(first.error).toMatch(/QuotaExceededError/);
    expect(dir.read(md('alpha'))).toBe(before);
    const [item] = await state.queue();
    expect(item).toMatchObject({ key: recordJob(a.stored.id), attempts: 1, notBefore: 1000 + backoffMs(0) });

    // Not due yet: nothing runs.
    expect(await runQueue(engine, state, () => 2000)).toMatchObject({ done: 0, failed: 0 });
    const later = await runQueue(engine, state, () => 1000 + backoffMs(0));
    expect(later).toMatchObject({ done: 1, failed: 0 });
    expect(dir.read(md('alpha'))).toContain('quality: 80');
    expect(await state.pending()).toBe(0);
  });

  it('backs off longer after each failure, up to half an hour', () => {
    expect(backoffMs(0)).toBe(10_000);
    expect(backoffMs(1)).toBe(20_000);
    expect(backoffMs(3)).toBe(80_000);
    expect(backoffMs(50)).toBe(30 * 60_000);
  });

  it('stops at a lost permission without spending an attempt, and finishes once it is back', async () => {
    const { store, dir, state, open } = syncWorld();
    const ids = [];
    for (const title of ['One', 'Two', 'Three']) ids.push((await saveNow(store, record(title))).stored.id);
    await state.enqueue(ids.map(recordJob), 0);
    const engine = await open();
    dir.volume.revoked = true;
    const stopped = await runQueue(engine, state, () => 0);
    expect(stopped).toMatchObject({ done: 0, stopped: 'permission' });
    expect((await state.queue()).map((i) => i.attempts)).toEqual([0, 0, 0]);

    dir.volume.revoked = false;
    expect(await runQueue(engine, state, () => 0)).toMatchObject({ done: 3, stopped: null });
    expect(dir.names()).toEqual([md('one'), md('three'), md('two')]);
  });

  it('survives a worker stopped mid-queue: a new engine on the same state finishes the rest, each file written once', async () => {
    const { store, dir, state, open } = syncWorld();
    const ids = [];
    for (const title of ['One', 'Two', 'Three', 'Four']) ids.push((await saveNow(store, record(title))).stored.id);
    await state.enqueue(ids.map(recordJob), 0);
    // The worker is stopped during the third write: that write never finishes, nothing after it runs.
    dir.fail('close', null, { name: md('three') });
    const first = await open();
    void runQueue(first, state, () => 0);
    await until(async () => (await state.pending()) === 2 && dir.names().length === 3);
    expect(dir.names()).toEqual([md('one'), md('three'), md('two')]);
    expect(dir.read(md('three'))).toBe('');

    const restarted = await open();
    await runQueue(restarted, state, () => 10 * 60_000);
    await restarted.fullPass();
    expect(dir.names()).toEqual([md('four'), md('one'), md('three'), md('two')]);
    expect(dir.takeLog().sort()).toEqual([`write ${md('four')}`, `write ${md('one')}`, `write ${md('three')}`, `write ${md('two')}`]);
    expect(await state.pending()).toBe(0);
  });

  it('takes back a file a stopped worker wrote but did not record, instead of writing a second copy', async () => {
    const { store, dir, state, open } = syncWorld();
    const a = await saveNow(store, record('Alpha'));
    const b = await saveNow(store, record('Beta'));
    // The file is on disk, whole; the worker stopped before sync noted it, so the job is still queued.
    dir.put(md('alpha'), serializeRecord(a.stored.record));
    // And one written for an older version of the record: a conflict, not a second file.
    dir.put(md('beta'), serializeRecord({ ...b.stored.record, quality: 1 }));
    await state.enqueue([recordJob(a.stored.id), recordJob(b.stored.id)], 0);
    const engine = await open();
    expect(await runQueue(engine, state, () => 0)).toMatchObject({ done: 2 });
    expect(dir.names()).toEqual([md('alpha'), md('beta')]);
    expect(dir.takeLog()).toEqual([]);
    expect(engine.issueList).toEqual([{ kind: 'conflict', name: md('beta'), id: b.stored.id, title: 'Beta' }]);
    await saveNow(store, { ...a.stored.record, quality: 5 });
    await engine.runJob(recordJob(a.stored.id));
    expect(dir.takeLog()).toEqual([`write ${md('alpha')}`]);
  });

  it('finishes a move whose removal failed: the new file is written once, the old one goes on the retry', async () => {
    const { store, dir, state, open } = syncWorld(titleNamed);
    const a = await saveNow(store, record('Alpha'));
    const engine = await open();
    await engine.fullPass();
    dir.takeLog();
    await saveNow(store, { ...a.stored.record, title: 'Omega' });
    await state.enqueue([recordJob(a.stored.id)], 0);
    dir.fail('remove', failures.io, { name: md('alpha') });
    expect(await runQueue(engine, state, () => 0)).toMatchObject({ failed: 1 });
    expect(dir.names()).toEqual([md('alpha'), md('omega')]);

    const restarted = await open();
    expect(await runQueue(restarted, state, () => 60 * 60_000)).toMatchObject({ done: 1 });
    expect(dir.names()).toEqual([md('omega')]);
    expect(dir.takeLog()).toEqual([`write ${md('omega')}`, `remove ${md('alpha')}`]);
  });

  it('retries a failed delete until the file is gone', async () => {
    const { store, dir, state, open } = syncWorld();
    const a = await saveNow(store, record('Alpha'));
    const engine = await open();
    await engine.fullPass();
    await store.remove(a.stored.id, 'library');
    await state.enqueue([recordJob(a.stored.id)], 0);
    dir.fail('remove', failures.io, { times: 2 });
    await runQueue(engine, state, () => 0);
    await runQueue(engine, state, () => 60 * 60_000);
    expect(dir.names()).toEqual([md('alpha')]);
    await runQueue(engine, state, () => 2 * 60 * 60_000);
    expect(dir.names()).toEqual([]);
    expect(await state.pending()).toBe(0);
  });

  it('does not drop an edit queued while an older run of the same job was in flight', async () => {
    const { store, state } = syncWorld();
    const a = await saveNow(store, record('Alpha'));
    await state.enqueue([recordJob(a.stored.id)], 0);
    const [inFlight] = await state.queue();
    await state.enqueue([recordJob(a.stored.id)], 0);
    await state.dequeue(inFlight!);
    expect(await state.pending()).toBe(1);
  });

  it('resumes a first pass cut short by a full disk without writing any file twice', async () => {
    const { store, dir, open } = syncWorld();
    for (let i = 0; i < 30; i++) await saveNow(store, record(`Record ${i}`));
    const engine = await open();
    dir.fail('close', failures.quota, { name: md('record-20') });
    await expect(engine.fullPass()).rejects.toThrow(/full/);
    const log = dir.takeLog();
    // The empty file that opening Record 20.md made is taken away again.
    expect(log).toContain(`remove ${md('record-20')}`);
    expect(dir.names()).not.toContain(md('record-20'));
    const written = log.filter((entry) => entry.startsWith('write ')).length;
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(30);

    const restarted = await open();
    await restarted.fullPass();
    expect(dir.names()).toHaveLength(30);
    expect(restarted.counts.written).toBe(30 - written);
  });
});
