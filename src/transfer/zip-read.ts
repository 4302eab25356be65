// The record files inside a zip: safe paths only, other files named and skipped, a broken zip refused whole.
import { unzipSync } from 'fflate';

export interface ZipEntry {
  /** The entry's path in the zip, as shown in the report. */
  name: string;
  bytes: Uint8Array;
  /** The entry's modification time, ISO, when the zip records one. */
  modified?: string;
}

export interface ZipContents {
  records: ZipEntry[];
  /** Entries that are not records, or whose path is unsafe, with why. */
  skipped: Array<{ name: string; reason: string }>;
}

/** Uncompressed size a zip may expand to: a zip bomb is refused before it fills memory. */
export const ZIP_EXPANDED_MAX = 1024 * 1024 * 1024;
/** One record file at most this large; parseRecord refuses front matter over 1 MB anyway. */
const ENTRY_MAX = 16 * 1024 * 1024;

/** `../x.md`, `/etc/x.md`, `C:\x.md`, `a/../../x.md`: paths that would leave a folder they were unpacked in. */
export function unsafeEntryPath(name: string): boolean {
  const parts = name.replace(/\\/g, '/').split('/');
  return name.startsWith('/') || /^[a-z]:/i.test(name) || parts.includes('..') || name.includes('\0');
}

/** Reads a zip's record files; throws an Error with a clear message when the zip itself is broken. */
export function readZip(bytes: Uint8Array): ZipContents {
  const skipped: ZipContents['skipped'] = [];
  let expanded = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter(file) {
        if (file.name.endsWith('/')) return false;
        if (unsafeEntryPath(file.name)) {
          skipped.push({ name: file.name, reason: 'its path leaves the folder (zip-slip); not read' });
          return false;
        }
        const base = file.name.split('/').pop() ?? '';
        if (!/\.md$/i.test(base) || base.startsWith('.') || file.name.startsWith('__MACOSX/')) {
          skipped.push({ name: file.name, reason: 'not a .md record file' });
          return false;
        }
        if (file.originalSize > ENTRY_MAX) {
          skipped.push({ name: file.name, reason: `larger than ${ENTRY_MAX / 1024 / 1024} MB; not a record` });
          return false;
        }
        expanded += file.originalSize;
        if (expanded > ZIP_EXPANDED_MAX) throw new Error(`expands to more than ${ZIP_EXPANDED_MAX / 1024 / 1024 / 1024} GB`);
        return true;
      },
    });
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`is not a readable zip (${why}); nothing was imported from it`);
  }
  const records = Object.entries(files).map(([name, data]) => ({ name, bytes: data }));
  return { records: records.sort((a, b) => (a.name < b.name ? -1 : 1)), skipped };
}
