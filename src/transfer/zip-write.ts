// A zip of record files written as a stream: each file goes in and its compressed bytes come out at once,
// so a large export never holds the whole library twice.
import { strToU8, Zip, ZipDeflate, ZipPassThrough } from 'fflate';

/** Files larger than this (bytes) are deflated; smaller ones are stored. */
export const COMPRESS_FROM = 8 * 1024;

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
      if (modified) file.mtime = modified;
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
