// The bulk queue: politeness (4 at once, 1 per host, a gap per host), backoff, resume after a stop, pause, cancel, retry.
import { describe, expect, it } from 'vitest';
import { MemoryJobStore, type BulkJob } from '../../../src/background/bulk/jobs.js';
import { BulkQueue, type JobOutcome } from '../../../src/background/bulk/queue.js';
import { jobsToStart, nextWake, retryAfterMs, retryDelayMs, POLITENESS } from '../../../src/background/bulk/schedule.js';

/** A clock the test moves, timers that fire when it passes them, and work the test answers. */
function harness(store = new MemoryJobStore()) {
  let now = 1_000_000;
  const timers: Array<{ at: number; fn: () => void }> = [];
  const calls: Array<{ job: BulkJob; at: number; answer: (o: JobOutcome) => void; signal: AbortSignal }> = [];
  const queue = new BulkQueue({
    store,
    now: () => now,
    later: (fn, ms) => timers.push({ at: now + ms, fn }),
    work: (job, signal) => new Promise<JobOutcome>((answer) => calls.push({ job, at: now, answer, signal })),
  });
  const settle = () => new Promise((r) => setTimeout(r, 0));
  let fired = 0;
  const advance = async (ms: number) => {
    // Answers given just before go through first (the queue awaits its store between steps).
    await settle();
    const until = now + ms;
    for (;;) {
      timers.sort((a, b) => a.at - b.at);
      const next = timers[0];
      if (!next || next.at > until) break;
      timers.shift();
      fired++;
      if (fired > 10_000) throw new Error('the queue keeps planning wakes that find nothing to start');
      now = Math.max(now, next.at);
      next.fn();
      await settle();
    }
    now = until;
    await settle();
  };
  return { queue, store, calls, advance, settle, time: () => now, wakes: () => timers.map((t) => t.at), fired: () => fired };
}

const jobsFor = (urls: string[]) => urls.map((url, i) => ({
  id: `job-${i}`, kind: 'fill' as const, url, host: new URL(url).host, recordId: url, plan: { fillable: [], brought: {} },
}));
const batch = { id: 'b1', kind: 'bring' as const, label: 'bookmarks.html', createdAt: '2026-01-01T00:00:00Z' };

describe('schedule', () => {
  it('starts at most 4 at once and 1 per host, oldest first, and waits out a host\'s gap', () => {
    const job = (id: string, host: string, seq: number, state: BulkJob['state'] = 'waiting') => ({ id, host, seq, state, notBefore: 0 });
    const jobs = [job('a1', 'a', 0), job('a2', 'a', 1), job('b1', 'b', 2), job('c1', 'c', 3), job('d1', 'd', 4), job('e1', 'e', 5), job('f1', 'f', 6, 'running')];
    expect(jobsToStart(jobs, new Map(), 10_000).map((j) => j.id)).toEqual(['a1', 'b1', 'c1']);
    expect(jobsToStart(jobs, new Map([['a', 9_500]]), 10_000).map((j) => j.id)).toEqual(['b1', 'c1', 'd1']);
  });

  // A wake at "now" while every slot is taken found nothing to start and planned another at once: a timer loop that,
  // each turn setting the worker's alarm, flooded the browser until fetches and the offscreen document stalled.
  it('plans no wake while every slot is taken or a waiting job\'s host is busy: a job\'s end looks again', () => {
    const job = (id: string, host: string, seq: number, state: BulkJob['state'] = 'waiting', notBefore = 0) => ({ id, host, seq, state, notBefore });
    const full = [job('r1', 'a', 0, 'running'), job('r2', 'b', 1, 'running'), job('r3', 'c', 2, 'running'), job('r4', 'd', 3, 'running'), job('w1', 'e', 4)];
    expect(nextWake(full, new Map(), 10_000)).toBeNull();
    const hostBusy = [job('r1', 'a', 0, 'running'), job('w1', 'a', 1)];
    expect(nextWake(hostBusy, new Map([['a', 0]]), 10_000)).toBeNull();
    // A free slot: the soonest a waiting job may go (its host's gap, its retry wait).
    expect(nextWake([job('w1', 'a', 0), job('w2', 'b', 1, 'waiting', 12_000)], new Map([['a', 9_500]]), 10_000)).toBe(10_500);
    expect(nextWake([job('w2', 'b', 1, 'waiting', 12_000)], new Map(), 10_000)).toBe(12_000);
    expect(nextWake([job('d1', 'a', 0, 'done')], new Map(), 10_000)).toBeNull();
  });

  it('waits what the site asks (Retry-After), at least the backoff, at most half an hour', () => {
    expect(retryAfterMs('120', 0)).toBe(120_000);
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:27:00 GMT'))).toBe(60_000);
    expect(retryAfterMs('soon', 0)).toBeNull();
    expect(retryDelayMs(1, null)).toBe(POLITENESS.backoffBaseMs);
    expect(retryDelayMs(3, null)).toBe(POLITENESS.backoffBaseMs * 4);
    expect(retryDelayMs(1, 120_000)).toBe(120_000);
    expect(retryDelayMs(1, 10 * 3600_000)).toBe(POLITENESS.backoffMaxMs);
    expect(retryDelayMs(30, null)).toBe(POLITENESS.backoffMaxMs);
  });
});

describe('BulkQueue', () => {
  it('sets no timer while four reads run and more wait: nothing could start before one ends', async () => {
    const h = harness();
    await h.queue.add(batch, jobsFor(Array.from({ length: 12 }, (_, i) => `https://host${i}.example.com/p`)));
    await h.settle();
    expect(h.calls).toHaveLength(4);
    // One look is planned, after the reads' deadline: the alarm that wakes a worker stopped meanwhile.
    expect(h.wakes()).toEqual([h.time() + POLITENESS.jobTimeoutMs]);
    await h.advance(5_000);
    expect(h.calls).toHaveLength(4);
    expect(h.fired()).toBe(0);
  });

  // Two actors: reads finishing while the next slice of a large import is being kept. A copy of the batch made
  // before the slice's writes replaced the one those reads counted on: 998 of 1,000 done, the batch finished.
  it('counts every job done when reads end while a later slice of the same batch is being kept', async () => {
    const store = new MemoryJobStore();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => { release = r; });
    const putJobs = store.putJobs.bind(store);
    store.putJobs = async (jobs) => {
      if (jobs.length > 1 && jobs[0]!.id.startsWith('second-')) await gate;
      return putJobs(jobs);
    };
    const h = harness(store);
    await h.queue.add(batch, jobsFor(['https://a.example/1', 'https://b.example/2']));
    await h.settle();
    expect(h.calls).toHaveLength(2);
    // The second slice waits in its store write; meanwhile the first slice's reads end.
    const second = h.queue.add(batch, jobsFor(['https://c.example/3', 'https://d.example/4']).map((j) => ({ ...j, id: `second-${j.id}` })));
    await h.settle();
    for (const call of h.calls.splice(0)) call.answer({ ok: true });
    await h.settle();
    release();
    await second;
    await h.advance(2_000);
    for (const call of h.calls.splice(0)) call.answer({ ok: true });
    await h.advance(2_000);
    const [status] = await h.queue.status();
    expect(status).toMatchObject({ state: 'finished', total: 4, done: 4, waiting: 0, running: 0 });
  });

  it('runs every job politely: never more than 4 at once or 2 on a host, a second apart per host', async () => {
    const h = harness();
    const urls = Array.from({ length: 12 }, (_, i) => `https://host${i % 3}.example.com/p${i}`);
    await h.queue.add(batch, jobsFor(urls));
    const seen: Array<{ host: string; at: number }> = [];
    let answered = 0;
    for (let round = 0; round < 100 && answered < 12; round++) {
      const open = h.calls.splice(0);
      const running = new Map<string, number>();
      for (const call of open) running.set(call.job.host, (running.get(call.job.host) ?? 0) + 1);
      expect(open.length).toBeLessThanOrEqual(4);
      for (const count of running.values()) expect(count).toBe(1);
      for (const call of open) {
        seen.push({ host: call.job.host, at: call.at });
        call.answer({ ok: true });
        answered++;
      }
      await h.advance(250);
    }
    expect(answered).toBe(12);
    for (const host of new Set(seen.map((s) => s.host))) {
      const times = seen.filter((s) => s.host === host).map((s) => s.at);
      for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(POLITENESS.hostGapMs);
    }
    const [status] = await h.queue.status();
    expect(status).toMatchObject({ state: 'finished', total: 12, done: 12, waiting: 0, failed: [] });
    expect(h.store.jobs.size).toBe(0);
  });

  it('retries a 429 after the time the site asks, and fails a 404 at once with its reason', async () => {
    const h = harness();
    await h.queue.add(batch, jobsFor(['https://busy.example.com/a', 'https://gone.example.com/b']));
    const [busy, gone] = h.calls.splice(0);
    busy!.answer({ ok: false, reason: 'the site asked Lede to slow down (429)', status: 429, retryAfter: '60' });
    gone!.answer({ ok: false, reason: 'the page is not there (404)', status: 404 });
    await h.settle();
    let [status] = await h.queue.status();
    expect(status!.failed).toEqual([{ id: 'job-1', url: 'https://gone.example.com/b', reason: 'the page is not there (404)', attempts: 1 }]);
    expect(status!.waiting).toBe(1);
    await h.advance(59_000);
    expect(h.calls).toHaveLength(0);
    await h.advance(1_000);
    expect(h.calls.map((c) => c.job.url)).toEqual(['https://busy.example.com/a']);
    h.calls[0]!.answer({ ok: true });
    await h.settle();
    [status] = await h.queue.status();
    expect(status).toMatchObject({ done: 1, state: 'finished' });
    await h.queue.retry('job-1');
    expect(h.calls.map((c) => c.job.url)).toEqual(['https://busy.example.com/a', 'https://gone.example.com/b']);
  });

  it('gives up on a site that answers 429 for an hour, after its attempts, and says why', async () => {
    const h = harness();
    await h.queue.add(batch, jobsFor(['https://busy.example.com/a']));
    for (let hour = 0; hour < 30 && h.calls.length; hour++) {
      h.calls.shift()!.answer({ ok: false, reason: 'the site asked Lede to slow down (429)', status: 429, retryAfter: '3600' });
      await h.advance(3_600_000);
    }
    const [status] = await h.queue.status();
    expect(status!.failed).toEqual([{ id: 'job-0', url: 'https://busy.example.com/a', reason: 'the site asked Lede to slow down (429)', attempts: POLITENESS.maxAttempts }]);
  });

  it('gives up a page that never ends at its deadline (its read stopped), frees the slot, and tries it again later', async () => {
    const store = new MemoryJobStore();
    const signals: AbortSignal[] = [];
    const now = 1_000_000;
    const later: Array<() => void> = [];
    const queue = new BulkQueue({
      store, now: () => now, later: (fn) => later.push(fn),
      policy: { ...POLITENESS, jobTimeoutMs: 30 },
      work: (job, signal) => {
        signals.push(signal);
        // The first page never ends; the second answers at once.
        return job.url.includes('endless') ? new Promise<JobOutcome>(() => undefined) : Promise.resolve({ ok: true });
      },
    });
    await queue.add(batch, jobsFor(['https://endless.example/p', 'https://fine.example/p']));
    await new Promise((r) => setTimeout(r, 200));
    const [status] = await queue.status();
    expect(status).toMatchObject({ done: 1, running: 0, waiting: 1 });
    expect(signals[0]!.aborted).toBe(true);
    const kept = [...store.jobs.values()].find((j) => j.url.includes('endless'))!;
    expect(kept).toMatchObject({ state: 'waiting', attempts: 1, reason: 'no answer within 0 s' });
    expect(kept.notBefore).toBe(now + POLITENESS.backoffBaseMs);
  });

  it('resumes after the worker stopped mid-run: the running job runs again, nothing lost or repeated', async () => {
    const store = new MemoryJobStore();
    const first = harness(store);
    await first.queue.add(batch, jobsFor(['https://a.example.com/1', 'https://b.example.com/2', 'https://a.example.com/3']));
    first.calls.find((c) => c.job.url.endsWith('/2'))!.answer({ ok: true });
    await first.settle();
    // The worker stops: its queue and its pending answer are gone; what the store holds is all there is.
    const second = harness(store);
    await second.queue.start();
    expect(second.calls.map((c) => c.job.url)).toEqual(['https://a.example.com/1']);
    second.calls.shift()!.answer({ ok: true });
    await second.advance(1_000);
    expect(second.calls.map((c) => c.job.url)).toEqual(['https://a.example.com/3']);
    second.calls.shift()!.answer({ ok: true });
    await second.settle();
    const [status] = await second.queue.status();
    expect(status).toMatchObject({ done: 3, total: 3, state: 'finished' });
  });

  it('pauses (nothing new starts), resumes, and cancels (running reads stopped, nothing more fetched)', async () => {
    const h = harness();
    await h.queue.add(batch, jobsFor(['https://a.example.com/1', 'https://a.example.com/2', 'https://a.example.com/3']));
    await h.queue.pause('b1');
    h.calls.shift()!.answer({ ok: true });
    await h.advance(5_000);
    expect(h.calls).toHaveLength(0);
    await h.queue.resume('b1');
    expect(h.calls.map((c) => c.job.url)).toEqual(['https://a.example.com/2']);
    const running = h.calls[0]!;
    await h.queue.cancel('b1');
    expect(running.signal.aborted).toBe(true);
    running.answer({ ok: false, reason: 'stopped', status: null });
    await h.advance(60_000);
    expect(h.calls).toHaveLength(1);
    const [status] = await h.queue.status();
    expect(status).toMatchObject({ state: 'cancelled', done: 1, waiting: 0 });
  });
});
