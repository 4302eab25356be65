// @vitest-environment jsdom
// The library page's edit dialog over a record that changes underneath, and over an address another record holds.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LedeRecord } from '../../src/record/types.js';
import type { LibraryChanged, StoredRecord } from '../../src/shared/messages.js';
import { installFakeBackground } from './fake-background.js';
import { sampleRecord, type } from './record.js';
import { until } from './until.js';

const bg = installFakeBackground();

const $ = <T extends HTMLElement = HTMLInputElement>(id: string) => document.getElementById(id) as T;
type SaveRequest = { record: LedeRecord; revision?: number | null; previousId?: string; mergeWith?: { id: string; revision: number } };
const saves = () => bg.sent<SaveRequest>('library/save');

const A: StoredRecord = { id: 'https://example.com/a', record: sampleRecord({ title: 'Record A', quality: 91 }), savedAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', revision: 2 };
const B: StoredRecord = { id: 'https://example.com/b', record: sampleRecord({ title: 'Record B', originalUrl: 'https://example.com/b', topics: ['Energy'] }), savedAt: '2025-06-01T00:00:00Z', updatedAt: '2025-06-01T00:00:00Z', revision: 7 };
let rows: StoredRecord[] = [];
let current: StoredRecord = A;

const emit = (change: Partial<LibraryChanged>) => {
  const message: LibraryChanged = { lede: 1, event: 'library/changed', id: A.id, revision: 3, by: 'sync', at: new Date().toISOString(), ...change };
  bg.emit(message);
};

function openEditorOf(id: string): void {
  document.querySelector<HTMLButtonElement>(`.record[data-id="${id}"] .edit`)!.click();
}

function closeEditor(): void {
  document.getElementById('compare-dialog')?.remove();
  if ($<HTMLDialogElement>('edit-dialog').hasAttribute('open')) $<HTMLButtonElement>('cancel-edit').click();
}

beforeAll(async () => {
  rows = [A, B];
  bg.handlers = {
    'library/list': () => ({ records: rows, total: rows.length }),
    'library/topics': () => [],
    'library/providers': () => [],
    'settings/get': () => ({ categories: ['news', 'analysis'], defaultCategory: 'news', defaultQuality: 50, defaultHeat: -1, defaultPublished: false }),
    'private/check': () => ({ opens: [] }),
  };
  const html = readFileSync(join(import.meta.dirname, '../../src/pages/library/library.html'), 'utf8');
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  document.replaceChild(document.adoptNode(parsed.documentElement), document.documentElement);
  await import('../../src/pages/library/library.js');
  await until('the list', () => document.querySelectorAll('.record').length === 2);
});

describe('library editor over a record that changes underneath', () => {
  beforeEach(() => {
    closeEditor();
    bg.calls.length = 0;
    current = { ...A, record: sampleRecord({ title: 'Record A', quality: 33, body: 'a line from the folder\n' }), revision: 3, changedBy: 'sync' };
    bg.handlers['library/get'] = () => current;
    bg.handlers['library/save'] = (payload: SaveRequest) => (payload.revision === current.revision
      ? { ok: true, created: false, stored: { ...current, record: payload.record, revision: current.revision + 1 } }
      : { ok: false, conflict: { current } });
  });

  it('warns on its first line when its record changes, not for another record', async () => {
    openEditorOf(A.id);
    emit({ id: B.id });
    expect($('stale-warning').hidden).toBe(true);
    emit({});
    expect($('stale-warning').hidden).toBe(false);
    expect($('stale-text').textContent).toMatch(/^editorStaleSync: /);
    expect($('edit-notes').contains($('stale-warning'))).toBe(true);
  });

  it('the folder changed quality and body, the person only the category: both versions, and nothing lost', async () => {
    openEditorOf(A.id);
    const category = $<HTMLSelectElement>('category');
    category.value = 'analysis';
    category.dispatchEvent(new Event('change', { bubbles: true }));
    $<HTMLButtonElement>('save').click();
    await until('the panel', () => document.getElementById('compare-dialog') !== null);
    expect(saves()).toHaveLength(1);
    expect(saves()[0]).toMatchObject({ revision: 2, previousId: A.id });
    expect($<HTMLDialogElement>('edit-dialog').hasAttribute('open')).toBe(true);
    const keys = [...document.querySelectorAll<HTMLElement>('#compare-dialog .compare-row')].map((row) => row.dataset.key);
    expect(keys).toEqual(['category', 'quality', 'body']);
    $<HTMLButtonElement>('stale-take-chosen').click();
    await until('the second save', () => saves().length === 2);
    expect(saves()[1]!.revision).toBe(3);
    expect(saves()[1]!.record).toEqual({ ...A.record, category: 'analysis', quality: 33, body: 'a line from the folder\n' });
    await until('the dialog to close', () => !$<HTMLDialogElement>('edit-dialog').hasAttribute('open'));
  });

  it('a record deleted meanwhile can be saved again as new, on request', async () => {
    openEditorOf(A.id);
    bg.handlers['library/save'] = (payload: SaveRequest) => (payload.revision === null
      ? { ok: true, created: true, stored: { ...A, record: payload.record, revision: 4 } }
      : { ok: false, conflict: { current: null } });
    type($('title'), 'Still mine');
    $<HTMLButtonElement>('save').click();
    await until('the panel', () => document.getElementById('stale-save-again') !== null);
    expect($('stale-warning').dataset.by).toBe('deleted');
    $<HTMLButtonElement>('stale-save-again').click();
    await until('the second save', () => saves().length === 2);
    expect(saves()[1]).toMatchObject({ revision: null, record: { title: 'Still mine' } });
    expect(saves()[1]).not.toHaveProperty('previousId');
  });

  it('an address another record holds is named, and merged only on request, with mergeWith', async () => {
    openEditorOf(A.id);
    bg.handlers['library/save'] = (payload: SaveRequest) => (payload.mergeWith
      ? { ok: true, created: false, stored: { ...B, record: payload.record, revision: 8 } }
      : { ok: false, addressTaken: { other: B } });
    type($('original-url'), 'https://example.com/b');
    $<HTMLButtonElement>('save').click();
    await until('the note', () => document.getElementById('address-taken') !== null);
    expect($('address-taken-text').textContent).toMatch(/^editorAddressTaken: Record B, /);
    expect(document.getElementById('compare-dialog')).toBeNull();
    $<HTMLButtonElement>('address-merge').click();
    document.querySelector<HTMLInputElement>('input[name="compare-topics"][value="theirs"]')!.click();
    $<HTMLButtonElement>('address-merge-save').click();
    await until('the merged save', () => saves().length === 2);
    // Over the revision the editor opened (the first, refused save's), replacing B only at the revision shown.
    expect(saves()[1]).toMatchObject({ previousId: A.id, revision: saves()[0]!.revision, mergeWith: { id: B.id, revision: 7 } });
    expect(saves()[0]!.record.originalUrl).toBe('https://example.com/b');
    expect(saves()[1]!.record).toEqual({ ...saves()[0]!.record, topics: ['Energy'] });
    // One row for the merged record: A's row became it, B's own row went.
    await until('the rows', () => document.querySelectorAll('.record').length === 1);
    expect(document.querySelector<HTMLElement>('.record')!.dataset.id).toBe(B.id);
  });
});
