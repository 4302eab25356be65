// Private data end to end, the same in Chromium and Firefox: select text, open the popup, add a note, save;
// the export holds neither in clear; the options page's backup string opens it with the CLI, and back.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseRecord } from '../../../src/record/index.js';
import { missing, repoRoot } from './paths.js';
import type { BrowserName, Session, UiPage } from './session.js';
import { openDetails, openPopup, readForm, savePopup } from './ui.js';

const PAGE = 'http://www.harbourlight.example/2026/03/tidal-turbines-skerry-harbour';
const NOTE = 'Private: ring Oddny Brekke, 07700 900123';
const cli = join(repoRoot, 'dist/cli/lede.js');

/** Runs the built `lede` CLI; exit code, stdout and stderr. */
function lede(args: string[], input?: string): { code: number; out: string; err: string } {
  try {
    const out = execFileSync(process.execPath, [cli, ...args], { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
    return { code: 0, out, err: '' };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { code: e.status, out: e.stdout, err: e.stderr };
  }
}

/** Sends one message of the typed map from an extension page, as the popup and pages do. */
function message<T>(page: UiPage, type: string, payload: unknown): Promise<T> {
  return page.evaluate(async ({ type: name, payload: body }) => {
    const api = (globalThis as any).browser ?? (globalThis as any).chrome;
    return api.runtime.sendMessage({ lede: 1, type: name, payload: body });
  }, { type, payload });
}

export function describePrivate(browserName: BrowserName, launch: () => Promise<Session>): void {
  const why = missing(browserName) ?? (existsSync(cli) ? null : `no CLI build at ${cli}: run npm run build`);
  if (why) {
    test.skip(`${browserName}: private data skipped, ${why}`, () => undefined);
    return;
  }

  describe(`private data in ${browserName}`, () => {
    let session: Session;
    beforeAll(async () => { session = await launch(); });
    afterAll(async () => { await session?.close(); });

    test('select text, note, save: the export and the draft hold neither in clear; the CLI opens it with the options\' backup string, and the extension opens what the CLI wrote', async () => {
      // The key, made on the options page and shown once.
      const options = await session.openExtensionPage('pages/options/options.html');
      await options.waitFor('the key section to load', () => document.getElementById('key-section')?.dataset.ready === 'true');
      expect(await options.evaluate(() => document.getElementById('key-section')!.dataset.key)).toBe('none');
      await options.click('#key-create');
      await options.waitFor('the backup string', () => (document.getElementById('key-backup') as HTMLTextAreaElement).value !== '');
      const backup = await options.evaluate(() => (document.getElementById('key-backup') as HTMLTextAreaElement).value);
      expect(backup).toMatch(/^lede-key:1:key:[A-Za-z0-9_-]{43}$/);
      await options.screenshot('options-key');
      await options.click('#key-backup-done');
      expect(await options.evaluate(() => (document.getElementById('key-backup') as HTMLTextAreaElement).value)).toBe('');

      // Text selected on the page, then the popup.
      const { page, tabId } = await session.openTab(PAGE);
      const selected = await page.evaluate(() => {
        // A paragraph of the body, not the standfirst: the excerpt is public and may hold the same words.
        const paragraph = [...document.querySelectorAll('p')].find((p) => (p.textContent ?? '').includes('Maren Dahl'))!;
        const range = document.createRange();
        range.selectNodeContents(paragraph);
        getSelection()!.removeAllRanges();
        getSelection()!.addRange(range);
        return getSelection()!.toString().trim();
      });
      expect(selected.length).toBeGreaterThan(40);
      const popup = await openPopup(session, tabId);
      expect((await readForm(popup)).state).toBe('editing');
      await popup.waitFor('the page selection in the private section',
        (want: string) => document.getElementById('private-selection')?.textContent === want, selected);
      // The selection is kept in the private section, inside Details, which opens by itself to show it.
      expect(await popup.evaluate(() => (document.getElementById('details') as HTMLDetailsElement).open)).toBe(true);
      await popup.type('#private-note', NOTE);
      // The draft kept meanwhile holds the note encrypted only.
      await popup.waitFor('the private note to be sealed', () => document.getElementById('private')?.dataset.state === 'sealed');
      const drafts = await session.inExtension(async () => {
        const api = (globalThis as any).browser ?? (globalThis as any).chrome;
        return JSON.stringify(await api.storage.session.get(null));
      });
      expect(drafts).not.toContain('Oddny');
      expect(drafts).not.toContain(selected.slice(0, 30));
      await popup.screenshot('popup-private');
      expect(await savePopup(popup)).toBe('saved');

      // The export: neither the note nor the selection nor the key in clear.
      const listed = await message<{ records: Array<{ id: string; record: { title: string } }> }>(options, 'library/list', {});
      const id = listed.records.find((r) => r.record.title.startsWith('Tidal Turbines'))!.id;
      const exported = await message<{ filename: string; text: string }>(options, 'library/export', { id });
      expect(exported.text).toMatch(/\nsecured: "[A-Za-z0-9+/=]+;[A-Za-z0-9+/=]{22}=="\n---\n\n$/);
      for (const needle of ['Oddny', '07700', selected.slice(0, 30), backup, backup.split(':').pop()!]) {
        expect(exported.text).not.toContain(needle);
      }

      // The CLI opens the exported file with the backup string from the options page.
      const dir = mkdtempSync(join(tmpdir(), `lede-private-${browserName}-`));
      const file = join(dir, exported.filename);
      writeFileSync(file, exported.text);
      const opened = lede(['decrypt', '--key', backup, file]);
      expect(opened.err).toBe('');
      expect(JSON.parse(opened.out)).toEqual({ note: NOTE, selection: selected });

      // And the other way: the CLI writes, the extension (its key in IndexedDB) reads.
      expect(lede(['encrypt', '--key', backup, '--write', file], JSON.stringify({ note: 'written by the CLI', extra: [1] })).code).toBe(0);
      const parsed = parseRecord(readFileSync(file));
      if (!parsed.ok) throw new Error('the CLI wrote a bad record');
      expect(await message(options, 'private/decrypt', { secured: parsed.record.secured })).toEqual({
        ok: true, data: { note: 'written by the CLI', extra: [1] },
      });

      // Another key's value: the popup says locked and saving another field keeps it byte for byte.
      const foreign = lede(['encrypt', '--key', lede(['key', 'new']).out.trim(), file], '{"note":"not yours"}');
      const foreignRecord = parseRecord(foreign.out);
      if (!foreignRecord.ok) throw new Error('foreign record');
      // Saved over the row as it is now: a save says the revision it edits (the versioned store).
      const { revision } = await message<{ revision: number }>(options, 'library/get', { id });
      const saved = await message<{ ok: boolean }>(options, 'library/save', { record: foreignRecord.record, revision });
      expect(saved.ok).toBe(true);
      const again = await openPopup(session, tabId);
      await again.waitFor('the locked private section', () => document.getElementById('private')?.dataset.state === 'locked');
      expect(await again.evaluate(() => document.getElementById('private-state')?.textContent)).toMatch(/locked \(another key\)/);
      await again.evaluate(() => document.getElementById('private')?.scrollIntoView());
      await again.screenshot('popup-locked');
      await again.fill('#title', 'Edited with the private data locked');
      expect(await savePopup(again)).toBe('updated');
      const after = await message<{ text: string }>(options, 'library/export', { id });
      expect(after.text).toContain(`secured: "${foreignRecord.record.secured}"`);
      expect(after.text).toContain('Edited with the private data locked');

      // A key change from the options page: every record it can open is re-encrypted, with progress,
      // and the new backup string opens them with the CLI while the old one no longer does.
      const second = (await session.openTab('http://crumbreview.example/science/sourdough-starters-apples'));
      const secondPopup = await openPopup(session, second.tabId);
      await openDetails(secondPopup);
      await secondPopup.type('#private-note', 'second private note');
      expect(await savePopup(secondPopup)).toBe('saved');
      await options.click('#key-change');
      await options.click('#key-change-confirm');
      await options.waitFor('the new backup string', (old: string) => {
        const value = (document.getElementById('key-backup') as HTMLTextAreaElement).value;
        return value !== '' && value !== old;
      }, backup);
      const newBackup = await options.evaluate(() => (document.getElementById('key-backup') as HTMLTextAreaElement).value);
      await options.waitFor('the key change to finish', () => document.getElementById('key-section')?.dataset.change === 'none'
        && /finished/.test(document.getElementById('key-status')?.textContent ?? ''));
      const records = await message<{ records: Array<{ id: string; record: { title: string; secured?: string } }> }>(options, 'library/list', {});
      const secureds = records.records.map((r) => r.record.secured).filter((s): s is string => Boolean(s));
      expect(secureds).toHaveLength(2);
      expect(secureds).toContain(foreignRecord.record.secured); // another key's: kept byte for byte
      const sourdough = records.records.find((r) => r.record.title.includes('Sourdough'))!;
      writeFileSync(file, (await message<{ text: string }>(options, 'library/export', { id: sourdough.id })).text);
      expect(JSON.parse(lede(['decrypt', '--key', newBackup, file]).out)).toEqual({ note: 'second private note' });
      expect(lede(['decrypt', '--key', backup, file]).code).toBe(1);
      // The library marks each record with private data: the other key's as locked.
      const library = await session.openExtensionPage('pages/library/library.html');
      await library.waitFor('the private marks', () => document.querySelectorAll('.private-mark[data-state]').length === 2);
      const marks = await library.evaluate(() => [...document.querySelectorAll<HTMLElement>('#records .record')].map((row) => [
        row.querySelector('.record-title')?.textContent ?? '', row.querySelector<HTMLElement>('.private-mark')?.dataset.state ?? '',
        row.querySelector('.private-mark')?.textContent ?? '']));
      expect(marks.find(([title]) => title?.includes('Sourdough'))?.[1]).toBe('open');
      expect(marks.find(([title]) => title?.includes('locked'))?.slice(1)).toEqual(['locked', 'Private data locked (another key)']);
      await library.screenshot('library-private');
      // The library's search finds the record by its private note only when asked to.
      expect((await message<{ total: number }>(options, 'library/list', { text: 'second private' })).total).toBe(0);
      expect((await message<{ total: number }>(options, 'library/list', { text: 'second private', includePrivate: true })).total).toBe(1);
    });
  });
}
