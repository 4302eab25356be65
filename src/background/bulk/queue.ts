// The durable bulk queue: every job kept until it is done or the person drops it; politely run (schedule.ts);
// a stopped worker or a restarted browser resumes where it was; pause, resume, cancel and retry.
import type { BatchStatus } from '../../shared/bulk-status.js';
import type { BulkBatch, BulkJob, JobStore } from './jobs.js';
import { isRetryable, jobsToStart, type JobState, nextWake, POLITENESS, retryAfterMs, retryDelayMs, type Politeness } from './schedule.js';

/** What one job's work answered. */
export type JobOutcome =
  /** `note`: done without a new record, and why (listed for the person). */
  | { ok: true; note?: string }
  /** `status`: the HTTP status when there was one (null: no answer); `retryAfter`: the header as given. */
  | { ok: false; reason: string; status: number | null; retryAfter?: string | null; final?: boolean };

/** A job as a caller gives it; the queue sets its place, state and attempts. */
export type NewJob = DistributiveOmit<BulkJob, 'seq' | 'state' | 'attempts' | 'notBefore' | 'batch'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export interface QueueDeps {
  store: JobStore;
  work(job: BulkJob, signal: AbortSignal): Promise<JobOutcome>;
  now?: () => number;
  /** Runs `fn` after `ms`; the extension also sets an alarm so a stopped worker wakes for it. */
  later?: (fn: () => void, ms: number) => void;
  policy?: Politeness;
  /** Told after every change of state (progress view, badge). */
  changed?: () => void;
  /** A batch ended (all done, failed or cancelled): give back host access asked for it. */
  ended?: (batch: BulkBatch) => void;
}

export class BulkQueue {
  private batches = new Map<string, BulkBatch>();
  private jobs = new Map<string, BulkJob>();
  private readonly lastStart = new Map<string, number>();
  private readonly controllers = new Map<string, AbortController>();
  private loaded: Promise<void> | null = null;
  private seq = 0;
  private wakeAt: number | null = null;
  private readonly now: () => number;
  private readonly later: (fn: () => void, ms: number) => void;
  private readonly policy: Politeness;

  constructor(private readonly deps: QueueDeps) {
    this.now = deps.now ?? Date.now;
    this.later = deps.later ?? ((fn, ms) => void setTimeout(fn, ms));
    this.policy = deps.policy ?? POLITENESS;
  }

  /** Loads what was kept; a job that was running when the worker stopped waits again (no attempt spent). */
  start(): Promise<void> {
    this.loaded ??= (async () => {
      const { batches, jobs } = await this.deps.store.load();
      for (const batch of batches) this.batches.set(batch.id, batch);
      const interrupted: BulkJob[] = [];
      for (const job of jobs) {
        if (job.state === 'running') {
          job.state = 'waiting';
          interrupted.push(job);
        }
        this.jobs.set(job.id, job);
        this.seq = Math.max(this.seq, job.seq + 1);
      }
      if (interrupted.length) await this.deps.store.putJobs(interrupted);
      this.pump();
    })();
    return this.loaded;
  }

  /** Adds jobs to a batch, made at its first call (a large import arrives in slices, each kept before anything runs). */
  async add(batch: Omit<BulkBatch, 'state' | 'total' | 'done'>, jobs: NewJob[]): Promise<BulkBatch> {
    await this.start();
    const known = this.batches.get(batch.id);
    const state = known && known.state !== 'finished' ? known.state : 'running';
    const kept: BulkBatch = known ? { ...known, state, total: known.total + jobs.length } : { ...batch, state, total: jobs.length, done: 0 };
    const made = jobs.map((job) => ({ ...job, batch: kept.id, seq: this.seq++, state: 'waiting', attempts: 0, notBefore: 0 }) as BulkJob);
    await this.deps.store.putBatch(kept);
    await this.deps.store.putJobs(made);
    // A batch already running is changed in place: reads that ended during the writes above counted on it.
    const live = this.batches.get(kept.id) ?? kept;
    if (live !== kept) Object.assign(live, { state: live.state === 'finished' ? 'running' : live.state, total: live.total + jobs.length });
    this.batches.set(live.id, live);
    for (const job of made) this.jobs.set(job.id, job);
    this.pump();
    this.deps.changed?.();
    return live;
  }

  async pause(batchId: string): Promise<void> {
    await this.setBatch(batchId, 'paused');
  }

  async resume(batchId: string): Promise<void> {
    await this.setBatch(batchId, 'running');
    this.pump();
  }

  /** Cancels a batch: running reads are stopped, nothing more is fetched, what was filled stays. */
  async cancel(batchId: string): Promise<void> {
    const batch = this.batches.get(batchId);
    if (!batch) return;
    const dropped = [...this.jobs.values()].filter((job) => job.batch === batchId && job.state !== 'failed');
    for (const job of dropped) {
      this.controllers.get(job.id)?.abort();
      job.state = 'cancelled';
    }
    await this.deps.store.putJobs(dropped);
    await this.setBatch(batchId, 'cancelled');
    this.finishIfEnded(batch);
  }

  /** Tries a failed job again, now. */
  async retry(jobId: string): Promise<void> {
    const job = this.jobs.get(jobId);
    if (!job || job.state !== 'failed') return;
    Object.assign(job, { state: 'waiting', attempts: 0, notBefore: 0, reason: undefined });
    await this.deps.store.putJobs([job]);
    const batch = this.batches.get(job.batch);
    if (batch && batch.state !== 'running') await this.setBatch(batch.id, 'running');
    this.pump();
  }

  /** Forgets an ended batch and its failed jobs. */
  async dismiss(batchId: string): Promise<void> {
    const batch = this.batches.get(batchId);
    if (!batch || batch.state === 'running' || batch.state === 'paused') return;
    await this.deps.store.removeBatch(batchId);
    this.batches.delete(batchId);
    for (const [id, job] of this.jobs) if (job.batch === batchId) this.jobs.delete(id);
    this.deps.changed?.();
  }

  async status(): Promise<BatchStatus[]> {
    await this.start();
    return [...this.batches.values()].map((batch) => {
      const jobs = [...this.jobs.values()].filter((job) => job.batch === batch.id);
      return {
        ...batch,
        waiting: jobs.filter((j) => j.state === 'waiting').length,
        running: jobs.filter((j) => j.state === 'running').length,
        failed: jobs.filter((j) => j.state === 'failed').map((j) => ({ id: j.id, url: j.url, reason: j.reason ?? '', attempts: j.attempts })),
        skipped: jobs.filter((j) => j.state === 'done' && j.note).map((j) => ({ url: j.url, note: j.note! })),
      };
    });
  }

  /** Starts what may start now, and plans the next look. */
  pump(): void {
    if (!this.loaded) return;
    const now = this.now();
    const runnable = [...this.jobs.values()].filter((job) => this.batches.get(job.batch)?.state === 'running' || job.state === 'running');
    for (const job of jobsToStart(runnable, this.lastStart, now, this.policy)) void this.run(job);
    // While reads run, a look after their deadline too: a worker stopped meanwhile is woken for it (the alarm).
    const running = runnable.some((job) => job.state === 'running');
    const wake = nextWake(runnable, this.lastStart, this.now(), this.policy) ?? (running ? this.now() + this.policy.jobTimeoutMs : null);
    if (wake !== null && (this.wakeAt === null || wake < this.wakeAt || this.wakeAt <= now)) {
      this.wakeAt = wake;
      this.later(() => {
        this.wakeAt = null;
        this.pump();
      }, Math.max(0, wake - this.now()));
    }
  }

  private async run(job: BulkJob): Promise<void> {
    job.state = 'running';
    this.lastStart.set(job.host, this.now());
    const controller = new AbortController();
    this.controllers.set(job.id, controller);
    const outcome = await this.attempt(job, controller);
    this.controllers.delete(job.id);
    const batch = this.batches.get(job.batch);
    // Cancelled while it ran (cancel() sets it): its read is dropped, the batch already counted it out.
    if ((job.state as JobState) === 'cancelled' || !batch) return;
    job.attempts++;
    try {
      await this.settle(job, batch, outcome);
    } catch (error) {
      // What the store could not keep is redone from what it holds, after a wait: never a job stuck running.
      console.error('Lede: bulk queue', error);
      if ((job.state as JobState) === 'running') Object.assign(job, { state: 'waiting', notBefore: this.now() + retryDelayMs(job.attempts, null, this.policy) });
    }
    this.finishIfEnded(batch);
    this.deps.changed?.();
    this.pump();
  }

  /** The job's work within its deadline; a failure to keep its state, or a throw, is an answer worth retrying. */
  private async attempt(job: BulkJob, controller: AbortController): Promise<JobOutcome> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const overdue = new Promise<JobOutcome>((resolve) => {
      timer = setTimeout(() => {
        controller.abort();
        resolve({ ok: false, reason: `no answer within ${Math.round(this.policy.jobTimeoutMs / 1000)} s`, status: null });
      }, this.policy.jobTimeoutMs);
    });
    try {
      const work = (async () => {
        await this.deps.store.putJobs([job]);
        return this.deps.work(job, controller.signal);
      })();
      return await Promise.race([work, overdue]);
    } catch (error) {
      return { ok: false, reason: error instanceof Error ? error.message : String(error), status: null };
    } finally {
      clearTimeout(timer);
    }
  }

  private async settle(job: BulkJob, batch: BulkBatch, outcome: JobOutcome): Promise<void> {
    if (outcome.ok) {
      job.state = 'done';
      batch.done++;
      // A skipped tab is listed for the person; a filled record needs no row (an import may bring 100,000).
      if (outcome.note) {
        job.note = outcome.note;
        await this.deps.store.putJobs([job]);
      } else {
        this.jobs.delete(job.id);
        await this.deps.store.removeJobs([job.id]);
      }
      await this.deps.store.putBatch(batch);
    } else if (!outcome.final && isRetryable(outcome.status) && job.attempts < this.policy.maxAttempts) {
      job.state = 'waiting';
      job.reason = outcome.reason;
      job.notBefore = this.now() + retryDelayMs(job.attempts, retryAfterMs(outcome.retryAfter, this.now()), this.policy);
      await this.deps.store.putJobs([job]);
    } else {
      job.state = 'failed';
      job.reason = outcome.reason;
      await this.deps.store.putJobs([job]);
    }
  }

  private finishIfEnded(batch: BulkBatch): void {
    const open = [...this.jobs.values()].some((job) => job.batch === batch.id && (job.state === 'waiting' || job.state === 'running'));
    if (open) return;
    if (batch.state === 'running') {
      batch.state = 'finished';
      void this.deps.store.putBatch(batch);
    }
    this.deps.ended?.(batch);
  }

  private async setBatch(batchId: string, state: BulkBatch['state']): Promise<void> {
    const batch = this.batches.get(batchId);
    if (!batch || batch.state === 'cancelled' || batch.state === 'finished' && state !== 'running') return;
    batch.state = state;
    await this.deps.store.putBatch(batch);
    this.deps.changed?.();
  }
}
