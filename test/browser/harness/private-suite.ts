// Private data end to end, the same in Chromium and Firefox: the first note's key moment on the popup's first
// screen, a note and the selection saved, the export holds neither in clear, the CLI opens it with the backup
// (--key-file) and back; then a key change while the library editor is open, and that editor saved after it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseRecord } from '../../../src/record/index.js';
import { missing, repoRoot } from './paths.js';
import type { PrivateStatus } from '../../../src/shared/messages.js';
import { until, type BrowserName, type Session, type UiPage } from './session.js';
import { openDetails, openLibrary, openPopup, readForm, savePopup, seriousViolations } from './ui.js';

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

/** Every draft the popup kept in session storage, as text. */
function sessionDrafts(session: Session): Promise<string> {
  return session.inExtension(async () => {
    const api = (globalThis as any).browser ?? (globalThis as any).chrome;
    return JSON.stringify(await api.storage.session.get(null));
  });
}

/** Whether these elements are in view, unscrolled and uncovered, at the page's size. */
function boxes(page: UiPage, ids: string[]) {
  return page.evaluate((list: string[]) => ({
    boxes: list.map((id) => {
      const el = document.getElementById(id)!;
      const r = el.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return { id, top: r.top, bottom: r.bottom, right: r.right, onTop: hit === el || el.contains(hit) };
    }),
    scrollTop: document.scrollingElement?.scrollTop ?? 0, width: innerWidth, height: innerHeight,
  }), ids);
}

function expectInView(found: Awaited<ReturnType<typeof boxes>>): void {
  expect(found.scrollTop, 'the popup must not be scrolled').toBe(0);
  expect([found.width, found.height]).toEqual([400, 600]);
  for (const box of found.boxes) {
    expect.soft(box.top, `#${box.id} top`).toBeGreaterThanOrEqual(0);
    expect.soft(box.bottom, `#${box.id} bottom within ${found.height}`).toBeLessThanOrEqual(found.height);
    expect.soft(box.right, `#${box.id} right within ${found.width}`).toBeLessThanOrEqual(found.width);
    expect.soft(box.onTop, `#${box.id} is covered by another element`).toBe(true);
  }
}

/** `downloads`: the folder the session's browser saves downloads into without asking. */
export function describePrivate(browserName: BrowserName, launch: () => Promise<Session>, downloads: (session: Session) => string): void {
  const why = missing(browserName) ?? (existsSync(cli) ? null : `no CLI build at ${cli}: run npm run build`);
  if (why) {
    test.skip(`${browserName}: private data skipped, ${why}`, () => undefined);
    return;
  }

  describe(`private data in ${browserName}`, () => {
    let session: Session;
    /** Shared by the two tests, in order: the key made at the first note, a record file, another key's value. */
    let backup = '';
    let file = '';
    let foreignSecured = '';
    const dir = mkdtempSync(join(tmpdir(), `lede-private-${browserName}-`));
    let keyFiles = 0;
    /** A backup string in a file of its own, for the CLI's --key-file. */
    const keyFile = (text: string): string => {
      const path = join(dir, `key-${++keyFiles}`);
      writeFileSync(path, `${text}\n`, { mode: 0o600 });
      return path;
    };
    beforeAll(async () => { session = await launch(); });
    afterAll(async () => { await session?.close(); });

    test('the first private note asks for a key: its backup string on the first screen (400×600) with Copy and Download, nothing encrypted until it is kept', async () => {
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
      await popup.setSize(400, 600);
      expect((await readForm(popup)).state).toBe('editing');
      // No key yet: the offered selection waits, and the popup asks, at the top of its first screen.
      await popup.waitFor('the key moment', () => document.getElementById('key-moment') !== null
        && document.getElementById('private')?.dataset.state === 'needs-key');
      expect(await message<PrivateStatus>(popup, 'key/status', {})).toMatchObject({ key: 'none' });
      await popup.click('#key-moment-make');
      await popup.waitFor('the backup string', () => (document.getElementById('key-moment-backup') as HTMLTextAreaElement | null)?.value !== undefined
        && (document.getElementById('key-moment-backup') as HTMLTextAreaElement).value !== '');
      backup = await popup.evaluate(() => (document.getElementById('key-moment-backup') as HTMLTextAreaElement).value);
      expect(backup).toMatch(/^lede-key:2:key:[A-Za-z0-9_-]{43}:[A-Za-z0-9_-]{11}$/);
      expectInView(await boxes(popup, ['key-moment-backup', 'key-moment-copy', 'key-moment-download', 'key-moment-kept', 'key-moment-later']));
      await popup.screenshot('popup-key-moment-400x600');
      expect(await seriousViolations(popup)).toEqual([]);
      // Shown, not yet kept: the key is pending and encrypts nothing.
      expect(await message<PrivateStatus>(popup, 'key/status', {})).toMatchObject({ key: 'none' });
      // Download saves the backup string as a file, the person's own copy.
      await popup.click('#key-moment-download');
      const downloaded = await until('the downloaded backup', async () => {
        const path = join(downloads(session), 'lede-key-backup.txt');
        return existsSync(path) && readFileSync(path, 'utf8');
      });
      expect(downloaded).toBe(`${backup}\n`);
      // With the backup in hand the key is this browser's (a toolbar popup may close now), its backup not yet
      // confirmed; the note still waits for "I have kept it", and nothing private is in the drafts.
      await until('the downloaded key to be kept', async () => (await message<PrivateStatus>(popup, 'key/status', {})).key === 'key');
      expect(await message<PrivateStatus>(popup, 'key/status', {})).toMatchObject({ key: 'key', reminder: true });
      expect(await popup.evaluate(() => document.getElementById('private')?.dataset.state)).toBe('needs-key');
      const draftsBefore = await sessionDrafts(session);
      for (const needle of [backup.split(':')[3]!, selected.slice(0, 30)]) expect(draftsBefore).not.toContain(needle);
      await popup.click('#key-moment-kept');
      await popup.waitFor('the key moment to close and the selection to be sealed', () => document.getElementById('key-moment') === null
        && document.getElementById('private')?.dataset.state === 'sealed');
      expect(await message<PrivateStatus>(popup, 'key/status', {})).toMatchObject({ key: 'key', reminder: false });

      await popup.setSize(420, 760);
      await openDetails(popup);
      await popup.type('#private-note', NOTE);
      await popup.waitFor('the private note to be sealed', () => document.getElementById('private')?.dataset.state === 'sealed'
        && (document.getElementById('private-note') as HTMLTextAreaElement).value.length > 10);
      const drafts = await sessionDrafts(session);
      expect(drafts).not.toContain('Oddny');
      expect(drafts).not.toContain(selected.slice(0, 30));
      await popup.screenshot('popup-private');
      expect(await savePopup(popup)).toBe('saved');

      // The export: neither the note nor the selection nor the key in clear.
      const options = await session.openExtensionPage('pages/options/options.html');
      await options.waitFor('the key section to load', () => document.getElementById('key-section')?.dataset.ready === 'true');
      const listed = await message<{ records: Array<{ id: string; record: { title: string } }> }>(options, 'library/list', {});
      const id = listed.records.find((r) => r.record.title.startsWith('Tidal Turbines'))!.id;
      const exported = await message<{ filename: string; text: string }>(options, 'library/export', { id });
      expect(exported.text).toMatch(/\nsecured: "[A-Za-z0-9+/=]+;[A-Za-z0-9+/=]{22}=="\n---\n\n$/);
      for (const needle of ['Oddny', '07700', selected.slice(0, 30), backup, backup.split(':')[3]!]) {
        expect(exported.text).not.toContain(needle);
      }

      // The CLI opens the exported file with the backup string from the key moment, kept in a file.
      file = join(dir, exported.filename);
      writeFileSync(file, exported.text);
      const opened = lede(['decrypt', '--key-file', keyFile(backup), file]);
      expect(opened.err).toBe('');
      expect(JSON.parse(opened.out)).toEqual({ note: NOTE, selection: selected });

      // And the other way: the CLI writes, the extension (its key in IndexedDB) reads.
      expect(lede(['encrypt', '--key-file', keyFile(backup), '--write', file], JSON.stringify({ note: 'written by the CLI', extra: [1] })).code).toBe(0);
      const parsed = parseRecord(readFileSync(file));
      if (!parsed.ok) throw new Error('the CLI wrote a bad record');
      expect(await message(options, 'private/decrypt', { secured: parsed.record.secured })).toEqual({
        ok: true, data: { note: 'written by the CLI', extra: [1] },
      });

      // Another key's value: the popup says locked and saving another field keeps it byte for byte.
      const foreign = lede(['encrypt', '--key-file', keyFile(lede(['key', 'new']).out.trim()), file], '{"note":"not yours"}');
      const foreignRecord = parseRecord(foreign.out);
      if (!foreignRecord.ok) throw new Error('foreign record');
      foreignSecured = foreignRecord.record.secured!;
      // Written over the saved record, at the revision it is at (a save never overwrites a newer one).
      const current = await message<{ id: string; revision: number }>(options, 'library/get', { id });
      const saved = await message<{ ok: boolean }>(options, 'library/save', { record: foreignRecord.record, previousId: current.id, revision: current.revision });
      expect(saved.ok).toBe(true);
      const again = await openPopup(session, tabId);
      await again.waitFor('the locked private section', () => document.getElementById('private')?.dataset.state === 'locked');
      expect(await again.evaluate(() => document.getElementById('private-state')?.textContent)).toMatch(/locked \(another key\)/);
      await again.fill('#title', 'Edited with the private data locked');
      expect(await savePopup(again)).toBe('updated');
      const after = await message<{ text: string }>(options, 'library/export', { id });
      expect(after.text).toContain(`secured: "${foreignSecured}"`);
      expect(after.text).toContain('Edited with the private data locked');
    });

    test('a key change while the library editor is open, then saving that editor: the note stays readable and joins the new key', async () => {
      const second = await session.openTab('http://crumbreview.example/science/sourdough-starters-apples');
      const secondPopup = await openPopup(session, second.tabId);
      await openDetails(secondPopup);
      await secondPopup.type('#private-note', 'second private note');
      expect(await savePopup(secondPopup)).toBe('saved');

      // The library editor opens the record (its note decrypted under the key of the moment)…
      const library = await openLibrary(session);
      const rows = await message<{ records: Array<{ id: string; record: { title: string } }> }>(library, 'library/list', {});
      const sourdough = rows.records.find((r) => r.record.title.includes('Sourdough'))!;
      await library.click(`.record[data-id="${sourdough.id}"] .edit`);
      await library.waitFor('the editor with the note open', () => (document.getElementById('edit-dialog') as HTMLDialogElement).open
        && document.querySelector('#edit-slot #private')?.getAttribute('data-state') === 'open');

      // …while the options page changes the key, with progress, and lists both keys after.
      const options = await session.openExtensionPage('pages/options/options.html');
      await options.waitFor('the key section to load', () => document.getElementById('key-section')?.dataset.ready === 'true');
      await options.click('#key-change');
      await options.click('#key-change-confirm');
      await options.waitFor('the new backup string', (old: string) => {
        const value = (document.getElementById('key-backup') as HTMLTextAreaElement).value;
        return value !== '' && value !== old;
      }, backup);
      const newBackup = await options.evaluate(() => (document.getElementById('key-backup') as HTMLTextAreaElement).value);
      await options.waitFor('the key change to finish', () => document.getElementById('key-section')?.dataset.change === 'none'
        && /finished/.test(document.getElementById('key-status')?.textContent ?? ''));
      await options.click('#key-backup-done');
      await options.waitFor('the ring listed: in use and retired', () =>
        [...document.querySelectorAll('#key-ring li')].map((li) => (li as HTMLElement).dataset.role).join(',') === 'current,retired');
      await options.evaluate(() => document.getElementById('key-ring-box')?.scrollIntoView());
      await options.screenshot('options-key-ring');
      // Back to the library's tab (a background tab runs no animation frames, which Firefox's driver waits for).
      await options.close();

      // The editor, opened before the change, saves its copy now (an edit of the title and of the note).
      await library.fill('#edit-slot #title', 'Sourdough, edited across a key change');
      await library.fill('#edit-slot #private-note', 'second private note, edited after the change');
      await library.click('#edit-dialog #save');
      await library.waitFor('the dialog to close', () => (document.getElementById('edit-dialog') as HTMLDialogElement).open === false);
      const stored = await message<{ record: { title: string; secured?: string } }>(library, 'library/get', { id: sourdough.id });
      expect(stored.record.title).toBe('Sourdough, edited across a key change');
      expect(await message(library, 'private/decrypt', { secured: stored.record.secured })).toEqual({
        ok: true, data: { note: 'second private note, edited after the change' },
      });
      writeFileSync(file, (await message<{ text: string }>(library, 'library/export', { id: sourdough.id })).text);
      expect(JSON.parse(lede(['decrypt', '--key-file', keyFile(newBackup), file]).out)).toEqual({ note: 'second private note, edited after the change' });
      // The old key alone no longer opens it (it was re-encrypted); given both, the CLI opens it, like the ring.
      expect(lede(['decrypt', '--key-file', keyFile(backup), file]).code).toBe(1);
      expect(lede(['decrypt', '--key-file', keyFile(backup), '--key-file', keyFile(newBackup), file]).code).toBe(0);

      // The library marks each record with private data: the other key's as locked.
      await library.close();
      const fresh = await session.openExtensionPage('pages/library/library.html');
      await fresh.waitFor('the private marks', () => document.querySelectorAll('.private-mark[data-state]').length === 2);
      const marks = await fresh.evaluate(() => [...document.querySelectorAll<HTMLElement>('#records .record')].map((row) => [
        row.querySelector('.record-title')?.textContent ?? '', row.querySelector<HTMLElement>('.private-mark')?.dataset.state ?? '',
        row.querySelector('.private-mark')?.textContent ?? '']));
      expect(marks.find(([title]) => title?.includes('Sourdough'))?.[1]).toBe('open');
      expect(marks.find(([title]) => title?.includes('locked'))?.slice(1)).toEqual(['locked', 'Private data locked (another key)']);
      await fresh.screenshot('library-private');
      // The library's search finds the record by its private note only when asked to.
      expect((await message<{ total: number }>(fresh, 'library/list', { text: 'second private' })).total).toBe(0);
      expect((await message<{ total: number }>(fresh, 'library/list', { text: 'second private', includePrivate: true })).total).toBe(1);
      // The other key's value, kept byte for byte through it all.
      const all = await message<{ records: Array<{ record: { secured?: string } }> }>(fresh, 'library/list', {});
      expect(all.records.map((r) => r.record.secured)).toContain(foreignSecured);
    });
  });
}
