// The durable bulk queue's data: batches (one import or one "save all tabs") and their jobs, and where they are kept.
import type { FillPlan } from '../../transfer/bring/to-record.js';
import type { JobState, Schedulable } from './schedule.js';

export type BatchState = 'running' | 'paused' | 'cancelled' | 'finished';

export interface BulkBatch {
  id: string;
  kind: 'bring' | 'tabs';
  /** For the person: the file's name, or "12 tabs". */
  label: string;
  createdAt: string;
  state: BatchState;
  total: number;
  done: number;
  /** Host access asked only for this batch, given back when it ends ('all' for every site). */
  grantedForBatch?: string[] | 'all';
}

export interface BulkJob extends Schedulable {
  batch: string;
  kind: 'fill';
  /** The page to read. */
  url: string;
  /** The library record it fills, and what it may fill. */
  recordId: string;
  plan: FillPlan;
  attempts: number;
  /** The last failure, in the person's words. */
  reason?: string;
  state: JobState;
}

/** Where batches and jobs live: IndexedDB in the extension, memory in tests. Writes are whole objects. */
export interface JobStore {
  load(): Promise<{ batches: BulkBatch[]; jobs: BulkJob[] }>;
  putBatch(batch: BulkBatch): Promise<void>;
  putJobs(jobs: BulkJob[]): Promise<void>;
  /** Removes jobs (done, or their batch removed); the batch's counters keep the tally. */
  removeJobs(ids: string[]): Promise<void>;
  removeBatch(id: string): Promise<void>;
}

/** A JobStore in memory, for tests and as the model of the IndexedDB one. */
export class MemoryJobStore implements JobStore {
  readonly batches = new Map<string, BulkBatch>();
  readonly jobs = new Map<string, BulkJob>();

  async load(): Promise<{ batches: BulkBatch[]; jobs: BulkJob[] }> {
    return { batches: [...this.batches.values()].map((b) => structuredClone(b)), jobs: [...this.jobs.values()].map((j) => structuredClone(j)) };
  }

  async putBatch(batch: BulkBatch): Promise<void> {
    this.batches.set(batch.id, structuredClone(batch));
  }

  async putJobs(jobs: BulkJob[]): Promise<void> {
    for (const job of jobs) this.jobs.set(job.id, structuredClone(job));
  }

  async removeJobs(ids: string[]): Promise<void> {
    for (const id of ids) this.jobs.delete(id);
  }

  async removeBatch(id: string): Promise<void> {
    this.batches.delete(id);
    for (const [key, job] of this.jobs) if (job.batch === id) this.jobs.delete(key);
  }
}
