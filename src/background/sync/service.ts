// Folder sync in the background: when it runs, one run at a time, and the status the pages show.
import type { SyncCompare } from '../../shared/messages.js';
import { SYNC_OFF, type HelperState, type SyncChoice, type SyncMode, type SyncStatus } from '../../shared/sync-status.js';
import { recordJob, SyncEngine } from './engine.js';
import { ignoreRule } from './ignore.js';
import { classifyFailure } from './folder.js';
import { isLedeTemporary } from './write.js';
import { runQueue } from './queue.js';
import { ImageKeeper } from './images.js';
import {
  CONFIG, folderOf, helperState, LAST, NO_COUNTS, OBSERVED_DELAY_MS, RUNNING, STAT_ALL_EVERY_MS, twoWay, WATCHED,
  type DownloadsSync, type FolderHandle, type LastRun, type SyncConfig, type SyncServiceDeps, type Watched,
} from './service-parts.js';

export type { DownloadsSync, FolderHandle, FolderWatch, HelperSync, SyncConfig, SyncServiceDeps } from './service-parts.js';

export class SyncService {
  private running: Promise<void> | null = null;
  private again: { full: boolean } | null = null;
  private progress: { done: number; total: number } | null = null;
  private engine: SyncEngine | null = null;
  private target: DownloadsSync | null = null;
  /** The watch's generation as the last run found it; null when the folder is not watched. */
  private generation: string | null = null;
  private observedTimer: ReturnType<typeof setTimeout> | null = null;
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
      await this.wakeForRetry();
    })().finally(() => {
      this.running = null;
      this.progress = null;
    });
    return this.running;
  }

  /**
   * The watcher reported names that changed: kept until they are looked at, and looked at shortly. A gap,
   * or a generation other than the one the last full look began under, means no pass may trust the watch.
   */
  async observed(report: { generation: string; names: string[]; gap: boolean }): Promise<void> {
    if (!twoWay((await this.config()).mode)) return;
    const watched = await this.deps.state.getMeta<Watched | null>(WATCHED);
    if (watched && (report.gap || watched.generation !== report.generation)) await this.deps.state.setMeta(WATCHED, null);
    // A gap alone starts no run: the next pass asks every stamp (a watch that keeps failing must not loop).
    // Lede's own temporary files come and go with each write: nothing to look at.
    const names = report.names.filter((name) => !isLedeTemporary(name));
    if (!names.length) return;
    await this.deps.state.observe(names);
    if (this.observedTimer) return;
    this.observedTimer = setTimeout(() => {
      this.observedTimer = null;
      void this.kick(false);
    }, OBSERVED_DELAY_MS);
  }

  /** Stops watching and forgets what the watch vouched for. */
  private async unwatch(): Promise<void> {
    this.generation = null;
    await this.deps.state.setMeta(WATCHED, null);
    await this.deps.watch?.stop().catch(() => undefined);
    await this.deps.helper?.watch.stop().catch(() => undefined);
  }

  /** Whether Lede's helper answers, and the folders it serves (the options page shows them or the setup command). */
  helperState(): Promise<HelperState> {
    return helperState(this.deps);
  }

  private dirFor(config: SyncConfig): Promise<FolderHandle | null> {
    return folderOf(this.deps, config);
  }

  /**
   * Another folder, or the same one chosen again (after a lost permission, say): then what sync knows of it
   * stays, and deletes queued meanwhile are carried out on the files that still hold Lede's text.
   */
  async choose(mode: Exclude<SyncMode, 'off'>, folder: string): Promise<void> {
    await this.running?.catch(() => undefined);
    await this.unwatch();
    const previous = await this.config();
    // The helper's folders are ids of its config: the same id is the same folder.
    const same = mode === 'helper' ? previous.mode === 'helper' && previous.folder === folder
      : mode === 'folder' && previous.mode === 'folder' && (await this.deps.sameFolder?.().catch(() => false) ?? false);
    if (!same) await this.deps.state.forgetFolder();
    this.engine = null;
    this.deps.reset?.();
    await this.deps.state.setMeta(CONFIG, { ...previous, mode, folder });
    const last = await this.deps.state.getMeta<LastRun>(LAST);
    await this.deps.state.setMeta(LAST, { syncedAt: same ? last?.syncedAt ?? null : null, error: null, needsPermission: false } satisfies LastRun);
    await this.deps.schedule(true);
    void this.kick(true);
  }

  /** "Keep copies of related images": on from the next pass. */
  async setImages(on: boolean): Promise<void> {
    await this.deps.state.setMeta(CONFIG, { ...(await this.config()), images: on });
    void this.kick(true);
  }

  /** What sync leaves alone: from the next pass, which starts now. */
  async setIgnore(patterns: string[]): Promise<void> {
    const ignore = [...new Set(patterns.map((p) => p.trim()).filter(Boolean))];
    await this.running?.catch(() => undefined);
    await this.deps.state.setMeta(CONFIG, { ...(await this.config()), ignore });
    // The engine reads the rule when it opens.
    this.engine = null;
    void this.kick(true);
  }

  /** Both versions behind an issue, as they are now. */
  async compare(name: string): Promise<SyncCompare> {
    const config = await this.config();
    if (!twoWay(config.mode)) return { folder: null, library: null };
    const engine = await this.openEngine();
    return engine ? engine.compare(name) : { folder: null, library: null };
  }

  async stop(): Promise<void> {
    await this.running?.catch(() => undefined);
    await this.unwatch();
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
      error: last.error, progress: this.progress, issues, lastRun: last.counts ?? null, images: config.images, ignore: config.ignore ?? [],
      leftAlone: twoWay(config.mode) ? last.leftAlone ?? 0 : 0,
      watching: twoWay(config.mode) && this.generation !== null,
    };
  }

  /** The engine's running totals (a new engine starts from zero, so a run that opens one counts from there). */
  private counts(): NonNullable<SyncStatus['lastRun']> {
    return { ...NO_COUNTS, ...(this.engine?.counts ?? {}), ...(this.target?.counts ?? {}) };
  }

  private async openEngine(): Promise<SyncEngine | null> {
    if (this.engine) return this.engine;
    const dir = await this.dirFor(await this.config());
    if (!dir) return null;
    const ignored = ignoreRule((await this.config()).ignore ?? []);
    this.engine = await SyncEngine.open({ dir, state: this.deps.state, library: this.deps.library, rules: this.deps.rules, ignored });
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
      else {
        const ran = await this.runFolder(full, before, config);
        await this.deps.state.setMeta(RUNNING, false);
        if (!ran) return;
      }
      const pending = await this.deps.state.pending();
      const after = this.counts();
      const counts = {
        written: after.written - counted.written, removed: after.removed - counted.removed,
        read: after.read - counted.read, imported: after.imported - counted.imported,
        statted: (after.statted ?? 0) - (counted.statted ?? 0),
      };
      // A look at reported names that found nothing to do (most often the watcher telling Lede of its own
      // write) leaves the last run's figures as they were: they say what the last run that did something did.
      const nothing = !full && counts.written + counts.removed + counts.read + counts.imported === 0;
      await this.record({
        syncedAt: pending === 0 ? new Date(this.now()).toISOString() : before.syncedAt, error: null, needsPermission: false,
        counts: nothing && before.counts ? before.counts : counts,
        leftAlone: twoWay(config.mode) ? this.engine?.leftAlone ?? before.leftAlone : undefined,
      });
    } catch (error) {
      const failure = classifyFailure(error);
      const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      if (failure === 'gone') this.engine = null;
      if (failure === 'gone' || failure === 'permission') await this.unwatch();
      await this.record({ ...before, error: failure === 'permission' ? null : text, needsPermission: failure === 'permission' });
    }
  }

  /**
   * Retries wake the worker at their time: a wake-up at the earliest one waiting; none once nothing waits.
   */
  private async wakeForRetry(): Promise<void> {
    if (!this.deps.wakeAt) return;
    const waiting = (await this.deps.state.queue()).map((item) => item.notBefore).filter((at) => at > this.now());
    await this.deps.wakeAt(waiting.length ? Math.min(...waiting) : null).catch(() => undefined);
  }

  /** One run in folder mode; false when it could not start (no folder, or no permission: nothing lost, the queue waits). */
  private async runFolder(full: boolean, before: LastRun, config: SyncConfig): Promise<boolean> {
    const dir = await this.dirFor(config);
    if (!dir) {
      await this.unwatch();
      await this.record({ ...before, error: 'The sync folder is no longer known: choose it again in Lede’s options.', needsPermission: false });
      return false;
    }
    // The worker cannot show a prompt; a page asks, on a click.
    const permission = dir.queryPermission ? await dir.queryPermission({ mode: 'readwrite' }) : 'granted';
    if (permission !== 'granted') {
      await this.unwatch();
      await this.record({ ...before, needsPermission: true });
      return false;
    }
    const engine = await this.openEngine();
    if (!engine) return false;
    // Asked before anything is looked at: whatever changes from here on is reported under this generation.
    // Not for a first sync (no file tracked yet): it writes every file, and each write reported back would
    // make it ~1.6 times as long (measured: 3,000 records, 6.3 s unwatched, 10.4 s watched), to vouch for nothing yet.
    const first = engine.trackedCount === 0;
    // The last run was cut off (a stopped worker): it may have left temporary files, which only a listing
    // finds, so the next full pass lists the folder and asks every stamp instead of trusting the watch.
    if (await this.deps.state.getMeta<boolean>(RUNNING)) await this.deps.state.setMeta(WATCHED, null);
    await this.deps.state.setMeta(RUNNING, true);
    this.generation = first ? null : await this.startWatch(config);
    const outcome = await runQueue(engine, this.deps.state, this.now);
    if (outcome.stopped === 'permission') {
      await this.unwatch();
      await this.record({ ...before, needsPermission: true });
      return false;
    }
    if (outcome.stopped || outcome.failed) {
      if (outcome.stopped === 'gone') {
        this.engine = null;
        await this.unwatch();
      }
      await this.record({ ...before, error: outcome.error, needsPermission: false });
      return false;
    }
    const observed = await this.deps.state.observed();
    if (observed.size) {
      await engine.checkFiles(observed.keys());
      await this.deps.state.unobserve(observed);
    }
    if (full) {
      this.progress = { done: 0, total: 0 };
      const watched = await this.deps.state.getMeta<Watched | null>(WATCHED);
      const generation = this.generation;
      const unchanged = generation !== null && watched?.generation === generation && this.now() - watched.at < STAT_ALL_EVERY_MS;
      // Forgotten while this pass runs: one cut short must not leave the next pass trusting a stale look.
      if (!unchanged) await this.deps.state.setMeta(WATCHED, null);
      const startedAt = this.now();
      await engine.fullPass((done, total) => {
        this.progress = { done, total };
      }, { unchanged });
      if (!unchanged && generation !== null) await this.deps.state.setMeta(WATCHED, { generation, at: startedAt } satisfies Watched);
      if ((await this.config()).images && this.deps.fetchImage) {
        const keeper = new ImageKeeper({
          dir, state: this.deps.state, library: this.deps.library, fetchImage: this.deps.fetchImage, now: this.now,
          recordChanged: (id) => engine.runJob(recordJob(id)),
        });
        await keeper.pass(await this.deps.library.all());
      }
    }
    // After a first sync: watched from now on; the next full pass asks every stamp, under this watch.
    if (first) this.generation = await this.startWatch(config);
    return true;
  }

  private async startWatch(config: SyncConfig): Promise<string | null> {
    const watch = config.mode === 'helper' ? this.deps.helper?.watch : this.deps.watch;
    return watch ? watch.start().catch(() => null) : null;
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
