// "Keep copies of related images": stable names in images/, isCached set, unreferenced images removed, failures retried.
import { describe, expect, it } from 'vitest';
import { recordJob } from '../../../src/background/sync/engine.js';
import { imageFileName, ImageKeeper, type FetchImage } from '../../../src/background/sync/images.js';
import type { MemoryFolder } from './memory-folder.js';
import { record, syncWorld } from './setup.js';
import { saveNow } from '../fakes.js';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);

function related(url: string) {
  return {
    title: 'A related story', excerpt: '', publishedDateTime: null, webUrl: 'https://other.example/story', type: 'article',
    provider: { name: 'Other', domain: 'other.example' }, quality: 50, images: [{ url, width: 1200, height: 600, isCached: false }],
  };
}

function images(dir: MemoryFolder): MemoryFolder | undefined {
  return dir.entries.get('images') as MemoryFolder | undefined;
}

describe('keeping related images', () => {
  it('names an image by its URL’s hash and its type, the same every time', async () => {
    const a = await imageFileName('https://cdn.example/a.png?x=1', 'image/png');
    expect(a).toMatch(/^[0-9a-f]{32}\.png$/);
    expect(await imageFileName('https://cdn.example/a.png?x=1', 'image/png; charset=binary')).toBe(a);
    expect(await imageFileName('https://cdn.example/a.png?x=1', 'image/jpeg')).toMatch(/\.jpg$/);
    expect(await imageFileName('https://cdn.example/a.png', 'text/html')).toBeNull();
  });

  it('keeps the image in images/, marks the entry cached and writes the record; removes it once no record refers to it', async () => {
    const world = syncWorld();
    const url = 'https://cdn.example/lead.png';
    const saved = await saveNow(world.store, record('With image', { related: [related(url)] }));
    const engine = await world.open();
    await engine.fullPass();
    const keeper = new ImageKeeper({
      dir: world.dir, state: world.state, library: world.library,
      fetchImage: async () => ({ bytes: PNG, type: 'image/png' }),
      recordChanged: (id) => engine.runJob(recordJob(id)),
    });
    await keeper.pass(await world.store.all());
    const name = (await imageFileName(url, 'image/png'))!;
    expect(images(world.dir)?.names()).toEqual([name]);
    expect(images(world.dir)?.entries.get(name)).toMatchObject({ size: PNG.length });
    const now = await world.store.get(saved.stored.id);
    expect(now?.record.related[0]!.images[0]!.isCached).toBe(true);
    const file = world.dir.names().find((n) => n.endsWith('.md'))!;
    expect(world.dir.read(file)).toContain('isCached: true');

    await saveNow(world.store, { ...now!.record, related: [] });
    await keeper.pass(await world.store.all());
    expect(images(world.dir)?.names()).toEqual([]);
    expect(keeper.counts).toMatchObject({ written: 1, removed: 1 });
  });

  it('leaves isCached false when the download fails, and tries again only after a wait', async () => {
    const world = syncWorld();
    const url = 'https://cdn.example/flaky.jpg';
    const saved = await saveNow(world.store, record('Flaky image', { related: [related(url)] }));
    let clock = 1_000_000;
    let calls = 0;
    let fail = true;
    const fetchImage: FetchImage = async () => {
      calls++;
      if (fail) throw new Error('HTTP 503');
      return { bytes: PNG, type: 'image/jpeg' };
    };
    const keeper = new ImageKeeper({
      dir: world.dir, state: world.state, library: world.library, fetchImage, now: () => clock,
      recordChanged: async () => undefined,
    });
    await keeper.pass(await world.store.all());
    expect((await world.store.get(saved.stored.id))?.record.related[0]!.images[0]!.isCached).toBe(false);
    await keeper.pass(await world.store.all());
    expect(calls).toBe(1);

    fail = false;
    clock += 60_000;
    await keeper.pass(await world.store.all());
    expect(calls).toBe(2);
    expect((await world.store.get(saved.stored.id))?.record.related[0]!.images[0]!.isCached).toBe(true);
  });
});
