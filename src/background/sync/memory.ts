// What folder sync remembers between runs: the files it tracks (by name, by record), the issues it reports.
import type { SyncIssue } from '../../shared/sync-status.js';
import { nameKey } from './rules.js';
import type { SyncState, Tracked } from './state.js';

export class SyncMemory {
  readonly tracked = new Map<string, Tracked>();
  /** Names of tracked files as `nameKey` gives them: the folder may not tell `A.md` from `a.md`. */
  readonly lower = new Set<string>();
  readonly byId = new Map<string, Set<string>>();
  readonly issues = new Map<string, SyncIssue>();
  /** Names picked for files being written right now, so two records written at once never pick the same. */
  readonly reserved = new Set<string>();
  /** Tracked files changed since the last flush: the entry, or null when dropped. */
  private readonly dirty = new Map<string, Tracked | null>();

  private constructor(private readonly state: SyncState) {}

  static async load(state: SyncState): Promise<SyncMemory> {
    const memory = new SyncMemory(state);
    for (const t of await state.files()) memory.index(t);
    for (const issue of await state.issues()) memory.issues.set(issue.name, issue);
    return memory;
  }

  /** The files this record is tracked under (one, but two while a move is half done); tombstones not counted. */
  filesOf(id: string): Tracked[] {
    return this.allOf(id).filter((t) => !t.deleted);
  }

  /** The tombstone of a deleted record whose file was not found, if any. */
  tombOf(id: string): Tracked | undefined {
    return this.allOf(id).find((t) => t.deleted);
  }

  private allOf(id: string): Tracked[] {
    return [...(this.byId.get(id) ?? [])].map((name) => this.tracked.get(name)!);
  }

  /** Files that are not records (no Lede front matter), left alone: counted, never listed one by one. */
  get leftAlone(): number {
    let n = 0;
    for (const t of this.tracked.values()) if (t.notRecord) n++;
    return n;
  }

  /** Whether the name is taken by a tracked file or a write in progress (compared as the folder does). */
  isTaken(key: string): boolean {
    return this.lower.has(key) || this.reserved.has(key);
  }

  track(t: Tracked): void {
    this.unindex(t.name);
    this.index(t);
    this.dirty.set(t.name, t);
  }

  untrack(name: string): void {
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
    await this.state.commit(put, drop);
  }

  async report(issue: SyncIssue): Promise<void> {
    const known = this.issues.get(issue.name);
    if (known && JSON.stringify(known) === JSON.stringify(issue)) return;
    this.issues.set(issue.name, issue);
    await this.state.setIssue(issue);
  }

  async clearIssue(name: string): Promise<void> {
    if (!this.issues.delete(name)) return;
    await this.state.clearIssue(name);
  }

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
}
