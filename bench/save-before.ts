// The peer of bench:save: the library's save as it was before issue 17 (main at adab341), one transaction
// with no revision check, over a database of the same layout. Kept only to be measured beside the new one.
import { openDB, type IDBPDatabase } from 'idb';
import { recordFileName } from '../src/record/filename.js';
import type { LedeRecord } from '../src/record/index.js';
import type { StoredRecord } from '../src/shared/messages.js';
import { keepsSource, libraryKey, rowToStored } from '../src/background/store/index.js';
import { normaliseUrl } from '../src/record/url.js';

export class SaveBefore {
  private db: Promise<IDBPDatabase> | null = null;

  constructor(private readonly name: string) {}

  private open(): Promise<IDBPDatabase> {
    // The layout is the library's own: opened at whatever version the new store left it.
    this.db ??= openDB(this.name);
    return this.db;
  }

  async save(record: LedeRecord, options: { previousId?: string; fileNameTemplate?: string } = {}): Promise<{ stored: StoredRecord; created: boolean }> {
    const id = libraryKey(record);
    const db = await this.open();
    const tx = db.transaction('records', 'readwrite');
    const existing = rowToStored(await tx.store.get(id));
    const previousId = options.previousId !== undefined && options.previousId !== id ? options.previousId : undefined;
    const previous = previousId ? rowToStored(await tx.store.get(previousId)) : null;
    const now = new Date().toISOString();
    const stored = { id, record, savedAt: existing?.savedAt ?? previous?.savedAt ?? now, updatedAt: now } as StoredRecord;
    const sources = existing?.sources ?? previous?.sources;
    if (sources) stored.sources = sources;
    stored.fileName = existing?.fileName ?? previous?.fileName ?? recordFileName(record, { savedAt: stored.savedAt, template: options.fileNameTemplate });
    const source = existing?.source ?? previous?.source;
    if (source !== undefined && keepsSource(source, record)) stored.source = source;
    const row: Record<string, unknown> = { ...stored, schema: 1, webKey: normaliseUrl(record.webUrl) || id };
    for (const key of ['sources', 'fileName', 'source']) if (row[key] === undefined) delete row[key];
    await tx.store.put(row);
    if (previous) await tx.store.delete(previous.id);
    await tx.done;
    return { stored, created: !existing && !previous };
  }

  close(): void {
    void this.db?.then((db) => db.close());
  }
}
