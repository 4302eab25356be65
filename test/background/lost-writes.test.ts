// Issue 17's lost writes on the store's side, each with its second actor: a stale editor, two quick menu
// adds, a popup edit during the menu's fetch, an address edit onto another record, undo of an update.
import { describe, expect, it } from 'vitest';
import { createHandlers, relatedDeps } from '../../src/background/handlers.js';
import { addLinkAsRelated } from '../../src/background/related-menu.js';
import type { SaveResult, StoredRecord } from '../../src/shared/messages.js';
import { makeDeps, sampleRecord } from './fakes.js';

const popup = { id: 'lede@test', url: 'chrome-extension://abc/popup/popup.html' };
const library = { id: 'lede@test', url: 'chrome-extension://abc/pages/library/library.html' };
const PAGE = (title: string) => `<html><head><title>${title}</title><meta property="og:title" content="${title}"></head><body></body></html>`;

function stored(result: SaveResult): StoredRecord {
  if (!result.ok) throw new Error(`not saved: ${JSON.stringify(result)}`);
  return result.stored;
}

/** A network whose pages answer only when the test lets them. */
function gatedFetch() {
  const waiting: Array<() => void> = [];
  const fetch = async (url: string) => {
    await new Promise<void>((resolve) => waiting.push(resolve));
    return new Response(PAGE(`Page ${new URL(url).pathname}`), { headers: { 'content-type': 'text/html' } });
  };
  return { fetch, waiting, release: () => waiting.splice(0).forEach((go) => go()) };
}

async function until(what: string, check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

describe('a stale editor', () => {
  it('a save from a revision that is no longer the row\'s answers a conflict and overwrites nothing', async () => {
    const d = makeDeps();
    const h = createHandlers(d);
    const first = stored(await h['library/save']({ record: sampleRecord({ quality: 91 }), revision: null }, popup));
    // The library page saves an edit; the popup still holds the first version.
    const newer = stored(await h['library/save']({ record: { ...first.record, quality: 33, body: 'A line.' }, previousId: first.id, revision: first.revision }, library));
    const stale = await h['library/save']({ record: { ...first.record, category: 'tech' }, previousId: first.id, revision: first.revision }, popup);
    expect(stale).toEqual({ ok: false, conflict: { current: newer } });
    expect(await d.store.get(first.id)).toMatchObject({ record: { quality: 33, body: 'A line.', category: 'news' } });
  });
});

describe('two quick "Add link to Lede as related" (scenario 4)', () => {
  it('both links land, and a popup edit made during the fetch is kept', async () => {
    const net = gatedFetch();
    const d = makeDeps({ fetch: net.fetch });
    d.granted.add('coast.example');
    const h = createHandlers(d);
    const saved = stored(await h['library/save']({ record: sampleRecord(), revision: null }, popup));
    const tab = { id: 2, url: saved.record.originalUrl };
    const one = addLinkAsRelated(h, d.store, relatedDeps(d), tab, { url: 'https://coast.example/one' });
    const two = addLinkAsRelated(h, d.store, relatedDeps(d), tab, { url: 'https://coast.example/two' });
    await until('both fetches to start', () => net.waiting.length === 2);
    // The person edits the record in the popup while the pages are read.
    stored(await h['library/save']({ record: { ...saved.record, title: 'Edited in the popup' }, previousId: saved.id, revision: saved.revision }, popup));
    net.release();
    expect(await Promise.all([one, two])).toMatchObject([{ ok: true, added: true }, { ok: true, added: true }]);
    const after = await d.store.get(saved.id);
    expect(after!.record.title).toBe('Edited in the popup');
    expect(after!.record.related.map((e) => e.webUrl).sort()).toEqual(['https://coast.example/one', 'https://coast.example/two']);
  });
});

describe('an address edit onto another record (scenario 5)', () => {
  const a = sampleRecord({ originalUrl: 'https://a.example/story', webUrl: 'https://a.example/story', title: 'A', topics: ['Alpha'] });
  const b = sampleRecord({ originalUrl: 'https://b.example/story', webUrl: 'https://b.example/story', title: 'B', topics: ['Beta'], quality: 77 });

  it('is refused naming the other record; neither record changes', async () => {
    const d = makeDeps();
    const h = createHandlers(d);
    const savedA = stored(await h['library/save']({ record: a, revision: null }, library));
    const savedB = stored(await h['library/save']({ record: b, revision: null }, library));
    const answer = await h['library/save']({ record: { ...a, originalUrl: b.originalUrl }, previousId: savedA.id, revision: savedA.revision }, library);
    expect(answer).toEqual({ ok: false, addressTaken: { other: savedB } });
    expect(await d.store.get(savedA.id)).toEqual(savedA);
    expect(await d.store.get(savedB.id)).toEqual(savedB);
  });

  it('merged by the person, the merged record takes B\'s row and A\'s row goes, in one change', async () => {
    const d = makeDeps();
    const h = createHandlers(d);
    const savedA = stored(await h['library/save']({ record: a, revision: null }, library));
    const savedB = stored(await h['library/save']({ record: b, revision: null }, library));
    const merged = { ...b, title: 'A', topics: ['Alpha', 'Beta'] };
    const answer = stored(await h['library/save']({ record: merged, previousId: savedA.id, revision: savedA.revision, mergeWith: { id: savedB.id, revision: savedB.revision } }, library));
    expect(answer).toMatchObject({ id: savedB.id, record: { title: 'A', topics: ['Alpha', 'Beta'], quality: 77 } });
    expect(answer.revision).toBeGreaterThan(savedB.revision);
    expect(await d.store.get(savedA.id)).toBeNull();
    expect((await d.store.list({})).records.map((s) => s.id)).toEqual([savedB.id]);
  });

  it('a merge decided against an older B is refused again with B as it is now', async () => {
    const d = makeDeps();
    const h = createHandlers(d);
    const savedA = stored(await h['library/save']({ record: a, revision: null }, library));
    const savedB = stored(await h['library/save']({ record: b, revision: null }, library));
    const newerB = stored(await h['library/save']({ record: { ...b, quality: 12 }, previousId: savedB.id, revision: savedB.revision }, popup));
    const answer = await h['library/save']({ record: { ...b, title: 'A' }, previousId: savedA.id, revision: savedA.revision, mergeWith: { id: savedB.id, revision: savedB.revision } }, library);
    expect(answer).toEqual({ ok: false, addressTaken: { other: newerB } });
    expect(await d.store.get(savedA.id)).toEqual(savedA);
  });
});

describe('undo of an update in the popup (scenario 7)', () => {
  it('puts the earlier version back while the row is still the one the save made', async () => {
    const d = makeDeps();
    const h = createHandlers(d);
    const before = stored(await h['library/save']({ record: sampleRecord({ title: 'Before' }), revision: null }, popup));
    const after = stored(await h['library/save']({ record: { ...before.record, title: 'After' }, previousId: before.id, revision: before.revision }, popup));
    expect(await h['library/restore']({ stored: before, over: { id: after.id, revision: after.revision } }, popup)).toMatchObject({ ok: true });
    expect((await d.store.get(before.id))!.record.title).toBe('Before');
  });

  it('is refused, keeping the newer work, when the row changed after that save', async () => {
    const d = makeDeps();
    const h = createHandlers(d);
    const before = stored(await h['library/save']({ record: sampleRecord({ title: 'Before' }), revision: null }, popup));
    const after = stored(await h['library/save']({ record: { ...before.record, title: 'After' }, previousId: before.id, revision: before.revision }, popup));
    stored(await h['library/save']({ record: { ...after.record, title: 'Later, in the library' }, previousId: after.id, revision: after.revision }, library));
    expect(await h['library/restore']({ stored: before, over: { id: after.id, revision: after.revision } }, popup)).toMatchObject({ ok: false, changed: true });
    expect((await d.store.get(before.id))!.record.title).toBe('Later, in the library');
  });
});
