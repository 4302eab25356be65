// Issue 21's real-browser tests: five open tabs saved at once (two saved already, one PDF), and a bookmarks file of
// 200 links brought in on the library page, each record then filled from its page, with the worker stopped halfway.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bulkAsked, bulkStory } from './bulk-routes.js';
import { missing } from './paths.js';
import { until, type BrowserName, type Session, type UiPage } from './session.js';
import { openPopup, savePopup } from './ui.js';

const ARTICLE = 'http://www.harbourlight.example/2026/03/tidal-turbines-skerry-harbour';
const SECOND = 'http://crumbreview.example/science/sourdough-starters-apples';
const HOSTILE = 'http://hostile.example/articles/markup-in-metadata';
const DEEP = 'http://deep.example/2026/nested-page';
const PDF = 'http://papers.example/2026/tidal-arrays.pdf';

/** A Netscape bookmarks file of `n` links on 50 sites, in two folders, with tags. */
function bookmarks(n: number): string {
  const links = Array.from({ length: n }, (_, i) =>
    `<DT><A HREF="http://site${i % 50}.bulk.example/story/${i}" ADD_DATE="${1700000000 + i}"${i % 2 ? ' TAGS="fromfile"' : ''}>${i % 3 ? `Bookmark ${i}` : `http://site${i % 50}.bulk.example/story/${i}`}</A>`);
  return `<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<DL><p>\n<DT><H3>Reading</H3>\n<DL><p>\n${links.slice(0, n / 2).join('\n')}\n</DL><p>\n${links.slice(n / 2).join('\n')}\n</DL>\n`;
}

function ask<T>(page: UiPage, type: string, payload: unknown): Promise<T> {
  return page.evaluate(async ({ type: t, payload: p }: { type: string; payload: unknown }) => {
    const api = (globalThis as any).browser ?? (globalThis as any).chrome;
    return api.runtime.sendMessage({ lede: 1, type: t, payload: p });
  }, { type, payload });
}

export function describeBulk(browserName: BrowserName, launch: () => Promise<Session>, stopWorker?: (session: Session) => Promise<void>): void {
  const why = missing(browserName);
  if (why) {
    test.skip(`bulk in ${browserName}: skipped, ${why}`, () => undefined);
    return;
  }
  describe(`many pages at once in ${browserName}`, () => {
    let session: Session;
    beforeAll(async () => {
      session = await launch();
    });
    afterAll(async () => {
      await session?.close();
    });

    test('saves five open tabs at once: two already saved are left alone, the PDF is listed, the rest saved with the batch\'s choices', async () => {
      for (const url of [ARTICLE, SECOND]) {
        const { tabId } = await session.openTab(url);
        const popup = await openPopup(session, tabId);
        expect(await savePopup(popup)).toBe('saved');
        await popup.close();
      }
      const opened = [];
      for (const url of [HOSTILE, DEEP, PDF]) opened.push(await session.openTab(url));
      const popup = await openPopup(session, opened[0]!.tabId);
      await popup.click('#all-tabs');
      await popup.fill('#tabs-topics', 'weekend, reading');
      await popup.fill('#tabs-quality', '72');
      await popup.click('#tabs-save');
      await popup.waitFor('every tab to be done', () => ['finished', 'cancelled'].includes(document.getElementById('tabs-result')?.dataset.state ?? ''), undefined, 60_000);
      await popup.screenshot(`${browserName}-bulk-all-tabs`);
      const outcomes = await popup.evaluate(() => [...document.querySelectorAll<HTMLElement>('#tabs-result li')].map((li) => [li.dataset.outcome, li.textContent ?? '']));
      expect(outcomes.filter(([o]) => o === 'not-read').map(([, text]) => text).join()).toContain('tidal-arrays.pdf');
      expect(outcomes.filter(([o]) => o === 'skipped').map(([, text]) => text).sort().join()).toMatch(/harbourlight.*|crumbreview.*/);
      expect(outcomes.filter(([o]) => o === 'skipped')).toHaveLength(2);
      expect(outcomes.filter(([o]) => o === 'failed')).toEqual([]);
      const list = await ask<{ records: Array<{ record: { webUrl: string; topics: string[]; quality: number } }> }>(popup, 'library/list', { limit: 50 });
      const hostile = list.records.find((r) => r.record.webUrl.startsWith('http://hostile.example'));
      const deep = list.records.find((r) => r.record.webUrl.startsWith('http://deep.example'));
      expect(hostile?.record).toMatchObject({ quality: 72, topics: expect.arrayContaining(['weekend', 'reading']) });
      expect(deep?.record.quality).toBe(72);
      // The saved ones kept their own values (saved with the defaults, not the batch's).
      const article = list.records.find((r) => r.record.webUrl.startsWith(ARTICLE));
      expect(article?.record.topics).not.toContain('weekend');
      expect(list.records.some((r) => r.record.webUrl.endsWith('.pdf'))).toBe(false);
      await popup.close();
    }, 120_000);

    test('brings a bookmarks file of 200 links: records at once, then each filled from its page, through a stopped worker', async () => {
      const library = await session.openExtensionPage('pages/library/library.html');
      await library.evaluate((text: string) => {
        const input = document.getElementById('bring-files') as HTMLInputElement;
        const files = new DataTransfer();
        files.items.add(new File([text], 'bookmarks.html', { type: 'text/html' }));
        input.files = files.files;
        input.dispatchEvent(new Event('change', { bubbles: true }));
      }, bookmarks(200));
      await library.waitFor('the bring dialog to show what the file holds', () => (document.getElementById('bring-dialog') as HTMLDialogElement).open && /200/.test(document.getElementById('bring-summary')?.textContent ?? ''));
      await library.click('#bring-folders-topics');
      await library.screenshot(`${browserName}-bulk-bring-dialog`);
      bulkAsked.length = 0;
      await library.click('#bring-go');
      await library.waitFor('the bring report', () => document.getElementById('bring-report')?.hidden === false, undefined, 30_000);
      const total = await ask<{ total: number }>(library, 'library/list', { limit: 1, text: 'bulk.example' });
      expect(total.total).toBeGreaterThanOrEqual(200);
      if (stopWorker) {
        await until('some records to be filled', async () => bulkAsked.length >= 40, 60_000);
        await stopWorker(session);
      }
      let last: unknown = null;
      const status = await until('the fill to finish', async () => {
        const batches = await ask<Array<{ state: string; done: number; total: number; failed: unknown[] }>>(library, 'bulk/status', {});
        last = { batches, asked: bulkAsked.length };
        return batches.find((b) => b.state === 'finished' && b.total === 200);
      }, 120_000).catch((error: Error) => {
        throw new Error(`${error.message}; the queue said ${JSON.stringify(last)}`);
      });
      expect(status.failed).toEqual([]);
      expect(status.done).toBe(200);
      await library.waitFor('the progress view to show the fill finished', () => document.querySelector('#bulk-panel li.bulk-batch[data-batch^="bring-"]')?.getAttribute('data-state') === 'finished', undefined, 10_000);
      await library.screenshot(`${browserName}-bulk-progress`);
      // Every page asked once (a stopped worker's running reads may be asked again, never more than that).
      const counts = new Map<string, number>();
      for (const url of bulkAsked) counts.set(url, (counts.get(url) ?? 0) + 1);
      expect(counts.size).toBe(200);
      expect(Math.max(...counts.values())).toBeLessThanOrEqual(2);
      const all = await ask<{ records: Array<{ record: { title: string; excerpt: string; publishedDateTime: string; provider: { name: string }; webUrl: string; topics: string[] } }> }>(library, 'library/list', { limit: 500, text: 'bulk.example' });
      for (const { record } of all.records) {
        const url = new URL(record.webUrl);
        const story = bulkStory(url.hostname, url.pathname);
        const n = Number(/(\d+)$/.exec(url.pathname)![1]);
        // The file's own titles stay; an address given as title is filled from the page.
        expect(record.title).toBe(n % 3 ? `Bookmark ${n}` : story.title);
        expect(record).toMatchObject({ excerpt: story.excerpt, publishedDateTime: story.published, provider: { name: story.site } });
        if (n < 100) expect(record.topics).toContain('Reading');
        if (n % 2) expect(record.topics).toContain('fromfile');
      }
      await library.close();
    }, 240_000);
  });
}
