// Keeping the helper inside the folders the person allowed: every name one entry, every link that leaves refused.
import { lstat, realpath, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { join, sep } from 'node:path';
import { nameProblem, type HelperErrorCode, type HelperStamp } from '../shared/helper-protocol.js';
import type { AllowedFolder } from './config.js';

export class HostError extends Error {
  constructor(readonly code: HelperErrorCode, message: string) {
    super(message);
    this.name = 'HostError';
  }
}

/** A system error as the person can act on it; `what` names the file in the message. */
export function hostError(error: unknown, what: string): HostError {
  if (error instanceof HostError) return error;
  const code = (error as NodeJS.ErrnoException)?.code ?? '';
  const detail = `${what}: ${(error as Error)?.message ?? String(error)}`;
  switch (code) {
    case 'ENOENT': return new HostError('NotFound', `no such file: ${detail}`);
    case 'ENOSPC': case 'EDQUOT': return new HostError('NoSpace', `the disk is full: ${detail}`);
    case 'EROFS': return new HostError('ReadOnly', `the folder is on a read-only file system: ${detail}`);
    case 'EACCES': case 'EPERM': case 'EBUSY': case 'ETXTBSY':
      return new HostError('Denied', `the system refused access (locked, or without permission): ${detail}`);
    case 'EISDIR': case 'ENOTDIR': return new HostError('TypeMismatch', `a folder where a file was expected: ${detail}`);
    case 'EEXIST': case 'ENOTEMPTY': return new HostError('Exists', `already there: ${detail}`);
    case 'ENAMETOOLONG': case 'EINVAL': case 'EILSEQ':
      return new HostError('Refused', `the file system refuses this name: ${detail}`);
    case 'EFBIG': return new HostError('TooLarge', `the file is too large: ${detail}`);
    default: return new HostError('Failed', detail);
  }
}

/** A file's stamp as the extension compares it: the modification time to the microsecond, and the size. */
export function stampOf(info: Stats): HelperStamp {
  return { lastModified: info.mtimeMs, size: info.size };
}

/** Whether `path` is `root` or inside it (both real paths). */
export function inside(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

export function checkName(name: unknown, what = 'name'): string {
  const problem = nameProblem(name);
  if (problem) throw new HostError('Refused', `refused ${what}: ${problem}`);
  return name as string;
}

export interface Entry {
  /** The entry's path, inside the folder. */
  path: string;
  /** What is there (a link followed, once it is known to stay inside), or null when nothing is. */
  stats: Stats | null;
  link: boolean;
}

/** One allowed folder, its real place looked up at every use: it may be moved, deleted or replaced while syncing. */
export class Confined {
  constructor(readonly folder: AllowedFolder) {}

  /** The folder's real path; `Gone` when it is not there (deleted, renamed, unmounted) or is not a folder. */
  async root(): Promise<string> {
    let real: string;
    try {
      real = await realpath(this.folder.path);
    } catch (error) {
      throw new HostError('Gone', `the folder ${this.folder.path} is gone (deleted, renamed or unmounted): ${(error as Error).message}`);
    }
    const info = await stat(real).catch(() => null);
    if (!info?.isDirectory()) throw new HostError('Gone', `${this.folder.path} is no longer a folder`);
    return real;
  }

  /** The folder, or its sub-folder `dir` (one name, and no link out of the folder). */
  async dir(dir?: string): Promise<{ root: string; path: string }> {
    const root = await this.root();
    if (dir === undefined) return { root, path: root };
    const entry = await this.entryIn(root, root, checkName(dir, 'folder name'));
    if (!entry.stats) throw new HostError('NotFound', `no folder ${dir} in ${this.folder.path}`);
    if (!entry.stats.isDirectory()) throw new HostError('TypeMismatch', `${dir} in ${this.folder.path} is not a folder`);
    return { root, path: entry.link ? await realpath(entry.path) : entry.path };
  }

  /** One entry of `dirPath` (the folder or its sub-folder); a link is followed only when it stays inside `root`. */
  async entryIn(root: string, dirPath: string, name: string): Promise<Entry> {
    const path = join(dirPath, checkName(name));
    let info: Stats;
    try {
      info = await lstat(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { path, stats: null, link: false };
      throw hostError(error, name);
    }
    if (!info.isSymbolicLink()) return { path, stats: info, link: false };
    let real: string;
    try {
      real = await realpath(path);
    } catch {
      // A dangling link: nothing there to read; never written through.
      throw new HostError('Refused', `${name} is a link to nothing`);
    }
    if (!inside(root, real)) throw new HostError('Refused', `${name} is a link that leaves the folder ${this.folder.path}; the helper does not follow it`);
    return { path, stats: await stat(real), link: true };
  }
}
