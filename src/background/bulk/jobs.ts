// The durable bulk queue's data: batches (one import or one "save all tabs") and their jobs, and where they are kept.
import type { FillPlan } from '../../transfer/bring/to-record.js';
import type { BatchChoices, BulkBatch } from '../../shared/bulk-status.js';
import type { JobState, Schedulable } from './schedule.js';

export type { BatchChoices, BulkBatch };

interface JobBase extends Schedulable {
  batch: string;
  /** The page to read. */
  url: string;
  attempts: number;
  /** The last failure, in the person's words. */
  reason?: string;
  /** Done without a new record, and why (already in the library): listed for the person. */
  note?: string;
  state: JobState;
}

/** Fill a brought record from its page. */
export interface FillJob extends JobBase {
  kind: 'fill';
  /** The library record it fills, and what it may fill. */
  recordId: string;
  plan: FillPlan;
}

/** Save an open tab, read live through the same injected stages as a single save. */
export interface TabJob extends JobBase {
  kind: 'tab';
  tabId: number;
  /** The tab's title when the batch began, for the list. */
  title: string;
  choices: BatchChoices;
}

export type BulkJob = FillJob | TabJob;

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
