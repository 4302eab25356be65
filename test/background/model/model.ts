// What the library must hold after the acknowledged writes so far, and what each editor has open.
import { expect } from 'vitest';
import { libraryKey } from '../../../src/background/store/index.js';
import type { LedeRecord } from '../../../src/record/index.js';
import type { StoredRecord } from '../../../src/shared/messages.js';
import { sampleRecord } from '../fakes.js';
import type { World } from './world.js';

/** A few addresses, so writers meet: the same record, an address edit onto another. */
export const ADDRESSES = ['https://one.example/story', 'https://two.example/story', 'https://three.example/story'];

export type Actor = 'popup' | 'library';

/** What an editor opened: the row as it was (null: the page was not in the library). */
export interface Opened {
  address: string;
  stored: StoredRecord | null;
}

export interface Model {
  /** Each record the library must hold, as the last acknowledged write left it. */
  rows: Map<string, StoredRecord>;
  /** The last revision under each address, deletes included (0: never written). */
  last: Map<string, number>;
  editors: Record<Actor, Opened | null>;
  /** The popup's last save, which its Undo takes back. */
  undo: { saved: StoredRecord; before: StoredRecord | null } | null;
  /** How many writes were answered with a conflict (conflict, addressTaken, undo refused): a run's statistics. */
  refused: number;
}

export function emptyModel(): Model {
  return { rows: new Map(), last: new Map(), editors: { popup: null, library: null }, undo: null, refused: 0 };
}

let tokens = 0;
/** A title no other write used, so a lost write cannot hide behind an equal one. */
export function token(what: string): string {
  return `${what} ${++tokens}`;
}

export function freshRecord(address: string, title: string): LedeRecord {
  return sampleRecord({ originalUrl: address, webUrl: address, title, related: [] });
}

/** The next revision a write under `id` must take. */
export function nextRevision(model: Model, id: string): number {
  return (model.last.get(id) ?? 0) + 1;
}

/** Checks an acknowledged write against the model's prediction, then records it. */
export function acknowledged(model: Model, stored: StoredRecord, record: LedeRecord): void {
  expect(stored.revision).toBe(nextRevision(model, stored.id));
  expect(stored.record).toEqual(record);
  model.rows.set(stored.id, stored);
  model.last.set(stored.id, stored.revision);
}

export function deleted(model: Model, id: string): void {
  if (!model.rows.has(id)) return;
  model.rows.delete(id);
  model.last.set(id, nextRevision(model, id));
}

/** The answer's record against the model's row: the same content at the same revision (or both none). */
export function sameAsModel(actual: StoredRecord | null | undefined, expected: StoredRecord | null | undefined): void {
  if (!expected) return void expect(actual ?? null).toBeNull();
  expect(actual).toMatchObject({ id: expected.id, revision: expected.revision, record: expected.record });
}

/**
 * After every step: the library holds exactly the model's records (no acknowledged write lost, nothing
 * come back, nothing duplicated), each under its own key, and every row's revisions only went up.
 */
export async function invariants(model: Model, world: World): Promise<void> {
  const all = await world.store.all();
  const ids = all.map((s) => s.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect([...ids].sort()).toEqual([...model.rows.keys()].sort());
  for (const stored of all) {
    sameAsModel(stored, model.rows.get(stored.id));
    expect(libraryKey(stored.record)).toBe(stored.id);
  }
  // The database itself, not only the index the store keeps in memory.
  for (const id of ADDRESSES) sameAsModel(await world.store.get(id), model.rows.get(id));
  const seen = new Map<string, number>();
  for (const change of world.changes) {
    expect(change.revision).toBeGreaterThan(seen.get(change.id) ?? 0);
    seen.set(change.id, change.revision);
  }
}
