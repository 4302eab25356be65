// The record files inside a zip, read as a stream (fflate's Unzip): bytes counted as they are produced,
// each entry's size and CRC checked against the zip's directory, caps per entry and in total, safe paths
// only. Pure: the source is passed in (a File in the library page's worker, bytes in Node).
import { Inflate, Unzip, UnzipPassThrough, type UnzipFile } from 'fflate';
import { RECORD_FILE_MAX_BYTES, RECORD_SIZE_RULE } from '../record/rules.js';
import { crc32 } from './crc32.js';
import { readDirectory, type DirectoryEntry } from './zip-directory.js';

export interface ZipEntry {
  /** The entry's path in the zip, as shown in the report. */
  name: string;
  bytes: Uint8Array;
  /** The entry's modification time, ISO, when the zip records one. */
  modified?: string;
}

export interface ZipContents {
  records: ZipEntry[];
  /** Entries that are not records, or whose path is unsafe, or whose bytes are not what the zip says, with why. */
  skipped: Array<{ name: string; reason: string }>;
}

/** Where a zip's bytes come from: random access for its directory, then one pass over all of it. */
export interface ZipSource {
  size: number;
  slice(start: number, end: number): Promise<Uint8Array>;
  chunks(): AsyncIterable<Uint8Array>;
}

/** The caps, stated in the report when they bite. */
export const ZIP_LIMITS = {
  /** One record file: the size contract's largest record. */
  entryBytes: RECORD_FILE_MAX_BYTES,
  /** All record files of one zip together, as produced. */
  totalBytes: 256 * 1024 * 1024,
  /** More than the library's largest export (a library of 100,000 records exports as one zip its import reads back). */
  entries: 250_000,
} as const;

/** Uncompressed size a zip may expand to: a zip bomb is refused before it fills memory. */
export const ZIP_EXPANDED_MAX = ZIP_LIMITS.totalBytes;

const MB = 1024 * 1024;
const PUSH_BYTES = 16 * 1024;
const INFLATE_STEP = 512;

/** `../x.md`, `/etc/x.md`, `C:\x.md`, `a/../../x.md`: paths that would leave a folder they were unpacked in. */
export function unsafeEntryPath(name: string): boolean {
  const parts = name.replace(/\\/g, '/').split('/');
  return name.startsWith('/') || /^[a-z]:/i.test(name) || parts.includes('..') || name.includes('\0');
}

/** Why an entry is not read as a record, before a byte of it is inflated; null when it is read. */
function notARecord(entry: DirectoryEntry): string | null {
  if (unsafeEntryPath(entry.name)) return 'its path leaves the folder (zip-slip); not read';
  const base = entry.name.split('/').pop() ?? '';
  if (!/\.md$/i.test(base) || base.startsWith('.') || entry.name.startsWith('__MACOSX/')) return 'not a .md record file';
  if (entry.encrypted) return 'is encrypted in the zip; Lede cannot read it';
  if (entry.size > ZIP_LIMITS.entryBytes) return `is ${(entry.size / MB).toFixed(1)} MB; ${RECORD_SIZE_RULE}`;
  return null;
}

/**
 * A decoder that can be stopped: once an entry has produced more than it declared, the rest of its
 * compressed bytes are dropped unread, so a bomb costs what it declared and no more.
 */
class StoppableInflate {
  static readonly compression = 8;
  ondata: (error: Error | null, data: Uint8Array | null, final: boolean) => void = () => undefined;
  private readonly inflate = new Inflate();
  private stopped = false;
  constructor() {
    this.inflate.ondata = (data, final) => this.ondata(null, data, final);
  }
  push(data: Uint8Array, final: boolean): void {
    try {
      // Deflate expands up to ~1,032 times: fed 512 bytes at a time, an entry overshoots what it declared
      // by at most about half a megabyte before it is stopped (16 KB at once inflated 16 MB first).
      for (let at = 0; at < data.length || (at === 0 && final); at += INFLATE_STEP) {
        if (this.stopped) return;
        const end = Math.min(at + INFLATE_STEP, data.length);
        this.inflate.push(data.subarray(at, end), final && end === data.length);
        if (end === data.length) break;
      }
    } catch (error) {
      this.stopped = true;
      this.ondata(error instanceof Error ? error : new Error(String(error)), null, true);
    }
  }
  terminate(): void {
    this.stopped = true;
  }
}

class StoppablePassThrough extends UnzipPassThrough {
  private stopped = false;
  override push(data: Uint8Array, final: boolean): void {
    if (!this.stopped) super.push(data, final);
  }
  terminate(): void {
    this.stopped = true;
  }
}

export interface ReadOptions {
  /** Called as the zip's bytes are read: how many so far of how many. */
  progress?: (read: number, size: number) => void;
  /** Checked between chunks: true stops the read (what was read so far is kept). */
  cancelled?: () => boolean;
  /** Each record file as soon as it is checked. */
  onRecord: (entry: ZipEntry) => void;
  onSkipped: (name: string, reason: string) => void;
}

/**
 * Reads a zip's record files. Throws an Error with a clear message when the zip itself is broken or past
 * the caps as a whole (nothing is then read); an entry that is damaged or too large is skipped, with why.
 */
export async function readZipStream(source: ZipSource, options: ReadOptions): Promise<{ cancelled: boolean }> {
  const directory = await readDirectory(source, ZIP_LIMITS.entries).catch((error: unknown) => {
    throw new Error(`is not a readable zip (${error instanceof Error ? error.message : String(error)}); nothing was imported from it`);
  });
  const expected = new Map<string, DirectoryEntry[]>();
  let declared = 0;
  for (const entry of directory) {
    if (entry.name.endsWith('/')) continue;
    const why = notARecord(entry);
    if (why) {
      options.onSkipped(entry.name, why);
      continue;
    }
    declared += entry.size;
    const list = expected.get(entry.name) ?? [];
    list.push(entry);
    expected.set(entry.name, list);
  }
  if (declared > ZIP_LIMITS.totalBytes) {
    throw new Error(`expands to ${(declared / MB).toFixed(0)} MB of records; Lede reads at most ${ZIP_LIMITS.totalBytes / MB} MB from one zip (split it in smaller zips); nothing was imported from it`);
  }
  const seen = new Set<string>();
  let failure: Error | null = null;
  const unzip = new Unzip((file) => {
    const entry = expected.get(file.name)?.shift();
    if (!entry) return; // a directory, a skipped entry, or one the directory does not list: never inflated
    if (seen.has(file.name)) {
      options.onSkipped(file.name, `is a second entry named ${JSON.stringify(file.name)} in this zip; only the first was imported (unzip it and import this file by itself)`);
      return;
    }
    seen.add(file.name);
    readEntry(file, entry, options);
  });
  unzip.register(StoppableInflate as never);
  unzip.register(StoppablePassThrough as never);
  let read = 0;
  reading: for await (const chunk of source.chunks()) {
    if (options.cancelled?.()) return { cancelled: true };
    // Unzip recurses once per entry that begins in a chunk: pushed whole, a browser's chunk of a few
    // MB holding thousands of small entries overflowed the stack. Pieces of PUSH_BYTES keep it shallow.
    for (let at = 0; at < chunk.length; at += PUSH_BYTES) {
      const piece = chunk.subarray(at, at + PUSH_BYTES);
      read += piece.length;
      try {
        unzip.push(piece, read >= source.size);
      } catch (error) {
        failure = error instanceof Error ? error : new Error(String(error));
        break reading;
      }
    }
    options.progress?.(read, source.size);
  }
  if (failure) throw new Error(`is not a readable zip (${failure.message}); the records before the damage were read`);
  // Entries the directory lists that the stream never reached: named, never silently missing.
  for (const [name, rest] of expected) for (const _ of rest) options.onSkipped(name, 'is listed in the zip\'s directory but its data is missing; not imported');
  return { cancelled: false };
}

/** One entry: inflated while it produces no more than it declared, then checked against its size and CRC. */
function readEntry(file: UnzipFile, entry: DirectoryEntry, options: ReadOptions): void {
  const parts: Uint8Array[] = [];
  let produced = 0;
  let crc = 0;
  let done = false;
  const refuse = (reason: string) => {
    done = true;
    parts.length = 0;
    file.terminate();
    options.onSkipped(entry.name, reason);
  };
  file.ondata = (error, data, final) => {
    if (done) return;
    if (error) return refuse(`cannot be inflated (${error.message}); not imported`);
    produced += data.length;
    if (produced > entry.size) return refuse(`holds more than its header declares (${entry.size.toLocaleString('en')} bytes): a damaged or altered zip; not imported`);
    crc = crc32(data, crc);
    parts.push(data);
    if (!final) return;
    done = true;
    if (produced !== entry.size || crc !== entry.crc) {
      options.onSkipped(entry.name, 'does not match its checksum or declared size: a damaged or altered zip; not imported');
      return;
    }
    const bytes = parts.length === 1 ? parts[0]! : join(parts, produced);
    options.onRecord({ name: entry.name, bytes, ...(entry.modified ? { modified: entry.modified } : {}) });
  };
  file.start();
}

function join(parts: Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Bytes held in memory as a ZipSource, read in pieces the way a File is. */
export function bytesSource(bytes: Uint8Array, chunkSize = 64 * 1024): ZipSource {
  return {
    size: bytes.length,
    slice: async (start, end) => bytes.subarray(start, end),
    async *chunks() {
      for (let at = 0; at < bytes.length; at += chunkSize) yield bytes.subarray(at, at + chunkSize);
    },
  };
}

/** Reads a whole zip held in memory: every record file, sorted by name, and what was skipped. */
export async function readZip(bytes: Uint8Array): Promise<ZipContents> {
  const records: ZipEntry[] = [];
  const skipped: ZipContents['skipped'] = [];
  await readZipStream(bytesSource(bytes), {
    onRecord: (entry) => records.push(entry),
    onSkipped: (name, reason) => skipped.push({ name, reason }),
  });
  return { records: records.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)), skipped };
}
