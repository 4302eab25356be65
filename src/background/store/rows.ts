// A library row as IndexedDB keeps it: its layout, the migrations of older rows, and the checks on reading.
import type { Extraction } from '../../extract/types.js';
import { errorsOf, validateRecord, type LedeRecord } from '../../record/index.js';
import { parseRecord } from '../../record/read.js';
import { normaliseUrl } from '../../record/url.js';
import { sameRecord } from '../../transfer/read-file.js';
import type { ChangeSource, StoredRecord } from '../../shared/messages.js';
import { isObject, isStoredRecord } from '../shape.js';

/** Version of a row's content; `rowMigrations` bring older rows up to it when read. */
export const ROW_SCHEMA = 2;

export interface Row extends StoredRecord {
  schema: number;
  /** The normalised webUrl, so a page read at its own address finds a record saved under its canonical one. */
  webKey: string;
}

type RawRow = Record<string, unknown>;
/** Each migration takes a row of schema i+1 to i+2. */
export const rowMigrations: Array<(row: RawRow) => RawRow> = [
  // 1 → 2: rows written before revisions were kept read as revision 1.
  (row) => ({ ...row, revision: typeof row.revision === 'number' ? row.revision : 1 }),
];

/** A row as stored, brought up to date and checked (shape and the format's rules); null when it cannot be trusted. */
export function rowToStored(raw: unknown): StoredRecord | null {
  if (!isObject(raw)) return null;
  let row: RawRow = raw;
  const schema = typeof row.schema === 'number' ? row.schema : 1;
  if (schema > ROW_SCHEMA) return null;
  for (let v = schema; v < ROW_SCHEMA; v++) row = rowMigrations[v - 1]!(row);
  const stored: StoredRecord = {
    id: row.id as string,
    record: row.record as LedeRecord,
    savedAt: row.savedAt as string,
    updatedAt: row.updatedAt as string,
    revision: row.revision as number,
  };
  if (row.changedBy !== undefined) stored.changedBy = row.changedBy as ChangeSource;
  if (row.sources !== undefined) stored.sources = row.sources as Extraction['sources'];
  if (row.fileName !== undefined) stored.fileName = row.fileName as string;
  if (row.source !== undefined) stored.source = row.source as string;
  // Every row passed these checks when it was written; one that fails now was changed behind our
  // back or by an older rule set, and is left in the database but not shown as if it were sound.
  if (!isStoredRecord(stored) || errorsOf(validateRecord(stored.record)).length > 0) return null;
  return stored;
}

/** The revision a row holds, also one that fails its checks (so the next write still counts up from it). */
export function rowRevision(raw: unknown): number {
  return isObject(raw) && typeof raw.revision === 'number' && Number.isSafeInteger(raw.revision) && raw.revision > 0 ? raw.revision : 1;
}

export function toRow(stored: StoredRecord): Row {
  const row: Row = { ...stored, schema: ROW_SCHEMA, webKey: normaliseUrl(stored.record.webUrl) || stored.id };
  for (const key of ['sources', 'fileName', 'source', 'changedBy'] as const) if (row[key] === undefined) delete row[key];
  return row;
}

/** A kept source stays only while it still reads as the record: an edit drops it, and the record is written anew. */
export function keepsSource(source: string, record: LedeRecord): boolean {
  const parsed = parseRecord(source);
  return parsed.ok && sameRecord(parsed.record, record);
}
