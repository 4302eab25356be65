// One bulk job's work: read the page like a related page (the same fetcher and engine), then fill the record's
// fields the source left to Lede, on the row as it is now (a person's edit meanwhile is theirs).
import type { RelatedEntry } from '../../record/types.js';
import { fetchRelated, type RelatedReader } from '../../related/fetch-related.js';
import type { FetchLike } from '../../related/fetch-page.js';
import { fillFromPage } from '../../transfer/bring/to-record.js';
import { failureMessage } from '../related.js';
import type { LibraryStore } from '../store/index.js';
import type { FillJob } from './jobs.js';
import type { JobOutcome } from './queue.js';

export interface FillDeps {
  fetch: FetchLike;
  reader: RelatedReader;
  hostAccess(url: string): Promise<boolean>;
  /** How redirects are followed: one hop at a time where webRequest shows them (background/related-redirects.ts). */
  redirects?: 'manual' | 'follow';
  store: Pick<LibraryStore, 'update'>;
  t: (key: string, ...substitutions: string[]) => string;
}

/** The page's own reading, as the fields a brought record may take from it. */
function pageFields(entry: RelatedEntry): Parameters<typeof fillFromPage>[2] {
  return {
    category: '', title: entry.title, excerpt: entry.excerpt, publishedDateTime: entry.publishedDateTime, originalUrl: entry.webUrl,
    webUrl: entry.webUrl, type: entry.type, quality: 0, heat: -1, published: false, provider: entry.provider, topics: [], related: [], body: '',
  };
}

export function fillWork(deps: FillDeps): (job: FillJob, signal: AbortSignal) => Promise<JobOutcome> {
  return async (job, signal) => {
    if (!(await deps.hostAccess(job.url))) {
      return { ok: false, status: null, final: true, reason: deps.t('relatedNoAccess', new URL(job.url).hostname) };
    }
    const result = await fetchRelated(job.url, {
      fetch: deps.fetch, reader: deps.reader, defaults: { quality: 0 }, hostAccess: (url) => deps.hostAccess(url),
      ...(deps.redirects ? { redirects: deps.redirects } : {}),
    });
    if (!result.ok) {
      const status = result.reason === 'http-status' ? Number.parseInt(result.detail, 10) || null : null;
      const retryable = result.reason === 'timeout' || result.reason === 'network' || result.reason === 'http-status' || result.reason === 'read-timeout';
      return { ok: false, status, final: !retryable, reason: failureMessage(deps.t, result.reason, result.detail), retryAfter: result.retryAfter ?? null };
    }
    if (signal.aborted) return { ok: false, status: null, final: true, reason: 'cancelled' };
    const page = pageFields(result.entry);
    const written = await deps.store.update(job.recordId, (current) => {
      const record = fillFromPage(current.record, job.plan, page);
      return JSON.stringify(record) === JSON.stringify(current.record) ? null : { record };
    }, 'bulk');
    // A record deleted meanwhile: nothing to fill, and nothing to try again.
    if (!written.ok && written.conflict.current === null) return { ok: true };
    return written.ok ? { ok: true } : { ok: false, status: null, final: true, reason: 'the record could not be filled' };
  };
}
