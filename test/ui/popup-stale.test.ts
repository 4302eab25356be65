// @vitest-environment jsdom
// The popup over a saved record that changes underneath: the warning on the first screen, both versions on
// request, nothing saved over the newer revision until the person chooses; stale drafts; address moves.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { LedeRecord } from '../../src/record/types.js';
import type { Draft, LibraryChanged, PageReadResult, StoredRecord } from '../../src/shared/messages.js';
import { installFakeBackground } from './fake-background.js';
import { key, sampleRecord, type } from './record.js';
import { until } from './until.js';

const bg = installFakeBackground();

const html = readFileSync(join(import.meta.dirname, '../../src/popup/popup.html'), 'utf8');

const $ = <T extends HTMLElement = HTMLInputElement>(id: string) => document.getElementById(id) as T;
const state = () => document.body.dataset.state;
const sent = bg.sent;
type SaveRequest = { record: LedeRecord; revision?: number | null; previousId?: string; mergeWith?: { id: string; revision: number } };

const ID = 'https://example.com/a';
const opened: StoredRecord = { id: ID, record: sampleRecord({ quality: 91, body: 'one\n' }), savedAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', revision: 4, changedBy: 'popup' };
/** The same record after an edit of its file in the sync folder. */
const folderEdit = (): StoredRecord => ({ ...opened, record: sampleRecord({ quality: 33, body: 'one\nadded in the folder\n' }), revision: 5, changedBy: 'sync', updatedAt: new Date(Date.now() - 4000).toISOString() });
const change = (over: Partial<LibraryChanged> = {}): LibraryChanged => ({ lede: 1, event: 'library/changed', id: ID, revision: 5, by: 'sync', at: new Date(Date.now() - 4000).toISOString(), ...over });
const emit = bg.emit;

async function openPopup(read: Partial<Extract<PageReadResult, { ok: true }>>): Promise<void> {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  document.replaceChild(document.adoptNode(parsed.documentElement), document.documentElement);
  history.replaceState(null, '', '/popup/popup.html?tabId=42');
  bg.listeners.length = 0;
  bg.handlers['page/read'] = () => ({ ok: true, record: sampleRecord(), saved: null, draft: null, extraction: null, ...read });
  vi.resetModules();
  await import('../../src/popup/popup.js');
  await until('the popup to leave loading', () => state() !== 'loading');
}

/** Ctrl+Enter, then the comparison panel (a save answered conflict, or a form known to be stale). */
async function saveIntoPanel(): Promise<void> {
  key($('title'), 'Enter', { ctrlKey: true });
  await until('the panel', () => document.getElementById('compare-dialog') !== null);
}

/** The popup over the record as opened, the category changed, saved: the library holds a newer version. */
async function openEditAndSave(): Promise<void> {
  await openPopup({ saved: opened, record: opened.record });
  chooseCategory('analysis');
  await saveIntoPanel();
}

function chooseCategory(value: string): void {
  const select = $<HTMLSelectElement>('category');
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('popup over a record that changes underneath', () => {
  let current: StoredRecord;
  beforeEach(() => {
    bg.calls.length = 0;
    current = folderEdit();
    bg.handlers = {
      'settings/get': () => ({ categories: ['news', 'analysis'], defaultCategory: 'news', defaultQuality: 50, defaultHeat: -1, defaultPublished: false }),
      'library/topics': () => [],
      'draft/put': () => ({ ok: true }),
      'draft/clear': () => ({ ok: true }),
      'page/selection': () => ({ text: '' }),
      'library/get': () => current,
      'library/save': (payload: SaveRequest) => (payload.revision === current.revision
        ? { ok: true, created: false, stored: { ...current, record: payload.record, revision: current.revision + 1, changedBy: 'popup' } }
        : { ok: false, conflict: { current } }),
    };
  });

  it('says so on the first screen when its record changes, and not for another record or its own older revision', async () => {
    await openPopup({ saved: opened, record: opened.record });
    expect($('stale-warning').hidden).toBe(true);
    emit(change({ id: 'https://example.com/other' }));
    emit(change({ revision: 4 }));
    expect($('stale-warning').hidden).toBe(true);
    emit(change());
    expect($('stale-warning').hidden).toBe(false);
    expect($('stale-warning').dataset.by).toBe('sync');
    expect($('stale-text').textContent).toBe('editorStaleSync: 4s ago');
    // Above the editor, on the first screen, and compact: the comparison opens on request only.
    expect($('stale-warning').compareDocumentPosition($('title')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(document.getElementById('compare-dialog')).toBeNull();
    $<HTMLButtonElement>('stale-compare').click();
    await until('the panel', () => document.getElementById('compare-dialog') !== null);
    expect(document.querySelector('.compare-row[data-key="quality"] [data-side="theirs"] .compare-value')!.textContent).toBe('33');
  });

  it('a newer version that cannot be read is said so, and is not taken for a deleted record', async () => {
    bg.handlers['library/get'] = () => { throw new Error('worker gone'); };
    await openPopup({ saved: opened, record: opened.record });
    emit(change());
    $<HTMLButtonElement>('stale-compare').click();
    await until('the failure said', () => /^editorStaleReadFailed: worker gone/.test($('stale-text').textContent ?? ''));
    expect(document.getElementById('compare-dialog')).toBeNull();
    expect(sent('library/save')).toEqual([]);
  });

  it('another window is named as such', async () => {
    await openPopup({ saved: opened, record: opened.record });
    emit(change({ by: 'library' }));
    expect($('stale-text').textContent).toMatch(/^editorStaleWindow: /);
  });

  it('Save on a form known to be stale opens the comparison and sends nothing', async () => {
    await openPopup({ saved: opened, record: opened.record });
    emit(change());
    chooseCategory('analysis');
    await saveIntoPanel();
    expect(sent('library/save')).toEqual([]);
  });

  it('a save answered conflict shows both versions and saves nothing until the person chooses: Save the chosen fields', async () => {
    await openEditAndSave();
    expect(sent<SaveRequest>('library/save')).toHaveLength(1);
    expect(sent<SaveRequest>('library/save')[0]!.revision).toBe(4);
    expect(state()).toBe('editing');
    expect($('stale-warning').hidden).toBe(false);
    const rows = [...document.querySelectorAll<HTMLElement>('#compare-dialog .compare-row')].map((row) => row.dataset.key);
    expect(rows).toEqual(['category', 'quality', 'body']);
    // Fields only the folder changed default to the folder's value; the person's category stays theirs.
    $<HTMLButtonElement>('stale-take-chosen').click();
    await until('the save', () => state() === 'updated');
    const second = sent<SaveRequest>('library/save')[1]!;
    expect(second.revision).toBe(5);
    expect(second.record).toEqual({ ...opened.record, category: 'analysis', quality: 33, body: 'one\nadded in the folder\n' });
    expect($<HTMLSelectElement>('category').value).toBe('analysis');
    expect($('quality').value).toBe('33');
    expect($('stale-warning').hidden).toBe(true);
  });

  it('Keep mine sends the form as it is, over the current revision', async () => {
    await openEditAndSave();
    $<HTMLButtonElement>('stale-keep-mine').click();
    await until('the save', () => state() === 'updated');
    const second = sent<SaveRequest>('library/save')[1]!;
    expect(second).toMatchObject({ revision: 5, previousId: ID });
    expect(second.record).toEqual({ ...opened.record, category: 'analysis' });
  });

  it('Take the other version sends the library\'s record, over the current revision', async () => {
    await openEditAndSave();
    $<HTMLButtonElement>('stale-take-theirs').click();
    await until('the save', () => state() === 'updated');
    const second = sent<SaveRequest>('library/save')[1]!;
    expect(second.revision).toBe(5);
    expect(second.record).toEqual(current.record);
  });

  it('per field: the person picks the folder\'s category and keeps their own quality', async () => {
    await openPopup({ saved: opened, record: opened.record });
    chooseCategory('analysis');
    type($('quality'), '70');
    await saveIntoPanel();
    document.querySelector<HTMLInputElement>('input[name="compare-category"][value="theirs"]')!.click();
    document.querySelector<HTMLInputElement>('input[name="compare-body"][value="mine"]')!.click();
    $<HTMLButtonElement>('stale-take-chosen').click();
    await until('the save', () => state() === 'updated');
    const second = sent<SaveRequest>('library/save')[1]!;
    expect(second.revision).toBe(5);
    expect(second.record).toEqual({ ...opened.record, category: 'news', quality: 70, body: 'one\n' });
  });

  it('Cancel leaves the form and the library as they are', async () => {
    await openEditAndSave();
    $<HTMLButtonElement>('compare-cancel').click();
    expect(document.getElementById('compare-dialog')).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sent('library/save')).toHaveLength(1);
    expect($<HTMLSelectElement>('category').value).toBe('analysis');
  });

  it('its own save\'s change event is not taken for someone else\'s', async () => {
    await openPopup({ saved: { ...current }, record: current.record });
    bg.handlers['library/save'] = (payload: SaveRequest) => {
      emit(change({ revision: 6, by: 'popup' }));
      return { ok: true, created: false, stored: { ...current, record: payload.record, revision: 6, changedBy: 'popup' } };
    };
    chooseCategory('analysis');
    key($('title'), 'Enter', { ctrlKey: true });
    await until('the save', () => state() === 'updated');
    emit(change({ revision: 6, by: 'popup' }));
    expect($('stale-warning').hidden).toBe(true);
    expect(sent<SaveRequest>('library/save')[0]!.revision).toBe(5);
  });

  it('a draft made over an older revision is caught on opening, and saved only after a choice', async () => {
    const draft: Draft = { tabId: 42, url: ID, record: { ...opened.record, category: 'analysis' }, updatedAt: '2026-01-02T00:00:00Z', revision: 4 };
    await openPopup({ saved: current, record: current.record, draft });
    expect($('stale-warning').hidden).toBe(false);
    expect($('stale-text').textContent).toMatch(/^editorStaleSync: /);
    await saveIntoPanel();
    expect(sent('library/save')).toEqual([]);
    $<HTMLButtonElement>('stale-keep-mine').click();
    await until('the save', () => state() === 'updated');
    expect(sent<SaveRequest>('library/save')[0]).toMatchObject({ revision: 5, record: draft.record });
  });

  it('a draft carries the revision its form is on', async () => {
    await openPopup({ saved: opened, record: opened.record });
    type($('title'), 'Edited');
    await until('the draft', () => sent('draft/put').length > 0, 1000);
    expect(sent<{ draft: Draft }>('draft/put')[0]!.draft.revision).toBe(4);
  });

  it('an address another record holds: named, nothing replaced, merged field by field on request with mergeWith', async () => {
    const other: StoredRecord = { id: 'https://example.com/b', record: sampleRecord({ title: 'The other record', originalUrl: 'https://example.com/b', topics: ['Energy'], quality: 80 }),
      savedAt: '2025-03-04T10:00:00Z', updatedAt: '2025-03-04T10:00:00Z', revision: 9 };
    bg.handlers['library/save'] = (payload: SaveRequest) => (payload.mergeWith
      ? { ok: true, created: false, stored: { ...other, record: payload.record, revision: 10 } }
      : { ok: false, addressTaken: { other } });
    await openPopup({ saved: opened, record: opened.record });
    type($('original-url'), 'https://example.com/b');
    key($('title'), 'Enter', { ctrlKey: true });
    await until('the note', () => document.getElementById('address-taken') !== null);
    expect($('address-taken-text').textContent).toMatch(/^editorAddressTaken: The other record, /);
    expect(document.getElementById('compare-dialog')).toBeNull();
    expect(sent('library/save')).toHaveLength(1);
    $<HTMLButtonElement>('address-merge').click();
    const rows = [...document.querySelectorAll<HTMLElement>('#compare-dialog .compare-row')].map((row) => row.dataset.key);
    expect(rows).toEqual(['title', 'quality', 'topics', 'body']);
    document.querySelector<HTMLInputElement>('input[name="compare-topics"][value="theirs"]')!.click();
    $<HTMLButtonElement>('address-merge-save').click();
    await until('the merged save', () => state() === 'updated');
    const merged = sent<SaveRequest>('library/save')[1]!;
    expect(merged.mergeWith).toEqual({ id: other.id, revision: 9 });
    expect(merged).toMatchObject({ previousId: ID, revision: 4 });
    expect(merged.record).toEqual({ ...opened.record, originalUrl: 'https://example.com/b', topics: ['Energy'] });
    expect(document.getElementById('address-taken')).toBeNull();
  });
});
