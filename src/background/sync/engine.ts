// Folder sync's decisions: which file to write, move, remove or read back, and what to leave to the person.
//
// The rules, in one place: a file is written only when its text changed (hash per file); a file is
// removed or overwritten only while it still holds what Lede wrote (else it is kept and reported);
// a file Lede did not write is read, never written; nothing is written outside the folder (names
// come from the naming rule, which makes no path); both sides changed means both are kept.
import { formatProblem, type LedeRecord } from '../../record/index.js';
import type { StoredRecord, SyncCompare } from '../../shared/messages.js';
import type { SyncChoice, SyncIssue } from '../../shared/sync-status.js';
import {
  fileHandle, isNotFound, listFiles, readFile, removeFile, sameStamp, writeFile,
  type Stamp, type SyncDirHandle, type SyncFile, type SyncFileHandle,
} from './folder.js';
import { hashText } from './hash.js';
import { isRecordFileName, nameKey, type SyncRules } from './rules.js';
import type { SyncState, Tracked } from './state.js';

/** The library as sync sees it. `put` and `remove` are sync's own changes: they must not queue sync work. */
export interface SyncLibrary {
  all(): Promise<StoredRecord[]>;
  get(id: string): Promise<StoredRecord | null>;
  /**
   * Saves a record read from the folder; `previousId` when it replaces a record whose address changed;
   * `source`, the file's own text, so the record is given back as that file wrote it.
   */
  put(record: LedeRecord, previousId?: string, source?: string): Promise<StoredRecord>;
  remove(id: string): Promise<void>;
}

export interface SyncCounts {
  written: number;
  removed: number;
  read: number;
  imported: number;
  /** Files whose stamp (size, time) was asked for: what a pass with nothing changed costs. */
  statted: number;
}

export interface PassOptions {
  /**
   * The folder watcher vouches that no tracked file changed since the last pass that looked at every
   * one, other than those already looked at again (`checkFiles`): their stamps are not asked for.
   * The folder is still listed, so a file that appeared or went is found all the same.
   */
  unchanged?: boolean;
}

export interface EngineDeps {
  dir: SyncDirHandle;
  state: SyncState;
  library: SyncLibrary;
  rules: SyncRules;
}

export type Progress = (done: number, total: number) => void;

type Disk =
  | { kind: 'missing' }
  | { kind: 'same' }
  | { kind: 'changed'; text: string; hash: string; stamp: Stamp };

/** Tracked files are saved in batches of this many during a pass, so an interrupted pass keeps most of its work. */
const FLUSH_EVERY = 500;
/**
 * Files looked at, or written, at once during a pass: each call is a round trip to the browser's file
 * process, and doing them one by one made a pass over 1,000 unchanged files take ~0.7 s (0.3 s 16 at once).
 */
const AT_ONCE = 32;
/** Beyond this many names to look at, the whole library is taken at once (from the background's index in memory). */
const MANY_NAMES = 64;

/** Runs `work` on every item, `limit` at a time; the first failure stops new work and is thrown once the rest settle. */
async function eachAtOnce<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | null = null;
  const lane = async (): Promise<void> => {
    while (!failure && next < items.length) {
      const item = items[next++]!;
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  if (failure) throw (failure as { error: unknown }).error;
}

export const recordJob = (id: string): string => `record:${id}`;

export class SyncEngine {
  readonly counts: SyncCounts = { written: 0, removed: 0, read: 0, imported: 0, statted: 0 };
  private readonly tracked = new Map<string, Tracked>();
  /** Names of tracked files as `nameKey` gives them: the folder may not tell `A.md` from `a.md`. */
  private readonly lower = new Set<string>();
  private readonly byId = new Map<string, Set<string>>();
  /** Tracked files changed since the last flush: the entry, or null when dropped. */
  private readonly dirty = new Map<string, Tracked | null>();
  private readonly issues = new Map<string, SyncIssue>();
  /** Names picked for files being written right now, so two records written at once never pick the same. */
  private readonly reserved = new Set<string>();

  private constructor(private readonly deps: EngineDeps) {}

  static async open(deps: EngineDeps): Promise<SyncEngine> {
    const engine = new SyncEngine(deps);
    for (const t of await deps.state.files()) engine.index(t);
    for (const issue of await deps.state.issues()) engine.issues.set(issue.name, issue);
    return engine;
  }

  /** How many files sync tracks in the folder (none before a first sync). */
  get trackedCount(): number {
    return this.tracked.size;
  }

  get issueList(): SyncIssue[] {
    return [...this.issues.values()];
  }

  /** One queued job. What was done on disk is saved even when a later step fails. */
  async runJob(key: string): Promise<void> {
    try {
      if (key.startsWith('record:')) await this.syncRecord(key.slice('record:'.length));
    } finally {
      await this.flush();
    }
  }

  /** Mirrors one record's save, edit or delete. */
  async syncRecord(id: string): Promise<void> {
    const stored = await this.deps.library.get(id);
    // No shortcut on updatedAt here: two saves within one millisecond share it.
    if (stored) await this.push(stored, null, true);
    else for (const name of [...(this.byId.get(id) ?? [])]) await this.removeIfOurs(name);
  }

  /**
   * Brings folder and library into step both ways: tracked files first (changed outside, gone,
   * their record changed or deleted), then files that appeared, then records with no file yet.
   */
  async fullPass(progress?: Progress, options: PassOptions = {}): Promise<void> {
    const { dir, library } = this.deps;
    const listing = await listFiles(dir);
    const records = new Map((await library.all()).map((s) => [s.id, s]));
    const total = listing.size + records.size;
    let done = 0;
    let sinceFlush = 0;
    const step = async (): Promise<void> => {
      done++;
      if (progress && (done % 100 === 0 || done === total)) progress(done, total);
      if (++sinceFlush >= FLUSH_EVERY) {
        sinceFlush = 0;
        await this.flush();
      }
    };
    try {
      // Every tracked file's stamp, asked for all at once; or, when the watcher vouches that none changed,
      // the stamp sync last saw (a file is still read in full before anything is written over it).
      const stats = new Map<string, SyncFile>();
      const ask: string[] = [];
      for (const [name, t] of this.tracked) {
        const handle = listing.get(name);
        if (!handle) continue;
        // A file in conflict since first sight has no agreed text to stand on: always looked at.
        if (options.unchanged && t.hash) stats.set(name, asSeen(t, handle));
        else ask.push(name);
      }
      await eachAtOnce(ask, AT_ONCE, async (name) => {
        stats.set(name, await listing.get(name)!.getFile());
      });
      this.counts.statted += ask.length;
      const seen = new Set<string>();
      for (const t of [...this.tracked.values()]) {
        const handle = listing.get(t.name) ?? null;
        if (handle) {
          seen.add(t.name);
          await step();
        }
        if (this.tracked.get(t.name) === t) await this.reconcile(t, handle, records, listing, stats.get(t.name));
      }
      for (const [name, handle] of listing) {
        if (seen.has(name)) continue;
        await step();
        if (!this.tracked.has(name) && isRecordFileName(name)) await this.fileAppeared(name, handle, records);
      }
      const fresh: StoredRecord[] = [];
      for (const stored of records.values()) {
        if (this.byId.has(stored.id)) await step();
        else fresh.push(stored);
      }
      await eachAtOnce(fresh, AT_ONCE, async (stored) => {
        await this.push(stored, listing);
        await step();
      });
      progress?.(total, total);
    } finally {
      await this.flush();
    }
  }

  /**
   * Looks again at the files the watcher reported changed, appeared or gone, as a pass would, and at
   * nothing else: an outside edit comes in within a moment, not at the next pass.
   */
  async checkFiles(names: Iterable<string>): Promise<void> {
    const { dir, library } = this.deps;
    const wanted = [...new Set(names)].filter((name) => this.tracked.has(name) || isRecordFileName(name));
    // Many names (a `git pull`, or the watcher reporting Lede's own first sync): the library at once, as a pass
    // takes it, rather than one read and check per record.
    const many = wanted.length > MANY_NAMES;
    const records = many ? new Map((await library.all()).map((s) => [s.id, s])) : new Map<string, StoredRecord>();
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
      const id = this.tracked.get(name)?.id;
      const stored = id && !many ? await library.get(id) : null;
      if (stored) records.set(stored.id, stored);
    });
    this.counts.statted += wanted.length;
    try {
      for (const name of wanted) {
        const { handle, file } = found.get(name)!;
        const t = this.tracked.get(name);
        if (t) await this.reconcile(t, handle, records, null, file);
        else if (handle) await this.fileAppeared(name, handle, records);
      }
    } finally {
      await this.flush();
    }
  }

  /** The person's answer to an issue. */
  async resolve(name: string, choice: SyncChoice): Promise<void> {
    const issue = this.issues.get(name);
    if (!issue) return;
    try {
      if (choice === 'dismiss') {
        await this.clearIssue(name);
      } else if (issue.kind === 'conflict' && choice === 'use-file') {
        const t = this.tracked.get(name);
        const handle = await fileHandle(this.deps.dir, name);
        if (!t || !handle) return this.report({ kind: 'missing', name, id: issue.id, title: issue.title });
        const { text, stamp } = await readFile(handle);
        await this.readBack(t, { kind: 'changed', text, hash: await hashText(text), stamp }, null);
      } else if (issue.kind === 'conflict' && choice === 'use-library') {
        const stored = await this.deps.library.get(issue.id);
        if (!stored) {
          this.untrack(name);
          return this.clearIssue(name);
        }
        const text = this.deps.rules.textFor(stored);
        const stamp = await this.write(name, text);
        this.track({ name, id: stored.id, hash: await hashText(text), ...stamp, updatedAt: stored.updatedAt, wanted: this.deps.rules.nameFor(stored) });
        await this.clearIssue(name);
      } else if (issue.kind === 'missing' && choice === 'remove-record') {
        await this.deps.library.remove(issue.id);
        this.untrack(name);
        await this.clearIssue(name);
      } else if (issue.kind === 'missing' && choice === 'write-again') {
        this.untrack(name);
        await this.clearIssue(name);
        const stored = await this.deps.library.get(issue.id);
        if (stored) await this.push(stored, null);
      }
    } finally {
      await this.flush();
    }
  }

  /** The file as it is now beside the library's row, for the person to judge a conflict. */
  async compare(name: string): Promise<SyncCompare> {
    const issue = this.issues.get(name);
    const handle = await fileHandle(this.deps.dir, name);
    let folder: SyncCompare['folder'] = null;
    let fileId: string | null = null;
    if (handle) {
      const { text } = await readFile(handle).catch((error: unknown) => {
        if (isNotFound(error)) return { text: null };
        throw error;
      });
      if (text !== null) {
        const decision = this.deps.rules.importFile(name, text);
        folder = { text, record: decision.ok ? decision.record : null, problems: decision.ok ? [] : decision.problems };
        if (decision.ok) fileId = decision.id;
      }
    }
    const id = this.tracked.get(name)?.id ?? (issue && 'id' in issue ? issue.id : null) ?? fileId;
    return { folder, library: id ? await this.deps.library.get(id) : null };
  }

  // ── the decisions ──────────────────────────────────────────────────────────

  private async reconcile(t: Tracked, handle: SyncFileHandle | null, records: Map<string, StoredRecord>,
    listing: Map<string, SyncFileHandle> | null, file?: SyncFile): Promise<void> {
    if (t.id === null) {
      // A file Lede leaves alone: looked at again only when it changes.
      if (!handle) {
        this.untrack(t.name);
        return this.clearIssue(t.name);
      }
      if (sameStamp(file ?? await handle.getFile(), t)) return;
      this.untrack(t.name);
      return this.fileAppeared(t.name, handle, records);
    }
    const stored = records.get(t.id) ?? null;
    if (!handle) {
      if (!stored) {
        this.untrack(t.name);
        return this.clearIssue(t.name);
      }
      // Deleted or moved away outside Lede: neither the record goes nor the file comes back unasked.
      return this.report({ kind: 'missing', name: t.name, id: t.id, title: stored.record.title });
    }
    if (!stored) return this.removeIfOurs(t.name, handle);
    const disk = await this.diskNow(t, handle, file);
    const recordChanged = stored.updatedAt !== t.updatedAt;
    if (disk.kind === 'same') {
      if (recordChanged) await this.push(stored, listing);
      return;
    }
    if (disk.kind === 'missing') return;
    if (!recordChanged) return this.readBack(t, disk, records);
    // Both changed: agreement by chance, or a conflict for the person.
    const hash = await hashText(this.deps.rules.textFor(stored));
    if (hash === disk.hash) {
      this.track({ ...t, hash, ...disk.stamp, updatedAt: stored.updatedAt, wanted: this.deps.rules.nameFor(stored) });
      return this.clearIssue(t.name);
    }
    return this.report({ kind: 'conflict', name: t.name, id: t.id, title: stored.record.title });
  }

  /** Writes the record's file when its text changed, moving it when its name did; never over an outside change. */
  private async push(stored: StoredRecord, listing: Map<string, SyncFileHandle> | null, always = false): Promise<void> {
    const { rules } = this.deps;
    const wanted = rules.nameFor(stored);
    const mine = [...(this.byId.get(stored.id) ?? [])].map((name) => this.tracked.get(name)!);
    const current = mine.find((t) => t.wanted === wanted) ?? mine[0];
    // A file left from a move that failed half-way.
    for (const t of mine) if (t !== current) await this.removeIfOurs(t.name);
    if (!always && current && current.updatedAt === stored.updatedAt && current.wanted === wanted) return;
    const text = this.deps.rules.textFor(stored);
    const hash = await hashText(text);
    if (!current) {
      if (await this.claim(stored, wanted, text, hash, listing)) return;
      const name = await this.pickName(stored, listing, null);
      const stamp = await this.write(name, text, true);
      this.track({ name, id: stored.id, hash, ...stamp, updatedAt: stored.updatedAt, wanted });
      return;
    }
    const disk = await this.diskNow(current, listing ? listing.get(current.name) ?? null : undefined);
    if (disk.kind === 'missing') {
      return this.report({ kind: 'missing', name: current.name, id: stored.id, title: stored.record.title });
    }
    if (disk.kind === 'changed') {
      if (disk.hash !== hash) return this.report({ kind: 'conflict', name: current.name, id: stored.id, title: stored.record.title });
      this.track({ ...current, hash, ...disk.stamp, updatedAt: stored.updatedAt, wanted });
      return this.clearIssue(current.name);
    }
    const name = current.wanted === wanted ? current.name : await this.pickName(stored, listing, current.name);
    if (name === current.name) {
      const stamp = hash === current.hash ? current : await this.write(name, text);
      this.track({ ...current, hash, lastModified: stamp.lastModified, size: stamp.size, updatedAt: stored.updatedAt, wanted });
      return;
    }
    // The name changed: the new file first, then the old one goes, so a failure between leaves two, never none.
    const stamp = await this.write(name, text, true);
    this.track({ name, id: stored.id, hash, ...stamp, updatedAt: stored.updatedAt, wanted });
    await this.removeIfOurs(current.name);
  }

  /**
   * A file already at the name of a record Lede tracks no file for: a write whose bookkeeping a stopped
   * worker lost (the same text: Lede's, taken back, not written twice), or this record changed since (a
   * conflict, as for a file that appeared). True when the file was taken or reported.
   */
  private async claim(stored: StoredRecord, wanted: string, text: string, hash: string,
    listing: Map<string, SyncFileHandle> | null): Promise<boolean> {
    if (this.tracked.has(wanted)) return false;
    const there = listing ? listing.get(wanted) ?? null : await fileHandle(this.deps.dir, wanted);
    if (!there) return false;
    const found = await readFile(there);
    if (found.stamp.size === 0) return false;
    this.counts.read++;
    const at = { name: wanted, id: stored.id, ...found.stamp, wanted };
    if (found.text === text) {
      this.track({ ...at, hash, updatedAt: stored.updatedAt });
      return true;
    }
    const decision = this.deps.rules.importFile(wanted, found.text);
    if (!decision.ok || decision.id !== stored.id) return false;
    this.track({ ...at, hash: '', updatedAt: '' });
    await this.report({ kind: 'conflict', name: wanted, id: stored.id, title: stored.record.title });
    return true;
  }

  /** Removes a tracked file if it still holds what Lede wrote; else keeps it, leaves it alone and says so. */
  private async removeIfOurs(name: string, handle?: SyncFileHandle | null): Promise<void> {
    const t = this.tracked.get(name);
    if (!t) return;
    const disk = await this.diskNow(t, handle);
    if (disk.kind === 'changed') {
      this.track({ ...t, id: null, hash: disk.hash, ...disk.stamp });
      return this.report({ kind: 'kept', name });
    }
    if (disk.kind === 'same') {
      await removeFile(this.deps.dir, name);
      this.counts.removed++;
    }
    this.untrack(name);
    await this.clearIssue(name);
  }

  /** A tracked file changed outside and its record did not: read it back through the import rules. */
  private async readBack(t: Tracked, disk: Extract<Disk, { kind: 'changed' }>, records: Map<string, StoredRecord> | null): Promise<void> {
    const { rules, library } = this.deps;
    const decision = rules.importFile(t.name, disk.text);
    // Invalid: nothing is imported; the file is read again until it is fixed or the record changes.
    if (!decision.ok) return this.report({ kind: 'invalid', name: t.name, problems: decision.problems });
    if (decision.id !== t.id) {
      const other = records?.get(decision.id) ?? await library.get(decision.id);
      if (other) return this.report({ kind: 'invalid', name: t.name, problems: [sameAddress(t.name, other.record.title)] });
    }
    const stored = await library.put(decision.record, t.id ?? undefined, decision.source);
    this.counts.imported++;
    if (records) {
      if (t.id) records.delete(t.id);
      records.set(stored.id, stored);
    }
    // The file keeps the name it has: the person edited it there.
    this.track({ ...t, id: stored.id, hash: disk.hash, ...disk.stamp, updatedAt: stored.updatedAt, wanted: rules.nameFor(stored) });
    await this.clearIssue(t.name);
  }

  /** A file Lede has not seen: a new record to import, one the library already holds, or a file to leave alone. */
  private async fileAppeared(name: string, handle: SyncFileHandle, records: Map<string, StoredRecord>): Promise<void> {
    const { rules, library } = this.deps;
    const { text, stamp } = await readFile(handle);
    this.counts.read++;
    const hash = await hashText(text);
    const foreign: Tracked = { name, id: null, hash, ...stamp, updatedAt: '', wanted: '' };
    const decision = rules.importFile(name, text);
    if (!decision.ok) {
      this.track(foreign);
      return this.report({ kind: 'invalid', name, problems: decision.problems });
    }
    const holder = this.byId.get(decision.id);
    if (holder?.size) {
      this.track(foreign);
      const [other] = holder;
      return this.report({ kind: 'invalid', name, problems: [sameAddress(name, other!)] });
    }
    const existing = records.get(decision.id) ?? await library.get(decision.id);
    if (existing) {
      const wanted = rules.nameFor(existing);
      if (await hashText(this.deps.rules.textFor(existing)) === hash) {
        // What Lede would write: Lede wrote it (an earlier sync whose state was lost, or an export).
        this.track({ name, id: existing.id, hash, ...stamp, updatedAt: existing.updatedAt, wanted });
        return this.clearIssue(name);
      }
      // No common version to start from: both sides count as changed until the person chooses.
      this.track({ name, id: existing.id, hash: '', ...stamp, updatedAt: '', wanted });
      return this.report({ kind: 'conflict', name, id: existing.id, title: existing.record.title });
    }
    const stored = await library.put(decision.record, undefined, decision.source);
    this.counts.imported++;
    records.set(stored.id, stored);
    this.track({ name, id: stored.id, hash, ...stamp, updatedAt: stored.updatedAt, wanted: rules.nameFor(stored) });
    await this.clearIssue(name);
  }

  // ── the folder ─────────────────────────────────────────────────────────────

  /** The file as it is now against what Lede last wrote or read there; read only when its stamp moved. */
  private async diskNow(t: Tracked, handle?: SyncFileHandle | null, seen?: SyncFile): Promise<Disk> {
    const found = handle === undefined ? await fileHandle(this.deps.dir, t.name) : handle;
    if (!found) return { kind: 'missing' };
    const file = seen ?? await found.getFile();
    const stamp = { lastModified: file.lastModified, size: file.size };
    if (t.hash && sameStamp(stamp, t)) return { kind: 'same' };
    const text = await file.text();
    this.counts.read++;
    const hash = await hashText(text);
    if (hash === t.hash) {
      // Touched, not changed (a `git checkout`, a sync tool): remember the new stamp, skip the read next time.
      this.track({ ...t, ...stamp });
      return { kind: 'same' };
    }
    return { kind: 'changed', text, hash, stamp };
  }

  /** `fresh`: the name was free, so a failed write must not leave the empty file that opening it made. */
  private async write(name: string, text: string, fresh = false): Promise<Stamp> {
    try {
      const stamp = await writeFile(this.deps.dir, name, text);
      this.counts.written++;
      return stamp;
    } catch (error) {
      if (fresh) await removeFile(this.deps.dir, name).catch(() => undefined);
      throw error;
    } finally {
      // Tracked from here on (or free again after a failure).
      if (fresh) this.reserved.delete(nameKey(name));
    }
  }

  /**
   * The record's name, or, when another file holds it, the rule's own stable variant (a suffix from the
   * record's address) that no file holds; `own` is the record's current file, which it may keep.
   */
  private async pickName(stored: StoredRecord, listing: Map<string, SyncFileHandle> | null, own: string | null): Promise<string> {
    const listed = listing ? new Set([...listing.keys()].map(nameKey)) : null;
    const taken = new Set<string>();
    for (;;) {
      const name = this.deps.rules.nameFor(stored, taken);
      const key = nameKey(name);
      if (own !== null && key === nameKey(own)) return own;
      taken.add(key);
      if (this.lower.has(key) || this.reserved.has(key)) continue;
      const other = listed && !listed.has(key) ? null : await fileHandle(this.deps.dir, name);
      // An empty file holds nothing to lose: it is what a write cut short (a stopped worker) leaves behind.
      if (other && (await other.getFile()).size > 0) continue;
      // Looked again after the awaits: a record written at the same time may have picked it meanwhile.
      if (this.lower.has(key) || this.reserved.has(key)) continue;
      this.reserved.add(key);
      return name;
    }
  }

  // ── what sync remembers ────────────────────────────────────────────────────

  private index(t: Tracked): void {
    this.tracked.set(t.name, t);
    this.lower.add(nameKey(t.name));
    if (t.id !== null) {
      let names = this.byId.get(t.id);
      if (!names) this.byId.set(t.id, (names = new Set()));
      names.add(t.name);
    }
  }

  private unindex(name: string): void {
    const t = this.tracked.get(name);
    if (!t) return;
    this.tracked.delete(name);
    this.lower.delete(nameKey(name));
    if (t.id !== null) {
      const names = this.byId.get(t.id);
      names?.delete(name);
      if (names?.size === 0) this.byId.delete(t.id);
    }
  }

  private track(t: Tracked): void {
    this.unindex(t.name);
    this.index(t);
    this.dirty.set(t.name, t);
  }

  private untrack(name: string): void {
    this.unindex(name);
    this.dirty.set(name, null);
  }

  async flush(): Promise<void> {
    if (this.dirty.size === 0) return;
    const put: Tracked[] = [];
    const drop: string[] = [];
    for (const [name, t] of this.dirty) {
      if (t) put.push(t);
      else drop.push(name);
    }
    this.dirty.clear();
    await this.deps.state.commit(put, drop);
  }

  private async report(issue: SyncIssue): Promise<void> {
    const known = this.issues.get(issue.name);
    if (known && JSON.stringify(known) === JSON.stringify(issue)) return;
    this.issues.set(issue.name, issue);
    await this.deps.state.setIssue(issue);
  }

  private async clearIssue(name: string): Promise<void> {
    if (!this.issues.delete(name)) return;
    await this.deps.state.clearIssue(name);
  }
}

/** A tracked file as sync last saw it, standing in for `getFile()`; its text is read only when asked for. */
function asSeen(t: Tracked, handle: SyncFileHandle): SyncFile {
  return { lastModified: t.lastModified, size: t.size, text: async () => (await handle.getFile()).text() };
}

function sameAddress(name: string, other: string): string {
  return formatProblem({ file: name, key: 'originalUrl', message: `the same address as “${other}”, already in the library; not imported`, severity: 'error' });
}
