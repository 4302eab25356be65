// A zip picked for import, as the files the library's import takes: each record file's text (BOM kept) with
// the entry's time, so the newer-wins rule can act; every entry that is not imported is named with why.
import { decodeRecordBytes } from './read-file.js';
import { readZipStream, type ReadOptions, type ZipSource } from './zip-read.js';

/** A record file of the zip, in the shape the library's import message takes. */
export interface ZipRecordFile {
  name: string;
  text: string;
  fileName: string;
  changedAt?: string;
}

/** An entry not imported, in the shape of a line of the import report. */
export interface ZipRefusal {
  file: string;
  action: 'rejected';
  reason: string;
}

export interface ZipImportOptions {
  progress?: ReadOptions['progress'];
  cancelled?: ReadOptions['cancelled'];
  /** Record files, as each is checked. */
  onFile: (file: ZipRecordFile) => void;
  /** Entries refused, as each is. */
  onRejected: (entry: ZipRefusal) => void;
}

/** Reads `zipName` from `source`; throws (with the zip's name) only when the zip as a whole cannot be read. */
export async function importFilesFromZip(zipName: string, source: ZipSource, options: ZipImportOptions): Promise<{ cancelled: boolean }> {
  const reject = (name: string, reason: string) => options.onRejected({ file: name, action: 'rejected', reason });
  return readZipStream(source, {
    progress: options.progress,
    cancelled: options.cancelled,
    onSkipped: (name, reason) => reject(`${zipName}/${name}`, reason),
    onRecord: (entry) => {
      const name = `${zipName}/${entry.name}`;
      const text = decodeRecordBytes(entry.bytes);
      if (text === null) return reject(name, `${name}:1: is not UTF-8 text`);
      options.onFile({ name, text, fileName: entry.name.split('/').pop()!, ...(entry.modified ? { changedAt: entry.modified } : {}) });
    },
  });
}
