// What folder sync's service is made of: what it needs from the background, its settings, what it keeps of a run.
import type { StoredRecord } from '../../shared/messages.js';
import type { HelperState, SyncChoice, SyncMode, SyncStatus } from '../../shared/sync-status.js';
import type { SyncDirHandle } from './folder.js';
import type { FetchImage } from './images.js';
import type { SyncLibrary } from './library.js';
import type { SyncRules } from './rules.js';
import type { SyncState } from './state.js';

/** A chosen folder: the handle, with the permission calls a real one has (the worker can ask, never prompt). */
export type FolderHandle = SyncDirHandle & {
  queryPermission?(descriptor: { mode: 'readwrite' }): Promise<PermissionState>;
};

/** The other way to sync: files written through the downloads API (Firefox, or Chrome by choice). */
export interface DownloadsSync {
  readonly counts: { written: number };
  runJob(key: string): Promise<void>;
  fullPass(records: StoredRecord[], progress: (done: number, total: number) => void): Promise<void>;
  issues(): Promise<SyncStatus['issues']>;
  resolve(name: string, choice: SyncChoice): Promise<void>;
}

/** The folder watcher (Chrome: a worker of the offscreen document). */
export interface FolderWatch {
  /** Starts watching the chosen folder, or answers the watch already running: its generation; null when it cannot watch. */
  start(): Promise<string | null>;
  stop(): Promise<void>;
}

/** Lede's helper (`lede host`, native messaging): a folder it serves, by the id its config gives it, and its watch. */
export interface HelperSync {
  folder(id: string): FolderHandle;
  watch: FolderWatch;
  /** Whether the helper answers, and the folders it serves. */
  hello(): Promise<HelperState>;
}

/** The modes that sync both ways through the engine: a picked folder, or one the helper serves. */
export function twoWay(mode: SyncMode): mode is 'folder' | 'helper' {
  return mode === 'folder' || mode === 'helper';
}

/** The folder a mode syncs with: the one the person picked, or the one the helper serves. */
export async function folderOf(deps: SyncServiceDeps, config: SyncConfig): Promise<FolderHandle | null> {
  if (config.mode === 'helper') return deps.helper?.folder(config.folder) ?? null;
  return deps.folder();
}

export function helperState(deps: SyncServiceDeps): Promise<HelperState> {
  return deps.helper ? deps.helper.hello() : Promise.resolve({ running: false, error: 'Lede may not start its helper yet (the nativeMessaging permission).' });
}

export interface SyncConfig {
  mode: SyncMode;
  folder: string;
  images: boolean;
  /** Subfolders and glob patterns sync leaves alone (see ignore.ts). */
  ignore?: string[];
}

export interface SyncServiceDeps {
  state: SyncState;
  library: SyncLibrary;
  rules: SyncRules;
  /** The folder the person chose (kept in IndexedDB by the page that asked for it). */
  folder(): Promise<FolderHandle | null>;
  downloads(folder: string): DownloadsSync | null;
  /** Drops anything kept about the old target when another folder is chosen or sync stops. */
  reset?(): void;
  /** Fetches a related entry's image (needs host access, asked for when the option is turned on). */
  fetchImage?: FetchImage;
  /** Watches the folder, so outside edits come in at once and a pass need not ask every file's stamp. */
  watch?: FolderWatch;
  /** The helper, where the browser lets Lede start it (the nativeMessaging permission). */
  helper?: HelperSync;
  /** Turns the periodic pass on or off (chrome.alarms). */
  schedule(on: boolean): Promise<void>;
  /** Wakes the worker for the next retry at `when` (epoch ms; chrome.alarms), or cancels the wake-up (null). */
  wakeAt?(when: number | null): Promise<void>;
  /** Whether the folder just chosen is the one sync knew (`isSameEntry` on the two handles). */
  sameFolder?(): Promise<boolean>;
  now?: () => number;
}

export const CONFIG = 'config';
export const LAST = 'last';
/** True while a folder run is under way: still true when a new worker starts, the last run was cut off. */
export const RUNNING = 'running';
/**
 * The watch generation under which the last pass that asked every file's stamp began, and when: a later
 * pass may trust the watcher only while the generation is the same (it watched without a gap since).
 */
export const WATCHED = 'watched';
/** Even while the watcher vouches, every file's stamp is asked for at least this often. */
export const STAT_ALL_EVERY_MS = 60 * 60_000;
/** A report from the watcher is read back after this pause, so a burst of changes is one run. */
export const OBSERVED_DELAY_MS = 150;

export interface Watched {
  generation: string;
  at: number;
}

export interface LastRun {
  syncedAt: string | null;
  error: string | null;
  needsPermission: boolean;
  counts?: SyncStatus['lastRun'];
  /** Files that are not records, left alone, as the last run counted them. */
  leftAlone?: number;
}

export const NO_COUNTS = { written: 0, removed: 0, read: 0, imported: 0, statted: 0 };
