// The bulk queue's store in IndexedDB keeps what the memory model keeps, across a reopen.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { IdbJobStore } from '../../../src/background/bulk/job-store.js';
import { MemoryJobStore, type BulkBatch, type BulkJob, type JobStore } from '../../../src/background/bulk/jobs.js';

const batch: BulkBatch = { id: 'b1', kind: 'bring', label: 'x.html', createdAt: '2026-01-01T00:00:00Z', state: 'running', total: 2, done: 0 };
const job = (id: string, b = 'b1'): BulkJob => ({
  id, batch: b, kind: 'fill', url: `https://e.com/${id}`, host: 'e.com', recordId: `https://e.com/${id}`,
  plan: { fillable: ['title'], brought: { title: `https://e.com/${id}` } }, attempts: 0, state: 'waiting', notBefore: 0, seq: 0,
});

async function exercise(store: JobStore) {
  await store.putBatch(batch);
  await store.putBatch({ ...batch, id: 'b2' });
  await store.putJobs([job('a'), job('b'), job('c', 'b2')]);
  await store.removeJobs(['a']);
  await store.putJobs([{ ...job('b'), state: 'failed', reason: 'gone (404)' }]);
  await store.removeBatch('b2');
  const { batches, jobs } = await store.load();
  return { batches: batches.map((b) => b.id).sort(), jobs: jobs.map((j) => [j.id, j.state, j.reason]) };
}

describe('IdbJobStore', () => {
  it('keeps batches and jobs as the memory store does, and after a reopen', async () => {
    const name = `lede-bulk-test-${Math.random()}`;
    const expected = await exercise(new MemoryJobStore());
    expect(await exercise(new IdbJobStore(name))).toEqual(expected);
    expect(expected).toEqual({ batches: ['b1'], jobs: [['b', 'failed', 'gone (404)']] });
    const again = await new IdbJobStore(name).load();
    expect(again.jobs.map((j) => j.id)).toEqual(['b']);
  });
});
