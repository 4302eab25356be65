// Many pages at once: a library brought from elsewhere (records at once, filled from their pages later) and
// Save all tabs, both through one durable queue; the handlers of the bulk/* messages.
import { errorsOf, validateRecord } from '../../record/index.js';
import { formatProblem } from '../../record/problems.js';
import type { BatchStatus, Grant } from '../../shared/bulk-status.js';
import type { Request, Response } from '../../shared/messages.js';
import { recordFromBrought } from '../../transfer/bring/to-record.js';
import { recordDefaultsOf } from '../../shared/record-defaults.js';
import { registrableDomain } from '../from-extraction.js';
import { blockedPage, looksLikePdf } from '../restricted.js';
import type { SettingsStore } from '../settings-store.js';
import { libraryKey, StoreError, type ImportItem, type LibraryStore } from '../store/index.js';
import { fillWork, type FillDeps } from './fill.js';
import type { BulkBatch, FillJob, JobStore, TabJob } from './jobs.js';
import { BulkQueue, type NewJob } from './queue.js';
import { tabWork, type TabDeps } from './tabs.js';

export interface BulkDeps {
  store: LibraryStore;
  settings: Pick<SettingsStore, 'get'>;
  jobs: JobStore;
  t: (key: string, ...substitutions: string[]) => string;
  fill: Omit<FillDeps, 'store' | 't'>;
  tabs: Omit<TabDeps, 'store' | 'settings' | 't'> & {
    /** Every tab of the window `tabId` is in, with the addresses the browser shows. */
    windowTabs(tabId: number): Promise<Array<{ id: number; title: string; url: string }>>;
    /** Resolves true once access to every site is granted (asked by the popup in the same click), false after a while. */
    waitForAccess(): Promise<boolean>;
  };
  /** Records were added: folder sync and the badge hear of them. */
  added(ids: string[]): Promise<void>;
  /** Host access asked only for a batch, given back when it ends. */
  giveBack(grant: Grant): Promise<void>;
  /** The queue will look again in `ms`: a stopped worker must wake for it (an alarm). */
  wake(ms: number): void;
  now?: () => number;
  later?: (fn: () => void, ms: number) => void;
}

type Handler<K extends keyof BulkHandlers> = BulkHandlers[K];
export interface BulkHandlers {
  'bulk/bring': (payload: Request<'bulk/bring'>) => Promise<Response<'bulk/bring'>>;
  'bulk/tabs': (payload: Request<'bulk/tabs'>) => Promise<Response<'bulk/tabs'>>;
  'bulk/status': (payload: Request<'bulk/status'>) => Promise<BatchStatus[]>;
  'bulk/control': (payload: Request<'bulk/control'>) => Promise<BatchStatus[]>;
  'bulk/retry': (payload: Request<'bulk/retry'>) => Promise<BatchStatus[]>;
}

export class BulkService {
  readonly queue: BulkQueue;
  private readonly fill: ReturnType<typeof fillWork>;
  private readonly tab: ReturnType<typeof tabWork>;

  constructor(private readonly deps: BulkDeps) {
    const { store, t, settings } = deps;
    this.fill = fillWork({ ...deps.fill, store, t });
    this.tab = tabWork({ ...deps.tabs, store, settings, t });
    const later = deps.later ?? ((fn: () => void, ms: number) => void setTimeout(fn, ms));
    this.queue = new BulkQueue({
      store: deps.jobs,
      now: deps.now,
      later: (fn, ms) => {
        deps.wake(ms);
        later(fn, ms);
      },
      work: (job, signal) => (job.kind === 'fill' ? this.fill(job, signal) : this.tab(job, signal)),
      ended: (batch) => {
        if (batch.grantedForBatch) void deps.giveBack(batch.grantedForBatch).catch(() => undefined);
      },
    });
  }

  /** Resumes what a stopped worker left (called at start and on the queue's alarm). */
  wakeUp(): void {
    void this.queue.start().then(() => this.queue.pump());
  }

  private batchOf(batch: { id: string; label: string; grantedForBatch?: Grant }, kind: BulkBatch['kind']): Omit<BulkBatch, 'state' | 'total' | 'done'> {
    const out: Omit<BulkBatch, 'state' | 'total' | 'done'> = { id: batch.id, kind, label: batch.label, createdAt: new Date(this.deps.now?.() ?? Date.now()).toISOString() };
    if (batch.grantedForBatch) out.grantedForBatch = batch.grantedForBatch;
    return out;
  }

  handlers(): BulkHandlers {
    const bring: Handler<'bulk/bring'> = async ({ batch, entries, choices, fill }) => {
      const settings = await this.deps.settings.get();
      const defaults = { ...recordDefaultsOf(settings, registrableDomain), topics: choices.topics };
      if (choices.category) defaults.category = choices.category;
      if (choices.quality !== undefined) defaults.quality = choices.quality;
      const rejected: Array<{ where: string; reason: string }> = [];
      const items: ImportItem[] = [];
      const made: Array<{ entry: (typeof entries)[number]; brought: ReturnType<typeof recordFromBrought> }> = [];
      for (const entry of entries) {
        const brought = recordFromBrought(entry, defaults);
        const id = libraryKey(brought.record);
        const problems = errorsOf(validateRecord(brought.record, entry.where));
        if (!id || problems.length) {
          rejected.push({ where: entry.where, reason: problems.map(formatProblem)[0] ?? 'no web address' });
          continue;
        }
        items.push({ id, incoming: { record: brought.record }, meta: { savedAt: entry.savedAt, fileNameTemplate: settings.fileNameTemplate } });
        made.push({ entry, brought });
      }
      const outcomes = items.length ? await this.deps.store.importRecords(items) : [];
      const inLibrary: Array<{ where: string; url: string }> = [];
      const jobs: NewJob[] = [];
      const added: string[] = [];
      outcomes.forEach((outcome, i) => {
        const { entry, brought } = made[i]!;
        if (outcome instanceof StoreError) rejected.push({ where: entry.where, reason: `could not be stored: ${outcome.message}` });
        else if (outcome.action !== 'imported') inLibrary.push({ where: entry.where, url: entry.url });
        else {
          added.push(items[i]!.id);
          const job: Omit<FillJob, 'seq' | 'state' | 'attempts' | 'notBefore' | 'batch'> = {
            id: `${batch.id}:${items[i]!.id}`, kind: 'fill', url: entry.url, host: new URL(entry.url).host, recordId: items[i]!.id,
            plan: { fillable: brought.fillable, brought: brought.brought },
          };
          jobs.push(job);
        }
      });
      if (added.length) await this.deps.added(added);
      if (fill && jobs.length) await this.queue.add(this.batchOf(batch, 'bring'), jobs);
      return { brought: added.length, inLibrary, rejected };
    };

    const tabs: Handler<'bulk/tabs'> = async ({ tabId, tabIds, choices, grantedForBatch, waitForAccess }) => {
      if (waitForAccess && !(await this.deps.tabs.waitForAccess())) throw new Error(this.deps.t('tabsNoAccess'));
      const all = await this.deps.tabs.windowTabs(tabId);
      const chosen = tabIds ? all.filter((tab) => tabIds.includes(tab.id)) : all;
      const notRead: Array<{ url: string; title: string; reason: string }> = [];
      const jobs: NewJob[] = [];
      const id = `tabs-${this.deps.now?.() ?? Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
      for (const tab of chosen) {
        // A PDF's address usually says so; one that does not is found when read (its reason listed then).
        const blocked = blockedPage(tab.url) ?? (looksLikePdf(tab.url) ? { kind: 'pdf' as const } : null);
        if (blocked) {
          notRead.push({ url: tab.url, title: tab.title, reason: this.deps.t(this.deps.tabs.blockedMessage[blocked.kind] ?? 'readNotWeb') });
          continue;
        }
        const job: Omit<TabJob, 'seq' | 'state' | 'attempts' | 'notBefore' | 'batch'> = {
          id: `${id}:${tab.id}`, kind: 'tab', url: tab.url, host: `tab:${tab.id}`, tabId: tab.id, title: tab.title, choices,
        };
        jobs.push(job);
      }
      if (jobs.length) await this.queue.add(this.batchOf({ id, label: this.deps.t('bulkTabsLabel', String(jobs.length)), grantedForBatch }, 'tabs'), jobs);
      return { batch: id, queued: jobs.length, notRead };
    };

    return {
      'bulk/bring': bring,
      'bulk/tabs': tabs,
      'bulk/status': () => this.queue.status(),
      'bulk/control': async ({ batch, action }) => {
        if (action === 'pause') await this.queue.pause(batch);
        else if (action === 'resume') await this.queue.resume(batch);
        else if (action === 'cancel') await this.queue.cancel(batch);
        else await this.queue.dismiss(batch);
        return this.queue.status();
      },
      'bulk/retry': async ({ job }) => {
        await this.queue.retry(job);
        return this.queue.status();
      },
    };
  }
}
