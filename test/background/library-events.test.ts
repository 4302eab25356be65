// The popup's and pages' side of `library/changed`: only the background's well-formed events reach a listener.
import { describe, expect, it } from 'vitest';
import { isLibraryChanged, onLibraryChanged } from '../../src/shared/library-events.js';

type Listener = (message: unknown, sender: { id?: string; tab?: unknown }) => unknown;

function fakeRuntime() {
  const listeners = new Set<Listener>();
  return {
    listeners,
    api: { runtime: { id: 'lede@test', onMessage: { addListener: (l: Listener) => listeners.add(l), removeListener: (l: Listener) => listeners.delete(l) } } },
    deliver: (message: unknown, sender: { id?: string; tab?: unknown }) => [...listeners].map((l) => l(message, sender)),
  };
}

const EVENT = { lede: 1, event: 'library/changed', id: 'https://a.example/', revision: 3, by: 'sync', at: '2026-01-01T00:00:00Z' };

describe('onLibraryChanged', () => {
  it('hands the background\'s events to the listener and answers none of them', () => {
    const runtime = fakeRuntime();
    const seen: unknown[] = [];
    const stop = onLibraryChanged((change) => seen.push(change), runtime.api);
    expect(runtime.deliver(EVENT, { id: 'lede@test' })).toEqual([undefined]);
    expect(runtime.deliver({ ...EVENT, deleted: true }, { id: 'lede@test' })).toEqual([undefined]);
    expect(seen).toEqual([EVENT, { ...EVENT, deleted: true }]);
    stop();
    expect(runtime.listeners.size).toBe(0);
  });

  it('hands each row of a batched message to the listener as its own event', () => {
    const runtime = fakeRuntime();
    const seen: unknown[] = [];
    onLibraryChanged((change) => seen.push(change), runtime.api);
    runtime.deliver({ ...EVENT, also: [{ id: 'https://b.example/', revision: 1 }, { id: 'https://c.example/', revision: 4, deleted: true }] }, { id: 'lede@test' });
    expect(seen).toEqual([EVENT, { ...EVENT, id: 'https://b.example/', revision: 1 }, { ...EVENT, id: 'https://c.example/', revision: 4, deleted: true }]);
    expect(isLibraryChanged({ ...EVENT, also: [{ id: '', revision: 1 }] })).toBe(false);
  });

  it('ignores events from a tab, another extension, and malformed ones', () => {
    const runtime = fakeRuntime();
    const seen: unknown[] = [];
    onLibraryChanged((change) => seen.push(change), runtime.api);
    runtime.deliver(EVENT, { id: 'lede@test', tab: { id: 3 } });
    runtime.deliver(EVENT, { id: 'other@ext' });
    for (const bad of [{ ...EVENT, revision: 0 }, { ...EVENT, by: 'someone' }, { ...EVENT, id: '' }, { ...EVENT, lede: 2 }, { lede: 1, type: 'library/get', payload: {} }]) {
      expect(isLibraryChanged(bad)).toBe(false);
      runtime.deliver(bad, { id: 'lede@test' });
    }
    expect(seen).toEqual([]);
  });
});
