// The gate: only Lede's own pages, only well-formed messages, failures answered as {ledeError}.
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../src/background/handlers.js';
import { createRouter, isOurPage } from '../../src/background/router.js';
import { StoreError } from '../../src/background/store/index.js';
import { validators } from '../../src/background/validators.js';
import { makeDeps, sampleRecord } from './fakes.js';

const self = { id: 'lede@test', base: 'chrome-extension://abcdef/' };
const popup = { id: 'lede@test', url: 'chrome-extension://abcdef/popup/popup.html' };

function router(deps = makeDeps()) {
  return createRouter(createHandlers(deps), validators, self, deps.t);
}

describe('isOurPage', () => {
  it.each([
    [popup, true],
    [{ id: 'lede@test', url: 'chrome-extension://abcdef/popup/popup.html?tabId=4' }, true],
    [{ id: 'lede@test', url: 'chrome-extension://abcdef/pages/library/library.html#x' }, true],
    [{ id: 'lede@test', url: 'chrome-extension://abcdef/pages/options/options.html' }, true],
    // A content script of ours: right id, but a web page's URL.
    [{ id: 'lede@test', url: 'https://evil.example/popup/popup.html', tab: { id: 3 } }, false],
    [{ id: 'other@ext', url: 'chrome-extension://abcdef/popup/popup.html' }, false],
    [{ id: 'lede@test', url: 'chrome-extension://zzz/popup/popup.html' }, false],
    [{ id: 'lede@test', url: 'chrome-extension://abcdef/content/extract.js' }, false],
    [{ id: 'lede@test' }, false],
    [{}, false],
  ])('%j → %s', (sender, expected) => {
    expect(isOurPage(sender, self)).toBe(expected);
  });
});

describe('router', () => {
  it('answers no library/changed event (not a request), not even with a refusal', () => {
    const event = { lede: 1, event: 'library/changed', id: 'https://a.example/', revision: 2, by: 'sync', at: '2026-01-01T00:00:00Z' };
    expect(router()(event, popup)).toBeUndefined();
    expect(router()(event, {})).toBeUndefined();
  });

  it('takes the folder watcher’s report from the offscreen document only', async () => {
    const offscreen = { id: 'lede@test', url: 'chrome-extension://abcdef/offscreen/offscreen.html' };
    const report = { lede: 1, type: 'sync/observed', payload: { generation: 'g', names: ['2026-01-01-a.md'], gap: false } };
    expect(await router()(report, offscreen)).toEqual({ ok: true });
    expect(await router()(report, popup)).toEqual({ ledeError: expect.stringMatching(/folder watcher/) });
  });

  it('answers a good message from our page', async () => {
    const answer = await router()({ lede: 1, type: 'settings/get', payload: {} }, popup);
    expect(answer).toMatchObject({ defaultCategory: 'news' });
  });

  it('refuses foreign senders before looking at the message', async () => {
    const answer = await router()({ lede: 1, type: 'settings/get', payload: {} }, { id: 'lede@test', url: 'https://example.com/', tab: { id: 1 } });
    expect(answer).toEqual({ ledeError: expect.stringMatching(/Refused/) });
  });

  it.each([
    null, 'settings/get', {}, { lede: 2, type: 'settings/get', payload: {} }, { lede: 1, type: 'nope', payload: {} },
    { lede: 1, type: 'toString', payload: {} }, { lede: 1, type: '__proto__', payload: {} },
  ])('refuses %j as not a Lede message', async (message) => {
    expect(await router()(message, popup)).toEqual({ ledeError: expect.stringMatching(/not a Lede message/) });
  });

  it.each([
    ['page/read', {}], ['page/read', { tabId: -1 }], ['page/read', { tabId: '3' }],
    ['library/save', { record: { title: 'x' } }], ['library/save', { record: sampleRecord(), tabId: 1.5 }],
    ['library/get', { id: '' }], ['library/list', { limit: 10_000 }], ['library/list', { text: 5 }],
    ['library/delete', {}], ['library/restore', { stored: { id: 'x' } }], ['library/topics', { x: 1 }],
    ['draft/put', { draft: { tabId: 1 } }], ['draft/clear', { tabId: null }], ['settings/set', { settings: [] }],
    ['settings/get', null],
    ['sync/observed', { generation: 'g', names: ['../x.md'], gap: false }], ['sync/observed', { generation: 'g', names: ['..'], gap: false }],
    ['sync/observed', { generation: 'g', names: ['a\\b.md'], gap: false }], ['sync/observed', { generation: 'g', names: [''], gap: false }],
    ['sync/observed', { generation: 'g', names: Array.from({ length: 5_001 }, (_, i) => `${i}.md`), gap: false }],
    ['sync/observed', { generation: 'g', names: ['a.md'] }], ['sync/observed', { generation: 'g', names: ['a.md'], gap: false, more: 1 }],
  ])('refuses %s with payload %j', async (type, payload) => {
    expect(await router()({ lede: 1, type, payload }, popup)).toEqual({ ledeError: expect.stringMatching(/wrong shape/) });
  });

  it('turns a storage failure into a clear error', async () => {
    const deps = makeDeps();
    deps.store.list = async () => {
      throw new StoreError('quota', 'QuotaExceededError');
    };
    expect(await router(deps)({ lede: 1, type: 'library/list', payload: {} }, popup))
      .toEqual({ ledeError: 'storeQuotaFull: QuotaExceededError' });
  });

  it('refuses wrong settings with the reason', async () => {
    const answer = await router()({ lede: 1, type: 'settings/set', payload: { settings: { defaultQuality: 101 } } }, popup);
    expect(answer).toEqual({ ledeError: expect.stringMatching(/^settingsNotSaved: defaultQuality/) });
  });
});
