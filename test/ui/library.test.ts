// @vitest-environment jsdom
// The library page in jsdom with the background stood in for: pages of 50, search, delete with undo, export.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ListQuery, StoredRecord } from '../../src/shared/messages.js';
import { sampleRecord, type } from './record.js';
import { until } from './until.js';

const bg = vi.hoisted(() => ({ calls: [] as Array<[string, unknown]>, records: [] as StoredRecord[] }));

// The page's Bring asks the browser for host access; no browser here.
vi.mock('webextension-polyfill', () => ({ default: { permissions: { contains: async () => false, request: async () => false } } }));

vi.mock('../../src/shared/send.js', () => ({
  send: async (name: string, payload: never) => {
    bg.calls.push([name, payload]);
    switch (name) {
      case 'library/list': {
        const query = payload as ListQuery;
        const found = bg.records.filter((stored) => !query.text || stored.record.title.toLowerCase().includes(query.text.toLowerCase()));
        const offset = query.offset ?? 0;
        return { records: found.slice(offset, offset + (query.limit ?? 50)), total: found.length };
      }
      case 'library/topics': return [{ topic: 'AI', count: bg.records.length }];
      case 'library/providers': return [{ name: 'Example News', count: bg.records.length }];
      case 'settings/get': return { categories: ['news'], defaultCategory: 'news', defaultQuality: 50, defaultHeat: -1, defaultPublished: false };
      case 'library/delete': {
        const { id } = payload as { id: string };
        const deleted = bg.records.find((stored) => stored.id === id) ?? null;
        bg.records = bg.records.filter((stored) => stored.id !== id);
        return { deleted };
      }
      case 'library/restore': {
        const { stored } = payload as { stored: StoredRecord };
        bg.records = [stored, ...bg.records];
        return { ok: true };
      }
      case 'library/export': return { filename: 'record.md', text: '---\ntitle: x\n---\n\n' };
      default: throw new Error(`no handler for ${name}`);
    }
  },
}));

const titles = () => [...document.querySelectorAll('#records .record .record-title')].map((el) => el.textContent);
const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

beforeAll(async () => {
  bg.records = Array.from({ length: 120 }, (_, i) => ({
    id: `https://example.com/${i}`, savedAt: '', updatedAt: '', revision: 1,
    record: sampleRecord({ title: `Record ${i}`, originalUrl: `https://example.com/${i}` }),
  }));
  const html = readFileSync(join(import.meta.dirname, '../../src/pages/library/library.html'), 'utf8');
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  document.replaceChild(document.adoptNode(parsed.documentElement), document.documentElement);
  await import('../../src/pages/library/library.js');
  await until('the first page', () => titles().length > 0);
});

describe('library page', () => {
  it('shows 50 records at a time, never all of them', async () => {
    expect(titles()).toHaveLength(50);
    expect(titles()[0]).toBe('Record 0');
    expect($<HTMLButtonElement>('show-more').hidden).toBe(false);
    $<HTMLButtonElement>('show-more').click();
    await until('the second page', () => titles().length === 100);
    const lists = bg.calls.filter(([name]) => name === 'library/list').map(([, query]) => query as ListQuery);
    expect(lists.at(-1)).toMatchObject({ offset: 50, limit: 50 });
    expect([...document.querySelectorAll('#filter-topic option')].map((o) => o.textContent)).toEqual(['libraryAllTopics', 'AI (120)']);
  });

  it('searches once typing pauses', async () => {
    const before = bg.calls.length;
    type($<HTMLInputElement>('search'), 'rec');
    type($<HTMLInputElement>('search'), 'record 11');
    await until('the search', () => titles().length < 50);
    const searches = bg.calls.slice(before).filter(([name]) => name === 'library/list');
    expect(searches).toHaveLength(1);
    expect(searches[0]![1]).toMatchObject({ text: 'record 11', offset: 0 });
    expect(titles()).toEqual(['Record 11', 'Record 110', 'Record 111', 'Record 112', 'Record 113', 'Record 114',
      'Record 115', 'Record 116', 'Record 117', 'Record 118', 'Record 119']);
  });

  it('asks the background to search private notes too only when the box is ticked', async () => {
    const before = bg.calls.length;
    const box = $<HTMLInputElement>('search-private');
    box.checked = true;
    box.dispatchEvent(new Event('change', { bubbles: true }));
    await until('the private search', () => bg.calls.slice(before).some(([name]) => name === 'library/list'));
    const asked = bg.calls.slice(before).filter(([name]) => name === 'library/list').map(([, query]) => query as ListQuery);
    expect(asked.at(-1)).toMatchObject({ text: 'record 11', includePrivate: true });
    const lists = () => bg.calls.filter(([name]) => name === 'library/list');
    const listed = lists().length;
    box.checked = false;
    box.dispatchEvent(new Event('change', { bubbles: true }));
    await until('the plain search', () => lists().length > listed);
    expect(bg.calls.filter(([name]) => name === 'library/list').at(-1)![1]).not.toHaveProperty('includePrivate');
  });

  it('deletes with a toast whose Undo brings the record back', async () => {
    document.querySelector<HTMLButtonElement>('.record[data-id="https://example.com/11"] .delete')!.click();
    await until('the row to go', () => !titles().includes('Record 11'));
    expect($('toast').hidden).toBe(false);
    expect(document.activeElement).toBe($('undo'));
    $<HTMLButtonElement>('undo').click();
    await until('the row to return', () => titles().includes('Record 11'));
    expect(bg.calls.filter(([name]) => name === 'library/restore')).toHaveLength(1);
    expect($('toast').hidden).toBe(true);
  });

  it('exports one record as a .md download', async () => {
    const createObjectURL = vi.fn(() => 'blob:lede/1');
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const clicked: HTMLAnchorElement[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) { clicked.push(this); });
    document.querySelector<HTMLButtonElement>('.record .export')!.click();
    await until('the download', () => clicked.length === 1);
    expect(clicked[0]!.download).toBe('record.md');
    expect(clicked[0]!.href).toBe('blob:lede/1');
    click.mockRestore();
  });
});
