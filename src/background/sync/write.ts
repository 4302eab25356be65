// Writing a record's file so that nothing is lost around the write: a write cut off (a stopped worker) leaves
// no empty or partial file under the record's name, and an outside save just before or just after it is
// seen as the outside edit it is, never taken for Lede's text.
import {
  fileHandle, removeFile, sameStamp, stampNow, stampOf, writeInto,
  type Stamp, type SyncDirHandle, type SyncFileHandle,
} from './folder.js';

/** Lede's temporary files start so: hidden, never `.md`, recognised and removed when a cut-off run left one. */
export const TEMP_PREFIX = '.lede-write-';

/** Chrome's swap file beside a file being written in a local folder. */
const SWAP_SUFFIX = '.crswap';

/** What the file must be just before Lede's text goes in: as sync last saw it, or free (no file, or an empty one). */
export type Expect = Stamp | 'free';

export type WriteOutcome =
  | { kind: 'written'; stamp: Stamp }
  /** Lede's text went in and the file changed again at once (an editor saving right after): its text now. */
  | { kind: 'changed-after'; stamp: Stamp; text: string }
  /** The file was not as expected just before the write: nothing was written. */
  | { kind: 'changed-before' };

let made = 0;
function tempName(): string {
  return `${TEMP_PREFIX}${Date.now().toString(36)}-${(++made).toString(36)}-${Math.random().toString(36).slice(2, 8)}.tmp`;
}

function fits(now: Stamp | null, expect: Expect): boolean {
  return expect === 'free' ? now === null || now.size === 0 : now !== null && sameStamp(now, expect);
}

/** Reads the file right after the write: whether it holds what was written. */
async function afterwards(handle: SyncFileHandle, text: string): Promise<WriteOutcome> {
  const file = await handle.getFile();
  const now = await file.text();
  return now === text ? { kind: 'written', stamp: stampOf(file) } : { kind: 'changed-after', stamp: stampOf(file), text: now };
}

/**
 * Writes `text` under `name`: into a temporary file first, then moved into place after the file's stamp
 * is checked against `expect`; where handles cannot move, in place after the same check (a write cut off
 * there leaves at most an empty file, which holds nothing and which the record's next write takes over).
 * The check and the move are two calls: an outside save landing between them, a few milliseconds, is
 * the one case not caught.
 */
export async function writeRecordFile(dir: SyncDirHandle, name: string, text: string, expect: Expect): Promise<WriteOutcome> {
  if (dir.writeChecked) return dir.writeChecked(name, text, expect);
  const temp = await dir.getFileHandle(tempName(), { create: true });
  if (typeof temp.move !== 'function') {
    await removeFile(dir, temp.name);
    return writeInPlace(dir, name, text, expect);
  }
  try {
    await writeInto(temp, text);
    if (!fits(await stampNow(dir, name), expect)) {
      await removeFile(dir, temp.name);
      return { kind: 'changed-before' };
    }
    await temp.move(name);
  } catch (error) {
    await removeFile(dir, temp.name).catch(() => undefined);
    throw error;
  }
  const placed = await fileHandle(dir, name);
  if (!placed) return { kind: 'changed-before' };
  return afterwards(placed, text);
}

async function writeInPlace(dir: SyncDirHandle, name: string, text: string, expect: Expect): Promise<WriteOutcome> {
  const before = await stampNow(dir, name);
  if (!fits(before, expect)) return { kind: 'changed-before' };
  const handle = await dir.getFileHandle(name, { create: true });
  try {
    await writeInto(handle, text);
  } catch (error) {
    // The name was free: a failed write must not leave the empty file that opening it made.
    if (before === null) await removeFile(dir, name).catch(() => undefined);
    throw error;
  }
  return afterwards(handle, text);
}

/** Lede's temporary file, or the browser's swap file beside one. */
export function isLedeTemporary(name: string): boolean {
  return name.startsWith(TEMP_PREFIX);
}

/**
 * What a cut-off run leaves: Lede's temporary files, and swap files beside them or beside a file Lede
 * writes (`keep` says which record files those are). An empty `.md` is not removed: it may be a note a
 * person just made; the record whose name it has writes over it.
 */
export function isLeftover(name: string, ledeWrites: (name: string) => boolean): boolean {
  if (name.startsWith(TEMP_PREFIX)) return true;
  if (!name.endsWith(SWAP_SUFFIX)) return false;
  const base = name.slice(0, -SWAP_SUFFIX.length);
  return base.startsWith(TEMP_PREFIX) || ledeWrites(base);
}
