// Save all tabs: each tab one job of the bulk queue, read live through the same injected stages as a single save,
// saved with the batch's choices only when no record is under its address (a tab already saved is listed, not touched).
import { errorsOf, validateRecord } from '../../record/index.js';
import { libraryKey } from '../store/index.js';
import { recordForPage, settledExtraction } from '../from-extraction.js';
import { READ_TIMEOUT_MS, readTab, type ScriptingApi } from '../inject.js';
import { blockedPage } from '../restricted.js';
import type { SettingsStore } from '../settings-store.js';
import type { LibraryStore } from '../store/index.js';
import type { BatchChoices, TabJob } from './jobs.js';
import type { JobOutcome } from './queue.js';

export interface TabDeps {
  scripting: ScriptingApi;
  /** The tab's address now; null when the tab is gone. */
  tabUrl(tabId: number): Promise<string | null>;
  store: Pick<LibraryStore, 'apply' | 'find'>;
  settings: Pick<SettingsStore, 'get'>;
  t: (key: string, ...substitutions: string[]) => string;
  /** Folder sync and the badge hear of each record saved. */
  saved?(id: string, tabId: number): Promise<void>;
  /** The message key of a page Lede cannot read (handlers' BLOCKED_MESSAGE), by kind. */
  blockedMessage: Record<string, string>;
}

function withChoices<T extends { topics: string[]; category: string; quality: number }>(record: T, choices: BatchChoices): T {
  const topics = [...record.topics];
  for (const topic of choices.topics) if (!topics.some((t) => t.toLowerCase() === topic.toLowerCase())) topics.push(topic);
  return { ...record, topics, ...(choices.category ? { category: choices.category } : {}), ...(choices.quality !== undefined ? { quality: choices.quality } : {}) };
}

export function tabWork(deps: TabDeps): (job: TabJob, signal: AbortSignal) => Promise<JobOutcome> {
  const { t } = deps;
  const fail = (reason: string): JobOutcome => ({ ok: false, reason, status: null, final: true });
  return async (job, signal) => {
    const address = await deps.tabUrl(job.tabId);
    if (address === null) return fail(t('bulkTabClosed'));
    if (address && address !== job.url) return fail(t('bulkTabMoved'));
    const blocked = blockedPage(job.url);
    if (blocked) return fail(t(deps.blockedMessage[blocked.kind] ?? 'readNotWeb'));
    if (await deps.store.find([job.url])) return { ok: true, note: t('bulkAlreadySaved') };
    const outcome = await readTab(deps.scripting, job.tabId, job.url, READ_TIMEOUT_MS);
    if (!outcome.ok) return fail(t(outcome.key, ...(outcome.detail ? [outcome.detail] : [])));
    if (signal.aborted) return fail('cancelled');
    const extraction = settledExtraction(outcome.extraction);
    if (await deps.store.find([extraction.originalUrl, extraction.webUrl])) return { ok: true, note: t('bulkAlreadySaved') };
    const settings = await deps.settings.get();
    const record = withChoices(recordForPage(extraction, settings), job.choices);
    const id = libraryKey(record);
    if (!id || errorsOf(validateRecord(record)).length) return fail(t('bulkNotSaved'));
    const written = await deps.store.apply(id, null, () => ({ record, sources: extraction.sources, fileNameTemplate: settings.fileNameTemplate }), 'bulk');
    // Saved meanwhile (the person, another tab of the same article): theirs stays.
    if (!written.ok) return { ok: true, note: t('bulkAlreadySaved') };
    await deps.saved?.(id, job.tabId);
    return { ok: true };
  };
}
