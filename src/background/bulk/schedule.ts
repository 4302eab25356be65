// How politely a bulk run fetches: how many at once, one per host, a gap per host, and how long a failure waits. Pure.

export interface Politeness {
  /** Fetches running at once, over all hosts. */
  concurrency: number;
  /** Fetches running at once on one host. */
  perHost: number;
  /** The least time between two requests to one host. */
  hostGapMs: number;
  /** Attempts before a job is failed for good (the person may still retry it). */
  maxAttempts: number;
  /** The first retry's wait; each later one doubles, up to backoffMaxMs. */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** A job's work that takes longer is given up (and tried again later): a page that never ends holds no slot. */
  jobTimeoutMs: number;
}

export const POLITENESS: Politeness = {
  concurrency: 4,
  perHost: 1,
  hostGapMs: 1_000,
  maxAttempts: 6,
  backoffBaseMs: 5_000,
  backoffMaxMs: 30 * 60_000,
  jobTimeoutMs: 60_000,
};

export type JobState = 'waiting' | 'running' | 'done' | 'failed' | 'cancelled';

/** What the scheduler needs of a job. */
export interface Schedulable {
  id: string;
  host: string;
  state: JobState;
  /** Epoch ms before which the job must not start (a retry's wait). */
  notBefore: number;
  /** Order of arrival: earlier jobs first. */
  seq: number;
}

/** How many jobs run, in all and per host. */
function runningOf(jobs: readonly Schedulable[]): { running: number; runningByHost: Map<string, number> } {
  const runningByHost = new Map<string, number>();
  let running = 0;
  for (const job of jobs) {
    if (job.state !== 'running') continue;
    running++;
    runningByHost.set(job.host, (runningByHost.get(job.host) ?? 0) + 1);
  }
  return { running, runningByHost };
}

/**
 * The waiting jobs to start now, in order: at most `concurrency` running in all, `perHost` on a host,
 * and none on a host asked less than `hostGapMs` ago. `lastStart` maps a host to its last request's time.
 */
export function jobsToStart<T extends Schedulable>(jobs: readonly T[], lastStart: ReadonlyMap<string, number>, now: number, policy: Politeness = POLITENESS): T[] {
  const { running, runningByHost } = runningOf(jobs);
  const picked: T[] = [];
  const pickedHosts = new Set<string>();
  const waiting = jobs.filter((job) => job.state === 'waiting' && job.notBefore <= now).sort((a, b) => a.seq - b.seq);
  for (const job of waiting) {
    if (running + picked.length >= policy.concurrency) break;
    if ((runningByHost.get(job.host) ?? 0) >= policy.perHost || pickedHosts.has(job.host)) continue;
    if (now - (lastStart.get(job.host) ?? -Infinity) < policy.hostGapMs) continue;
    picked.push(job);
    pickedHosts.add(job.host);
  }
  return picked;
}

/**
 * When the scheduler should look again: the soonest a waiting job may start, or null when none waits or none
 * could start before a running job ends (every slot taken, or its host at its limit): a job's end looks again.
 * Never "now" for a job that cannot start now, or the queue plans wake after wake that find nothing to do.
 */
export function nextWake(jobs: readonly Schedulable[], lastStart: ReadonlyMap<string, number>, now: number, policy: Politeness = POLITENESS): number | null {
  const { running, runningByHost } = runningOf(jobs);
  if (running >= policy.concurrency) return null;
  let soonest: number | null = null;
  for (const job of jobs) {
    if (job.state !== 'waiting' || (runningByHost.get(job.host) ?? 0) >= policy.perHost) continue;
    const at = Math.max(job.notBefore, (lastStart.get(job.host) ?? -Infinity) + policy.hostGapMs, now);
    soonest = soonest === null ? at : Math.min(soonest, at);
  }
  return soonest;
}

/** An answer worth trying again later: the site is busy or failing for now (429, 5xx but 501), or no answer at all. */
export function isRetryable(status: number | null): boolean {
  return status === null || status === 408 || status === 425 || status === 429 || (status >= 500 && status !== 501 && status < 600);
}

/** The seconds or HTTP date of a Retry-After header, as ms from `now`; null when absent or unreadable. */
export function retryAfterMs(header: string | null | undefined, now: number): number | null {
  if (!header) return null;
  const text = header.trim();
  if (/^\d{1,9}$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * How long attempt `attempts` (1 for the first failure) waits: the site's Retry-After when it gives one
 * (never less than the backoff, never more than the longest wait), else base × 2^(attempts−1).
 */
export function retryDelayMs(attempts: number, retryAfter: number | null, policy: Politeness = POLITENESS): number {
  const backoff = Math.min(policy.backoffMaxMs, policy.backoffBaseMs * 2 ** Math.max(0, Math.min(attempts - 1, 20)));
  return retryAfter === null ? backoff : Math.min(policy.backoffMaxMs, Math.max(backoff, retryAfter));
}
