// Replacing a file safely: a temp file beside it (unpredictable name, opened exclusively, the original's
// mode), fsynced, then renamed over it; a symlink is written through to its target; no temp file is left.
import { randomBytes } from 'node:crypto';
import { lstat, open, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Writes `text` over `path` atomically. Throws with the fs error's code; the file is then unchanged. */
export async function replaceFile(path: string, text: string): Promise<{ target: string }> {
  // Through a symlink to the file it points at: renaming over the link itself would replace the link with a copy.
  const target = (await lstat(path)).isSymbolicLink() ? await realpath(path) : path;
  const info = await stat(target);
  if (!info.isFile()) throw Object.assign(new Error(`${target} is not a regular file`), { code: 'ENOTFILE' });
  const temporary = join(dirname(target), `.${basename(target)}.lede-${randomBytes(8).toString('hex')}.tmp`);
  // 'wx': O_CREAT | O_EXCL, so a file (or a planted symlink) of that name is never followed or reused.
  const handle = await open(temporary, 'wx', info.mode & 0o7777);
  let renamed = false;
  try {
    await handle.writeFile(text);
    await handle.chmod(info.mode & 0o7777); // the umask may have narrowed the mode given to open
    await handle.sync();
    await handle.close();
    await rename(temporary, target);
    renamed = true;
    await syncFolder(dirname(target));
  } finally {
    await handle.close().catch(() => undefined);
    if (!renamed) await unlink(temporary).catch(() => undefined);
  }
  return { target };
}

/** Makes the rename itself durable; some systems cannot open a folder for this, which is not a failure. */
async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // EISDIR/EPERM on some platforms: the data itself is already synced.
  }
}
