// The folder operations the helper serves: list, stat, read, write (atomically), remove, move, make a sub-folder.
import { constants } from 'node:fs';
import { lstat, mkdir, open, readdir, rename, unlink, type FileHandle } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { DATA_CHUNK, HOST_MESSAGE_MAX, type HelperEntry, type HelperStamp } from '../shared/helper-protocol.js';
import { checkName, Confined, hostError, HostError, stampOf } from './confine.js';
import { TEMP_PREFIX, Writes } from './writes.js';


/** Entries in one page of a listing: kept under the host's message limit with room to spare. */
const LIST_PAGE_BYTES = HOST_MESSAGE_MAX - 64 * 1024;
/** Stats asked of the system at once. */
const AT_ONCE = 64;


async function eachAtOnce<T, R>(items: T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(AT_ONCE, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]!);
    }
  }));
  return out;
}

export class FolderOps {
  readonly writes: Writes;
  private readonly listings = new Map<string, { entries: HelperEntry[]; at: number }>();

  constructor(private readonly folderFor: (id: string) => Confined) {
    this.writes = new Writes(folderFor);
  }

  /** The folder's entries with each file's stamp, in pages that fit a message; `token` asks for the next page. */
  async list(folder: string, dir: string | undefined, token?: string): Promise<{ entries: HelperEntry[]; token: string | null }> {
    let entries: HelperEntry[];
    if (token !== undefined) {
      const kept = this.listings.get(token);
      if (!kept) throw new HostError('BadRequest', 'that listing is no longer kept: list the folder again');
      this.listings.delete(token);
      entries = kept.entries;
    } else {
      const confined = this.folderFor(folder);
      const { root, path } = await confined.dir(dir);
      await this.writes.sweep(path);
      let names: string[];
      try {
        names = (await readdir(path)).filter((name) => !name.startsWith(TEMP_PREFIX));
      } catch (error) {
        throw hostError(error, confined.folder.path);
      }
      const found = await eachAtOnce(names, async (name): Promise<HelperEntry | null> => {
        // A name the protocol cannot carry, a link out of the folder, a socket: not listed.
        const entry = await confined.entryIn(root, path, name).catch(() => null);
        if (!entry?.stats) return null;
        if (entry.stats.isDirectory()) return { name, kind: 'directory' };
        return entry.stats.isFile() ? { name, kind: 'file', ...stampOf(entry.stats) } : null;
      });
      entries = found.filter((e): e is HelperEntry => e !== null);
    }
    let bytes = 0;
    let cut = entries.length;
    for (let i = 0; i < entries.length; i++) {
      bytes += JSON.stringify(entries[i]).length + 1;
      if (bytes > LIST_PAGE_BYTES) {
        cut = i;
        break;
      }
    }
    if (cut === entries.length) return { entries, token: null };
    const next = randomBytes(8).toString('hex');
    const now = Date.now();
    for (const [key, kept] of this.listings) if (now - kept.at > 60_000) this.listings.delete(key);
    this.listings.set(next, { entries: entries.slice(cut), at: now });
    return { entries: entries.slice(0, cut), token: next };
  }

  async stat(folder: string, dir: string | undefined, names: string[]): Promise<Array<HelperEntry | null>> {
    const confined = this.folderFor(folder);
    const { root, path } = await confined.dir(dir);
    return eachAtOnce(names, async (name) => {
      const entry = await confined.entryIn(root, path, name);
      if (!entry.stats) return null;
      if (entry.stats.isDirectory()) return { name, kind: 'directory' as const };
      if (!entry.stats.isFile()) throw new HostError('TypeMismatch', `${name} is not a file`);
      return { name, kind: 'file' as const, ...stampOf(entry.stats) };
    });
  }

  /** Up to DATA_CHUNK bytes from `offset`, with the stamp of the file they came from. */
  async read(folder: string, dir: string | undefined, name: string, offset: number): Promise<{ data: string; eof: boolean } & HelperStamp> {
    const confined = this.folderFor(folder);
    const { root, path } = await confined.dir(dir);
    const entry = await confined.entryIn(root, path, name);
    if (!entry.stats) throw new HostError('NotFound', `no such file: ${name}`);
    if (!entry.stats.isFile()) throw new HostError('TypeMismatch', `${name} is not a file`);
    let handle: FileHandle;
    try {
      // No link followed here unless it was checked to stay inside (a link swapped in since is refused).
      handle = await open(entry.path, constants.O_RDONLY | (entry.link ? 0 : constants.O_NOFOLLOW));
    } catch (error) {
      throw hostError(error, name);
    }
    try {
      const info = await handle.stat();
      const length = Math.max(0, Math.min(DATA_CHUNK, info.size - offset));
      const buffer = Buffer.alloc(length);
      const { bytesRead } = length ? await handle.read(buffer, 0, length, offset) : { bytesRead: 0 };
      return { data: buffer.subarray(0, bytesRead).toString('base64'), eof: offset + bytesRead >= info.size, ...stampOf(info) };
    } catch (error) {
      throw hostError(error, name);
    } finally {
      await handle.close().catch(() => undefined);
    }
  }

  async remove(folder: string, dir: string | undefined, name: string): Promise<void> {
    const confined = this.folderFor(folder);
    const { path } = await confined.dir(dir);
    const target = join(path, checkName(name));
    const info = await lstat(target).catch((error: unknown) => {
      throw hostError(error, name);
    });
    // Never a folder: sync removes files it wrote, nothing recursive.
    if (info.isDirectory()) throw new HostError('TypeMismatch', `${name} is a folder; the helper removes files only`);
    // A link is removed itself, never what it points to.
    await unlink(target).catch((error: unknown) => {
      throw hostError(error, name);
    });
  }

  async move(folder: string, dir: string | undefined, from: string, to: string): Promise<void> {
    const confined = this.folderFor(folder);
    checkName(to);
    const { root, path } = await confined.dir(dir);
    const source = await confined.entryIn(root, path, from);
    if (!source.stats) throw new HostError('NotFound', `no such file: ${from}`);
    const target = await confined.entryIn(root, path, to);
    if (target.stats) throw new HostError('Exists', `${to} is already there`);
    await rename(source.path, target.path).catch((error: unknown) => {
      throw hostError(error, to);
    });
  }

  async mkdir(folder: string, name: string): Promise<void> {
    const confined = this.folderFor(folder);
    const { root } = await confined.dir();
    const entry = await confined.entryIn(root, root, name);
    if (entry.stats?.isDirectory()) return;
    if (entry.stats) throw new HostError('TypeMismatch', `${name} is a file, not a folder`);
    await mkdir(entry.path).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw hostError(error, name);
    });
  }

  write(req: Parameters<Writes['write']>[0]): ReturnType<Writes['write']> {
    return this.writes.write(req);
  }

  abort(token: string): Promise<void> {
    return this.writes.abort(token);
  }

  /** Every write still open is dropped (the extension went away). */
  close(): Promise<void> {
    return this.writes.close();
  }
}
