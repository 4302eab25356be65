// Sync into Downloads: the same names, only changed files downloaded again, a name another extension changed reported.
import { describe, expect, it } from 'vitest';
import { DownloadsTarget, landedAsAsked, type DownloadsApi } from '../../../src/background/sync/downloads.js';
import { recordJob } from '../../../src/background/sync/engine.js';
import { localRules } from '../../../src/background/sync/rules.js';
import { md, record, syncWorld } from './setup.js';
import { saveNow } from '../fakes.js';

/** The browser's downloads: what was asked, and where each file landed (`rename` plays another extension). */
function fakeDownloads(rename: (path: string) => string = (path) => path) {
  const asked: Array<{ filename: string; conflictAction: string; text: string }> = [];
  const items = new Map<number, { id: number; filename: string; state: string }>();
  const api: DownloadsApi = {
    async download({ url, filename, conflictAction }) {
      const text = decodeURIComponent(url.replace(/^data:[^,]*,/, ''));
      asked.push({ filename, conflictAction, text });
      const id = items.size + 1;
      items.set(id, { id, filename: rename(`/home/me/Downloads/${filename}`), state: 'complete' });
      return id;
    },
    search: async ({ id }) => (items.has(id) ? [items.get(id)!] : []),
  };
  return { api, asked };
}

function target(world: ReturnType<typeof syncWorld>, api: DownloadsApi, folder = 'Lede') {
  return new DownloadsTarget({
    api, state: world.state, library: world.library, rules: localRules, folder,
    urlFor: (text) => ({ url: `data:text/markdown,${encodeURIComponent(text)}`, release: () => undefined }), pollMs: 1,
  });
}

describe('sync into Downloads', () => {
  it('downloads each record once under the folder with overwrite, and again only when its text changed', async () => {
    const world = syncWorld();
    const a = await saveNow(world.store, record('Alpha'));
    await saveNow(world.store, record('Beta'));
    const { api, asked } = fakeDownloads();
    const downloads = target(world, api, 'notes/Lede');
    await downloads.fullPass(await world.store.all(), () => undefined);
    expect(asked.map((d) => d.filename).sort()).toEqual([`notes/Lede/${md('alpha')}`, `notes/Lede/${md('beta')}`]);
    expect(asked.every((d) => d.conflictAction === 'overwrite')).toBe(true);

    await downloads.fullPass(await world.store.all(), () => undefined);
    await saveNow(world.store, { ...a.stored.record });
    await downloads.runJob(recordJob(a.stored.id));
    expect(asked).toHaveLength(2);

    await saveNow(world.store, { ...a.stored.record, quality: 90 });
    await downloads.runJob(recordJob(a.stored.id));
    expect(asked).toHaveLength(3);
    expect(asked[2]!.text).toContain('quality: 90');
  });

  it('reports a file the browser saved under another name than Lede gave it', async () => {
    const world = syncWorld();
    await saveNow(world.store, record('Alpha'));
    const { api } = fakeDownloads((path) => path.replace(/\.md$/, ' (1).md'));
    const downloads = target(world, api);
    await downloads.fullPass(await world.store.all(), () => undefined);
    expect(await downloads.issues()).toEqual([{ kind: 'renamed', name: md('alpha'), actual: '2023-05-03-alpha (1).md' }]);
  });

  it('knows where a file was meant to land, on any system', () => {
    expect(landedAsAsked('C:\\Users\\me\\Downloads\\Lede\\a.md', 'Lede', 'a.md')).toBe(true);
    expect(landedAsAsked('/home/me/Downloads/Lede/a (1).md', 'Lede', 'a.md')).toBe(false);
    expect(landedAsAsked('/home/me/Downloads/Other/a.md', 'Lede', 'a.md')).toBe(false);
  });
});
