// A zip of record files written as a stream: each file goes in and its compressed bytes come out at once,
// so a large export never holds the whole library twice.
import { strToU8, Zip, ZipDeflate } from 'fflate';

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
      const file = new ZipDeflate(name, { level: 6 });
      if (modified) file.mtime = modified;
      zip.add(file);
      file.push(strToU8(text), true);
      check();
    },
    finish() {
      zip.end();
      check();
    },
  };
}
