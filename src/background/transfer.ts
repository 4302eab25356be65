// Import and bulk export in the background: the pure rules of src/transfer applied to the library.
import { fileNameKey, recordFileName } from '../record/filename.js';
import { formatProblem } from '../record/problems.js';
import type { ImportEntry, MessageName, Request, Response, StoredRecord } from '../shared/messages.js';
import { readRecordFile, exportText } from '../transfer/read-file.js';
import type { SettingsStore } from './settings-store.js';
import type { ImportItem, LibraryStore } from './store/index.js';

type Handler<K extends MessageName> = (payload: Request<K>) => Promise<Response<K>>;

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

export function transferHandlers(store: LibraryStore, settings: Pick<SettingsStore, 'get'>): { 'library/files': Handler<'library/files'>; 'library/import': Handler<'library/import'> } {
  let plan: Plan | null = null;
  return {
    'library/files': async ({ exportId, offset, limit }) => {
      if (!plan || plan.id !== exportId || offset === 0) plan = { id: exportId, entries: planExport(await store.all(), (await settings.get()).fileNameTemplate) };
      const files = plan.entries.slice(offset, offset + limit).map(({ stored, name }) => ({
        name, text: exportText(stored.record, stored.source), savedAt: stored.savedAt, updatedAt: stored.updatedAt,
      }));
      const total = plan.entries.length;
      if (offset + limit >= total) plan = null; // the last slice: let the snapshot go
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
  };
}
