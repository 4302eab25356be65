// The helper's writes: chunks into a temporary file beside the target, synced to disk, the old file's mode
// kept, the stamp checked and the file renamed into place, so a name holds the old text or all the new one.
import { constants } from 'node:fs';
import { chmod, link, lstat, open, readdir, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import type { HelperStamp } from '../shared/helper-protocol.js';
import { Confined, hostError, HostError, stampOf } from './confine.js';

/** The helper's own temporary files: hidden, and never a record (`.md`) name. */
export const TEMP_PREFIX = '.lede-';
const TEMP_SUFFIX = '.tmp';
/** A temporary file older than this was left by a helper that stopped mid-write (another browser's may be in flight). */
const STALE_TEMP_MS = 10 * 60_000;
/** The largest file the helper writes (a record is far smaller; an image at most 10 MB). */
export const WRITE_MAX = 64 * 1024 * 1024;
/** Whether a process of that id runs here (EPERM: it does, as another user). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
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

export class Writes {
  private readonly uploads = new Map<string, Upload>();
  private readonly swept = new Set<string>();
  private readonly folderSyncs = new Map<string, { running: Promise<void> | null; next: Promise<void> | null }>();

  constructor(private readonly folderFor: (id: string) => Confined) {}

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
    const now = await stat(upload.target);
    // The rename itself made durable before the write is answered (else a power cut could bring the old text back).
    await this.syncFolder(dirname(upload.target));
    // Still the file written (same inode): Lede's text is what is there.
    return { ...stampOf(now), ours: now.ino === mine.ino && now.dev === mine.dev };
  }

  /**
   * Syncs a folder to disk; renames that land while one sync runs share the next (32 writes at once would
   * otherwise cost 32 folder syncs: measured, 40% of a write). Best effort: not every system syncs a folder.
   */
  private syncFolder(path: string): Promise<void> {
    const state = this.folderSyncs.get(path) ?? { running: null, next: null };
    this.folderSyncs.set(path, state);
    if (state.next) return state.next;
    const once = async (): Promise<void> => {
      const d = await open(path, 'r').catch(() => null);
      if (!d) return;
      await d.sync().catch(() => undefined);
      await d.close().catch(() => undefined);
    };
    // A sync already running may have begun before this rename: the next one, after it, covers it.
    const next = (state.running ?? Promise.resolve()).then(() => {
      state.next = null;
      state.running = once().finally(() => {
        if (state.running === current) state.running = null;
      });
      const current = state.running;
      return current;
    });
    state.next = next;
    return next;
  }

  private async discard(upload: Upload): Promise<void> {
    await upload.handle.close().catch(() => undefined);
    await unlink(upload.temp).catch(() => undefined);
  }

  /**
   * Temporary files a helper left when it stopped mid-write, removed once per folder and run (a listing asks): those of a helper
   * no longer running on this computer, and any older than a while (another computer's, on a shared folder).
   */
  async sweep(path: string): Promise<void> {
    if (this.swept.has(path)) return;
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
