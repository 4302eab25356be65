// The store's versioned writes: apply, update, move and remove, revisions, and the change events after commit.
import { openDB } from 'idb';
import { describe, expect, it, vi } from 'vitest';
import { broadcastLibraryChanges } from '../../src/background/library-events.js';
import { LibraryStore, type ChangeListener } from '../../src/background/store/index.js';
import type { LedeRecord } from '../../src/record/index.js';
import type { LibraryChanged } from '../../src/shared/messages.js';
import { sampleRecord } from './fakes.js';

let count = 0;
function fresh() {
  const name = `lede-writes-${process.pid}-${++count}`;
  return { name, store: new LibraryStore(name) };
}

const A = sampleRecord({ originalUrl: 'https://a.example/1', webUrl: 'https://a.example/1', title: 'A' });
const B = sampleRecord({ originalUrl: 'https://b.example/1', webUrl: 'https://b.example/1', title: 'B' });
const write = (record: LedeRecord) => () => ({ record });

describe('apply', () => {
  it('creates at revision 1, then writes only at the revision it expects', async () => {
    const { store } = fresh();
    const created = await store.apply('https://a.example/1', null, write(A), 'popup');
    expect(created).toMatchObject({ ok: true, written: true, created: true, stored: { revision: 1, changedBy: 'popup' } });
    const second = await store.apply('https://a.example/1', 1, write({ ...A, quality: 80 }), 'library');
    expect(second).toMatchObject({ ok: true, stored: { revision: 2, changedBy: 'library', record: { quality: 80 } } });
    const stale = await store.apply('https://a.example/1', 1, write({ ...A, quality: 5 }), 'popup');
    expect(stale).toEqual({ ok: false, conflict: { id: 'https://a.example/1', current: second.ok ? second.stored : null } });
    expect(await store.apply('https://a.example/1', null, write(A), 'popup')).toMatchObject({ ok: false });
    expect((await store.get('https://a.example/1'))!.record.quality).toBe(80);
  });

  it('writes nothing when the change says so, and refuses a record under another address', async () => {
    const { store } = fresh();
    await store.apply(A.originalUrl, null, write(A), 'popup');
    expect(await store.apply(A.originalUrl, 1, () => null, 'popup')).toMatchObject({ ok: true, written: false, stored: { revision: 1 } });
    await expect(store.apply(A.originalUrl, 1, write(B), 'popup')).rejects.toThrow(/own address/);
    expect((await store.get(A.originalUrl))!.revision).toBe(1);
  });
});

describe('update', () => {
  it('two updates at once both land: each reads the row inside its own transaction', async () => {
    const { store } = fresh();
    await store.apply(A.originalUrl, null, write(A), 'popup');
    const add = (topic: string) => store.update(A.originalUrl, (row) => ({ record: { ...row.record, topics: [...row.record.topics, topic] } }), 'menu');
    await Promise.all([add('One'), add('Two')]);
    const row = await store.get(A.originalUrl);
    expect(row!.record.topics).toEqual([...A.topics, 'One', 'Two']);
    expect(row!.revision).toBe(3);
  });

  it('an image pass that sets isCached keeps an edit made since its snapshot', async () => {
    const { store } = fresh();
    const image = { url: 'https://img.example/a.jpg' };
    const withImage = { ...A, related: [{ title: 'R', excerpt: '', publishedDateTime: null, webUrl: 'https://r.example/', type: 'article', provider: { name: 'R', domain: 'r.example' }, quality: 50, images: [image] }] };
    await store.apply(A.originalUrl, null, write(withImage), 'popup');
    await store.update(A.originalUrl, (row) => ({ record: { ...row.record, title: 'Edited meanwhile' } }), 'library');
    await store.update(A.originalUrl, (row) => ({
      record: { ...row.record, related: row.record.related.map((e) => ({ ...e, images: e.images.map((i) => ({ ...i, isCached: true })) })) },
    }), 'images');
    const row = await store.get(A.originalUrl);
    expect(row).toMatchObject({ changedBy: 'images', record: { title: 'Edited meanwhile', related: [{ images: [{ isCached: true }] }] } });
  });

  it('answers a conflict for a row that is not there', async () => {
    const { store } = fresh();
    expect(await store.update(A.originalUrl, (row) => ({ record: row.record }), 'key')).toEqual({ ok: false, conflict: { id: A.originalUrl, current: null } });
  });
});

describe('move and remove', () => {
  it('moves a row to a free address in one change, and refuses an occupied or stale one', async () => {
    const { store } = fresh();
    await store.apply(A.originalUrl, null, write(A), 'popup');
    await store.apply(B.originalUrl, null, write(B), 'popup');
    const onto = await store.move({ id: A.originalUrl, revision: 1 }, { id: B.originalUrl, revision: null }, () => ({ record: { ...A, originalUrl: B.originalUrl } }), 'library');
    expect(onto).toMatchObject({ ok: false, conflict: { id: B.originalUrl, current: { record: { title: 'B' } } } });
    const stale = await store.move({ id: A.originalUrl, revision: 7 }, { id: 'https://c.example/1', revision: null }, () => ({ record: { ...A, originalUrl: 'https://c.example/1' } }), 'library');
    expect(stale).toMatchObject({ ok: false, conflict: { id: A.originalUrl } });
    const moved = await store.move({ id: A.originalUrl, revision: 1 }, { id: 'https://c.example/1', revision: null }, () => ({ record: { ...A, originalUrl: 'https://c.example/1' } }), 'library');
    expect(moved).toMatchObject({ ok: true, stored: { id: 'https://c.example/1', revision: 1 } });
    expect(await store.get(A.originalUrl)).toBeNull();
    expect((await store.list({})).records.map((s) => s.id).sort()).toEqual(['https://b.example/1', 'https://c.example/1']);
  });

  it('a change that throws in a move leaves both rows as they were', async () => {
    const { store } = fresh();
    await store.apply(A.originalUrl, null, write(A), 'popup');
    await expect(store.move({ id: A.originalUrl, revision: 1 }, { id: B.originalUrl, revision: null }, () => ({ record: A }), 'library')).rejects.toThrow();
    expect((await store.get(A.originalUrl))!.revision).toBe(1);
    expect(await store.get(B.originalUrl)).toBeNull();
  });

  it('deletes only at the expected revision; a record saved again goes on from the deleted one\'s revision', async () => {
    const { store } = fresh();
    await store.apply(A.originalUrl, null, write(A), 'popup');
    await store.apply(A.originalUrl, 1, write({ ...A, quality: 70 }), 'popup');
    expect(await store.remove(A.originalUrl, 'undo', 1)).toMatchObject({ ok: false, conflict: { current: { revision: 2 } } });
    expect(await store.remove(A.originalUrl, 'library', 2)).toMatchObject({ ok: true, deleted: { revision: 2 } });
    // An editor still holding revision 1 or 2 of the deleted record can never match the new one.
    const again = await store.apply(A.originalUrl, null, write(A), 'popup');
    expect(again).toMatchObject({ ok: true, stored: { revision: 4 } });
  });
});

describe('rows written before revisions', () => {
  it('read as revision 1, and the next write is revision 2; a new store over the same database knows it', async () => {
    const { name, store } = fresh();
    await store.apply(A.originalUrl, null, write(A), 'popup');
    const db = await openDB(name);
    const row = await db.get('records', A.originalUrl);
    delete row.revision;
    delete row.changedBy;
    await db.put('records', { ...row, schema: 1 });
    db.close();
    store.close();
    const restarted = new LibraryStore(name);
    expect(await restarted.get(A.originalUrl)).toMatchObject({ revision: 1 });
    expect(await restarted.apply(A.originalUrl, 1, write({ ...A, quality: 3 }), 'popup')).toMatchObject({ ok: true, stored: { revision: 2 } });
  });
});

describe('change events', () => {
  it('are told after each committed write, a move as a delete and a write, never for a conflict', async () => {
    const { store } = fresh();
    const seen: Array<Parameters<ChangeListener>[0]> = [];
    store.onChanged((change) => seen.push(change));
    store.onChanged(() => {
      throw new Error('a listener that fails takes nothing with it');
    });
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await store.apply(A.originalUrl, null, write(A), 'popup');
    await store.apply(A.originalUrl, 5, write(A), 'popup');
    await store.move({ id: A.originalUrl, revision: 1 }, { id: B.originalUrl, revision: null }, () => ({ record: { ...A, originalUrl: B.originalUrl } }), 'library');
    expect(seen.map(({ id, revision, by, deleted }) => ({ id, revision, by, deleted }))).toEqual([
      { id: A.originalUrl, revision: 1, by: 'popup', deleted: undefined },
      { id: A.originalUrl, revision: 2, by: 'library', deleted: true },
      { id: B.originalUrl, revision: 1, by: 'library', deleted: undefined },
    ]);
    expect(seen.every((change) => typeof change.at === 'string')).toBe(true);
  });

  it('are broadcast as library/changed, and a browser with no page listening changes nothing', async () => {
    const { store } = fresh();
    const sent: LibraryChanged[] = [];
    broadcastLibraryChanges(store, async (message) => {
      sent.push(message);
      throw new Error('Could not establish connection. Receiving end does not exist.');
    });
    const saved = await store.apply(A.originalUrl, null, write(A), 'sync');
    expect(saved.ok).toBe(true);
    expect(sent).toEqual([{ lede: 1, event: 'library/changed', id: A.originalUrl, revision: 1, by: 'sync', at: expect.any(String) }]);
  });

  it('go as one message per write: an import batch is one message naming every row', async () => {
    const { store } = fresh();
    const sent: LibraryChanged[] = [];
    broadcastLibraryChanges(store, async (message) => void sent.push(message));
    const ids = ['https://c.example/1', 'https://c.example/2', 'https://c.example/3'];
    await store.importRecords(ids.map((id) => ({ id, incoming: { record: sampleRecord({ originalUrl: id, webUrl: id }) } })));
    await store.remove(ids[1]!, 'library');
    expect(sent).toEqual([
      { lede: 1, event: 'library/changed', id: ids[0], revision: 1, by: 'import', at: expect.any(String), also: [{ id: ids[1], revision: 1 }, { id: ids[2], revision: 1 }] },
      { lede: 1, event: 'library/changed', id: ids[1], revision: 2, by: 'library', at: expect.any(String), deleted: true },
    ]);
  });
});
