// A zip of record files written as a stream: each file goes in and its compressed bytes come out at once,
// so a large export never holds the whole library twice.
import { strToU8, Zip, ZipDeflate, ZipPassThrough } from 'fflate';

/** Files larger than this (bytes) are deflated; smaller ones are stored. */
export const COMPRESS_FROM = 8 * 1024;

/** Made on Unix (version made by 3 << 8 | 20), a regular file of mode 0644: Info-ZIP's `unzip` then reads the UTF-8 flag. */
const UNIX = 3;
const REGULAR_0644 = (0o100644 << 16) >>> 0;
/** DOS times run from 1980 to 2099: a time outside is written as the nearest end (the 0x5455 field keeps it). */
const DOS_FIRST = Date.UTC(1980, 0, 2);
const DOS_LAST = Date.UTC(2099, 11, 30);

/** The Info-ZIP extended timestamp (0x5455): the modification time in UTC seconds, which DOS times lack. */
function unixTimeExtra(at: Date): Uint8Array {
  const seconds = Math.max(0, Math.floor(at.getTime() / 1000));
  return new Uint8Array([1, seconds & 0xff, (seconds >>> 8) & 0xff, (seconds >>> 16) & 0xff, (seconds >>> 24) & 0xff]);
}

export interface ZipWriter {
  add(name: string, text: string, modified?: Date): void;
  /** Ends the archive; `onChunk` then receives the last bytes. */
  finish(): void;
}

export function createZipWriter(onChunk: (chunk: Uint8Array, final: boolean) => void): ZipWriter {
  let failure: Error | null = null;
  const zip = new Zip((error, chunk, final) => {
    if (error) failure = error;
    else onChunk(chunk, final);
  });
  const check = () => {
    if (failure) throw failure;
  };
  return {
    add(name, text, modified) {
      const bytes = strToU8(text);
      // A record of a few KB gains little from deflate and each deflater costs its own buffers: 10,000 of
      // them took 22 s in the browser, stored 3.5 times faster. Large records (long bodies) are compressed.
      const file = bytes.length > COMPRESS_FROM ? new ZipDeflate(name, { level: 6 }) : new ZipPassThrough(name);
      file.os = UNIX;
      file.attrs = REGULAR_0644;
      if (modified && !Number.isNaN(modified.getTime())) {
        file.mtime = new Date(Math.min(Math.max(modified.getTime(), DOS_FIRST), DOS_LAST));
        file.extra = { 0x5455: unixTimeExtra(modified) };
      }
      zip.add(file);
      file.push(bytes, true);
      check();
    },
    finish() {
      zip.end();
      check();
    },
  };
}
