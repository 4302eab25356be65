// Sync's own memory in IndexedDB: the files it tracks, the issues it reports, the queue of pending work.
import type { DBSchema, IDBPDatabase } from 'idb';
import { LazyDatabase } from '../lazy-db.js';
import type { SyncIssue } from '../../shared/sync-status.js';
import type { Stamp } from './folder.js';

/** A file in the sync folder that sync has looked at. */
export interface Tracked extends Stamp {
  name: string;
  /**
   * The record this file holds. null: a file Lede looked at and leaves alone (not a valid record,
   * or kept after its record was deleted); it is read again only when it changes.
   */
  id: string | null;
  /** Hash of the text Lede wrote or read back; '' when there never was agreement (a conflict found on first sight). */
  hash: string;
  /** The record's updatedAt when file and record last agreed. */
  updatedAt: string;
  /** The name Lede would give the record then: the file moves when that changes, so a name the person gave stays. */
  wanted: string;
}

/** Work waiting in the queue; a key is `record:<id>` or `image:<url>`. */
export interface QueueItem {
  key: string;
  /** Bumped by every enqueue, so finishing an older run of a job never drops a newer request. */
  seq: number;
  attempts: number;
  /** Epoch ms before which the item is not retried. */
  notBefore: number;
  error?: string;
}

interface SyncDb extends DBSchema {
  files: { key: string; value: Tracked };
  issues: { key: string; value: SyncIssue };
  queue: { key: string; value: QueueItem };
  meta: { key: string; value: unknown };
  /** Names the folder watcher reported changed, appeared or gone, not looked at yet; the value is a `seq`. */
  observed: { key: string; value: number };
}

export class SyncState {
  private readonly db: LazyDatabase<SyncDb>;
  private seq = Date.now();

  constructor(name = 'lede-sync') {
    this.db = new LazyDatabase<SyncDb>(name, 2, {
      upgrade(db, oldVersion) {
        if (oldVersion < 1) {
          db.createObjectStore('files', { keyPath: 'name' });
          db.createObjectStore('issues', { keyPath: 'name' });
          db.createObjectStore('queue', { keyPath: 'key' });
          db.createObjectStore('meta');
        }
        // 2: the folder watcher's reports (Chrome).
        if (oldVersion < 2) db.createObjectStore('observed');
      },
    });
  }

  private open(): Promise<IDBPDatabase<SyncDb>> {
    return this.db.open();
  }

  close(): void {
    this.db.close();
  }

  async files(): Promise<Tracked[]> {
    return (await this.open()).getAll('files');
  }

  /** Stores what changed about the tracked files in one transaction. */
  async commit(put: Iterable<Tracked>, drop: Iterable<string>): Promise<void> {
    const tx = (await this.open()).transaction('files', 'readwrite');
    for (const name of drop) void tx.store.delete(name);
    for (const tracked of put) void tx.store.put(tracked);
    await tx.done;
  }

  async issues(): Promise<SyncIssue[]> {
    return (await this.open()).getAll('issues');
  }

  async setIssue(issue: SyncIssue): Promise<void> {
    await (await this.open()).put('issues', issue);
  }

  async clearIssue(name: string): Promise<void> {
    await (await this.open()).delete('issues', name);
  }

  async enqueue(keys: string[], now = Date.now()): Promise<void> {
    const tx = (await this.open()).transaction('queue', 'readwrite');
    for (const key of keys) void tx.store.put({ key, seq: ++this.seq, attempts: 0, notBefore: now });
    await tx.done;
  }

  async queue(): Promise<QueueItem[]> {
    return (await this.open()).getAll('queue');
  }

  /** Work waiting: queued jobs, and names the watcher reported that are not looked at yet. */
  async pending(): Promise<number> {
    const db = await this.open();
    const [queued, observed] = await Promise.all([db.count('queue'), db.count('observed')]);
    return queued + observed;
  }

  /** Removes the item, unless it was enqueued again while it ran. */
  async dequeue(item: QueueItem): Promise<void> {
    const tx = (await this.open()).transaction('queue', 'readwrite');
    const current = await tx.store.get(item.key);
    if (current?.seq === item.seq) await tx.store.delete(item.key);
    await tx.done;
  }

  async retryLater(item: QueueItem, notBefore: number, error: string): Promise<void> {
    const tx = (await this.open()).transaction('queue', 'readwrite');
    const current = await tx.store.get(item.key);
    // Enqueued again meanwhile: that newer request runs at its own time.
    if (current && current.seq === item.seq) {
      await tx.store.put({ ...current, attempts: current.attempts + 1, notBefore, error });
    }
    await tx.done;
  }

  /** Keeps the names the watcher reported until they are looked at, so a stopped worker loses none. */
  async observe(names: Iterable<string>): Promise<void> {
    const tx = (await this.open()).transaction('observed', 'readwrite');
    for (const name of names) void tx.store.put(++this.seq, name);
    await tx.done;
  }

  async observed(): Promise<Map<string, number>> {
    const tx = (await this.open()).transaction('observed');
    const [names, seqs] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll()]);
    await tx.done;
    return new Map(names.map((name, i) => [name, seqs[i]!]));
  }

  /** Drops names looked at, unless reported again while they were (then they are looked at again). */
  async unobserve(taken: Map<string, number>): Promise<void> {
    const tx = (await this.open()).transaction('observed', 'readwrite');
    await Promise.all([...taken].map(async ([name, seq]) => {
      if ((await tx.store.get(name)) === seq) await tx.store.delete(name);
    }));
    await tx.done;
  }

  async getMeta<T>(key: string): Promise<T | undefined> {
    return (await (await this.open()).get('meta', key)) as T | undefined;
  }

  async setMeta(key: string, value: unknown): Promise<void> {
    await (await this.open()).put('meta', value, key);
  }

  /** Forgets everything about the folder (another folder was chosen, or sync was turned off); the queue stays. */
  async forgetFolder(): Promise<void> {
    const tx = (await this.open()).transaction(['files', 'issues', 'observed'], 'readwrite');
    await Promise.all([tx.objectStore('files').clear(), tx.objectStore('issues').clear(), tx.objectStore('observed').clear(), tx.done]);
  }
}
