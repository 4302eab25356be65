// The ✓ as tabs load: saved pages get it, other pages lose it, hidden addresses are handled per browser.
import { describe, expect, it } from 'vitest';
import { Badges } from '../../src/background/badge.js';
import { createTabMarks } from '../../src/background/tab-marks.js';
import { fakeBadgeApi, freshStore, sampleRecord, saveNow } from './fakes.js';

async function setup(clearUnknown: boolean) {
  const store = freshStore();
  await saveNow(store, sampleRecord()); // https://stratechery.com/2023/meta-ai
  const api = fakeBadgeApi();
  const badges = new Badges(api);
  return { store, api, badges, marks: createTabMarks(store, badges, clearUnknown) };
}

describe('tab marks', () => {
  it('marks a tab loading a saved page, by any spelling of its address, and unmarks it on another page', async () => {
    const { api, marks } = await setup(true);
    await marks.loading(1, 'https://www.stratechery.com/2023/meta-ai/?utm_source=feed');
    expect(api.texts.get(1)).toBe('✓');
    await marks.loading(1, 'https://example.com/other');
    expect(api.texts.get(1)).toBe('');
  });

  it('clears an old mark when the new address is hidden, where the browser would keep it (Chrome)', async () => {
    const { api, marks } = await setup(true);
    await marks.loading(2, 'https://stratechery.com/2023/meta-ai');
    await marks.loading(2, undefined);
    expect(api.texts.get(2)).toBe('');
  });

  it('leaves a hidden address alone where the browser resets badges itself (Firefox)', async () => {
    const { api, marks } = await setup(false);
    await marks.loading(3, undefined);
    expect(api.texts.has(3)).toBe(false);
  });

  it('marks every open tab with a known saved address once the "tabs" permission is granted', async () => {
    const { api, marks } = await setup(true);
    await marks.markAll([
      { id: 1, url: 'https://stratechery.com/2023/meta-ai' },
      { id: 2, url: 'https://example.com/not-saved' },
      { id: 3 },
      { url: 'https://stratechery.com/2023/meta-ai' },
    ]);
    expect(Object.fromEntries(api.texts)).toEqual({ 1: '✓', 2: '' });
  });

  it('treats a library that cannot answer as "not saved" rather than failing', async () => {
    const api = fakeBadgeApi();
    const marks = createTabMarks({ find: () => Promise.reject(new Error('database blocked')) }, new Badges(api), true);
    await marks.loading(4, 'https://stratechery.com/2023/meta-ai');
    expect(api.texts.get(4)).toBe('');
  });
});
