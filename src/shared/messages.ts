// The one typed map of messages between popup, pages and background, and the facade that sends them.
import type { Extraction } from '../extract/types.js';
import type { LedeRecord, Problem, RelatedEntry } from '../record/index.js';
import type { PrivateData } from '../secure/private-data.js';
import type { BroughtEntry } from '../transfer/bring/types.js';
import type { BatchAction, BatchChoices, BatchStatus, Grant } from './bulk-status.js';
import type { Settings } from './settings.js';
import type { HelperState, SyncChoice, SyncStatus } from './sync-status.js';

/** Who made a record's last write (the library row keeps it; `updatedAt` says when). */
export type ChangeSource = 'popup' | 'library' | 'sync' | 'images' | 'menu' | 'undo' | 'import' | 'key' | 'bulk';

export const CHANGE_SOURCES: readonly ChangeSource[] = ['popup', 'library', 'sync', 'images', 'menu', 'undo', 'import', 'key', 'bulk'];

/** A record as the library keeps it. `id` is the normalised originalUrl. */
export interface StoredRecord {
  id: string;
  record: LedeRecord;
  /**
   * The row's version: 1 when first saved, one more on every write (never in the file format). A
   * record deleted and saved again goes on from where it stopped, so a number is never reused.
   */
  revision: number;
  /** Who made the last write. */
  changedBy?: ChangeSource;
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
  /** The revision of the saved record the draft was made over (null: the page was not saved then): a stale draft is caught. */
  revision?: number | null;
}

export type PageReadResult =
  | {
      ok: true;
      /** The record to show: the saved one when the page is in the library, else one built from the page. */
      record: LedeRecord;
      saved: StoredRecord | null;
      draft: Draft | null;
      extraction: Extraction | null;
      /** Said beside the form: the page could not be read in full in time. */
      notice?: string;
    }
  | { ok: false; reason: 'restricted' | 'no-access' | 'no-tab' | 'failed'; message: string };

export interface ListQuery {
  text?: string;
  topic?: string;
  provider?: string;
  offset?: number;
  limit?: number;
  /** Search the private notes and selections too (decrypted in the background's memory only). */
  includePrivate?: boolean;
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

/** A key change under way: records re-encrypted so far; `locked` ones are under another key and kept as they are. */
export interface KeyChangeProgress {
  done: number;
  total: number;
  locked: number;
  running: boolean;
}

/** One key of the ring: `current` writes, `retired` only reads, `next` is a change's new key. */
export interface KeyInfo {
  id: string;
  role: 'current' | 'retired' | 'next';
  kind: 'key' | 'passphrase';
  createdAt: string;
  backupConfirmed: boolean;
  /** How many library records this key opens (key/list only). */
  records?: number;
}

export interface PrivateStatus {
  key: 'none' | 'key' | 'passphrase';
  createdAt: string | null;
  /** Set while a key change is unfinished (also after a crash, until it is resumed). */
  change: KeyChangeProgress | null;
  /** The current key's backup was never confirmed kept: the options page reminds until it is. */
  reminder: boolean;
  keys: KeyInfo[];
}

/** The ring with record counts: `unopened`, records under no key of the ring; `hidden`, rows failing today's checks. */
export interface KeyList {
  keys: KeyInfo[];
  unopened: number;
  hidden: number;
}

/** `needsKey`: there is no key yet; the popup asks for one (its first-note moment). */
export type PrivateFailure = { ok: false; message: string; needsKey?: true };
/** A key just made (first, pending its confirmation, or a change's new one): its id and its backup string. */
export type MadeKey = { ok: true; backup: string; id: string };
export type PrivateOpened =
  | { ok: true; data: PrivateData }
  | { ok: false; reason: 'no-key' | 'malformed' | 'locked' | 'not-private-data'; message: string };

export type SaveResult =
  | { ok: true; stored: StoredRecord; created: boolean }
  | { ok: false; problems: Problem[] }
  /**
   * The record changed since the revision the editor opened (or was saved meanwhile, when it opened a
   * page not in the library): nothing was written. `current` is the row now; null when it was deleted.
   */
  | { ok: false; conflict: { current: StoredRecord | null } }
  /** The edited originalUrl is another saved record's address: nothing written, nothing replaced. */
  | { ok: false; addressTaken: { other: StoredRecord } };

/**
 * Sent by the background with `runtime.sendMessage` after each committed change to a library row
 * (fire and forget): open editors learn that their record changed underneath. Not a request.
 */
export interface LibraryChanged {
  lede: 1;
  event: 'library/changed';
  id: string;
  /** The row's revision after the change (for a delete, the revision the deletion took). */
  revision: number;
  by: ChangeSource;
  /** ISO time of the change. */
  at: string;
  deleted?: boolean;
  /**
   * The other rows the same write changed (an import batch), in the same message: one message per write,
   * not per row. `onLibraryChanged` hands each to its listener as an event of its own (without `also`).
   */
  also?: Array<{ id: string; revision: number; deleted?: boolean }>;
}

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
  /**
   * `previousId`: the id of the saved record being edited, so a changed originalUrl moves it instead of
   * copying it. `revision`: the revision the editor opened (of `previousId`, else of the record's own
   * id); null or absent: the page was not in the library when the editor opened. A row at another
   * revision answers `conflict`, never an overwrite. `mergeWith`: the person merged the edited record
   * into the saved record `id` (whose address it now takes), as that record was at `revision`; it is
   * replaced only while still at that revision (else `addressTaken` again, with it as it is now) and
   * the edited record's own row goes, in one transaction.
   */
  'library/save': {
    request: {
      record: LedeRecord; tabId?: number; sources?: Extraction['sources']; previousId?: string;
      revision?: number | null; mergeWith?: { id: string; revision: number };
    };
    response: SaveResult;
  };
  'library/get': { request: { id: string }; response: StoredRecord | null };
  'library/list': { request: ListQuery; response: ListResult };
  /**
   * `revision`: delete only while the row is still at it (undo of a save that created the record);
   * absent: the row as it is now. A row at another revision is kept and answered as `conflict`.
   */
  'library/delete': {
    request: { id: string; revision?: number };
    response: { deleted: StoredRecord | null; conflict?: { current: StoredRecord | null } };
  };
  /**
   * Undo: puts `stored`'s content back (its times too). Without `over` (undo of a delete) only where no
   * record is under its address; with `over` (undo of a save) only while the row the save made, `over.id`,
   * is still at `over.revision` (a save that moved the record: that row goes, in the same transaction).
   * Refused (`changed`, with `current`, the row in the way) otherwise: undo never overwrites newer work.
   */
  'library/restore': {
    request: { stored: StoredRecord; over?: { id: string; revision: number } };
    response: { ok: boolean; changed?: boolean; current?: StoredRecord | null };
  };
  'library/topics': { request: Record<string, never>; response: Array<{ topic: string; count: number }> };
  'library/providers': { request: Record<string, never>; response: Array<{ name: string; count: number }> };
  'library/export': { request: { id: string }; response: { filename: string; text: string } | null };
  /** Export and backup, a slice at a time; `exportId` names one export, whose file names are planned once. */
  'library/files': { request: { exportId: string; offset: number; limit: number }; response: ExportSlice };
  /** Imports files in one batch; each is applied whole or not at all, and reported. */
  'library/import': { request: { files: ImportFile[] }; response: { entries: ImportEntry[] } };
  /** After an import was cut off: which of these records the library holds as they are (by `recordDigest`). */
  'library/landed': { request: { items: Array<{ id: string; digest: string }> }; response: { landed: string[] } };
  'draft/put': { request: { draft: Draft }; response: { ok: boolean } };
  'draft/clear': { request: { tabId: number }; response: { ok: boolean } };
  /** Reads the page at `url` into a related entry; `tabId` clears that tab's waiting entry for it. */
  'related/fetch': { request: { url: string; tabId?: number }; response: RelatedAnswer };
  /** An entry waiting for host access: the tab's draft holding it, completed when access is granted. */
  'related/pending': { request: { draft: Draft; url: string }; response: { ok: boolean } };
  /** An address is being typed or pasted: the reader starts now (Chrome's offscreen document), not at the Add click. */
  'related/prepare': { request: Record<string, never>; response: { ok: boolean } };
  /** The addresses whose entries wait in the tab's draft (their read never finished): a reopened popup reads them. */
  'related/waiting': { request: { tabId: number }; response: { urls: string[] } };
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
  'key/status': { request: Record<string, never>; response: PrivateStatus };
  /** A first key, pending: it encrypts nothing until key/confirm says its backup was kept (or to remind later). */
  'key/create': { request: { passphrase?: string }; response: MadeKey | PrivateFailure };
  /** `kept`: the person kept the backup; false: "Remind me later" (the options page keeps reminding). */
  'key/confirm': { request: { id: string; kept: boolean }; response: { ok: true } | PrivateFailure };
  'key/import': { request: { backup: string; passphrase?: string }; response: { ok: true; changing: boolean } | PrivateFailure };
  'key/change': { request: { passphrase?: string }; response: MadeKey | PrivateFailure };
  /** The ring with how many records each key opens. */
  'key/list': { request: Record<string, never>; response: KeyList };
  /** Removes a retired key once nothing in the library, the drafts or sync still needs it. */
  'key/remove': { request: { id: string }; response: { ok: true } | PrivateFailure };
  /** A passphrase key's backup string again, from its passphrase (checked against the ring). */
  'key/rederive': { request: { passphrase: string }; response: MadeKey | PrivateFailure };
  'key/resume': { request: Record<string, never>; response: PrivateStatus };
  /** Never makes a key: without one it answers `needsKey` (the popup's key moment asks for one). */
  'private/encrypt': { request: { data: PrivateData }; response: { ok: true; secured: string } | PrivateFailure };
  'private/decrypt': { request: { secured: string }; response: PrivateOpened };
  /** Which of these values open with this browser's key (for the library's "locked" marks); no clear text answered. */
  'private/check': { request: { secured: string[] }; response: { opens: boolean[] } };
  /** The text selected in the tab as Lede opened ('' when none): offered to the private note. */
  'page/selection': { request: { tabId: number }; response: { text: string } };
  /** Folder sync (src/background/sync): its status, a run now (`full`: compare every file and record), the person's choices. */
  'sync/status': { request: Record<string, never>; response: SyncStatus };
  'sync/run': { request: { full: boolean }; response: SyncStatus };
  /** `folder`: the chosen folder's name (its handle is in IndexedDB), the helper's id of its folder, or the folder under Downloads. */
  'sync/choose': { request: { mode: 'folder' | 'downloads' | 'helper'; folder: string }; response: SyncStatus };
  /** Whether Lede's helper (`lede host`) answers, and the folders it serves. */
  'sync/helper': { request: Record<string, never>; response: HelperState };
  'sync/stop': { request: Record<string, never>; response: SyncStatus };
  'sync/resolve': { request: { name: string; choice: SyncChoice }; response: SyncStatus };
  /** "Keep copies of related images" (the options page asks for host access first). */
  'sync/images': { request: { on: boolean }; response: SyncStatus };
  /**
   * Both versions behind an issue (a conflict), for the person to judge side by side: the folder's file as it
   * is now (its text, the record it holds or the problems that refuse it; null when there is no such file)
   * and the library's row (null when the library holds none).
   */
  'sync/compare': { request: { name: string }; response: SyncCompare };
  /** Files and subfolders sync leaves alone: folder names (`Daily/`) and glob patterns (`*.excalidraw.md`, `notes/**`). */
  'sync/ignore': { request: { patterns: string[] }; response: SyncStatus };
  /**
   * From the offscreen document's folder watcher (Chrome): these top-level names changed, appeared or went
   * (read back soon); `generation`, the watch's id; `gap`, the watch may have missed events.
   */
  'sync/observed': { request: { generation: string; names: string[]; gap: boolean }; response: { ok: true } };
  /**
   * Brought from another tool (Pocket, bookmarks, a list of addresses, other clippers' notes), read on the library
   * page: each entry a record at once (none over a record already under its address), then, with `fill`, filled
   * from its page by the bulk queue. A large file comes in slices under one `batch.id`.
   */
  'bulk/bring': {
    request: { batch: { id: string; label: string; grantedForBatch?: Grant }; entries: BroughtEntry[]; choices: BatchChoices; fill: boolean };
    response: { brought: number; inLibrary: Array<{ where: string; url: string }>; rejected: Array<{ where: string; reason: string }> };
  };
  /**
   * Save these tabs (or every tab of the popup's window), each read live and saved with the batch's choices.
   * `waitForAccess`: the popup asked for access to every site in the same click; wait for it (Firefox closes
   * the popup while it asks, so the batch must not depend on the popup staying open).
   */
  'bulk/tabs': {
    request: { tabId: number; tabIds?: number[]; choices: BatchChoices; grantedForBatch?: Grant; waitForAccess?: boolean };
    response: { batch: string; queued: number; notRead: Array<{ url: string; title: string; reason: string }> };
  };
  'bulk/status': { request: Record<string, never>; response: BatchStatus[] };
  'bulk/control': { request: { batch: string; action: BatchAction }; response: BatchStatus[] };
  'bulk/retry': { request: { job: string }; response: BatchStatus[] };
}

/** What `sync/compare` answers. */
export interface SyncCompare {
  folder: { text: string; record: LedeRecord | null; problems: string[] } | null;
  library: StoredRecord | null;
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
