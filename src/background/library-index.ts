// The library in memory: newest first, searchable and filterable, so listing 10,000 records stays quick.
import type { ListQuery, ListResult, StoredRecord } from '../shared/messages.js';

interface Entry {
  stored: StoredRecord;
  time: number;
  haystack: string;
  topics: string[];
  provider: string;
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

function entryOf(stored: StoredRecord): Entry {
  const { record } = stored;
  const time = Date.parse(stored.savedAt);
  return {
    stored,
    time: Number.isNaN(time) ? 0 : time,
    haystack: fold([record.title, record.excerpt, record.provider.name, record.provider.domain, ...record.topics].join('\n')),
    topics: record.topics.map(fold),
    provider: fold(providerLabel(stored)),
  };
}

/** Newest first; equal times by id, descending, the order the database's savedAt index walks backwards. */
function before(a: Entry, b: Entry): boolean {
  return a.time !== b.time ? a.time > b.time : a.stored.id > b.stored.id;
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

export class LibraryIndex {
  private readonly byId = new Map<string, Entry>();
  /** Every entry, newest first. */
  private readonly order: Entry[] = [];

  get size(): number {
    return this.order.length;
  }

  get(id: string): StoredRecord | null {
    return this.byId.get(id)?.stored ?? null;
  }

  /** Replaces the whole index at once: one sort instead of 10,000 insertions. */
  load(all: StoredRecord[]): void {
    this.byId.clear();
    this.order.length = 0;
    for (const stored of all) this.byId.set(stored.id, entryOf(stored));
    this.order.push(...this.byId.values());
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

  /** Every record's private data, still encrypted. */
  securedValues(): Array<{ id: string; secured: string }> {
    return this.order.flatMap(({ stored }) => stored.record.secured === undefined ? [] : [{ id: stored.id, secured: stored.record.secured }]);
  }

  list(query: ListQuery, alsoMatches?: PrivateMatch): ListResult {
    const terms = fold(query.text ?? '').split(/\s+/).filter(Boolean);
    const topic = query.topic ? fold(query.topic) : '';
    const provider = query.provider ? fold(query.provider) : '';
    const offset = query.offset ?? 0;
    const limit = query.limit ?? LIST_LIMIT_DEFAULT;
    const records: StoredRecord[] = [];
    let total = 0;
    for (const entry of this.order) {
      if (topic && !entry.topics.includes(topic)) continue;
      if (provider && entry.provider !== provider) continue;
      if (terms.length && !terms.every((term) => entry.haystack.includes(term))) {
        const hidden = alsoMatches?.(entry.stored);
        if (!hidden || !terms.every((term) => entry.haystack.includes(term) || hidden.includes(term))) continue;
      }
      if (total >= offset && records.length < limit) records.push(entry.stored);
      total++;
    }
    return { records, total };
  }

  topics(): Array<{ topic: string; count: number }> {
    const tally = new Tally();
    for (const entry of this.order) entry.stored.record.topics.forEach((topic, i) => tally.add(topic, entry.topics[i]!));
    return tally.sorted().map(({ label, count }) => ({ topic: label, count }));
  }

  providers(): Array<{ name: string; count: number }> {
    const tally = new Tally();
    for (const entry of this.order) if (entry.provider) tally.add(providerLabel(entry.stored), entry.provider);
    return tally.sorted().map(({ label, count }) => ({ name: label, count }));
  }
}
