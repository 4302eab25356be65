// The one typed map of messages between popup, pages and background, and the facade that sends them.
import type { Extraction } from '../extract/types.js';
import type { LedeRecord, Problem, RelatedEntry } from '../record/index.js';
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
}

export type SaveResult = { ok: true; stored: StoredRecord; created: boolean } | { ok: false; problems: Problem[] };

/** A related page read by address, or why not (the message is for the person, beside the entry). */
export type RelatedAnswer =
  | { ok: true; entry: RelatedEntry; notice: string }
  | { ok: false; reason: string; message: string };

/** A library record offered as a related entry, and why. */
export interface LibrarySuggestion {
  stored: StoredRecord;
  sharedTopics: string[];
  sameProvider: boolean;
}

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
  'library/restore': { request: { stored: StoredRecord }; response: { ok: boolean } };
  'library/topics': { request: Record<string, never>; response: Array<{ topic: string; count: number }> };
  'library/providers': { request: Record<string, never>; response: Array<{ name: string; count: number }> };
  'library/export': { request: { id: string }; response: { filename: string; text: string } | null };
  'draft/put': { request: { draft: Draft }; response: { ok: boolean } };
  'draft/clear': { request: { tabId: number }; response: { ok: boolean } };
  /** Reads the page at `url` into a related entry; `tabId` clears that tab's waiting entry for it. */
  'related/fetch': { request: { url: string; tabId?: number }; response: RelatedAnswer };
  /** An entry waiting for host access: the tab's draft holding it, completed when access is granted. */
  'related/pending': { request: { draft: Draft; url: string }; response: { ok: boolean } };
  /** The other web pages open in the window of `tabId` (the popup's page), for "From a tab". */
  'related/tabs': { request: { tabId: number }; response: Array<{ id: number; title: string; url: string }> };
  /** Reads the open tab `tabId` (at `url`) live, through the same injected stages, into a related entry. */
  'related/tab': { request: { tabId: number; url: string }; response: RelatedAnswer };
  /** Library records sharing topics or provider with `record`; with `tabId`, also the tab's links to other articles. */
  'related/suggest': {
    request: { record: LedeRecord; tabId?: number };
    response: { library: LibrarySuggestion[]; page: Array<{ url: string; title: string; source: string }> };
  };
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
