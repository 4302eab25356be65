// The offscreen document's side of the folder watch: batches of names to the background, each under the
// watch's generation, which changes whenever something may have been missed.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WatchReport } from '../../src/offscreen/watch-report.js';
import { namesOf } from '../../src/offscreen/watch-worker.js';

const sent: Array<{ type: string; payload: { generation: string; names: string[]; gap: boolean } }> = [];
let answer: () => Promise<unknown> = async () => ({ ok: true });

vi.mock('webextension-polyfill', () => ({
  default: { runtime: { sendMessage: (message: never) => { sent.push(message); return answer(); } } },
}));

/** The worker as the document sees it: the test plays what the observer reports. */
class FakeWorker {
  static last: FakeWorker | null = null;
  onmessage: ((event: { data: WatchReport }) => void) | null = null;
  onerror: (() => void) | null = null;
  terminated = false;
  constructor(readonly url: string) {
    FakeWorker.last = this;
  }
  report(data: WatchReport): void {
    this.onmessage?.({ data });
  }
  terminate(): void {
    this.terminated = true;
  }
}

async function load() {
  vi.resetModules();
  const { watchHandlers } = await import('../../src/offscreen/watch.js');
  const start = watchHandlers['sync/watch']({ on: true });
  FakeWorker.last!.report({ kind: 'watching' });
  const { generation } = await start;
  return { watchHandlers, generation: generation!, worker: FakeWorker.last! };
}

describe('the offscreen folder watch', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('Worker', FakeWorker);
    sent.length = 0;
    answer = async () => ({ ok: true });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('sends the names reported within 100 ms as one message, under one generation', async () => {
    const { generation, worker, watchHandlers } = await load();
    expect(worker.url).toBe('watch-worker.js');
    expect(generation).toMatch(/^[0-9a-f-]{36}$/);
    worker.report({ kind: 'changed', names: ['a.md'] });
    worker.report({ kind: 'changed', names: ['b.md', 'a.md'] });
    await vi.advanceTimersByTimeAsync(150);
    expect(sent).toEqual([{ lede: 1, type: 'sync/observed', payload: { generation, names: ['a.md', 'b.md'], gap: false } }]);
    // Asked again, the same watch answers the same generation.
    expect(await watchHandlers['sync/watch']({ on: true })).toEqual({ generation });
  });

  it('renews the generation when the browser lost events, and says so', async () => {
    const { generation, worker, watchHandlers } = await load();
    worker.report({ kind: 'gap' });
    await vi.advanceTimersByTimeAsync(150);
    const [message] = sent;
    expect(message!.payload.gap).toBe(true);
    expect(message!.payload.generation).not.toBe(generation);
    expect(await watchHandlers['sync/watch']({ on: true })).toEqual({ generation: message!.payload.generation });
  });

  it('keeps the names the background was not told, renews the generation, and tells it again', async () => {
    const { generation, worker } = await load();
    answer = async () => { throw new Error('Could not establish connection.'); };
    worker.report({ kind: 'changed', names: ['a.md'] });
    await vi.advanceTimersByTimeAsync(150);
    expect(sent).toHaveLength(1);
    answer = async () => ({ ok: true });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.payload).toMatchObject({ names: ['a.md'], gap: true });
    expect(sent[1]!.payload.generation).not.toBe(generation);
  });

  it('answers no watch when the worker does not begin within 5 s, rather than hold up the sync run', async () => {
    vi.resetModules();
    const { watchHandlers } = await import('../../src/offscreen/watch.js');
    const start = watchHandlers['sync/watch']({ on: true });
    const worker = FakeWorker.last!;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(await start).toEqual({ generation: null });
    expect(worker.terminated).toBe(true);
    // A report from that worker afterwards changes nothing.
    worker.report({ kind: 'watching' });
    const again = watchHandlers['sync/watch']({ on: true });
    FakeWorker.last!.report({ kind: 'watching' });
    expect((await again).generation).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('ends the watch when the observer ends, and starts a new one (a new generation) when asked', async () => {
    const { generation, worker, watchHandlers } = await load();
    worker.report({ kind: 'failed', error: 'The folder is no longer watched.' });
    expect(worker.terminated).toBe(true);
    // The background is told at once that nothing is vouched for any more.
    await vi.advanceTimersByTimeAsync(0);
    expect(sent.map((m) => m.payload)).toEqual([{ generation, names: [], gap: true }]);
    const again = watchHandlers['sync/watch']({ on: true });
    expect(FakeWorker.last).not.toBe(worker);
    FakeWorker.last!.report({ kind: 'watching' });
    expect((await again).generation).not.toBe(generation);
    expect(await watchHandlers['sync/watch']({ on: false })).toEqual({ generation: null });
    expect(FakeWorker.last!.terminated).toBe(true);
  });
});

describe('the watcher’s reading of the browser’s records', () => {
  it('takes top-level names, both ends of a move, and tells lost events from an ended watch', () => {
    expect(namesOf([
      { type: 'modified', relativePathComponents: ['a.md'] },
      { type: 'appeared', relativePathComponents: ['images', 'x.png'] },
      { type: 'moved', relativePathComponents: ['c.md'], relativePathMovedFrom: ['b.md'] },
      { type: 'disappeared', relativePathComponents: ['a.md'] },
    ])).toEqual({ names: ['a.md', 'c.md', 'b.md'], gap: false, ended: false });
    expect(namesOf([{ type: 'unknown', relativePathComponents: [] }])).toEqual({ names: [], gap: true, ended: false });
    expect(namesOf([{ type: 'errored', relativePathComponents: [] }])).toEqual({ names: [], gap: false, ended: true });
  });
});
