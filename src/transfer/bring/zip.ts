// A zip of other clippers' notes (an Obsidian vault exported as a zip): read by the import's bounded zip reader
// (fflate's streaming Unzip, bytes counted as produced, caps per entry and in total), each note then brought.
import { importFilesFromZip } from '../zip-import.js';
import type { ZipSource } from '../zip-read.js';
import { bringFile } from './index.js';
import type { Brought } from './types.js';

export interface BringZipOptions {
  cancelled?: () => boolean;
  progress?: (read: number, size: number) => void;
}

/**
 * Every note of the zip as one source: its entries, the Lede records among them (imported whole), and each
 * entry not brought with why (an attachment, a broken note, an unsafe path). A zip that cannot be read at all
 * brings nothing and says so: never half of it.
 */
export async function bringZip(name: string, source: ZipSource, options: BringZipOptions = {}): Promise<Brought> {
  const out: Brought = { source: 'notes', entries: [], refused: [], duplicates: [], records: [] };
  try {
    const { cancelled } = await importFilesFromZip(name, source, {
      ...options,
      onFile: (file) => {
        const one = bringFile(file.name, file.text);
        out.entries.push(...one.entries);
        out.refused.push(...one.refused);
        out.duplicates.push(...one.duplicates);
        out.records!.push(...(one.records ?? []));
      },
      onRejected: (entry) => out.refused.push({ where: entry.file, reason: entry.reason }),
    });
    if (cancelled) return { source: 'notes', entries: [], refused: [{ where: name, reason: 'reading it was cancelled; nothing was brought from it' }], duplicates: [] };
  } catch (error) {
    // The reader's own words say what an import kept; a bring keeps nothing of a zip it could not read through.
    const why = (error instanceof Error ? error.message : String(error)).replace(/; (?:nothing was imported from it|the records before the damage were read)$/, '');
    return { source: 'notes', entries: [], refused: [{ where: name, reason: `${why}; nothing was brought from it` }], duplicates: [] };
  }
  return out;
}
