// The durable queue's runner: each due job once, failures retried later with a growing wait, nothing dropped.
import { classifyFailure, type FolderFailure } from './folder.js';
import type { QueueItem, SyncState } from './state.js';

const FIRST_WAIT_MS = 10_000;
const LONGEST_WAIT_MS = 30 * 60_000;

/** 10 s, 20 s, 40 s … up to 30 min after the attempt that failed. */
export function backoffMs(attempts: number): number {
  return Math.min(LONGEST_WAIT_MS, FIRST_WAIT_MS * 2 ** Math.min(attempts, 20));
}

export interface QueueOutcome {
  done: number;
  failed: number;
  /** Why the run stopped before the end: every later job would fail the same way. */
  stopped: FolderFailure | null;
  error: string | null;
}

function message(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** What runs a job: the folder engine, or the downloads target. */
export interface JobRunner {
  runJob(key: string): Promise<void>;
}

/** Runs the jobs that are due, oldest first. A lost permission or a vanished folder stops the run and costs no attempt. */
export async function runQueue(engine: JobRunner, state: SyncState, now: () => number = Date.now): Promise<QueueOutcome> {
  const due = (await state.queue()).filter((item) => item.notBefore <= now()).sort(byAge);
  const outcome: QueueOutcome = { done: 0, failed: 0, stopped: null, error: null };
  for (const item of due) {
    try {
      await engine.runJob(item.key);
      await state.dequeue(item);
      outcome.done++;
    } catch (error) {
      const failure = classifyFailure(error);
      outcome.error = message(error);
      if (failure === 'permission' || failure === 'gone') {
        outcome.stopped = failure;
        break;
      }
      outcome.failed++;
      await state.retryLater(item, now() + backoffMs(item.attempts), outcome.error);
      // A full disk fails every write after it too: wait, rather than try them all now.
      if (failure === 'quota') {
        outcome.stopped = failure;
        break;
      }
    }
  }
  return outcome;
}

function byAge(a: QueueItem, b: QueueItem): number {
  return a.notBefore - b.notBefore || a.seq - b.seq;
}
