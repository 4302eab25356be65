// The two rules sync takes from "Records in and out": a record's file name, and whether a file's text is a record to import.
// The name is issue 9's `recordFileName`, the one rule export and `lede name` use too. The import decision is
// still a LOCAL STAND-IN (parseRecord + validateRecord + the library key), to be replaced by issue 9's import
// rules once they land: the engine only calls it through `SyncRules`, so the swap is here and nowhere else.
import {
  errorsOf, fileNameKey, formatProblem, parseRecord, recordFileName, validateRecord, type LedeRecord,
} from '../../record/index.js';
import { libraryKey } from '../store.js';

export type ImportDecision = { ok: true; record: LedeRecord; id: string } | { ok: false; problems: string[] };

/** What naming needs of a stored record: the record, and when it was saved (for a record with no date). */
export interface Nameable {
  record: LedeRecord;
  savedAt?: string;
}

export interface SyncRules {
  /** The file name the record is written under; never one of `taken` (keys as `fileNameKey` gives them). */
  nameFor(stored: Nameable, taken?: ReadonlySet<string>): string;
  /** The record a file holds, or every problem as `file:line: key: message`; never half a record. */
  importFile(name: string, text: string): ImportDecision;
}

export const localRules: SyncRules = {
  nameFor: (stored, taken) => recordFileName(stored.record, { savedAt: stored.savedAt, taken }),
  importFile(name, text) {
    const parsed = parseRecord(text, { file: name });
    if (!parsed.ok) return { ok: false, problems: errorsOf(parsed.problems).map(formatProblem) };
    const problems = errorsOf(validateRecord(parsed.record, name)).map(formatProblem);
    const id = libraryKey(parsed.record);
    if (!id) problems.push(formatProblem({ file: name, key: 'originalUrl', message: 'needs an http(s) address: the library keeps each record under it', severity: 'error' }));
    return problems.length ? { ok: false, problems } : { ok: true, record: parsed.record, id };
  },
};

/** How names compare in the folder: without case, NFC, as on Windows and macOS. */
export const nameKey = fileNameKey;

/** Whether a name belongs to a record file: `.md`, not hidden (editors' and systems' own files start with a dot). */
export function isRecordFileName(name: string): boolean {
  return /\.md$/i.test(name) && !name.startsWith('.');
}
