// Folder sync in the background: when it runs, one run at a time, and the status the pages show.
import type { StoredRecord } from '../../shared/messages.js';
import { SYNC_OFF, type SyncChoice, type SyncMode, type SyncStatus } from '../../shared/sync-status.js';
import { recordJob, SyncEngine, type SyncLibrary } from './engine.js';
import { classifyFailure, type SyncDirHandle } from './folder.js';
import { runQueue } from './queue.js';
import { ImageKeeper, type FetchImage } from './images.js';
import type { SyncRules } from './rules.js';
import type { SyncState } from './state.js';

/** A chosen folder: the handle, with the permission calls a real one has (the worker can ask, never prompt). */
export type FolderHandle = SyncDirHandle & {
  queryPermission?(descriptor: { mode: 'readwrite' }): Promise<PermissionState>;
};

/** The other way to sync: files written through the downloads API (Firefox, or Chrome by choice). */
export interface DownloadsSync {
  readonly counts: { written: number };
  runJob(key: string): Promise<void>;
  fullPass(records: StoredRecord[], progress: (done: number, total: number) => void): Promise<void>;
  issues(): Promise<SyncStatus['issues']>;
  resolve(name: string, choice: SyncChoice): Promise<void>;
}

export interface SyncConfig {
  mode: SyncMode;
  folder: string;
  images: boolean;
}

export interface SyncServiceDeps {
  state: SyncState;
  library: SyncLibrary;
  rules: SyncRules;
  /** The folder the person chose (kept in IndexedDB by the page that asked for it). */
  folder(): Promise<FolderHandle | null>;
  downloads(folder: string): DownloadsSync | null;
  /** Drops anything kept about the old target when another folder is chosen or sync stops. */
  reset?(): void;
  /** Fetches a related entry's image (needs host access, asked for when the option is turned on). */
  fetchImage?: FetchImage;
  /** Turns the periodic pass on or off (chrome.alarms). */
  schedule(on: boolean): Promise<void>;
  now?: () => number;
}

const CONFIG = 'config';
const LAST = 'last';

interface LastRun {
  syncedAt: string | null;
  error: string | null;
  needsPermission: boolean;
  counts?: SyncStatus['lastRun'];
}

const NO_COUNTS = { written: 0, removed: 0, read: 0, imported: 0 };

export class SyncService {
  private running: Promise<void> | null = null;
  private again: { full: boolean } | null = null;
  private progress: { done: number; total: number } | null = null;
  private engine: SyncEngine | null = null;
  private target: DownloadsSync | null = null;
  private readonly now: () => number;

  constructor(private readonly deps: SyncServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  async config(): Promise<SyncConfig> {
    return (await this.deps.state.getMeta<SyncConfig>(CONFIG)) ?? { mode: 'off', folder: '', images: false };
  }

  /**
   * The library is about to change these records: queue them first, so a worker stopped between the
   * change and `changed` still leaves the job behind (run later, it finds the record as it is then).
   */
  async intend(ids: string[]): Promise<void> {
    if ((await this.config()).mode === 'off') return;
    await this.deps.state.enqueue([...new Set(ids)].map(recordJob), this.now());
  }

  /** The library changed these records: queue them again (a run that read them before the change may be finishing) and run. */
  async changed(ids: string[]): Promise<void> {
    if ((await this.config()).mode === 'off') return;
    await this.deps.state.enqueue([...new Set(ids)].map(recordJob), this.now());
    void this.kick(false);
  }

  /** Starts a run unless one is going; then runs once more after it, so no request is lost. */
  kick(full: boolean): Promise<void> {
    if (this.running) {
      this.again = { full: full || (this.again?.full ?? false) };
      return this.running;
    }
    this.running = (async () => {
      let next: { full: boolean } | null = { full };
      while (next) {
        this.again = null;
        await this.runOnce(next.full);
        next = this.again;
      }
    })().finally(() => {
      this.running = null;
      this.progress = null;
    });
    return this.running;
  }

  async choose(mode: Exclude<SyncMode, 'off'>, folder: string): Promise<void> {
    await this.running?.catch(() => undefined);
    const previous = await this.config();
    await this.deps.state.forgetFolder();
    this.engine = null;
    this.deps.reset?.();
    await this.deps.state.setMeta(CONFIG, { ...previous, mode, folder });
    await this.deps.state.setMeta(LAST, { syncedAt: null, error: null, needsPermission: false } satisfies LastRun);
    await this.deps.schedule(true);
    void this.kick(true);
  }

  /** "Keep copies of related images": on from the next pass. */
  async setImages(on: boolean): Promise<void> {
    await this.deps.state.setMeta(CONFIG, { ...(await this.config()), images: on });
    void this.kick(true);
  }

  async stop(): Promise<void> {
    await this.running?.catch(() => undefined);
    await this.deps.state.forgetFolder();
    this.engine = null;
    this.deps.reset?.();
    await this.deps.state.setMeta(CONFIG, { ...(await this.config()), mode: 'off', folder: '' });
    await this.deps.schedule(false);
  }

  async resolve(name: string, choice: SyncChoice): Promise<void> {
    await this.running?.catch(() => undefined);
    const config = await this.config();
    if (config.mode === 'downloads') {
      await this.deps.downloads(config.folder)?.resolve(name, choice);
      return;
    }
    const engine = await this.openEngine();
    if (engine) await engine.resolve(name, choice);
  }

  async status(): Promise<SyncStatus> {
    const config = await this.config();
    if (config.mode === 'off') return { ...SYNC_OFF, images: config.images };
    const last = (await this.deps.state.getMeta<LastRun>(LAST)) ?? { syncedAt: null, error: null, needsPermission: false };
    const issues = config.mode === 'downloads'
      ? await this.deps.downloads(config.folder)?.issues() ?? []
      : await this.deps.state.issues();
    const state: SyncStatus['state'] = this.running ? 'syncing' : last.needsPermission ? 'needs-permission' : last.error ? 'error' : 'idle';
    return {
      mode: config.mode, folder: config.folder, state, syncedAt: last.syncedAt, pending: await this.deps.state.pending(),
      error: last.error, progress: this.progress, issues, lastRun: last.counts ?? null, images: config.images,
    };
  }

  /** The engine's running totals (a new engine starts from zero, so a run that opens one counts from there). */
  private counts(): NonNullable<SyncStatus['lastRun']> {
    return { ...NO_COUNTS, ...(this.engine?.counts ?? {}), ...(this.target?.counts ?? {}) };
  }

  private async openEngine(): Promise<SyncEngine | null> {
    if (this.engine) return this.engine;
    const dir = await this.deps.folder();
    if (!dir) return null;
    this.engine = await SyncEngine.open({ dir, state: this.deps.state, library: this.deps.library, rules: this.deps.rules });
    return this.engine;
  }

  private async record(last: LastRun): Promise<void> {
    await this.deps.state.setMeta(LAST, last);
  }

  private async runOnce(full: boolean): Promise<void> {
    const config = await this.config();
    if (config.mode === 'off') return;
    const before = (await this.deps.state.getMeta<LastRun>(LAST)) ?? { syncedAt: null, error: null, needsPermission: false };
    const counted = this.counts();
    try {
      if (config.mode === 'downloads') await this.runDownloads(config.folder, full);
      else if (!(await this.runFolder(full, before))) return;
      const pending = await this.deps.state.pending();
      const after = this.counts();
      const counts = {
        written: after.written - counted.written, removed: after.removed - counted.removed,
        read: after.read - counted.read, imported: after.imported - counted.imported,
      };
      await this.record({ syncedAt: pending === 0 ? new Date(this.now()).toISOString() : before.syncedAt, error: null, needsPermission: false, counts });
    } catch (error) {
      const failure = classifyFailure(error);
      const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      if (failure === 'gone') this.engine = null;
      await this.record({ ...before, error: failure === 'permission' ? null : text, needsPermission: failure === 'permission' });
    }
  }

  /** One run in folder mode; false when it could not start (no folder, or no permission: nothing lost, the queue waits). */
  private async runFolder(full: boolean, before: LastRun): Promise<boolean> {
    const dir = await this.deps.folder();
    if (!dir) {
      await this.record({ ...before, error: 'The sync folder is no longer known: choose it again in Lede’s options.', needsPermission: false });
      return false;
    }
    // The worker cannot show a prompt; a page asks, on a click.
    const permission = dir.queryPermission ? await dir.queryPermission({ mode: 'readwrite' }) : 'granted';
    if (permission !== 'granted') {
      await this.record({ ...before, needsPermission: true });
      return false;
    }
    const engine = await this.openEngine();
    if (!engine) return false;
    const outcome = await runQueue(engine, this.deps.state, this.now);
    if (outcome.stopped === 'permission') {
      await this.record({ ...before, needsPermission: true });
      return false;
    }
    if (outcome.stopped || outcome.failed) {
      if (outcome.stopped === 'gone') this.engine = null;
      await this.record({ ...before, error: outcome.error, needsPermission: false });
      return false;
    }
    if (full) {
      this.progress = { done: 0, total: 0 };
      await engine.fullPass((done, total) => {
        this.progress = { done, total };
      });
      if ((await this.config()).images && this.deps.fetchImage) {
        const keeper = new ImageKeeper({
          dir, state: this.deps.state, library: this.deps.library, fetchImage: this.deps.fetchImage, now: this.now,
          recordChanged: (id) => engine.runJob(recordJob(id)),
        });
        await keeper.pass(await this.deps.library.all());
      }
    }
    return true;
  }

  private async runDownloads(folder: string, full: boolean): Promise<void> {
    const target = this.deps.downloads(folder);
    this.target = target;
    if (!target) throw new Error('Lede may not save downloads: allow it again from the options page (Write into Downloads).');
    const outcome = await runQueue(target, this.deps.state, this.now);
    if (outcome.error) throw new Error(outcome.error);
    if (full) {
      this.progress = { done: 0, total: 0 };
      await target.fullPass(await this.deps.library.all(), (done, total) => {
        this.progress = { done, total };
      });
    }
  }
}
