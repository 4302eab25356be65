// The store never overwrites blindly: undo and import check the row inside their own transaction.
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { LibraryStore } from '../../src/background/store/index.js';
import { sampleRecord, saveNow } from './fakes.js';

let count = 0;
const fresh = () => {
  const name = `lede-overwrite-${process.pid}-${++count}`;
  return { name, store: new LibraryStore(name) };
};

describe('undo and import over newer work', () => {
  it('undo of a delete does not overwrite a record saved since under the same address', async () => {
    const { store } = fresh();
    const { stored } = await saveNow(store, sampleRecord());
    await store.remove(stored.id, 'library');
    const { stored: newer } = await saveNow(store, sampleRecord({ title: 'Saved again since' }));
    expect(await store.restore(stored)).toMatchObject({ ok: false });
    expect((await store.get(stored.id))!.record.title).toBe(newer.record.title);
  });

  it('undo still puts a deleted record back when nothing took its place', async () => {
    const { store } = fresh();
    const { stored } = await saveNow(store, sampleRecord());
    await store.remove(stored.id, 'library');
    expect(await store.restore(stored)).toMatchObject({ ok: true });
    expect(await store.get(stored.id)).toEqual({ ...stored, revision: 3, changedBy: 'undo' });
  });

  it('a row that fails its checks can still be deleted, and replaced by a deliberate import', async () => {
    const { name, store } = fresh();
    const { stored } = await saveNow(store, sampleRecord());
    const db = await openDB(name);
    await db.put('records', { ...(await db.get('records', stored.id)), record: { ...stored.record, quality: 500 } });
    db.close();
    expect(await store.get(stored.id)).toBeNull();
    const decision = await store.importRecord(stored.id, { record: sampleRecord({ title: 'Replacement' }) });
    expect(decision).toMatchObject({ action: 'updated', reason: expect.stringMatching(/failed its checks/) });
    expect((await store.get(stored.id))!.record.title).toBe('Replacement');

    const db2 = await openDB(name);
    await db2.put('records', { ...(await db2.get('records', stored.id)), record: { ...stored.record, quality: 500 } });
    db2.close();
    await store.remove(stored.id, 'library');
    const db3 = await openDB(name);
    expect(await db3.get('records', stored.id)).toBeUndefined();
    db3.close();
  });

  it('the listing says how many rows fail their checks, and stops once such a row is deleted', async () => {
    const { name, store } = fresh();
    const { stored } = await saveNow(store, sampleRecord());
    await saveNow(store, sampleRecord({ originalUrl: 'https://example.com/other', webUrl: 'https://example.com/other' }));
    const db = await openDB(name);
    await db.put('records', { ...(await db.get('records', stored.id)), record: { ...stored.record, quality: 500 } });
    db.close();
    const reopened = new LibraryStore(name);
    expect(await reopened.list({ text: 'a' })).toMatchObject({ total: 1, hidden: 1 });
    await reopened.remove(stored.id, 'library');
    expect((await reopened.list({ text: 'a' })).hidden).toBeUndefined();
  });

  it('keeps the first file name across title edits', async () => {
    const { store } = fresh();
    const { stored } = await saveNow(store, sampleRecord({ title: 'First title' }));
    const { stored: edited } = await saveNow(store, { ...stored.record, title: 'A new title' });
    expect(edited.fileName).toBe(stored.fileName);
    expect(stored.fileName).toMatch(/first-title\.md$/);
  });
});
