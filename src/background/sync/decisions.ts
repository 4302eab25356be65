// Folder sync's decisions: which file to write, move, remove or read back, and what to leave to the person.
//
// The rules, in one place: a file is written only when its text changed (hash per file); a file is
// removed or overwritten only while it still holds what Lede wrote (else it is kept and reported);
// a file Lede did not write is read, never written; nothing is written outside the folder (names
// come from the naming rule, which makes no path); both sides changed means both are kept; a read-back
// is applied only while the record is at the revision sync agreed on with the file, so a person's save
// made meanwhile is a conflict the person sees, never overwritten.
import { formatProblem } from '../../record/index.js';
import type { StoredRecord } from '../../shared/messages.js';
import type { Disk, FolderSide, Listing } from './files.js';
import { readFile, sameStamp, type Stamp, type SyncFile, type SyncFileHandle } from './folder.js';
import { hashText } from './hash.js';
import type { SyncLibrary, SyncWrite } from './library.js';
import type { SyncMemory } from './memory.js';
import { looksLikeRecord, type SyncRules } from './rules.js';
import type { Tracked } from './state.js';

/** What one look at the folder (a pass, a watch batch, a job) knows. */
export interface Look {
  records: Map<string, StoredRecord>;
  listing: Listing | null;
  /** Tracked files found gone in this look, by record: a file holding that record appearing in the same look is their move. */
  gone: Map<string, Tracked> | null;
}

type Changed = Extract<Disk, { kind: 'changed' }>;

/** The record changed since it last agreed with its file (by revision; by time for state kept before revisions). */
function recordChanged(t: Tracked, stored: StoredRecord): boolean {
  return t.revision !== undefined ? stored.revision !== t.revision : stored.updatedAt !== t.updatedAt;
}

function agreed(stored: StoredRecord): Pick<Tracked, 'updatedAt' | 'revision'> {
  return { updatedAt: stored.updatedAt, revision: stored.revision };
}

export class Decisions {
  constructor(private readonly library: SyncLibrary, private readonly rules: SyncRules,
    private readonly memory: SyncMemory, private readonly side: FolderSide) {}

  private conflict(name: string, id: string, title: string): Promise<void> {
    return this.memory.report({ kind: 'conflict', name, id, title });
  }

  async reconcile(t: Tracked, handle: SyncFileHandle | null, look: Look, file?: SyncFile): Promise<void> {
    const { memory } = this;
    if (t.id === null) {
      // A file Lede leaves alone: looked at again only when it changes.
      if (!handle) {
        memory.untrack(t.name);
        return memory.clearIssue(t.name);
      }
      if (sameStamp(file ?? await handle.getFile(), t)) return;
      memory.untrack(t.name);
      return this.fileAppeared(t.name, handle, look);
    }
    const stored = t.deleted ? null : look.records.get(t.id) ?? null;
    if (!handle) {
      // Gone: moved (a file with its record appears in this look) or deleted outside, decided after the new files.
      if (look.gone) look.gone.set(t.id, t);
      else await this.goneFile(t, stored);
      return;
    }
    if (!stored) return this.removeIfOurs(t.name, handle);
    const disk = await this.side.diskNow(t, handle, file);
    if (disk.kind === 'same') {
      if (recordChanged(t, stored)) await this.push(stored, look.listing);
      return;
    }
    if (disk.kind === 'missing') return;
    return this.settle(t, disk, stored, look);
  }

  /** A tracked file that went for good: forgotten when its record went too, else listed as missing. */
  async goneFile(t: Tracked, stored: StoredRecord | null): Promise<void> {
    if (stored && !t.deleted) return this.missing(t, stored);
    this.memory.untrack(t.name);
    await this.memory.clearIssue(t.name);
  }

  /** Deleted or moved away outside Lede: neither the record goes nor the file comes back unasked. */
  missing(t: Tracked, stored: StoredRecord): Promise<void> {
    return this.memory.report({ kind: 'missing', name: t.name, id: stored.id, title: stored.record.title });
  }

  /** The file changed since it agreed with the record: read it back, or, when the record changed too, both are kept. */
  private async settle(t: Tracked, disk: Changed, stored: StoredRecord, look: Look | null): Promise<void> {
    if (!recordChanged(t, stored)) return this.readBack(t, disk, stored.revision, look);
    const hash = await hashText(this.rules.textFor(stored));
    if (hash === disk.hash) {
      this.memory.track({ ...t, hash, ...disk.stamp, ...agreed(stored), wanted: this.rules.nameFor(stored) });
      return this.memory.clearIssue(t.name);
    }
    return this.conflict(t.name, stored.id, stored.record.title);
  }

  /** Writes the record's file when its text changed, moving it when its name did; never over an outside change. */
  async push(stored: StoredRecord, listing: Listing | null, always = false): Promise<void> {
    const { rules, memory, side } = this;
    const wanted = rules.nameFor(stored);
    const mine = memory.filesOf(stored.id);
    const first = mine.find((t) => t.wanted === wanted) ?? mine[0];
    // A file left from a move that failed half-way.
    for (const t of mine) if (t !== first) await this.removeIfOurs(t.name);
    if (!always && first && !recordChanged(first, stored) && first.wanted === wanted) return;
    const text = rules.textFor(stored);
    const hash = await hashText(text);
    if (!first) {
      if (await this.claim(stored, wanted, text, hash, listing)) return;
      return this.writeNew(stored, await side.pickName(stored, listing, null), text, hash, wanted);
    }
    const disk = await side.diskNow(first, listing ? listing.get(first.name) ?? null : undefined);
    if (disk.kind === 'missing') return this.missing(first, stored);
    if (disk.kind === 'changed') return this.settle(first, disk, stored, null);
    // diskNow may have taken a touched file's new stamp.
    const current = memory.tracked.get(first.name) ?? first;
    const name = current.wanted === wanted ? current.name : await side.pickName(stored, listing, current.name);
    if (name !== current.name) {
      // The name changed: the new file first, then the old one goes, so a failure between leaves two, never none.
      await this.writeNew(stored, name, text, hash, wanted);
      if (memory.tracked.get(name)?.id === stored.id) await this.removeIfOurs(current.name);
      return;
    }
    if (hash === current.hash) {
      memory.track({ ...current, ...agreed(stored), wanted });
      return;
    }
    const outcome = await side.write(name, text, current);
    // Changed outside in the instant before: the record changed too, so both are kept.
    if (outcome.kind === 'changed-before') return this.conflict(name, stored.id, stored.record.title);
    const t: Tracked = { ...current, hash, ...outcome.stamp, ...agreed(stored), wanted };
    memory.track(t);
    if (outcome.kind === 'changed-after') await this.settle(t, await changed(outcome), stored, null);
  }

  private async writeNew(stored: StoredRecord, name: string, text: string, hash: string, wanted: string): Promise<void> {
    const outcome = await this.side.write(name, text, 'free');
    // A file took the name in the instant before: it is looked at as a file that appeared; the record waits for the next look.
    if (outcome.kind === 'changed-before') return;
    const t: Tracked = { name, id: stored.id, hash, ...outcome.stamp, ...agreed(stored), wanted };
    this.memory.track(t);
    if (outcome.kind === 'changed-after') await this.settle(t, await changed(outcome), stored, null);
  }

  /**
   * A file already at the name of a record Lede tracks no file for: a write whose bookkeeping a stopped
   * worker lost (the same text: Lede's, taken back, not written twice), or this record changed since (a
   * conflict, as for a file that appeared). True when the file was taken or reported.
   */
  private async claim(stored: StoredRecord, wanted: string, text: string, hash: string, listing: Listing | null): Promise<boolean> {
    if (this.memory.tracked.has(wanted)) return false;
    const there = listing ? listing.get(wanted) ?? null : await this.side.dir.getFileHandle(wanted).catch(() => null);
    if (!there) return false;
    const found = await readFile(there).catch(() => null);
    if (!found || found.stamp.size === 0) return false;
    this.side.counts.read++;
    const at = { name: wanted, id: stored.id, ...found.stamp, wanted };
    if (found.text === text) {
      this.memory.track({ ...at, hash, ...agreed(stored) });
      return true;
    }
    const decision = this.rules.importFile(wanted, found.text);
    if (!decision.ok || decision.id !== stored.id) return false;
    this.memory.track({ ...at, hash: '', updatedAt: '', revision: 0 });
    await this.conflict(wanted, stored.id, stored.record.title);
    return true;
  }

  /** Removes a tracked file if it still holds what Lede wrote; else keeps it, leaves it alone and says so. */
  async removeIfOurs(name: string, handle?: SyncFileHandle | null): Promise<void> {
    const { memory } = this;
    const t = memory.tracked.get(name);
    if (!t) return;
    const disk = await this.side.diskNow(t, handle);
    if (disk.kind === 'changed') {
      memory.track({ ...t, id: null, hash: disk.hash, ...disk.stamp });
      return memory.report({ kind: 'kept', name });
    }
    await memory.clearIssue(name);
    // Not found: kept as a tombstone, so the delete is carried out on the file should it turn up (moved, checked out again).
    if (disk.kind === 'missing') return memory.track({ ...t, deleted: true });
    await this.side.remove(name);
    memory.untrack(name);
  }

  /** A tracked file changed outside and its record did not since `expected`: read back through the import rules. */
  async readBack(t: Tracked, disk: Changed, expected: number | null, look: Look | null): Promise<void> {
    const { rules, library, memory } = this;
    const decision = rules.importFile(t.name, disk.text);
    // Invalid: nothing is imported; the file is read again until it is fixed or the record changes.
    if (!decision.ok) return memory.report({ kind: 'invalid', name: t.name, problems: decision.problems });
    let result: SyncWrite;
    if (t.id !== null && decision.id !== t.id) {
      // The address was edited in the file: the record moves to it, unless another record holds it.
      const other = look?.records.get(decision.id) ?? await library.get(decision.id);
      if (other) return memory.report({ kind: 'invalid', name: t.name, problems: [sameAddress(t.name, other.record.title)] });
      result = expected === null ? await library.readBack(decision.id, null, decision)
        : await library.readBackMoved({ id: t.id, revision: expected }, decision.id, decision);
    } else {
      result = await library.readBack(decision.id, expected, decision);
    }
    if (!result.ok) {
      // The record was saved (or deleted) since sync agreed with the file: both versions stay, the person chooses.
      return this.conflict(t.name, t.id ?? decision.id, result.current?.record.title ?? decision.record.title);
    }
    const { stored } = result;
    this.side.counts.imported++;
    if (look) {
      if (t.id) look.records.delete(t.id);
      look.records.set(stored.id, stored);
    }
    // The file keeps the name it has: the person edited it there.
    memory.track({ ...t, id: stored.id, hash: disk.hash, ...disk.stamp, ...agreed(stored), wanted: rules.nameFor(stored) });
    await memory.clearIssue(t.name);
  }

  /** A file Lede has not seen: a record's file moved, a new record, one the library holds, or a file to leave alone. */
  async fileAppeared(name: string, handle: SyncFileHandle, look: Look): Promise<void> {
    const { rules, library, memory } = this;
    const { text, stamp } = await readFile(handle);
    this.side.counts.read++;
    // Holds nothing (a note not written yet, or a cut-off write): not tracked, and a record may take its name.
    if (stamp.size === 0) return;
    const hash = await hashText(text);
    const foreign: Tracked = { name, id: null, hash, ...stamp, updatedAt: '', wanted: '' };
    const decision = rules.importFile(name, text);
    if (!decision.ok) {
      if (!looksLikeRecord(text)) {
        memory.track({ ...foreign, notRecord: true });
        return memory.clearIssue(name);
      }
      memory.track(foreign);
      return memory.report({ kind: 'invalid', name, problems: decision.problems });
    }
    const moved = look.gone?.get(decision.id) ?? memory.tombOf(decision.id);
    if (moved) return this.moved(moved, name, { kind: 'changed', text, hash, stamp }, look);
    const [holder] = memory.filesOf(decision.id);
    if (holder) {
      memory.track(foreign);
      return memory.report({ kind: 'invalid', name, problems: [sameAddress(name, holder.name)] });
    }
    const existing = look.records.get(decision.id) ?? await library.get(decision.id);
    if (existing) {
      const wanted = rules.nameFor(existing);
      if (await hashText(rules.textFor(existing)) === hash) {
        // What Lede would write: Lede wrote it (an earlier sync whose state was lost, or an export).
        memory.track({ name, id: existing.id, hash, ...stamp, ...agreed(existing), wanted });
        return memory.clearIssue(name);
      }
      // No common version to start from: both sides count as changed until the person chooses.
      memory.track({ name, id: existing.id, hash: '', ...stamp, updatedAt: '', revision: 0, wanted });
      return this.conflict(name, existing.id, existing.record.title);
    }
    await this.readBack({ ...foreign, id: null }, { kind: 'changed', text, hash, stamp }, null, look);
  }

  /** A tracked file went and one holding its record came in the same look: one file, renamed (and maybe edited). */
  private async moved(from: Tracked, name: string, disk: Changed, look: Look): Promise<void> {
    const { memory } = this;
    look.gone?.delete(from.id!);
    memory.untrack(from.name);
    await memory.clearIssue(from.name);
    const same = disk.hash === from.hash;
    // Edited as well: the old stamp stays with the old text, so the file is read again until settled.
    memory.track({ ...from, name, ...(same ? stampOf(disk.stamp) : {}) });
    const stored = from.deleted ? null : look.records.get(from.id!) ?? await this.library.get(from.id!);
    if (!stored) {
      // The record was deleted in Lede meanwhile: carried out on the moved file while it holds Lede's text.
      if (same) return this.removeIfOurs(name);
      const { deleted: _tombstone, ...kept } = from;
      memory.track({ ...kept, name, id: null, hash: disk.hash, ...stampOf(disk.stamp) });
      return memory.report({ kind: 'kept', name });
    }
    if (!same) await this.settle(memory.tracked.get(name)!, disk, stored, look);
  }
}

function stampOf(stamp: Stamp): Stamp {
  return { lastModified: stamp.lastModified, size: stamp.size };
}

async function changed(outcome: { stamp: Stamp; text: string }): Promise<Changed> {
  return { kind: 'changed', text: outcome.text, hash: await hashText(outcome.text), stamp: outcome.stamp };
}

export function sameAddress(name: string, other: string): string {
  return formatProblem({ file: name, key: 'originalUrl', message: `the same address as “${other}”, already in the library; not imported`, severity: 'error' });
}
