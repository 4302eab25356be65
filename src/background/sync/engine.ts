// Folder sync's engine: a full pass, a look at the files the watch reported, one record's job, the person's
// answers. It decides through decisions.ts, touches the folder through files.ts and remembers through memory.ts.
import type { StoredRecord, SyncCompare } from '../../shared/messages.js';
import type { SyncChoice } from '../../shared/sync-status.js';
import { Decisions, type Look } from './decisions.js';
import { FolderSide, type Listing, type SyncCounts } from './files.js';
import { eachAtOnce } from './at-once.js';
import { resolveIssue, compareVersions, type AnswerDeps } from './answers.js';
import { fileHandle, isNotFound, listFiles, type SyncDirHandle, type SyncFile, type SyncFileHandle } from './folder.js';
import type { SyncLibrary } from './library.js';
import { SyncMemory } from './memory.js';
import { isRecordFileName, type SyncRules } from './rules.js';
import type { SyncState, Tracked } from './state.js';

export type { SyncCounts } from './files.js';
export type { SyncLibrary } from './library.js';

export interface PassOptions {
  /**
   * The folder watcher vouches that no file changed, appeared or went since the last pass that looked at
   * every one, other than those already looked at again (`checkFiles`): no stamp is asked for and the
   * folder is not listed.
   */
  unchanged?: boolean;
}

export interface EngineDeps {
  dir: SyncDirHandle;
  state: SyncState;
  library: SyncLibrary;
  rules: SyncRules;
  /** Names the person told sync to leave alone (the ignore rule): never read, unless already a record's file. */
  ignored?: (name: string) => boolean;
}

export type Progress = (done: number, total: number) => void;

/** Tracked files are saved in batches of this many during a pass, so an interrupted pass keeps most of its work. */
const FLUSH_EVERY = 500;
/**
 * Files looked at, or written, at once during a pass: each call is a round trip to the browser's file
 * process, and doing them one by one made a pass over 1,000 unchanged files take ~0.7 s (0.3 s 16 at once).
 */
const AT_ONCE = 32;
/** Beyond this many names to look at, the whole library is taken at once (from the background's index in memory). */
const MANY_NAMES = 64;

export const recordJob = (id: string): string => `record:${id}`;

export class SyncEngine {
  private readonly side: FolderSide;
  private readonly decide: Decisions;
  /** Files that vanished while looked at (a `git checkout` mid-pass): skipped, looked at again next time. */
  private vanished = new Set<string>();

  private constructor(private readonly deps: EngineDeps, private readonly memory: SyncMemory) {
    this.side = new FolderSide(deps.dir, memory, deps.rules);
    this.decide = new Decisions(deps.library, deps.rules, memory, this.side);
  }

  static async open(deps: EngineDeps): Promise<SyncEngine> {
    return new SyncEngine(deps, await SyncMemory.load(deps.state));
  }

  get counts(): SyncCounts {
    return this.side.counts;
  }

  /** How many files sync tracks in the folder (none before a first sync). */
  get trackedCount(): number {
    return this.memory.tracked.size;
  }

  get issueList() {
    return [...this.memory.issues.values()];
  }

  /** Files that are not records, left alone (one line in the status). */
  get leftAlone(): number {
    return this.memory.leftAlone;
  }

  /** One queued job. What was done on disk is saved even when a later step fails. */
  async runJob(key: string): Promise<void> {
    try {
      if (key.startsWith('record:')) await this.syncRecord(key.slice('record:'.length));
    } finally {
      await this.memory.flush();
    }
  }

  /** Mirrors one record's save, edit or delete (a delete: its file goes while it still holds Lede's text). */
  async syncRecord(id: string): Promise<void> {
    const stored = await this.deps.library.get(id);
    // No shortcut on the revision here: the job may follow a pass that wrote nothing for it.
    if (stored) await this.decide.push(stored, null, true);
    else for (const t of this.memory.filesOf(id)) await this.decide.removeIfOurs(t.name);
  }

  /** A step on one file; a file that vanished meanwhile is skipped and looked at again next time. */
  private async onFile(name: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      if (!isNotFound(error)) throw error;
      this.vanished.add(name);
    }
  }

  /** After files vanished: the folder itself still there (else its NotFoundError stops the run as "folder gone"). */
  private async folderStillThere(): Promise<void> {
    if (this.vanished.size) await listFiles(this.deps.dir);
    this.vanished = new Set();
  }

  private ignoredNew(name: string): boolean {
    return !isRecordFileName(name) || (this.deps.ignored?.(name) ?? false);
  }

  /** A tracked file the person now tells sync to leave alone: forgotten, unless it holds a record. */
  private forgetIgnored(t: Tracked): boolean {
    if (t.id !== null || !this.deps.ignored?.(t.name)) return false;
    this.memory.untrack(t.name);
    void this.memory.clearIssue(t.name);
    return true;
  }

  /**
   * Brings folder and library into step both ways: leftovers of a cut-off run go, tracked files (changed
   * outside, gone, their record changed or deleted), then files that appeared (a file of a record whose
   * file went is its move), then records with no file yet.
   */
  async fullPass(progress?: Progress, options: PassOptions = {}): Promise<void> {
    const { dir, library } = this.deps;
    // Under an unbroken watch the folder is not listed either: whatever appeared or went was reported and
    // looked at (`checkFiles`); the hourly pass, or any gap, lists it again. Listing 10,000 files was most
    // of a watched pass with nothing changed.
    const listing = options.unchanged ? this.trackedListing() : await listFiles(dir);
    if (!options.unchanged) await this.side.removeLeftovers(listing);
    const look: Look = { records: new Map((await library.all()).map((s) => [s.id, s])), listing, gone: new Map() };
    const total = listing.size + look.records.size;
    let done = 0;
    let sinceFlush = 0;
    const step = async (): Promise<void> => {
      done++;
      if (progress && (done % 100 === 0 || done === total)) progress(done, total);
      if (++sinceFlush >= FLUSH_EVERY) {
        sinceFlush = 0;
        await this.memory.flush();
      }
    };
    try {
      const stats = await this.stamps(listing, options.unchanged ?? false);
      const seen = new Set<string>();
      for (const t of [...this.memory.tracked.values()]) {
        const handle = listing.get(t.name) ?? null;
        if (handle) {
          seen.add(t.name);
          await step();
        }
        if (this.vanished.has(t.name) || this.forgetIgnored(t)) continue;
        if (this.memory.tracked.get(t.name) === t) await this.onFile(t.name, () => this.decide.reconcile(t, handle, look, stats.get(t.name)));
      }
      for (const [name, handle] of listing) {
        if (seen.has(name)) continue;
        await step();
        if (!this.memory.tracked.has(name) && !this.ignoredNew(name)) await this.onFile(name, () => this.decide.fileAppeared(name, handle, look));
      }
      await this.goneForGood(look);
      const fresh: StoredRecord[] = [];
      for (const stored of look.records.values()) {
        if (this.memory.filesOf(stored.id).length) await step();
        else fresh.push(stored);
      }
      await eachAtOnce(fresh, AT_ONCE, async (stored) => {
        await this.decide.push(stored, listing);
        await step();
      });
      await this.folderStillThere();
      progress?.(total, total);
    } finally {
      await this.memory.flush();
    }
  }

  /** The tracked files as a listing, each handle asked of the folder only when used. */
  private trackedListing(): Listing {
    const { dir } = this.deps;
    const listing: Listing = new Map();
    for (const name of this.memory.tracked.keys()) {
      let real: Promise<SyncFileHandle> | null = null;
      const handle = () => (real ??= dir.getFileHandle(name));
      listing.set(name, {
        kind: 'file', name,
        getFile: async () => (await handle()).getFile(),
        createWritable: async () => (await handle()).createWritable(),
      });
    }
    return listing;
  }

  /**
   * Every tracked file's stamp, asked for all at once; or, when the watcher vouches that none changed, the
   * stamp sync last saw (a file is still read in full before anything is written over it).
   */
  private async stamps(listing: Listing, unchanged: boolean): Promise<Map<string, SyncFile>> {
    const stats = new Map<string, SyncFile>();
    const ask: string[] = [];
    for (const [name, t] of this.memory.tracked) {
      const handle = listing.get(name);
      if (!handle) continue;
      // A file in conflict since first sight has no agreed text to stand on: always looked at.
      if (unchanged && t.hash) stats.set(name, asSeen(t, handle));
      else ask.push(name);
    }
    await eachAtOnce(ask, AT_ONCE, (name) => this.onFile(name, async () => {
      stats.set(name, await listing.get(name)!.getFile());
    }));
    this.side.counts.statted += ask.length;
    return stats;
  }

  /** Tracked files that went with no file of their record appearing: listed for the person. */
  private async goneForGood(look: Look): Promise<void> {
    for (const t of look.gone!.values()) {
      await this.decide.goneFile(t, look.records.get(t.id!) ?? await this.deps.library.get(t.id!));
    }
    look.gone!.clear();
  }

  /**
   * Looks again at the files the watcher reported changed, appeared or gone, as a pass would, and at
   * nothing else: an outside edit comes in within a moment, not at the next pass; a rename is one batch.
   */
  async checkFiles(names: Iterable<string>): Promise<void> {
    const { dir, library } = this.deps;
    const wanted = [...new Set(names)].filter((name) => this.memory.tracked.has(name) || !this.ignoredNew(name));
    // Many names (a `git pull`, or the watcher reporting Lede's own first sync): the library at once, as a pass
    // takes it, rather than one read and check per record.
    const many = wanted.length > MANY_NAMES;
    const look: Look = { records: many ? new Map((await library.all()).map((s) => [s.id, s])) : new Map(), listing: null, gone: new Map() };
    // The stamps all at once; the decisions one by one, as in a pass (two new files may claim one record).
    const found = new Map<string, { handle: SyncFileHandle | null; file?: SyncFile }>();
    await eachAtOnce(wanted, AT_ONCE, async (name) => {
      let handle = await fileHandle(dir, name);
      // Gone between the two calls: as good as not there (it was reported, and will be again if it comes back).
      const file = handle ? await handle.getFile().catch((error: unknown) => {
        if (isNotFound(error)) return null;
        throw error;
      }) : null;
      if (!file) handle = null;
      found.set(name, handle && file ? { handle, file } : { handle: null });
      const id = this.memory.tracked.get(name)?.id;
      const stored = id && !many ? await library.get(id) : null;
      if (stored) look.records.set(stored.id, stored);
    });
    this.side.counts.statted += wanted.length;
    try {
      // Gone first, so a file that appeared holding a gone file's record is known as its move.
      const order = [...wanted].sort((a, b) => Number(Boolean(found.get(a)!.handle)) - Number(Boolean(found.get(b)!.handle)));
      for (const name of order) {
        const { handle, file } = found.get(name)!;
        const t = this.memory.tracked.get(name);
        if (t && this.forgetIgnored(t)) continue;
        await this.onFile(name, async () => {
          if (t) await this.decide.reconcile(t, handle, look, file);
          else if (handle) await this.decide.fileAppeared(name, handle, look);
        });
      }
      await this.goneForGood(look);
      await this.folderStillThere();
    } finally {
      await this.memory.flush();
    }
  }

  /** The person's answer to an issue. */
  async resolve(name: string, choice: SyncChoice): Promise<void> {
    try {
      await resolveIssue(this.answerDeps(), name, choice);
    } finally {
      await this.memory.flush();
    }
  }

  /** The file as it is now beside the library's row, for the person to judge a conflict. */
  compare(name: string): Promise<SyncCompare> {
    return compareVersions(this.answerDeps(), name);
  }

  private answerDeps(): AnswerDeps {
    return { ...this.deps, memory: this.memory, side: this.side, decide: this.decide };
  }

  async flush(): Promise<void> {
    await this.memory.flush();
  }
}

/** A tracked file as sync last saw it, standing in for `getFile()`; its text is read only when asked for. */
function asSeen(t: Tracked, handle: SyncFileHandle): SyncFile {
  return { lastModified: t.lastModified, size: t.size, text: async () => (await handle.getFile()).text() };
}
