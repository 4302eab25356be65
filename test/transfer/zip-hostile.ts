// Hostile zips built in code (never committed): an entry that declares less than it holds, two entries of
// one name, a bomb, a directory that claims too much. Shared by the unit tests and bench:hostile.
import { strToU8, Zip, ZipDeflate, ZipPassThrough, zipSync } from 'fflate';

const u32at = (bytes: Uint8Array, at: number) => new DataView(bytes.buffer, bytes.byteOffset).getUint32(at, true);
const setU32 = (bytes: Uint8Array, at: number, value: number) => new DataView(bytes.buffer, bytes.byteOffset).setUint32(at, value, true);
const setU16 = (bytes: Uint8Array, at: number, value: number) => new DataView(bytes.buffer, bytes.byteOffset).setUint16(at, value, true);

/** Every local and central header of `name`: their offsets. */
function headersOf(zip: Uint8Array, name: string): { local: number[]; central: number[] } {
  const out = { local: [] as number[], central: [] as number[] };
  const wanted = strToU8(name);
  for (let at = 0; at + 46 < zip.length; at++) {
    const sig = u32at(zip, at);
    const nameAt = sig === 0x04034b50 ? at + 30 : sig === 0x02014b50 ? at + 46 : -1;
    if (nameAt < 0) continue;
    const length = new DataView(zip.buffer, zip.byteOffset).getUint16(at + (sig === 0x04034b50 ? 26 : 28), true);
    if (length === wanted.length && wanted.every((byte, i) => zip[nameAt + i] === byte)) (sig === 0x04034b50 ? out.local : out.central).push(at);
  }
  return out;
}

/** Says `name` holds `size` bytes (uncompressed) in both of its headers, whatever it really holds. */
export function declareSize(zip: Uint8Array, name: string, size: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(zip);
  const { local, central } = headersOf(out, name);
  for (const at of local) setU32(out, at + 22, size);
  for (const at of central) setU32(out, at + 24, size);
  return out;
}

/** Sets the entry count of the zip's end record, as a zip of that many entries would say. */
export function declareEntries(zip: Uint8Array, count: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(zip);
  for (let at = out.length - 22; at >= 0; at--) {
    if (u32at(out, at) === 0x06054b50) {
      setU16(out, at + 8, count);
      setU16(out, at + 10, count);
      return out;
    }
  }
  throw new Error('no end record');
}

/** A zip written entry by entry, so one name can appear twice (zipSync keys by name). */
export function zipOf(entries: Array<{ name: string; text: string | Uint8Array; deflate?: boolean }>): Uint8Array {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    chunks.push(chunk);
  });
  for (const entry of entries) {
    const file = entry.deflate ? new ZipDeflate(entry.name, { level: 1 }) : new ZipPassThrough(entry.name);
    zip.add(file);
    file.push(typeof entry.text === 'string' ? strToU8(entry.text) : entry.text, true);
  }
  zip.end();
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks) { out.set(chunk, at); at += chunk.length; }
  return out;
}

/** A small zip that inflates to `megabytes` MB of one byte, while its headers say 1 KB. */
export function bombZip(record: string, megabytes: number): Uint8Array {
  const zip = zipSync({ 'a.md': strToU8(record), 'bomb.md': new Uint8Array(megabytes * 1024 * 1024).fill(0x61) }, { level: 1 });
  return declareSize(zip, 'bomb.md', 1024);
}
