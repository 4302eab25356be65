// The bulk queue's batches and jobs in IndexedDB (`lede-bulk`), so a stopped worker or a restarted browser loses none.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { BulkBatch, BulkJob, JobStore } from './jobs.js';

interface BulkDb extends DBSchema {
  batches: { key: string; value: BulkBatch };
  jobs: { key: string; value: BulkJob; indexes: { batch: string } };
}

export const BULK_DB = 'lede-bulk';

export class IdbJobStore implements JobStore {
  private db: Promise<IDBPDatabase<BulkDb>> | null = null;

  constructor(private readonly name = BULK_DB) {}

  private open(): Promise<IDBPDatabase<BulkDb>> {
    this.db ??= openDB<BulkDb>(this.name, 1, {
      upgrade(db) {
        db.createObjectStore('batches', { keyPath: 'id' });
        db.createObjectStore('jobs', { keyPath: 'id' }).createIndex('batch', 'batch');
      },
      terminated: () => {
        this.db = null;
      },
    }).catch((error: unknown) => {
      this.db = null;
      throw error;
    });
    return this.db;
  }

  async load(): Promise<{ batches: BulkBatch[]; jobs: BulkJob[] }> {
    const db = await this.open();
    const tx = db.transaction(['batches', 'jobs']);
    const [batches, jobs] = await Promise.all([tx.objectStore('batches').getAll(), tx.objectStore('jobs').getAll()]);
    await tx.done;
    return { batches, jobs };
  }

  async putBatch(batch: BulkBatch): Promise<void> {
    await (await this.open()).put('batches', batch);
  }

  /** All in one transaction: a batch's jobs are kept together or not at all. */
  async putJobs(jobs: BulkJob[]): Promise<void> {
    if (!jobs.length) return;
    const tx = (await this.open()).transaction('jobs', 'readwrite');
    for (const job of jobs) void tx.store.put(job);
    await tx.done;
  }

  async removeJobs(ids: string[]): Promise<void> {
    if (!ids.length) return;
    const tx = (await this.open()).transaction('jobs', 'readwrite');
    for (const id of ids) void tx.store.delete(id);
    await tx.done;
  }

  async removeBatch(id: string): Promise<void> {
    const tx = (await this.open()).transaction(['batches', 'jobs'], 'readwrite');
    void tx.objectStore('batches').delete(id);
    let cursor = await tx.objectStore('jobs').index('batch').openCursor(id);
    while (cursor) {
      void cursor.delete();
      cursor = await cursor.continue();
    }
    await tx.done;
  }
}
