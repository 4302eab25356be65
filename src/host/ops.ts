// The folder operations the helper serves: list, stat, read, write (atomically), remove, move, make a sub-folder.
import { constants, type Stats } from 'node:fs';
import { chmod, link, lstat, mkdir, open, readdir, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { DATA_CHUNK, HOST_MESSAGE_MAX, type HelperEntry, type HelperStamp } from '../shared/helper-protocol.js';
import { checkName, Confined, hostError, HostError } from './confine.js';

/** The helper's own temporary files: hidden, and never a record (`.md`) name. */
export const TEMP_PREFIX = '.lede-';
const TEMP_SUFFIX = '.tmp';
/** A temporary file older than this was left by a helper that stopped mid-write (another browser's may be in flight). */
const STALE_TEMP_MS = 10 * 60_000;
/** The largest file the helper writes (a record is far smaller; an image at most 10 MB). */
export const WRITE_MAX = 64 * 1024 * 1024;
/** Entries in one page of a listing: kept under the host's message limit with room to spare. */
const LIST_PAGE_BYTES = HOST_MESSAGE_MAX - 64 * 1024;
/** Stats asked of the system at once. */
const AT_ONCE = 64;

/** Whether a process of that id runs here (EPERM: it does, as another user). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function stampOf(info: Stats): HelperStamp {
  return { lastModified: info.mtimeMs, size: info.size };
}

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

interface Upload {
  folder: string;
  dir: string;
  temp: string;
  target: string;
  name: string;
  handle: FileHandle;
  bytes: number;
}

export class FolderOps {
  private readonly uploads = new Map<string, Upload>();
  private readonly listings = new Map<string, { entries: HelperEntry[]; at: number }>();
  private readonly swept = new Set<string>();

  constructor(private readonly folderFor: (id: string) => Confined) {}

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
      if (!this.swept.has(path)) await this.sweep(path);
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

  /**
   * Writes a file in chunks into a temporary file beside it; the last chunk syncs it to disk, gives it the old
   * file's mode and renames it over the name, so the name holds the old text or the whole new one, never half.
   */
  async write(req: { folder: string; dir?: string; name: string; data: string; upload?: string; last: boolean; expect?: HelperStamp | 'free' }):
    Promise<{ upload: string } | (HelperStamp & { ours: boolean }) | { changed: true }> {
    const bytes = Buffer.from(req.data, 'base64');
    const upload = req.upload === undefined ? await this.begin(req.folder, req.dir, req.name) : this.uploads.get(req.upload);
    if (!upload) throw new HostError('BadRequest', 'that write is no longer open: write the file again');
    if (upload.folder !== req.folder || upload.name !== req.name || upload.dir !== (req.dir ?? '')) {
      throw new HostError('BadRequest', 'a chunk for another file');
    }
    const token = req.upload ?? randomBytes(8).toString('hex');
    try {
      if (upload.bytes + bytes.length > WRITE_MAX) throw new HostError('TooLarge', `${req.name} is over ${WRITE_MAX / 1024 / 1024} MB`);
      // A write may be short (a disk filling up): on until every byte is down, or the system says why not.
      for (let done = 0; done < bytes.length;) {
        const { bytesWritten } = await upload.handle.write(bytes, done, bytes.length - done, upload.bytes + done);
        if (bytesWritten === 0) throw new HostError('NoSpace', `the disk is full: ${req.name}: nothing more could be written`);
        done += bytesWritten;
      }
      upload.bytes += bytes.length;
      if (!req.last) {
        this.uploads.set(token, upload);
        return { upload: token };
      }
      this.uploads.delete(token);
      return await this.commit(upload, req.expect);
    } catch (error) {
      this.uploads.delete(token);
      await this.discard(upload);
      throw hostError(error, req.name);
    }
  }

  async abort(token: string): Promise<void> {
    const upload = this.uploads.get(token);
    this.uploads.delete(token);
    if (upload) await this.discard(upload);
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

  /** Every write still open is dropped (the extension went away). */
  async close(): Promise<void> {
    const open = [...this.uploads.values()];
    this.uploads.clear();
    await Promise.all(open.map((u) => this.discard(u)));
  }

  private async begin(folder: string, dir: string | undefined, name: string): Promise<Upload> {
    const confined = this.folderFor(folder);
    const { root, path } = await confined.dir(dir);
    const target = await confined.entryIn(root, path, name);
    if (target.link) throw new HostError('Refused', `${name} is a link; the helper does not write through links`);
    if (target.stats && !target.stats.isFile()) throw new HostError('TypeMismatch', `${name} is not a file`);
    // The helper's process id in the name: a temporary file of a helper no longer running is known as left over.
    const temp = join(path, `${TEMP_PREFIX}${process.pid}-${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
    try {
      const handle = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
      return { folder, dir: dir ?? '', temp, target: target.path, name, handle, bytes: 0 };
    } catch (error) {
      throw hostError(error, confined.folder.path);
    }
  }

  private async commit(upload: Upload, expect?: HelperStamp | 'free'): Promise<(HelperStamp & { ours: boolean }) | { changed: true }> {
    await upload.handle.sync();
    const mine = await upload.handle.stat();
    await upload.handle.close();
    // The old file's mode is kept; a new file gets what the person's umask gives any new file.
    const old = await stat(upload.target).catch(() => null);
    const mask = process.umask();
    await chmod(upload.temp, old ? old.mode & 0o7777 : 0o666 & ~mask);
    // Checked right before the file goes in place: an outside save since Lede last looked is not written over.
    const fits = expect === undefined ? true
      : expect === 'free' ? !old || old.size === 0
        : Boolean(old) && old!.mtimeMs === expect.lastModified && old!.size === expect.size;
    if (!fits) {
      await this.discard(upload);
      return { changed: true };
    }
    if (expect === 'free' && !old) {
      // A free name taken without replacing: a file someone made in the instant since is never written over.
      const linked = await link(upload.temp, upload.target).then(() => true, (error: NodeJS.ErrnoException) => {
        if (error.code === 'EEXIST') return null;
        // A file system without hard links: renamed as any other write.
        return false;
      });
      if (linked === null) {
        await this.discard(upload);
        return { changed: true };
      }
      if (linked) await unlink(upload.temp);
      else await rename(upload.temp, upload.target);
    } else {
      await rename(upload.temp, upload.target);
    }
    // The rename itself made durable (best effort: not every system syncs a folder).
    await open(dirname(upload.target), 'r').then(async (d) => {
      await d.sync().catch(() => undefined);
      await d.close();
    }, () => undefined);
    const now = await stat(upload.target);
    // Still the file written (same inode): Lede's text is what is there.
    return { ...stampOf(now), ours: now.ino === mine.ino && now.dev === mine.dev };
  }

  private async discard(upload: Upload): Promise<void> {
    await upload.handle.close().catch(() => undefined);
    await unlink(upload.temp).catch(() => undefined);
  }

  /**
   * Temporary files a helper left when it stopped mid-write, removed once per folder and run: those of a helper
   * no longer running on this computer, and any older than a while (another computer's, on a shared folder).
   */
  private async sweep(path: string): Promise<void> {
    this.swept.add(path);
    const names = await readdir(path).catch(() => [] as string[]);
    const now = Date.now();
    for (const name of names) {
      if (!name.startsWith(TEMP_PREFIX) || !name.endsWith(TEMP_SUFFIX)) continue;
      const info = await lstat(join(path, name)).catch(() => null);
      const pid = Number(/^\.lede-(\d+)-/.exec(name)?.[1] ?? NaN);
      const orphan = Number.isSafeInteger(pid) && pid !== process.pid && !alive(pid);
      if (info?.isFile() && (orphan || now - info.mtimeMs > STALE_TEMP_MS)) await unlink(join(path, name)).catch(() => undefined);
    }
  }
}
