// The library in memory: newest first, searchable and filterable, so listing 10,000 records stays quick.
import type { ListQuery, ListResult, StoredRecord } from '../shared/messages.js';

/**
 * What listing and search need of a record, and no more: kept in IndexedDB beside each row (the `search` store,
 * written in the row's own transaction), so a woken worker reads these instead of every record.
 */
export interface SearchEntry {
  id: string;
  time: number;
  haystack: string;
  /** Folded, for filtering; `topicLabels` as first spelt, for the topic list. */
  topics: string[];
  topicLabels: string[];
  provider: string;
  providerLabel: string;
  /** The record holds private data (its `secured` value is read from the row when needed). */
  secured: boolean;
}

interface Entry extends SearchEntry {
  /** The row itself, once read or written by this worker: export and sync read it from here. */
  stored?: StoredRecord;
}

export const LIST_LIMIT_DEFAULT = 50;

/** The folded private text of a record, when search may look into it; never stored. */
export type PrivateMatch = (stored: StoredRecord) => string | undefined;

/** Lower case without accents, so `Café` is found by `cafe`. */
export function fold(text: string): string {
  // Most text is ASCII: skip the costly normalisation for it (loading 10,000 records folds every field).
  // eslint-disable-next-line no-control-regex
  if (/^[\u0000-\u007f]*$/.test(text)) return text.toLowerCase();
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/** The name a record's provider is listed and filtered under. */
export function providerLabel(stored: StoredRecord): string {
  return stored.record.provider.name.trim() || stored.record.provider.domain.trim();
}

export function searchEntryOf(stored: StoredRecord): SearchEntry {
  const { record } = stored;
  const time = Date.parse(stored.savedAt);
  const label = providerLabel(stored);
  return {
    id: stored.id,
    time: Number.isNaN(time) ? 0 : time,
    haystack: fold([record.title, record.excerpt, record.provider.name, record.provider.domain, ...record.topics].join('\n')),
    topics: record.topics.map(fold),
    topicLabels: [...record.topics],
    provider: fold(label),
    providerLabel: label,
    secured: record.secured !== undefined,
  };
}

function entryOf(stored: StoredRecord): Entry {
  return { ...searchEntryOf(stored), stored };
}

/** Newest first; equal times by id, descending, the order the database's savedAt index walks backwards. */
function before(a: Entry, b: Entry): boolean {
  return a.time !== b.time ? a.time > b.time : a.id > b.id;
}

/** Counts values that are alike once folded; each is shown as first spelt. */
class Tally {
  private readonly counts = new Map<string, { label: string; count: number }>();

  add(label: string, key: string): void {
    const seen = this.counts.get(key);
    if (seen) seen.count++;
    else this.counts.set(key, { label, count: 1 });
  }

  /** Most frequent first, then by name. */
  sorted(): Array<{ label: string; count: number }> {
    return [...this.counts.values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  }
}

/** The ids of a listing's page, newest first, and how many match in all. */
export interface ListedIds {
  ids: string[];
  total: number;
}

export class LibraryIndex {
  private readonly byId = new Map<string, Entry>();
  /** Every entry, newest first. */
  private readonly order: Entry[] = [];

  get size(): number {
    return this.order.length;
  }

  /** Replaces the whole index at once: one sort instead of 10,000 insertions. */
  load(all: Array<StoredRecord | SearchEntry>): void {
    this.byId.clear();
    this.order.length = 0;
    for (const one of all) {
      const entry = 'record' in one ? entryOf(one) : { ...one };
      this.byId.set(entry.id, entry);
    }
    // Not push(...values): spread arguments overflow the stack past about 100,000 records.
    for (const entry of this.byId.values()) this.order.push(entry);
    this.order.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
  }

  upsert(stored: StoredRecord): void {
    this.remove(stored.id);
    const entry = entryOf(stored);
    let low = 0;
    let high = this.order.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (before(this.order[mid]!, entry)) low = mid + 1;
      else high = mid;
    }
    this.order.splice(low, 0, entry);
    this.byId.set(stored.id, entry);
  }

  remove(id: string): void {
    const entry = this.byId.get(id);
    if (!entry) return;
    this.byId.delete(id);
    const at = this.order.indexOf(entry);
    if (at >= 0) this.order.splice(at, 1);
  }

  /** The row as this worker last read or wrote it; undefined when it has not yet (read it from the database). */
  stored(id: string): StoredRecord | undefined {
    return this.byId.get(id)?.stored;
  }

  /** Keeps a row read from the database, when the index still lists it and holds no newer copy (a write meanwhile). */
  keep(stored: StoredRecord): void {
    const entry = this.byId.get(stored.id);
    if (entry && (!entry.stored || entry.stored.revision < stored.revision)) entry.stored = stored;
  }

  /** Every id, newest first. */
  ids(): string[] {
    return this.order.map((entry) => entry.id);
  }

  /** The records that hold private data. */
  securedIds(): string[] {
    return this.order.filter((entry) => entry.secured).map((entry) => entry.id);
  }

  /** `alsoMatches`: the folded private text of a record by its id, when search may look into it. */
  listIds(query: ListQuery, alsoMatches?: (id: string) => string | undefined): ListedIds {
    const terms = fold(query.text ?? '').split(/\s+/).filter(Boolean);
    const topic = query.topic ? fold(query.topic) : '';
    const provider = query.provider ? fold(query.provider) : '';
    const offset = query.offset ?? 0;
    const limit = query.limit ?? LIST_LIMIT_DEFAULT;
    const ids: string[] = [];
    let total = 0;
    for (const entry of this.order) {
      if (topic && !entry.topics.includes(topic)) continue;
      if (provider && entry.provider !== provider) continue;
      if (terms.length && !terms.every((term) => entry.haystack.includes(term))) {
        const hidden = entry.secured ? alsoMatches?.(entry.id) : undefined;
        if (!hidden || !terms.every((term) => entry.haystack.includes(term) || hidden.includes(term))) continue;
      }
      if (total >= offset && ids.length < limit) ids.push(entry.id);
      total++;
    }
    return { ids, total };
  }

  /** The listing with each record, for an index loaded from records (a benchmark's, a test's). */
  list(query: ListQuery, alsoMatches?: PrivateMatch): ListResult {
    const match = alsoMatches ? (id: string) => alsoMatches(this.byId.get(id)!.stored!) : undefined;
    const { ids, total } = this.listIds(query, match);
    return { records: ids.map((id) => this.byId.get(id)!.stored!), total };
  }

  topics(): Array<{ topic: string; count: number }> {
    const tally = new Tally();
    for (const entry of this.order) entry.topicLabels.forEach((topic, i) => tally.add(topic, entry.topics[i]!));
    return tally.sorted().map(({ label, count }) => ({ topic: label, count }));
  }

  providers(): Array<{ name: string; count: number }> {
    const tally = new Tally();
    for (const entry of this.order) if (entry.provider) tally.add(entry.providerLabel, entry.provider);
    return tally.sorted().map(({ label, count }) => ({ name: label, count }));
  }
}
