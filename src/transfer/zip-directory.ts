// A zip's central directory: each entry's name, declared size, CRC and modification time, read from the
// end of the file before any entry is inflated, so the caps are decided on what the zip says and then
// held to what it produces.

export interface DirectoryEntry {
  name: string;
  /** Uncompressed size and CRC-32 as declared. */
  size: number;
  crc: number;
  encrypted: boolean;
  /** ISO; from the Unix time field (0x5455) when there is one, else the DOS time read as local time. */
  modified?: string;
}

interface Source {
  size: number;
  slice(start: number, end: number): Promise<Uint8Array>;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const u16 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const u32 = (b: Uint8Array, at: number) => (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;

/** Names without the UTF-8 flag are read as Latin-1, as fflate's Unzip reads them, so both agree. */
function nameOf(bytes: Uint8Array, utf8: boolean): string {
  if (utf8) return new TextDecoder().decode(bytes);
  let out = '';
  for (const byte of bytes) out += String.fromCharCode(byte);
  return out;
}

function dosTime(time: number, date: number): string | undefined {
  const year = 1980 + (date >> 9);
  const at = new Date(year, ((date >> 5) & 15) - 1, date & 31, time >> 11, (time >> 5) & 63, (time & 31) * 2);
  return Number.isNaN(at.getTime()) || date === 0 ? undefined : at.toISOString();
}

function unixTime(extra: Uint8Array): string | undefined {
  for (let at = 0; at + 4 <= extra.length;) {
    const id = u16(extra, at);
    const length = u16(extra, at + 2);
    if (id === 0x5455 && length >= 5 && (extra[at + 4]! & 1)) return new Date(u32(extra, at + 5) * 1000).toISOString();
    at += 4 + length;
  }
  return undefined;
}

/** Reads the directory; throws with a plain reason when the zip has none, or more entries than `maxEntries`. */
export async function readDirectory(source: Source, maxEntries: number): Promise<DirectoryEntry[]> {
  const tailStart = Math.max(0, source.size - (22 + 65_535));
  const tail = await source.slice(tailStart, source.size);
  let end = -1;
  for (let at = tail.length - 22; at >= 0; at--) {
    if (u32(tail, at) === EOCD) {
      end = at;
      break;
    }
  }
  if (end < 0) throw new Error('no zip directory at its end: not a zip, or cut short');
  const count = u16(tail, end + 10);
  const length = u32(tail, end + 12);
  const offset = u32(tail, end + 16);
  if (length === 0xffffffff || offset === 0xffffffff) throw new Error('a zip64 archive, larger than any zip of records Lede reads');
  if (offset + length > source.size) throw new Error('its directory points past its end: cut short');
  const bytes = await source.slice(offset, offset + length);
  const entries: DirectoryEntry[] = [];
  // Walked to its stated length, not by the 16-bit count: a zip of more than 65,535 entries written without
  // zip64 (fflate's, so Lede's own export of a large library) keeps only the count's low 16 bits there.
  for (let at = 0; at < bytes.length;) {
    if (entries.length === maxEntries) throw new Error(`it holds more than ${maxEntries.toLocaleString('en')} entries; Lede reads at most ${maxEntries.toLocaleString('en')} from one zip`);
    if (at + 46 > bytes.length || u32(bytes, at) !== CENTRAL) throw new Error('a damaged directory');
    const flags = u16(bytes, at + 8);
    const nameLength = u16(bytes, at + 28);
    const extraLength = u16(bytes, at + 30);
    const commentLength = u16(bytes, at + 32);
    const name = nameOf(bytes.subarray(at + 46, at + 46 + nameLength), (flags & 0x800) !== 0);
    const extra = bytes.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength);
    const modified = unixTime(extra) ?? dosTime(u16(bytes, at + 12), u16(bytes, at + 14));
    entries.push({ name, size: u32(bytes, at + 24), crc: u32(bytes, at + 16), encrypted: (flags & 1) !== 0, ...(modified ? { modified } : {}) });
    at += 46 + nameLength + extraLength + commentLength;
  }
  if (entries.length % 0x10000 !== count) throw new Error('a damaged directory (its entries and its count disagree)');
  return entries;
}
