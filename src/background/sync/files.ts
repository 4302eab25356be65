// The folder side of sync's decisions: a tracked file as it is now, a free name for a record, Lede's writes, leftovers.
import type { StoredRecord } from '../../shared/messages.js';
import { fileHandle, isNotFound, removeFile, sameStamp, type Stamp, type SyncDirHandle, type SyncFile, type SyncFileHandle } from './folder.js';
import { hashText } from './hash.js';
import type { SyncMemory } from './memory.js';
import { isRecordFileName, nameKey, type SyncRules } from './rules.js';
import type { Tracked } from './state.js';
import { isLeftover, writeRecordFile, type Expect, type WriteOutcome } from './write.js';

export interface SyncCounts {
  written: number;
  removed: number;
  read: number;
  imported: number;
  /** Files whose stamp (size, time) was asked for: what a pass with nothing changed costs. */
  statted: number;
}

export type Disk =
  | { kind: 'missing' }
  | { kind: 'same' }
  | { kind: 'changed'; text: string; hash: string; stamp: Stamp };

export type Listing = Map<string, SyncFileHandle>;

export class FolderSide {
  readonly counts: SyncCounts = { written: 0, removed: 0, read: 0, imported: 0, statted: 0 };

  constructor(readonly dir: SyncDirHandle, private readonly memory: SyncMemory, private readonly rules: SyncRules) {}

  /**
   * The file as it is now against what Lede last wrote or read there; read only when its stamp moved.
   * Missing also when it vanished between the listing and the look (a `git checkout`).
   */
  async diskNow(t: Tracked, handle?: SyncFileHandle | null, seen?: SyncFile): Promise<Disk> {
    const found = handle === undefined ? await fileHandle(this.dir, t.name) : handle;
    if (!found) return { kind: 'missing' };
    let text: string;
    let stamp: Stamp;
    try {
      const file = seen ?? await found.getFile();
      stamp = { lastModified: file.lastModified, size: file.size };
      if (t.hash && sameStamp(stamp, t)) return { kind: 'same' };
      text = await file.text();
    } catch (error) {
      if (isNotFound(error)) return { kind: 'missing' };
      throw error;
    }
    this.counts.read++;
    const hash = await hashText(text);
    if (hash === t.hash) {
      // Touched, not changed (a `git checkout`, a sync tool): remember the new stamp, skip the read next time.
      this.memory.track({ ...t, ...stamp });
      return { kind: 'same' };
    }
    return { kind: 'changed', text, hash, stamp };
  }

  /** Lede's text under `name` (see write.ts); a reserved name is free again once written or failed. */
  async write(name: string, text: string, expect: Expect): Promise<WriteOutcome> {
    try {
      const outcome = await writeRecordFile(this.dir, name, text, expect);
      if (outcome.kind !== 'changed-before') this.counts.written++;
      return outcome;
    } finally {
      this.memory.reserved.delete(nameKey(name));
    }
  }

  async remove(name: string): Promise<void> {
    await removeFile(this.dir, name);
    this.counts.removed++;
  }

  /**
   * The record's name, or, when another file holds it, the rule's own stable variant (a suffix from the
   * record's address) that no file holds; `own` is the record's current file, which it may keep. The
   * name is reserved until written.
   */
  async pickName(stored: StoredRecord, listing: Listing | null, own: string | null): Promise<string> {
    const listed = listing ? new Set([...listing.keys()].map(nameKey)) : null;
    const taken = new Set<string>();
    for (;;) {
      const name = this.rules.nameFor(stored, taken);
      const key = nameKey(name);
      if (own !== null && key === nameKey(own)) return own;
      taken.add(key);
      if (this.memory.isTaken(key)) continue;
      const other = listed && !listed.has(key) ? null : await fileHandle(this.dir, name);
      // An empty file holds nothing to lose: a new note not written yet, or what a cut-off write left.
      if (other && (await other.getFile().then((f) => f.size, () => 0)) > 0) continue;
      // Looked again after the awaits: a record written at the same time may have picked it meanwhile.
      if (this.memory.isTaken(key)) continue;
      this.memory.reserved.add(key);
      return name;
    }
  }

  /** Removes what a cut-off run left (temporary files, swap files of Lede's writes); the listing loses them. */
  async removeLeftovers(listing: Listing): Promise<void> {
    const emptyOrGone = async (name: string): Promise<boolean> => {
      const handle = listing.get(name);
      return !handle || (await handle.getFile().then((f) => f.size === 0, () => true));
    };
    for (const name of [...listing.keys()]) {
      if (this.memory.tracked.has(name)) continue;
      const base = name.replace(/\.crswap$/, '');
      const lede = this.memory.tracked.get(base)?.id != null || (isRecordFileName(base) && await emptyOrGone(base));
      if (!isLeftover(name, () => lede)) continue;
      await removeFile(this.dir, name);
      listing.delete(name);
    }
  }
}
