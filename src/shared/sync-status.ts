// What folder sync reports to the library and options pages: its state, what is pending, what needs a person.

/** `folder`: one the person picked (Chrome); `helper`: one Lede's helper (`lede host`) serves; `downloads`: one way. */
export type SyncMode = 'off' | 'folder' | 'downloads' | 'helper';

/** What Lede's helper answers: the folders its config allows, or why it does not answer. */
export type HelperState =
  | { running: true; version: string; folders: Array<{ id: string; name: string; path: string }> }
  | { running: false; error: string };

/** Something sync will not decide alone; keyed by the file's name in the sync folder. */
export type SyncIssue =
  /** Both the file and the record changed since they last agreed: both are kept until the person chooses. */
  | { kind: 'conflict'; name: string; id: string; title: string }
  /** A record file that is not valid: one `file:line: key: message` per problem; nothing was imported. */
  | { kind: 'invalid'; name: string; problems: string[] }
  /** The record's file was deleted or moved away outside Lede. */
  | { kind: 'missing'; name: string; id: string; title: string }
  /** A file Lede would have removed or moved, kept because it no longer holds what Lede wrote. */
  | { kind: 'kept'; name: string }
  /** The browser saved a download under another name than Lede gave it (another extension renamed it). */
  | { kind: 'renamed'; name: string; actual: string };

export type SyncChoice =
  | 'use-file' | 'use-library' // conflict
  | 'remove-record' | 'write-again' // missing
  | 'dismiss'; // kept, invalid, renamed

export interface SyncStatus {
  mode: SyncMode;
  /** The chosen folder's name (Chrome), the helper's id of its folder, or the folder under Downloads. */
  folder: string;
  state: 'off' | 'idle' | 'syncing' | 'needs-permission' | 'error';
  /** ISO time of the last pass that finished with nothing left to do. */
  syncedAt: string | null;
  pending: number;
  /** The reason of the last failure, for the person. */
  error: string | null;
  /** A running pass: files and records looked at so far, of how many. */
  progress: { done: number; total: number } | null;
  issues: SyncIssue[];
  /**
   * What the last run did (the last full pass, or the last run that did something: a look at reported names
   * that changed nothing leaves it): files written and removed, files read, records imported from the folder,
   * and files whose size and time were asked for (none when the watcher vouched for them).
   */
  lastRun: { written: number; removed: number; read: number; imported: number; statted?: number } | null;
  /** The folder is watched (Chrome): an edit made outside Lede comes in within a second while the browser runs. */
  watching?: boolean;
  /** "Keep copies of related images". */
  images: boolean;
  /** Files in the folder that are not Lede records (no Lede front matter), left alone: one line, not one issue each. */
  leftAlone?: number;
  /** What sync leaves alone as the person set it: subfolders (`Daily/`) and glob patterns (`*.canvas.md`). */
  ignore?: string[];
}

export const SYNC_OFF: SyncStatus = {
  mode: 'off', folder: '', state: 'off', syncedAt: null, pending: 0, error: null, progress: null, issues: [], lastRun: null, images: false,
};

/** The folder under Downloads that the downloads mode writes into unless the person names another. */
export const DEFAULT_DOWNLOADS_FOLDER = 'Lede';

export const SYNC_CHOICES: readonly SyncChoice[] = ['use-file', 'use-library', 'remove-record', 'write-again', 'dismiss'];

/**
 * A folder under Downloads: one or more plain names joined by `/` (`Lede`, `notes/Lede`), nothing that
 * climbs out (`..`), starts at a root, or holds a character Windows refuses in a file name.
 */
export function isDownloadsFolderName(folder: string): boolean {
  if (folder.length === 0 || folder.length > 120) return false;
  // eslint-disable-next-line no-control-regex
  return folder.split('/').every((part) => part !== '' && part !== '.' && part !== '..' && !/[\\:*?"<>|\u0000-\u001f]/.test(part) && part.trim() === part);
}
