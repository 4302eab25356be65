// Import and bulk export in the background: the pure rules of src/transfer applied to the library.
import { fileNameKey, recordFileName } from '../record/filename.js';
import { formatProblem } from '../record/problems.js';
import type { ImportEntry, MessageName, Request, Response, StoredRecord } from '../shared/messages.js';
import { readRecordFile, exportText, recordDigest } from '../transfer/read-file.js';
import type { SettingsStore } from './settings-store.js';
import type { ImportItem, LibraryStore } from './store/index.js';

type Handler<K extends MessageName> = (payload: Request<K>) => Promise<Response<K>>;

/**
 * Text one answer may carry, in UTF-16 units. The browsers refuse a message over 64 MiB of JSON; a unit is
 * at most 3 bytes of UTF-8, so 16 Mi units always fit, and one record (at most 9 MB by the size contract) too.
 */
export const ANSWER_CHARS_MAX = 16 * 1024 * 1024;

/** The first items whose sizes add up to at most `max` (always at least one, so a walk never stalls). */
export function withinChars<T>(items: T[], size: (item: T) => number, max = ANSWER_CHARS_MAX): T[] {
  let used = 0;
  let count = 0;
  for (const item of items) {
    used += size(item);
    if (count > 0 && used > max) break;
    count++;
  }
  return items.slice(0, count);
}

/** About what one stored record costs in a message: its body and kept source dominate. */
export function storedChars(stored: StoredRecord): number {
  const { record } = stored;
  return record.body.length + (stored.source?.length ?? 0) + record.title.length + (record.secured?.length ?? 0) +
    record.related.length * 600 + record.topics.reduce((n, topic) => n + topic.length + 4, 0) + 2048;
}

interface Plan {
  id: string;
  entries: Array<{ stored: StoredRecord; name: string }>;
}

/**
 * Names every record of an export once, newest first: the name it was first given when no other
 * record of the export has it, else `recordFileName`'s stable suffix.
 */
export function planExport(all: StoredRecord[], template?: string): Array<{ stored: StoredRecord; name: string }> {
  const taken = new Set<string>();
  return all.map((stored) => {
    const kept = stored.fileName && !taken.has(fileNameKey(stored.fileName)) ? stored.fileName : undefined;
    const name = kept ?? recordFileName(stored.record, { savedAt: stored.savedAt, taken, template });
    taken.add(fileNameKey(name));
    return { stored, name };
  });
}

export function transferHandlers(store: LibraryStore, settings: Pick<SettingsStore, 'get'>): {
  'library/files': Handler<'library/files'>; 'library/import': Handler<'library/import'>; 'library/landed': Handler<'library/landed'>;
} {
  let plan: Plan | null = null;
  return {
    'library/files': async ({ exportId, offset, limit }) => {
      if (!plan || plan.id !== exportId || offset === 0) plan = { id: exportId, entries: planExport(await store.all(), (await settings.get()).fileNameTemplate) };
      const files = withinChars(plan.entries.slice(offset, offset + limit).map(({ stored, name }) => ({
        name, text: exportText(stored.record, stored.source), savedAt: stored.savedAt, updatedAt: stored.updatedAt,
      })), (file) => file.text.length + file.name.length + 100);
      const total = plan.entries.length;
      if (offset + files.length >= total) plan = null; // the last slice: let the snapshot go
      return { total, files };
    },
    'library/import': async ({ files }) => {
      const { fileNameTemplate } = await settings.get();
      const entries: ImportEntry[] = [];
      const items: ImportItem[] = [];
      const waiting: Array<{ entry: ImportEntry; at: number }> = [];
      // Each file is read and checked alone: a bad file changes nothing and stops nothing.
      for (const file of files) {
        const read = readRecordFile(file.name, file.text);
        if (!read.ok) {
          const problems = read.problems.map(formatProblem);
          entries.push({ file: file.name, action: 'rejected', reason: problems[0] ?? 'not a record', problems });
          continue;
        }
        const entry: ImportEntry = { file: file.name, action: 'rejected', title: read.record.title, reason: '' };
        if (read.warnings.length) entry.warnings = read.warnings.map(formatProblem);
        entries.push(entry);
        waiting.push({ entry, at: items.length });
        items.push({
          id: read.key,
          incoming: { record: read.record, ...(read.source !== undefined ? { source: read.source } : {}), ...(file.changedAt ? { changedAt: file.changedAt } : {}) },
          meta: { ...(file.savedAt ? { savedAt: file.savedAt } : {}), ...(file.fileName ? { fileName: file.fileName } : {}), fileNameTemplate },
        });
      }
      const outcomes = items.length ? await store.importRecords(items) : [];
      for (const { entry, at } of waiting) {
        const outcome = outcomes[at]!;
        if (outcome instanceof Error) entry.reason = `could not be stored: ${outcome.message}`;
        else Object.assign(entry, { action: outcome.action, reason: outcome.reason });
      }
      return { entries };
    },
    'library/landed': async ({ items }) => {
      const landed: string[] = [];
      for (const { id, digest } of items) {
        const stored = await store.get(id);
        if (stored && recordDigest(stored.record) === digest) landed.push(id);
      }
      return { landed };
    },
  };
}
