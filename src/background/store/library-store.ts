// The library in IndexedDB: every change is "this, if the row is still at revision N", in one transaction.
import type { LedeRecord } from '../../record/index.js';
import type { Incoming, MergeDecision } from '../../transfer/merge.js';
import { sameRecord } from '../../transfer/read-file.js';
import type { ChangeSource, StoredRecord } from '../../shared/messages.js';
import type { Extraction } from '../../extract/types.js';
import type { ApplyResult, Change, ChangeListener, DeleteResult, Expected, MoveChange, RecordWrite, Update } from './api.js';
import { libraryDatabase, LIBRARY_DB_NAME } from './database.js';
import { asStoreError, StoreError } from './errors.js';
import { importOne, type ImportItem } from './import.js';
import { libraryKey } from './key.js';
import { LibraryReads } from './reads.js';
import { keepsSource } from './rows.js';
import { atomically, Writer, type Committed } from './writer.js';

export interface SaveOptions {
  /** The revision the editor opened (of `previousId`, else of the record's own row); null or absent: none. */
  revision?: number | null;
  /** The row the editor opened, when the originalUrl was edited: the record moves from there. */
  previousId?: string;
  /** The person merged the record into this row (its address), as it was at `revision`. */
  mergeWith?: { id: string; revision: number };
  sources?: Extraction['sources'];
  /** The settings' file-name template, for a record named for the first time. */
  fileNameTemplate?: string;
  /** The text of the file the record was read from, kept while the record is still what it says (folder sync). */
  source?: string;
}

export type SaveOutcome =
  | { ok: true; stored: StoredRecord; created: boolean }
  | { ok: false; conflict: { current: StoredRecord | null } }
  | { ok: false; addressTaken: { other: StoredRecord } };

const conflict = (id: string, current: StoredRecord | null) => ({ ok: false as const, conflict: { id, current } });

export class LibraryStore extends LibraryReads {
  private readonly listeners = new Set<ChangeListener>();

  constructor(name = LIBRARY_DB_NAME, private readonly now = () => new Date()) {
    super(libraryDatabase(name));
  }

  /** Calls `listener` after each committed change to a row; returns the unsubscribe. */
  onChanged(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Runs `work` in one read-write transaction; once it has committed, the index and the listeners hear of it. */
  private async write<T>(by: ChangeSource, work: (writer: Writer) => Promise<T>): Promise<T> {
    const now = this.now().toISOString();
    const { result, committed } = await this.run(async (db) => {
      const tx = db.transaction(['records', 'gone', 'search'], 'readwrite');
      return atomically(tx, async () => {
        const writer = new Writer(tx, by, now);
        const result = await work(writer);
        await tx.done;
        return { result, committed: writer.committed };
      });
    });
    this.told(committed);
    return result;
  }

  private told({ by, at, written, removed, unsound }: Committed): void {
    if (!written.length && !removed.length) return;
    this.skipped = Math.max(0, this.skipped - unsound);
    this.changed((index) => {
      for (const { id } of removed) index.remove(id);
      for (const stored of written) index.upsert(stored);
    });
    const changes = [
      ...removed.map(({ id, revision }) => ({ id, revision, by, at, deleted: true })),
      ...written.map(({ id, revision }) => ({ id, revision, by, at })),
    ];
    for (const listener of this.listeners) {
      for (const change of changes) {
        try {
          listener(change);
        } catch (error) {
          console.error('Lede: library listener', error);
        }
      }
    }
  }

  /**
   * The one write: applies `change` to the row `id` if it is still at `expected` (null: no row), in one
   * transaction. A mismatch answers a conflict with the row as it is, and writes nothing.
   */
  async apply(id: string, expected: Expected, change: Change, by: ChangeSource): Promise<ApplyResult> {
    return this.write(by, async (writer) => {
      const state = await writer.read(id);
      if (!Writer.matches(state, expected)) return conflict(id, state.current);
      const next = change(state.current);
      if (!next) return { ok: true, stored: state.current, written: false, created: false };
      return { ok: true, stored: await writer.put(state, next), written: true, created: state.current === null };
    });
  }

  /** A change to the row as it is now (read, changed and written in one transaction); a conflict when there is no row. */
  async update(id: string, change: Update, by: ChangeSource): Promise<ApplyResult> {
    return this.write(by, async (writer) => {
      const state = await writer.read(id);
      if (!state.current) return conflict(id, null);
      const next = change(state.current);
      if (!next) return { ok: true, stored: state.current, written: false, created: false };
      return { ok: true, stored: await writer.put(state, next), written: true, created: false };
    });
  }

  /**
   * Moves the row `from` (while at its revision) to `to.id` (while at `to.revision`; null: no row there):
   * writes `change`'s result there and deletes `from`'s row, in one transaction. A conflict names the row.
   */
  async move(from: { id: string; revision: number }, to: { id: string; revision: Expected }, change: MoveChange, by: ChangeSource): Promise<ApplyResult> {
    if (from.id === to.id) return this.apply(from.id, from.revision, (current) => change(current!, null), by);
    return this.write(by, async (writer) => {
      const source = await writer.read(from.id);
      if (!Writer.matches(source, from.revision)) return conflict(from.id, source.current);
      const target = await writer.read(to.id);
      if (!Writer.matches(target, to.revision)) return conflict(to.id, target.current);
      const moved = source.current!;
      // What the row keeps beside the record: the target's when there is one (its file, its first save), else the moved row's.
      const inherit: StoredRecord = target.current
        ? { ...moved, savedAt: target.current.savedAt, ...pick(target.current) }
        : moved;
      const stored = await writer.put(target, change(moved, target.current), inherit);
      await writer.remove(source);
      return { ok: true, stored, written: true, created: false };
    });
  }

  /** Deletes the row `id` (also one that fails its checks) while at `expected`; absent: as it is now. */
  async remove(id: string, by: ChangeSource, expected?: number): Promise<DeleteResult> {
    return this.write(by, async (writer) => {
      const state = await writer.read(id);
      if (expected !== undefined && state.raw !== undefined && state.current?.revision !== expected) return conflict(id, state.current);
      await writer.remove(state);
      return { ok: true, deleted: state.current };
    });
  }

  /**
   * Saves what an editor (or the folder) holds: under the record's key when it opened that row, or moved
   * from `previousId` when the originalUrl was edited; only while each row is at the revision it read.
   * An edited address that another record holds is refused (`addressTaken`) unless merged with it.
   */
  async save(record: LedeRecord, by: ChangeSource, options: SaveOptions = {}): Promise<SaveOutcome> {
    const id = libraryKey(record);
    if (!id) throw new StoreError('failed', 'the record has no http(s) address to key it by');
    const { revision = null, previousId, mergeWith } = options;
    const write: RecordWrite = {
      record, fileNameTemplate: options.fileNameTemplate,
      ...(options.sources ? { sources: options.sources } : {}),
      ...(options.source !== undefined ? { source: keepsSource(options.source, record) ? options.source : null } : {}),
    };
    const there = mergeWith?.id === id ? mergeWith.revision : null;
    const moving = previousId !== undefined && previousId !== id && revision !== null;
    const result = moving
      ? await this.move({ id: previousId, revision }, { id, revision: there }, () => write, by)
      : await this.apply(id, previousId === id || previousId === undefined ? revision ?? there : there, () => write, by);
    if (result.ok) return { ok: true, stored: result.stored!, created: result.created };
    const { current } = result.conflict;
    // The row under the new address was in the way (or changed since the merge was decided).
    if (moving && result.conflict.id === id && current) return { ok: false, addressTaken: { other: current } };
    return { ok: false, conflict: { current } };
  }

  /**
   * Undo: puts `stored`'s content back (its times too), where no record is (`over` absent: a delete
   * undone) or over the row a save made while it is still at that revision; never over newer work.
   */
  async restore(stored: StoredRecord, over?: { id: string; revision: number }, by: ChangeSource = 'undo'): Promise<ApplyResult> {
    const write: RecordWrite = {
      record: stored.record, savedAt: stored.savedAt, updatedAt: stored.updatedAt, source: stored.source ?? null,
      ...pick(stored), ...(stored.sources ? { sources: stored.sources } : {}),
    };
    const result = !over || over.id === stored.id
      ? await this.apply(stored.id, over ? over.revision : null, () => write, by)
      : await this.move(over, { id: stored.id, revision: null }, () => write, by);
    // Undone already (a second click): the row is the very record being put back.
    const current = result.ok ? null : result.conflict.current;
    if (current && current.updatedAt === stored.updatedAt && sameRecord(current.record, stored.record)) {
      return { ok: true, stored: current, written: false, created: false };
    }
    return result;
  }

  /**
   * Imports records: for each, the merge rule decides against the row under its key inside the same
   * transaction as the write, so a record changed meanwhile is never overwritten blindly. One
   * transaction for the batch (10,000 transactions cost seconds); should it fail, each record is
   * tried alone, so one that cannot be stored (quota) takes no other with it.
   */
  async importRecords(items: ImportItem[], by: ChangeSource = 'import'): Promise<Array<MergeDecision | StoreError>> {
    try {
      return await this.write(by, async (writer) => {
        const decisions: MergeDecision[] = [];
        for (const item of items) decisions.push(await importOne(writer, item));
        return decisions;
      });
    } catch (error) {
      if (items.length <= 1) return items.map(() => asStoreError(error));
      const out: Array<MergeDecision | StoreError> = [];
      for (const item of items) out.push(...await this.importRecords([item], by));
      return out;
    }
  }

  /** One record; see importRecords. */
  async importRecord(id: string, incoming: Incoming, meta: ImportItem['meta'] = {}, by: ChangeSource = 'import'): Promise<MergeDecision> {
    const [outcome] = await this.importRecords([{ id, incoming, meta }], by);
    if (outcome instanceof StoreError) throw outcome;
    return outcome!;
  }
}

function pick(stored: StoredRecord): { fileName?: string } {
  return stored.fileName === undefined ? {} : { fileName: stored.fileName };
}
