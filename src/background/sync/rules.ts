// The two rules sync takes from "Records in and out" (issue 9), the same ones export and import use: a record's
// file name (the name it keeps, first made by `recordFileName`) and its text, and the import rule for a file.
import { fileNameKey, formatProblem, recordFileName, type LedeRecord } from '../../record/index.js';
import { exportText, readRecordFile } from '../../transfer/read-file.js';

/** `source`: the file's own text, when Lede would write the record differently (another tool's key order, say). */
export type ImportDecision = { ok: true; record: LedeRecord; id: string; source?: string } | { ok: false; problems: string[] };

/** What naming and writing need of a stored record. */
export interface Nameable {
  record: LedeRecord;
  savedAt?: string;
  /** The name the library keeps for the record. */
  fileName?: string;
  /** An imported file's own text, written instead while the record is still what it says. */
  source?: string;
}

export interface SyncRules {
  /** The file name the record is written under; never one of `taken` (keys as `fileNameKey` gives them). */
  nameFor(stored: Nameable, taken?: ReadonlySet<string>): string;
  /** The text of the record's file. */
  textFor(stored: Nameable): string;
  /** The record a file holds, or every problem as `file:line: key: message`; never half a record. */
  importFile(name: string, text: string): ImportDecision;
}

export const localRules: SyncRules = {
  nameFor(stored, taken) {
    if (stored.fileName && !taken?.has(fileNameKey(stored.fileName))) return stored.fileName;
    return recordFileName(stored.record, { savedAt: stored.savedAt, taken });
  },
  textFor: (stored) => exportText(stored.record, stored.source),
  importFile(name, text) {
    const read = readRecordFile(name, text);
    if (!read.ok) return { ok: false, problems: read.problems.map(formatProblem) };
    return read.source === undefined ? { ok: true, record: read.record, id: read.key } : { ok: true, record: read.record, id: read.key, source: read.source };
  },
};

/** How names compare in the folder: without case, NFC, as on Windows and macOS. */
export const nameKey = fileNameKey;

/** Whether a name belongs to a record file: `.md`, not hidden (editors' and systems' own files start with a dot). */
export function isRecordFileName(name: string): boolean {
  return /\.md$/i.test(name) && !name.startsWith('.');
}

/** Keys of Lede's front matter that other notes rarely have; an address key alone is enough. */
const ADDRESS_KEYS = new Set(['originalUrl', 'webUrl']);
const LEDE_KEYS = new Set(['publishedDateTime', 'quality', 'heat', 'provider', 'related', 'secured']);
/** How far into a file its front matter is looked for. */
const HEAD_LIMIT = 64 * 1024;

/**
 * Whether a file that is not a valid record still means to be one (Lede front matter, with errors: listed for
 * the person), or is some other note (no front matter, another clipper's keys: left alone and only counted).
 */
export function looksLikeRecord(text: string): boolean {
  const body = text.slice(0, HEAD_LIMIT).replace(/^\uFEFF/, '');
  if (!/^---\r?\n/.test(body)) return false;
  const end = body.search(/\r?\n---(\r?\n|$)/);
  const head = end < 0 ? body : body.slice(0, end);
  const keys = head.match(/^[A-Za-z][\w-]*(?=[ \t]*:)/gm) ?? [];
  if (keys.some((key) => ADDRESS_KEYS.has(key))) return true;
  return new Set(keys.filter((key) => LEDE_KEYS.has(key))).size >= 2;
}
