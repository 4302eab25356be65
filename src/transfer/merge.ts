// What an imported record does to the library: the newer copy wins, by a rule the report states.
import type { LedeRecord } from '../record/types.js';
import { sameRecord } from './read-file.js';

export type ImportAction = 'imported' | 'updated' | 'unchanged' | 'kept';

export interface Incoming {
  record: LedeRecord;
  source?: string;
  /** When the file (or the backup's row) was last changed, ISO; unknown for a bare file without a date. */
  changedAt?: string;
}

export interface Existing {
  record: LedeRecord;
  source?: string;
  updatedAt: string;
}

export interface MergeDecision {
  action: ImportAction;
  /** For the report: why, in a sentence. */
  reason: string;
}

/**
 * The rule: no record under this address → imported. The same content → unchanged. Otherwise the
 * newer wins: the file replaces the library's copy only when it was changed after it; a file of
 * unknown date never replaces a record silently (kept, and the report says so).
 */
export function mergeDecision(incoming: Incoming, existing: Existing | null): MergeDecision {
  if (!existing) return { action: 'imported', reason: 'new to the library' };
  if (sameRecord(incoming.record, existing.record) && (incoming.source ?? null) === (existing.source ?? null)) {
    return { action: 'unchanged', reason: 'the library holds the same record' };
  }
  if (sameRecord(incoming.record, existing.record)) {
    return { action: 'unchanged', reason: 'the library holds the same record (written differently)' };
  }
  const incomingTime = incoming.changedAt ? Date.parse(incoming.changedAt) : Number.NaN;
  const existingTime = Date.parse(existing.updatedAt);
  if (Number.isNaN(incomingTime)) {
    return { action: 'kept', reason: 'the library has this address with other content, and the file has no date to say it is newer' };
  }
  if (incomingTime > existingTime) {
    return { action: 'updated', reason: `the file (changed ${incoming.changedAt}) is newer than the library's copy (changed ${existing.updatedAt})` };
  }
  return { action: 'kept', reason: `the library's copy (changed ${existing.updatedAt}) is newer than the file (changed ${incoming.changedAt})` };
}
