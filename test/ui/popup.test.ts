// @vitest-environment jsdom
// The popup end to end in jsdom, with the browser and the background stood in for: open, draft, save, fail.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PageReadResult } from '../../src/shared/messages.js';
import { key, sampleRecord, type } from './record.js';

const bg = vi.hoisted(() => ({
  calls: [] as Array<[string, unknown]>,
  handlers: {} as Record<string, (payload: never) => unknown>,
}));

// The popup uses the browser's own API (src/shared/native.ts), not the polyfill.
const opened = vi.hoisted(() => [] as string[]);
vi.stubGlobal('chrome', {
  runtime: { id: 'lede', getURL: (path: string) => `chrome-extension://lede/${path}` },
  tabs: { query: async () => [{ id: 7 }], create: async ({ url }: { url: string }) => { opened.push(url); return {}; } },
});
vi.mock('../../src/shared/send.js', () => ({
  send: async (name: string, payload: unknown) => {
    bg.calls.push([name, payload]);
    const handler = bg.handlers[name];
    if (!handler) throw new Error(`no handler for ${name}`);
    return handler(payload as never);
  },
}));

const html = readFileSync(join(import.meta.dirname, '../../src/popup/popup.html'), 'utf8');

async function until(what: string, test: () => boolean, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const $ = <T extends HTMLElement = HTMLInputElement>(id: string) => document.getElementById(id) as T;
const state = () => document.body.dataset.state;
const sent = (name: string) => bg.calls.filter(([n]) => n === name).map(([, payload]) => payload);

async function openPopup(read: PageReadResult | (() => never), query = '?tabId=42', early = false): Promise<void> {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  document.replaceChild(document.adoptNode(parsed.documentElement), document.documentElement);
  history.replaceState(null, '', `/popup/popup.html${query}`);
  bg.handlers['page/read'] = typeof read === 'function' ? read : () => read;
  vi.resetModules();
  if (early) await import('../../src/popup/early.js');
  await import('../../src/popup/popup.js');
  await until('the popup to leave loading', () => state() !== 'loading');
}

const page = (overrides: Partial<Extract<PageReadResult, { ok: true }>> = {}): PageReadResult => ({
  ok: true, record: sampleRecord(), saved: null, draft: null,
  extraction: null, ...overrides,
});

describe('popup', () => {
  beforeEach(() => {
    bg.calls.length = 0;
    bg.handlers = {
      'settings/get': () => ({ categories: ['news', 'analysis'], defaultCategory: 'news', defaultQuality: 50, defaultHeat: -1, defaultPublished: false }),
      'library/topics': () => [{ topic: 'Energy', count: 2 }],
      'draft/put': () => ({ ok: true }),
      'draft/clear': () => ({ ok: true }),
      'library/save': (payload: { record: unknown }) => ({ ok: true, created: true, stored: { id: 'x', record: payload.record, savedAt: '', updatedAt: '' } }),
    };
  });
  afterEach(() => document.body.replaceChildren());

  it('opens filled with the record of the tab named in its address', async () => {
    await openPopup(page());
    expect(state()).toBe('editing');
    expect(sent('page/read')).toEqual([{ tabId: 42 }]);
    expect($('title').value).toBe('A headline');
    expect($('save').hidden).toBe(false);
    expect(document.getElementById('saved-note')).toBeNull();
  });

  it('uses the active tab when no tab is named', async () => {
    await openPopup(page(), '');
    expect(sent('page/read')).toEqual([{ tabId: 7 }]);
  });

  it('takes the page read that early.js started, and asks only once', async () => {
    vi.resetModules();
    history.replaceState(null, '', '/popup/popup.html?tabId=42');
    bg.handlers['page/read'] = () => page();
    await import('../../src/popup/early.js');
    await until('early.js to ask', () => sent('page/read').length === 1);
    expect(sent('settings/get')).toHaveLength(1);
    expect(sent('library/topics')).toHaveLength(1);
    bg.calls.length = 0;
    // popup.js in the same document then picks those answers up instead of asking again.
    const parsed = new DOMParser().parseFromString(html, 'text/html');
    document.replaceChild(document.adoptNode(parsed.documentElement), document.documentElement);
    await import('../../src/popup/popup.js');
    await until('the popup to leave loading', () => state() !== 'loading');
    expect(state()).toBe('editing');
    expect(sent('page/read')).toEqual([]);
    expect(sent('settings/get')).toEqual([]);
  });

  it('asks afresh on Try again after an early read failed', async () => {
    let fail = true;
    await openPopup(() => {
      if (fail) throw new Error('worker gone');
      return page() as never;
    }, '?tabId=42', true);
    expect(state()).toBe('message');
    fail = false;
    $<HTMLButtonElement>('retry').click();
    await until('the retry to fill the form', () => state() === 'editing');
    expect(sent('page/read')).toEqual([{ tabId: 42 }, { tabId: 42 }]);
  });

  it('fills the form without waiting for the library\'s topics, asked after the page, and offers them once they come', async () => {
    let answerTopics: (value: unknown) => void = () => undefined;
    bg.handlers['library/topics'] = () => new Promise((resolve) => { answerTopics = resolve; });
    await openPopup(page());
    expect(state()).toBe('editing');
    const order = bg.calls.map(([name]) => name).filter((name) => name === 'page/read' || name === 'library/topics');
    expect(order).toEqual(['page/read', 'library/topics']);
    const suggestions = () => [...document.querySelectorAll('#topic-suggestions [role="option"]')].map((el) => el.textContent);
    type($('topic-input'), 'Ener');
    expect(suggestions()).not.toContain('Energy');
    answerTopics([{ topic: 'Energy', count: 2 }]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    type($('topic-input'), 'Ener');
    expect(suggestions()).toContain('Energy');
    await until('the draft of the typing to be sent', () => sent('draft/put').length > 0, 1000);
  });

  it('sends one draft 200 ms after typing pauses', async () => {
    await openPopup(page());
    type($('title'), 'N');
    type($('title'), 'New');
    expect(sent('draft/put')).toHaveLength(0);
    await until('the draft', () => sent('draft/put').length > 0, 1000);
    await new Promise((resolve) => setTimeout(resolve, 250));
    const drafts = sent('draft/put') as Array<{ draft: { tabId: number; record: { title: string } } }>;
    expect(drafts).toHaveLength(1);
    expect(drafts[0]!.draft.tabId).toBe(42);
    expect(drafts[0]!.draft.record.title).toBe('New');
  });

  it('restores a draft and can discard it', async () => {
    const draft = { tabId: 42, url: 'https://example.com/a', record: sampleRecord({ title: 'Unsaved' }), updatedAt: '' };
    await openPopup(page({ draft }));
    expect($('title').value).toBe('Unsaved');
    expect($('draft-note')).not.toBeNull();
    $<HTMLButtonElement>('discard-draft').click();
    await until('the discard', () => document.getElementById('draft-note') === null);
    expect(sent('draft/clear')).toEqual([{ tabId: 42 }]);
    expect($('title').value).toBe('A headline');
  });

  it('saves with Ctrl+Enter, says so, and clears the draft', async () => {
    const saved = { id: 'https://example.com/a', record: sampleRecord(), savedAt: '', updatedAt: '', revision: 1 };
    bg.handlers['library/save'] = (payload: { record: unknown }) => ({ ok: true, created: false, stored: { ...saved, record: payload.record } });
    await openPopup(page({ saved }));
    expect($('saved-note')).not.toBeNull();
    type($('title'), 'Changed');
    key($('title'), 'Enter', { ctrlKey: true });
    await until('the save', () => state() === 'updated');
    const [request] = sent('library/save') as Array<{ record: { title: string }; previousId: string; tabId: number }>;
    expect(request).toMatchObject({ record: { title: 'Changed' }, previousId: saved.id, tabId: 42 });
    expect(sent('draft/clear')).toEqual([{ tabId: 42 }]);
    expect($('status').textContent).toBe('popupUpdated');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sent('draft/put')).toHaveLength(0); // the pending draft was dropped, not sent after the save
  });

  it('shows the background’s problems and stays unsaved', async () => {
    bg.handlers['library/save'] = () => ({ ok: false, problems: [{ key: 'webUrl', message: 'bad address', severity: 'error' }] });
    await openPopup(page());
    $<HTMLButtonElement>('save').click();
    await until('the problem', () => $('web-url-error').hidden === false);
    expect($('web-url-error').textContent).toBe('bad address');
    expect(state()).toBe('editing');
    expect($('status').dataset.kind).toBe('error');
  });

  it('opens on the compact first screen: focus in the topic input, the rest in a closed Details', async () => {
    await openPopup(page());
    expect(document.activeElement?.id).toBe('topic-input');
    const order = [...$('first-screen').querySelectorAll('[data-field], #found-line')]
      .filter((el) => !el.parentElement?.closest('[data-field]'))
      .map((el) => el.getAttribute('data-field') ?? el.id);
    expect(order).toEqual(['title', 'found-line', 'topic-input', 'quality', 'heat', 'category', 'published', 'related']);
    const details = $<HTMLDetailsElement>('details');
    expect(details.open).toBe(false);
    for (const id of ['excerpt', 'published-at', 'provider-name', 'provider-domain', 'type', 'original-url', 'web-url', 'body']) {
      expect(details.contains($(id)), id).toBe(true);
    }
    // Alt+Shift+D opens Details from the topic input and moves into it.
    key($('topic-input'), 'D', { altKey: true, shiftKey: true, code: 'KeyD' });
    expect(details.open).toBe(true);
    expect(details.contains(document.activeElement)).toBe(true);
  });

  it('opens Details by itself on a record without a date, and says why', async () => {
    await openPopup(page({ record: sampleRecord({ publishedDateTime: null }) }));
    expect($<HTMLDetailsElement>('details').open).toBe(true);
    expect($('details-why').textContent).toContain('popupAttentionNoDate');
    expect(document.querySelector('#found-line [data-opens="published-at"]')?.classList.contains('missing')).toBe(true);
  });

  it('a field marked wrong inside Details opens it and takes the focus', async () => {
    bg.handlers['library/save'] = () => ({ ok: false, problems: [{ key: 'webUrl', message: 'bad address', severity: 'error' }] });
    await openPopup(page());
    expect($<HTMLDetailsElement>('details').open).toBe(false);
    $<HTMLButtonElement>('save').click();
    await until('the problem', () => $('web-url-error').hidden === false);
    expect($<HTMLDetailsElement>('details').open).toBe(true);
    expect(document.activeElement?.id).toBe('web-url');
  });

  it('after a new save offers Open library and Undo; Undo takes the record out again and keeps the edits', async () => {
    bg.handlers['library/delete'] = (payload: { id: string }) => ({ deleted: { id: payload.id } });
    bg.handlers['library/save'] = (payload: { record: unknown }) => {
      const now = new Date().toISOString();
      return { ok: true, created: true, stored: { id: 'https://example.com/a', record: payload.record, savedAt: now, updatedAt: now, revision: 1 } };
    };
    await openPopup(page());
    expect($('after-save').hidden).toBe(true);
    type($('title'), 'Mine');
    key($('title'), 'Enter', { ctrlKey: true });
    await until('the save', () => state() === 'saved');
    expect($('after-save').hidden).toBe(false);
    expect($('saved-when').textContent).toBe('popupSavedAgo: now');
    $<HTMLButtonElement>('open-library').click();
    await until('the library tab', () => opened.length > 0);
    expect(opened).toEqual(['chrome-extension://lede/pages/library/library.html']);
    $<HTMLButtonElement>('undo-save').click();
    await until('the undo', () => state() === 'editing');
    expect(sent('library/delete')).toEqual([{ id: 'https://example.com/a', revision: 1 }]);
    expect(sent('library/restore')).toEqual([]);
    expect($('status').textContent).toBe('popupUndoneSave');
    expect($('after-save').hidden).toBe(true);
    expect(document.getElementById('saved-note')).toBeNull();
    expect($('title').value).toBe('Mine');
    await until('the edits kept as a draft', () => sent('draft/put').length > 0, 1000);
  });

  it('Undo of an update puts the earlier version back', async () => {
    const before = { id: 'https://example.com/a', record: sampleRecord(), savedAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', revision: 1 };
    bg.handlers['library/restore'] = () => ({ ok: true });
    bg.handlers['library/save'] = (payload: { record: unknown }) => ({ ok: true, created: false, stored: { ...before, record: payload.record, updatedAt: new Date().toISOString() } });
    await openPopup(page({ saved: before }));
    type($('title'), 'Changed');
    key($('title'), 'Enter', { ctrlKey: true });
    await until('the update', () => state() === 'updated');
    expect($('saved-when').textContent).toMatch(/· popupUpdatedAgo: now$/);
    $<HTMLButtonElement>('undo-save').click();
    await until('the undo', () => state() === 'editing');
    expect(sent('library/restore')).toEqual([{ stored: before, over: { id: before.id, revision: before.revision } }]);
    expect(sent('library/delete')).toEqual([]);
    expect($('status').textContent).toBe('popupUndoneUpdate');
    // The form still says Changed: against the restored version, that is a change again.
    expect($('changed-since').textContent).toContain('editorTitle');
  });

  it('already saved: the top line says when, and names what the form changes since', async () => {
    const threeDays = new Date(Date.now() - 3 * 86_400_000).toISOString();
    const saved = { id: 'https://example.com/a', record: sampleRecord(), savedAt: threeDays, updatedAt: threeDays, revision: 1 };
    await openPopup(page({ saved }));
    expect($('saved-when').textContent).toBe('popupSavedAgo: 3 days ago');
    expect(document.getElementById('changed-since')).toBeNull();
    const marked = () => [...document.querySelectorAll('[data-changed]')].map((el) => el.getAttribute('data-field') ?? el.getAttribute('data-opens'));
    expect(marked()).toEqual([]);
    type($('title'), 'Changed');
    expect($('changed-since').textContent).toBe(' · popupChangedSince: editorTitle');
    expect(marked()).toEqual(['title']);
    type($('provider-name'), 'Another Provider');
    expect($('changed-since').textContent).toBe(' · popupChangedSince: editorTitle, editorProviderName');
    expect(marked()).toEqual(['title', 'provider-name', 'provider-name']); // the field, and the found line's part
    type($('title'), saved.record.title);
    expect(marked()).toEqual(['provider-name', 'provider-name']);
    expect($('saved-note').compareDocumentPosition($('title')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('shows a message with what to do for a page it cannot read', async () => {
    await openPopup({ ok: false, reason: 'restricted', message: 'This is a browser page.' });
    expect(state()).toBe('message');
    expect($('message').dataset.reason).toBe('restricted');
    expect($('message-detail').textContent).toBe('This is a browser page.');
    expect($('save').hidden).toBe(true);
    expect(document.getElementById('title')).toBeNull();
  });

  it('turns a failing background into a message with Try again', async () => {
    await openPopup(() => { throw new Error('worker gone'); });
    expect(state()).toBe('message');
    expect($('message').dataset.reason).toBe('failed');
    expect($('message-detail').textContent).toBe('worker gone');
    expect($('retry')).not.toBeNull();
  });
});
