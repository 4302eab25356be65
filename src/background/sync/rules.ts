// The two rules sync takes from "Records in and out": a record's file name, and whether a file's text is a record to import.
// LOCAL STAND-INS, to be replaced by issue 9's `recordFileName` and import rules once merged: the engine only
// ever calls them through `SyncRules`, so the swap is here and nowhere else.
import { formatProblem, parseRecord, validateRecord, type LedeRecord } from '../../record/index.js';
import { exportFilename } from '../export.js';
import { libraryKey } from '../store.js';

export type ImportDecision = { ok: true; record: LedeRecord; id: string } | { ok: false; problems: string[] };

export interface SyncRules {
  /** The file name the record is written under. */
  nameFor(record: LedeRecord): string;
  /** The record a file holds, or every problem as `file:line: key: message`; never half a record. */
  importFile(name: string, text: string): ImportDecision;
}

export const localRules: SyncRules = {
  nameFor: (record) => exportFilename(record.title),
  importFile(name, text) {
    const parsed = parseRecord(text, { file: name });
    if (!parsed.ok) return { ok: false, problems: parsed.problems.filter((p) => p.severity === 'error').map(formatProblem) };
    const problems = validateRecord(parsed.record, name).filter((p) => p.severity === 'error').map(formatProblem);
    const id = libraryKey(parsed.record);
    if (!id) problems.push(formatProblem({ file: name, key: 'originalUrl', message: 'needs an http(s) address: the library keeps each record under it', severity: 'error' }));
    return problems.length ? { ok: false, problems } : { ok: true, record: parsed.record, id };
  },
};

/** Whether a name belongs to a record file: `.md`, not hidden (editors' and systems' own files start with a dot). */
export function isRecordFileName(name: string): boolean {
  return /\.md$/i.test(name) && !name.startsWith('.');
}

/**
 * `Title.md`, then `Title (2).md`, `Title (3).md` … : the names to try, in order, for a record whose
 * name is taken by another file.
 */
export function* nameCandidates(wanted: string): Generator<string> {
  yield wanted;
  const dot = wanted.lastIndexOf('.');
  const stem = dot > 0 ? wanted.slice(0, dot) : wanted;
  const ext = dot > 0 ? wanted.slice(dot) : '';
  for (let n = 2; ; n++) yield `${stem} (${n})${ext}`;
}
