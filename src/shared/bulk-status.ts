// What the bulk queue reports to the library page and the popup: each batch (an import brought in, or Save all tabs) and its jobs.

/** Access the person granted only for one batch (host patterns, and `tabs` for Save all tabs), given back when it ends. */
export interface Grant {
  origins: string[];
  permissions?: string[];
}

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
  /** Access asked only for this batch, given back when it ends. */
  grantedForBatch?: Grant;
}

export interface BatchStatus extends BulkBatch {
  waiting: number;
  running: number;
  failed: Array<{ id: string; url: string; reason: string; attempts: number }>;
  /** Done without a new record (tab batches keep these): already in the library, and the like. */
  skipped: Array<{ url: string; note: string }>;
}

/** The person's choices for every record of a batch: topics added, category and quality set. */
export interface BatchChoices {
  topics: string[];
  category?: string;
  quality?: number;
}

export type BatchAction = 'pause' | 'resume' | 'cancel' | 'dismiss';
export const BATCH_ACTIONS: readonly BatchAction[] = ['pause', 'resume', 'cancel', 'dismiss'];

declare const __TEST__: boolean | undefined;

/**
 * Access to every site, as Save all tabs asks for it (and gives it back after). The test build reads http
 * pages only (its fixtures are served over http, and the related tests need https refused), so there it
 * asks for what the build holds: the flow is the same, with no prompt a headless browser could not answer.
 */
export const EVERY_SITE: readonly string[] = typeof __TEST__ !== 'undefined' && __TEST__ ? ['http://*/*'] : ['http://*/*', 'https://*/*'];
