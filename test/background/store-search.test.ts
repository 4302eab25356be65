// The search entries the writer keeps beside each row: a woken worker searches from them without reading every
// record; a library from before them gets them built once; a write while they load or build is in both.
import { openDB } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LibraryStore } from '../../src/background/store/index.js';
import { sampleRecord, saveNow } from './fakes.js';

let count = 0;
const fresh = () => `lede-search-${process.pid}-${++count}`;
const record = (i: number, title = `Story ${i} about tides`) => sampleRecord({ originalUrl: `https://s${i % 5}.example/${i}`, webUrl: `https://s${i % 5}.example/${i}`, title, topics: [i % 2 ? 'Odd' : 'Even'] });

/** Every getAll a test makes, by store name. */
function spyReads(): { names: string[]; restore(): void } {
  const proto = (globalThis as unknown as { IDBObjectStore: { prototype: { getAll: (...args: unknown[]) => unknown; name: string } } }).IDBObjectStore.prototype;
  const original = proto.getAll;
  const names: string[] = [];
  proto.getAll = function (this: { name: string }, ...args: unknown[]) {
    names.push(this.name);
    return original.apply(this, args);
  };
  return { names, restore: () => { proto.getAll = original; } };
}

afterEach(() => vi.restoreAllMocks());

describe('the kept search entries', () => {
  it('let a woken worker search and list topics without reading every record, and keep deletes and edits', async () => {
    const name = fresh();
    const first = new LibraryStore(name);
    for (let i = 0; i < 30; i++) await saveNow(first, record(i));
    const edited = (await first.get('https://s3.example/13'))!;
    expect((await first.save({ ...edited.record, title: 'Renamed harbour piece' }, 'library', { revision: edited.revision })).ok).toBe(true);
    await first.remove('https://s4.example/14', 'library');
    await first.list({ text: 'tides' });
    first.close();

    const reads = spyReads();
    try {
      const woken = new LibraryStore(name);
      const found = await woken.list({ text: 'harbour' });
      expect(found.records.map((s) => s.id)).toEqual(['https://s3.example/13']);
      expect((await woken.list({ text: 'tides' })).total).toBe(28);
      expect(await woken.topics()).toEqual([{ topic: 'Odd', count: 15 }, { topic: 'Even', count: 14 }]);
      // Saved within one millisecond, two records tie on their time: the order among those is by address.
      const odd = await woken.list({ topic: 'odd', limit: 3 });
      expect(odd.total).toBe(15);
      expect(odd.records[0]!.record.title).toBe('Story 29 about tides');
      for (const { record: r } of odd.records) expect(r.topics).toEqual(['Odd']);
      expect(reads.names).not.toContain('records');
      expect(reads.names).toContain('search');
    } finally {
      reads.restore();
    }
  });

  it('are built once for a library saved before they were kept (version 3), then read', async () => {
    const name = fresh();
    const store = new LibraryStore(name);
    for (let i = 0; i < 12; i++) await saveNow(store, record(i));
    store.close();
    // As a version-3 library: the same rows, no search entries.
    const db = await openDB(name);
    await db.clear('search');
    db.close();
    const rebuilt = new LibraryStore(name);
    expect((await rebuilt.list({ text: 'story 7' })).records.map((s) => s.id)).toEqual(['https://s2.example/7']);
    rebuilt.close();
    const after = await openDB(name);
    expect(await after.count('search')).toBe(12);
    after.close();
  });

  it('hold a record saved while the index loads, in this worker and the next', async () => {
    const name = fresh();
    const store = new LibraryStore(name);
    for (let i = 0; i < 20; i++) await saveNow(store, record(i));
    store.close();
    const db = await openDB(name);
    await db.clear('search');
    db.close();
    const woken = new LibraryStore(name);
    // Two actors: the search builds the entries while a save lands.
    const [listed, saved] = await Promise.all([woken.list({ text: 'lighthouse' }), saveNow(woken, record(99, 'The lighthouse keeper'))]);
    expect(saved.created).toBe(true);
    expect(listed.total).toBeLessThanOrEqual(1);
    expect((await woken.list({ text: 'lighthouse' })).records.map((s) => s.id)).toEqual(['https://s4.example/99']);
    woken.close();
    const next = new LibraryStore(name);
    expect((await next.list({ text: 'lighthouse' })).records.map((s) => s.id)).toEqual(['https://s4.example/99']);
    expect((await next.list({})).total).toBe(21);
  });

  it('never list a row changed behind the store\'s back into one failing its checks', async () => {
    const name = fresh();
    const store = new LibraryStore(name);
    for (let i = 0; i < 3; i++) await saveNow(store, record(i));
    store.close();
    const db = await openDB(name);
    const row = await db.get('records', 'https://s1.example/1');
    await db.put('records', { ...row, record: { ...row.record, quality: 500 } });
    db.close();
    const woken = new LibraryStore(name);
    expect(await woken.list({ text: 'tides' })).toMatchObject({ total: 2, hidden: 1 });
    expect((await woken.all()).map((s) => s.id)).toEqual(['https://s2.example/2', 'https://s0.example/0']);
  });

  it('keep the newer copy when a page\'s rows are read while one of them is saved', async () => {
    const name = fresh();
    const store = new LibraryStore(name);
    for (let i = 0; i < 5; i++) await saveNow(store, record(i));
    store.close();
    const woken = new LibraryStore(name);
    await woken.topics();
    const opened = (await woken.get('https://s2.example/2'))!;
    // Two actors: the listing reads the rows of its page; the person's save of one of them lands meanwhile.
    const [, saved] = await Promise.all([
      woken.list({ text: 'tides' }),
      woken.save({ ...opened.record, title: 'Story 2, corrected, about tides' }, 'library', { revision: opened.revision }),
    ]);
    expect(saved.ok).toBe(true);
    const titles = (await woken.list({ text: 'tides' })).records.map((s) => s.record.title);
    expect(titles).toContain('Story 2, corrected, about tides');
    expect((await woken.all()).find((s) => s.id === 'https://s2.example/2')!.revision).toBe(opened.revision + 1);
  });
});
