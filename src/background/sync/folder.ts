// The part of the File System Access API folder sync uses, and the few file operations built on it.

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
  createWritable(): Promise<SyncWritable>;
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

/**
 * Writes the whole text or nothing: the browser writes into a swap file and puts it in place on
 * `close()`, so a failure (a full disk, a lost permission) leaves the old file as it was.
 */
export async function writeFile(dir: SyncDirHandle, name: string, text: string): Promise<Stamp> {
  const handle = await dir.getFileHandle(name, { create: true });
  const writable = await handle.createWritable();
  try {
    await writable.write(text);
    await writable.close();
  } catch (error) {
    await writable.abort().catch(() => undefined);
    throw error;
  }
  const file = await handle.getFile();
  return { lastModified: file.lastModified, size: file.size };
}

export async function removeFile(dir: SyncDirHandle, name: string): Promise<void> {
  try {
    await dir.removeEntry(name);
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}
