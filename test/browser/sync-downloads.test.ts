// Sync into Downloads, checked on disk in Chromium and Firefox: the records land as files under Downloads/Lede with
// the naming rule's names, and an edit rewrites that one file only.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium } from './harness/chromium.js';
import { launchFirefox } from './harness/firefox.js';
import { missing } from './harness/paths.js';
import { until, type Session, type UiPage } from './harness/session.js';
import { syncRecord } from './harness/sync-records.js';

declare const chrome: any;
declare const browser: any;


function onDisk(dir: string): Record<string, { text: string; mtime: number }> {
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.md'));
  } catch {
    return {};
  }
  return Object.fromEntries(names.map((n) => [n, { text: readFileSync(join(dir, n), 'utf8'), mtime: statSync(join(dir, n)).mtimeMs }]));
}

function describeDownloads(name: 'chromium' | 'firefox', launch: () => Promise<{ session: Session; downloads: string; cleanup(): void }>) {
  const why = missing(name);
  if (why) {
    test.skip(`${name} sync into Downloads: skipped, ${why}`, () => undefined);
    return;
  }
  describe(`sync into Downloads in ${name}`, () => {
    let session: Session;
    let page: UiPage;
    let downloads: string;
    let cleanup = () => undefined as void;
    /** A message from an extension page, as the options page sends it. */
    const send = (type: string, payload: unknown): Promise<any> => page.evaluate(([t, p]) => {
      const api = (globalThis as any).browser?.runtime ? browser : chrome;
      return api.runtime.sendMessage({ lede: 1, type: t, payload: p });
    }, [type, payload] as const);

    beforeAll(async () => {
      ({ session, downloads, cleanup } = await launch());
      page = await session.openExtensionPage('pages/options/options.html');
    });
    afterAll(async () => {
      await session?.close();
      cleanup();
    });

    test('records land under Downloads/Lede with their names; an edit rewrites only its file', async () => {
      expect((await send('sync/choose', { mode: 'downloads', folder: 'Lede' })).mode).toBe('downloads');
      const alpha = await send('library/save', { record: syncRecord('Alpha tide', 'alpha') });
      await send('library/save', { record: syncRecord('Beta tide', 'beta') });
      const folder = join(downloads, 'Lede');
      const first = await until('both files on disk', async () => {
        const files = onDisk(folder);
        return Object.keys(files).length === 2 ? files : undefined;
      }, 30_000);
      expect(Object.keys(first).sort()).toEqual(['2026-03-14-alpha-tide.md', '2026-03-14-beta-tide.md']);
      expect(first['2026-03-14-alpha-tide.md']!.text).toMatch(/^---\ncategory: news\ntitle: "Alpha tide"\n[\s\S]*\n---\n\n$/);

      await send('library/save', { record: syncRecord('Alpha tide', 'alpha', 88), previousId: alpha.stored.id, revision: (await send('library/get', { id: alpha.stored.id })).revision });
      await until('the edit on disk', async () => onDisk(folder)['2026-03-14-alpha-tide.md']?.text.includes('quality: 88') || undefined, 30_000);
      const status = await until('sync settled', async () => {
        const s = await send('sync/status', {});
        return s.state !== 'syncing' && s.pending === 0 ? s : undefined;
      });
      expect(status.issues).toEqual([]);
      const after = onDisk(folder);
      // Overwritten in place: no "(1)" copies, the other file untouched.
      expect(Object.keys(after).sort()).toEqual(['2026-03-14-alpha-tide.md', '2026-03-14-beta-tide.md']);
      expect(after['2026-03-14-beta-tide.md']!.mtime).toBe(first['2026-03-14-beta-tide.md']!.mtime);
      // The options page says where it writes and how it is going.
      await page.waitFor('the sync status', () => document.getElementById('sync-panel')?.dataset.state === 'idle');
      await page.evaluate(() => document.getElementById('options-sync-heading')!.scrollIntoView());
      await page.screenshot('sync-downloads-options');
    });
  });
}

describeDownloads('chromium', async () => {
  const downloads = mkdtempSync(join(tmpdir(), 'lede-chromium-dl-'));
  const session = await launchChromium(undefined, { downloadsDir: downloads });
  return { session, downloads, cleanup: () => rmSync(downloads, { recursive: true, force: true }) };
});

describeDownloads('firefox', async () => {
  const session = await launchFirefox();
  return { session, downloads: session.downloads, cleanup: () => undefined };
});
