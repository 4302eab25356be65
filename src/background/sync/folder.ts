// The folder as sync's engine uses it: the small part of the File System Access API it needs, and the
// few file operations built on it. Another folder (the native-messaging folder of issue 20, the tests'
// in-memory folder) plugs into the engine by implementing `SyncDirHandle` and `SyncFileHandle` below:
// names are single entries of the folder (never paths); errors carry the DOMException names the browser
// uses (NotFoundError for a missing entry, NotAllowedError for a lost permission, QuotaExceededError).

import type { Expect, WriteOutcome } from './write.js';

/** What `getFile()` gives: enough to tell whether a file changed, and its text. */
export interface SyncFile {
  readonly lastModified: number;
  readonly size: number;
  text(): Promise<string>;
}

export interface SyncWritable {
  write(data: string | Blob | ArrayBuffer | Uint8Array): Promise<void>;
  close(): Promise<void>;
  abort(reason?: unknown): Promise<void>;
}

export interface SyncFileHandle {
  readonly kind: 'file';
  readonly name: string;
  getFile(): Promise<SyncFile>;
  /** A writable whose text replaces the file's at `close()`, whole or not at all. */
  createWritable(): Promise<SyncWritable>;
  /**
   * Renames the file within its folder, over a file of that name if there is one (Chrome's handles
   * have it, for local folders and the origin private file system). Without it, writes go in place.
   */
  move?(newName: string): Promise<void>;
}

/**
 * A real `FileSystemDirectoryHandle` fits this (the chosen folder, or the origin private file
 * system in tests), and so does the in-memory folder of the unit tests.
 */
export interface SyncDirHandle {
  readonly kind: 'directory';
  readonly name: string;
  values(): AsyncIterable<SyncFileHandle | SyncDirHandle>;
  getFileHandle(name: string, options?: { create?: boolean }): Promise<SyncFileHandle>;
  getDirectoryHandle(name: string, options?: { create?: boolean }): Promise<SyncDirHandle>;
  removeEntry(name: string, options?: { recursive?: boolean }): Promise<void>;
  /**
   * A folder that can write a record's file in one step, checking just before it goes in place that the file
   * is as `expect` says (Lede's helper does the check and the rename together); `writeRecordFile` uses it.
   */
  writeChecked?(name: string, text: string, expect: Expect): Promise<WriteOutcome>;
}

/** When a file last changed, as far as sync can see without reading it. */
export interface Stamp {
  lastModified: number;
  size: number;
}

export function sameStamp(a: Stamp, b: Stamp): boolean {
  return a.lastModified === b.lastModified && a.size === b.size;
}

function errorName(error: unknown): string {
  return error && typeof error === 'object' && 'name' in error ? String((error as { name: unknown }).name) : '';
}

export function isNotFound(error: unknown): boolean {
  return errorName(error) === 'NotFoundError';
}

export type FolderFailure = 'permission' | 'quota' | 'gone' | 'failed';

/** Sorts a failure into what the person can do: grant access again, free space, choose the folder again, retry. */
export function classifyFailure(error: unknown): FolderFailure {
  const name = errorName(error);
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'permission';
  if (name === 'QuotaExceededError' || /quota|no space|disk full/i.test(String(error))) return 'quota';
  if (name === 'NotFoundError' || name === 'InvalidStateError') return 'gone';
  return 'failed';
}

/** The folder's top-level files by name; sub-folders (images/, .git/ …) are not records. */
export async function listFiles(dir: SyncDirHandle): Promise<Map<string, SyncFileHandle>> {
  const files = new Map<string, SyncFileHandle>();
  for await (const entry of dir.values()) {
    if (entry.kind === 'file') files.set(entry.name, entry);
  }
  return files;
}

/** The file's handle, or null when there is none by that name. */
export async function fileHandle(dir: SyncDirHandle, name: string): Promise<SyncFileHandle | null> {
  try {
    return await dir.getFileHandle(name);
  } catch (error) {
    if (isNotFound(error) || errorName(error) === 'TypeMismatchError') return null;
    throw error;
  }
}

export async function readFile(handle: SyncFileHandle): Promise<{ text: string; stamp: Stamp }> {
  const file = await handle.getFile();
  return { text: await file.text(), stamp: { lastModified: file.lastModified, size: file.size } };
}

export function stampOf(file: SyncFile): Stamp {
  return { lastModified: file.lastModified, size: file.size };
}

/** The file's stamp now; null when there is no file by that name. */
export async function stampNow(dir: SyncDirHandle, name: string): Promise<Stamp | null> {
  const handle = await fileHandle(dir, name);
  if (!handle) return null;
  try {
    return stampOf(await handle.getFile());
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/** Writes the text into the handle's file, whole or not at all (the browser puts its swap file in place at `close()`). */
export async function writeInto(handle: SyncFileHandle, data: string | Uint8Array): Promise<void> {
  const writable = await handle.createWritable();
  try {
    await writable.write(data);
    await writable.close();
  } catch (error) {
    await writable.abort().catch(() => undefined);
    throw error;
  }
}

export async function removeFile(dir: SyncDirHandle, name: string): Promise<void> {
  try {
    await dir.removeEntry(name);
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}
