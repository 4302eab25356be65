// The one typed map of messages between popup, pages and background, and the facade that sends them.
import type { Extraction } from '../extract/types.js';
import type { LedeRecord, Problem } from '../record/index.js';
import type { Settings } from './settings.js';

/** A record as the library keeps it. `id` is the normalised originalUrl. */
export interface StoredRecord {
  id: string;
  record: LedeRecord;
  /** ISO times of the first save and the last change. */
  savedAt: string;
  updatedAt: string;
  /** Where each extracted value came from, for the editor's hover hints. */
  sources?: Extraction['sources'];
  /** The file name the record was first given; kept when its title is edited. */
  fileName?: string;
  /** An imported file's own text, kept while the record is unchanged so it exports byte for byte. */
  source?: string;
}

/** A file handed to the library's import: a record's text, or one row of a backup. */
export interface ImportFile {
  /** Shown in the report: the file's name, its path in a zip, or `backup.json #12`. */
  name: string;
  text: string;
  /** When the file was last changed (ISO): decides which copy is newer. */
  changedAt?: string;
  /** From a backup: the library's own times and file name. */
  savedAt?: string;
  fileName?: string;
}

/** One line of the import report. */
export interface ImportEntry {
  file: string;
  action: 'imported' | 'updated' | 'unchanged' | 'kept' | 'rejected';
  title?: string;
  /** Why: the merge rule that decided, or the problems in `file:line: key: message` form. */
  reason: string;
  problems?: string[];
  warnings?: string[];
}

/** One slice of an export: each record's file name (unique in the export) and text. */
export interface ExportSlice {
  total: number;
  files: Array<{ name: string; text: string; savedAt: string; updatedAt: string }>;
}

/** The editor's unsaved state for one tab, restored when the popup opens again. */
export interface Draft {
  tabId: number;
  url: string;
  record: LedeRecord;
  sources?: Extraction['sources'];
  suggestedTopics?: string[];
  updatedAt: string;
}

export type PageReadResult =
  | {
      ok: true;
      /** The record to show: the saved one when the page is in the library, else one built from the page. */
      record: LedeRecord;
      saved: StoredRecord | null;
      draft: Draft | null;
      extraction: Extraction | null;
    }
  | { ok: false; reason: 'restricted' | 'no-access' | 'no-tab' | 'failed'; message: string };

export interface ListQuery {
  text?: string;
  topic?: string;
  provider?: string;
  offset?: number;
  limit?: number;
}

export interface ListResult {
  records: StoredRecord[];
  /**
   * How many records match. On the first pages of a plain listing answered before the library's
   * index has loaded, it counts the stored rows, so rows that fail their checks are still in it.
   */
  total: number;
  /** Stored rows left out because they fail today's checks; known once the library's index has loaded. */
  hidden?: number;
}

export type SaveResult = { ok: true; stored: StoredRecord; created: boolean } | { ok: false; problems: Problem[] };

/** Every message: its name, what it carries, and what the background answers. */
export interface MessageMap {
  'page/read': { request: { tabId: number }; response: PageReadResult };
  /** `previousId`: the id of the saved record being edited, so a changed originalUrl moves it instead of copying it. */
  'library/save': {
    request: { record: LedeRecord; tabId?: number; sources?: Extraction['sources']; previousId?: string };
    response: SaveResult;
  };
  'library/get': { request: { id: string }; response: StoredRecord | null };
  'library/list': { request: ListQuery; response: ListResult };
  'library/delete': { request: { id: string }; response: { deleted: StoredRecord | null } };
  /** Undo of a delete; refused (`changed`) when a record was saved under that address since. */
  'library/restore': { request: { stored: StoredRecord }; response: { ok: boolean; changed?: boolean } };
  'library/topics': { request: Record<string, never>; response: Array<{ topic: string; count: number }> };
  'library/providers': { request: Record<string, never>; response: Array<{ name: string; count: number }> };
  'library/export': { request: { id: string }; response: { filename: string; text: string } | null };
  /** Export and backup, a slice at a time; `exportId` names one export, whose file names are planned once. */
  'library/files': { request: { exportId: string; offset: number; limit: number }; response: ExportSlice };
  /** Imports files in one batch; each is applied whole or not at all, and reported. */
  'library/import': { request: { files: ImportFile[] }; response: { entries: ImportEntry[] } };
  'draft/put': { request: { draft: Draft }; response: { ok: boolean } };
  'draft/clear': { request: { tabId: number }; response: { ok: boolean } };
  'settings/get': { request: Record<string, never>; response: Settings };
  'settings/set': { request: { settings: Partial<Settings> }; response: Settings };
}

export type MessageName = keyof MessageMap;
export type Request<K extends MessageName> = MessageMap[K]['request'];
export type Response<K extends MessageName> = MessageMap[K]['response'];

/** What crosses `runtime.sendMessage`. */
export interface Envelope<K extends MessageName = MessageName> {
  lede: 1;
  type: K;
  payload: Request<K>;
}

/** Error answer when the background refuses or fails a message. */
export interface ErrorAnswer {
  ledeError: string;
}
