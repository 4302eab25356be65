// Never lose a write, end to end in Chromium on the origin private file system: the library's editor open while
// the record's file is edited in the folder (the watch reads it back), the person changes only the category and
// saves — the warning and both versions appear, and nothing is lost; a sync conflict shows both versions.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, type ChromiumSession } from './harness/chromium.js';
import { artifactPath, missing, repoRoot } from './harness/paths.js';
import { delay, until } from './harness/session.js';
import { openPopup, seriousViolations as popupViolations } from './harness/ui.js';
import { syncRecord } from './harness/sync-records.js';

declare const chrome: any;
declare const axe: any;

const axeSource = readFileSync(join(repoRoot, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical violations in the page as it is now, one line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.filter((v: any) => v.impact === 'serious' || v.impact === 'critical')
      .map((v: any) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`);
  });
}

const why = missing('chromium');
const FOLDER = 'lede-stale-e2e';
const ID = 'https://harbourlight.example/gamma';
const FILE = '2026-03-14-gamma-tide.md';
const CONFLICT_ID = 'https://harbourlight.example/delta';
const CONFLICT_FILE = '2026-03-14-delta-tide.md';
/** A fixture article the popup reads (test/browser/harness/server.ts). */
const ARTICLE = 'http://crumbreview.example/science/sourdough-starters-apples';
const MUST_SHOW = ['stale-warning', 'title', 'topic-input', 'quality', 'save'];

if (why) {
  test.skip(`chromium stale editor: skipped, ${why}`, () => undefined);
} else {
  describe('stale editors and sync conflicts in chromium (origin private file system)', () => {
    let session: ChromiumSession;
    let page: Page;

    const send = (type: string, payload: unknown): Promise<any> =>
      page.evaluate(([t, p]) => chrome.runtime.sendMessage({ lede: 1, type: t, payload: p }), [type, payload] as const);

    const fileText = (name: string): Promise<string | null> => page.evaluate(async ([folder, file]) => {
      const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle(folder!, { create: true });
      try {
        return await (await (await dir.getFileHandle(file!)).getFile()).text();
      } catch {
        return null;
      }
    }, [FOLDER, name] as const);

    /** Someone outside Lede (an editor, git) writing a file in the folder. */
    const outside = (name: string, text: string): Promise<void> => page.evaluate(async ([folder, file, content]) => {
      const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle(folder!);
      const writable = await (await dir.getFileHandle(file!, { create: true })).createWritable();
      await writable.write(content!);
      await writable.close();
    }, [FOLDER, name, text] as const);

    const settled = (what: string) => until(what, async () => {
      const status = await send('sync/status', {});
      return status.state !== 'syncing' && status.pending === 0 ? status : undefined;
    }, 30_000);

    beforeAll(async () => {
      session = await launchChromium();
      page = await session.context.newPage();
      await page.goto(`${session.extensionOrigin}/pages/options/options.html`);
      await page.evaluate((name) => {
        (window as any).showDirectoryPicker = async () => (await navigator.storage.getDirectory()).getDirectoryHandle(name, { create: true });
      }, FOLDER);
      await page.click('#options-sync-choose');
      await until('the chosen folder in sync', async () => ((await send('sync/status', {})).mode === 'folder') || undefined);
    });
    afterAll(async () => {
      await session?.close();
    });

    test('an open editor over a folder edit: the warning and both versions, then nothing lost', async () => {
      const saved = await send('library/save', { record: { ...syncRecord('Gamma tide', 'gamma', 91), body: 'First line.\n' } });
      expect(saved.ok).toBe(true);
      await until('the file', async () => (await fileText(FILE))?.includes('quality: 91') || undefined);
      await settled('the save synced');
      await until('the watch', async () => (await send('sync/status', {})).watching || undefined);

      const library = await session.context.newPage();
      await library.setViewportSize({ width: 1000, height: 900 });
      await library.goto(`${session.extensionOrigin}/pages/library/library.html`);
      await library.locator(`.record[data-id="${ID}"] .edit`).click();
      await library.locator('#edit-dialog #quality').waitFor();
      expect(await library.locator('#quality').inputValue()).toBe('91');

      // The file edited outside: quality 91 → 33 and a line in the body; the watch reads it back.
      const text = (await fileText(FILE))!;
      await outside(FILE, text.replace('quality: 91', 'quality: 33').replace('First line.\n', 'First line.\nA line written in the folder.\n'));
      await until('the folder edit in the library', async () => (await send('library/get', { id: ID }))?.record.quality === 33 || undefined, 10_000);
      // The open editor learns of it: the warning on its first line, by who changed it.
      await library.locator('#stale-warning:not([hidden])').waitFor({ timeout: 5000 });
      expect(await library.locator('#stale-warning').getAttribute('data-by')).toBe('sync');
      expect(await library.locator('#stale-text').textContent()).toMatch(/^Changed in the sync folder/);
      // Still 91 in the form: nothing in it changed under the person's hands.
      expect(await library.locator('#quality').inputValue()).toBe('91');

      // The person changes only the category and saves: the two versions, field by field; nothing saved yet.
      await library.selectOption('#category', 'analysis');
      await library.click('#save');
      const panel = library.locator('#compare-dialog');
      await panel.waitFor();
      const rows = await panel.locator('.compare-row').evaluateAll((nodes) => nodes.map((n) => (n as HTMLElement).dataset.key));
      expect(rows).toEqual(['category', 'quality', 'body']);
      expect(await panel.locator('.compare-row[data-key="quality"] [data-side="theirs"] .compare-value').textContent()).toBe('33');
      expect((await send('library/get', { id: ID })).record.category).toBe('news');
      await library.screenshot({ path: artifactPath('chromium-stale-editor.png') });
      expect(await seriousViolations(library)).toEqual([]);

      // Keyboard: the choices are radios in the Tab order; the folder's quality and body are chosen already.
      expect(await library.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('compare-category');
      await library.click('#stale-take-chosen');
      await until('the merged save', async () => {
        const got = await send('library/get', { id: ID });
        return got?.record.category === 'analysis' ? got : undefined;
      });
      const after = await send('library/get', { id: ID });
      expect(after.record.quality).toBe(33);
      expect(after.record.body).toBe('First line.\nA line written in the folder.\n');
      await until('the file', async () => {
        const now = await fileText(FILE);
        return now?.includes('category: analysis') && now.includes('quality: 33') && now.includes('A line written in the folder.') || undefined;
      });
      await library.locator('#edit-dialog').waitFor({ state: 'hidden' });
      const status = await settled('all synced');
      expect(status.issues).toEqual([]);
      await library.close();
    });

    test('a sync conflict shows both versions, field by field and the body, before the choice', async () => {
      const saved = await send('library/save', { record: { ...syncRecord('Delta tide', 'delta', 50), body: 'Shared line.\n' } });
      await until('the file', async () => (await fileText(CONFLICT_FILE))?.includes('quality: 50') || undefined);
      await settled('the save synced');
      // Both sides change before they meet: the folder's file and the library's record, in one moment.
      let conflict = false;
      for (let attempt = 0; attempt < 4 && !conflict; attempt++) {
        const now = await send('library/get', { id: CONFLICT_ID });
        const text = (await fileText(CONFLICT_FILE))!;
        await Promise.all([
          outside(CONFLICT_FILE, text.replace(/quality: \d+/, `quality: ${20 + attempt}`).replace('Shared line.\n', `Shared line.\nFrom the folder ${attempt}.\n`)),
          send('library/save', { record: { ...now.record, quality: 70 + attempt, category: 'analysis' }, previousId: CONFLICT_ID, revision: now.revision }),
        ]);
        conflict = Boolean(await until('the pass', async () => {
          const s = await send('sync/status', {});
          if (s.issues.some((i: any) => i.kind === 'conflict' && i.name === CONFLICT_FILE)) return 'conflict';
          return s.state !== 'syncing' && s.pending === 0 ? 'none' : undefined;
        }, 15_000).then((what) => what === 'conflict'));
        if (!conflict) await delay(300);
      }
      expect(saved.ok && conflict).toBe(true);

      const library = await session.context.newPage();
      await library.setViewportSize({ width: 1000, height: 1000 });
      await library.goto(`${session.extensionOrigin}/pages/library/library.html`);
      const item = library.locator(`#sync-issues li[data-kind="conflict"][data-name="${CONFLICT_FILE}"]`);
      await item.locator('.compare').waitFor();
      const rows = await item.locator('.compare-row').evaluateAll((nodes) => nodes.map((n) => (n as HTMLElement).dataset.key));
      expect(rows).toEqual(expect.arrayContaining(['category', 'quality', 'body']));
      expect(await item.locator('.compare-row[data-key="body"] [data-side="mine"] .compare-value').textContent()).toMatch(/From the folder \d\./);
      expect(await item.locator('.compare-row[data-key="category"] [data-side="theirs"] .compare-value').textContent()).toBe('analysis');
      await item.scrollIntoViewIfNeeded();
      await library.screenshot({ path: artifactPath('chromium-sync-conflict-versions.png') });
      expect(await seriousViolations(library)).toEqual([]);
      await item.locator('button[data-choice="use-file"]').click();
      await until('the folder’s version kept', async () => {
        const got = await send('library/get', { id: CONFLICT_ID });
        return got?.record.body.includes('From the folder') || undefined;
      });
      await library.close();
    });

    test('the popup on a saved page: a change elsewhere is said on the first screen, which still fits 400×600', async () => {
      const { page: tab, tabId } = await session.openTab(ARTICLE);
      const popup = await openPopup(session, tabId);
      await popup.setSize(400, 600);
      await popup.press('Control+Enter');
      await popup.waitFor('the save', () => document.body.dataset.state === 'saved');
      const { records } = await send('library/list', { text: 'Sourdough' });
      const row = records[0];
      // Another window changes the record while the popup stays open.
      const other = await send('library/save', { record: { ...row.record, quality: 12, topics: ['Elsewhere'] }, previousId: row.id, revision: row.revision });
      expect(other.ok).toBe(true);
      await popup.waitFor('the warning', () => document.getElementById('stale-warning')?.hidden === false);
      const layout = await popup.evaluate((ids: string[]) => ({
        scrollTop: document.scrollingElement?.scrollTop ?? 0,
        height: innerHeight,
        boxes: ids.map((id) => {
          const r = document.getElementById(id)!.getBoundingClientRect();
          const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
          return { id, top: r.top, bottom: r.bottom, onTop: hit === document.getElementById(id) || document.getElementById(id)!.contains(hit) };
        }),
        text: document.getElementById('stale-text')?.textContent ?? '',
      }), MUST_SHOW);
      expect(layout.scrollTop).toBe(0);
      for (const box of layout.boxes) {
        expect.soft(box.top, `#${box.id} top`).toBeGreaterThanOrEqual(0);
        expect.soft(box.bottom, `#${box.id} bottom`).toBeLessThanOrEqual(layout.height);
        expect.soft(box.onTop, `#${box.id} covered`).toBe(true);
      }
      expect(layout.text).toMatch(/^Changed in another window/);
      await popup.screenshot('popup-stale-warning');
      expect(await popupViolations(popup)).toEqual([]);
      // The comparison on request, as a panel over the popup; Keep mine saves over the current revision.
      await popup.click('#stale-compare');
      await popup.waitFor('the panel', () => document.getElementById('compare-dialog') !== null);
      await popup.screenshot('popup-stale-compare');
      expect(await popupViolations(popup)).toEqual([]);
      await popup.click('#stale-keep-mine');
      await popup.waitFor('the update', () => document.body.dataset.state === 'updated');
      const now = await send('library/get', { id: row.id });
      expect(now.record.quality).toBe(row.record.quality);
      expect(now.revision).toBe(other.stored.revision + 1);
      await popup.close();
      await tab.close();
    });
  });
}
