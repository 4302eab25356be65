// The library page's worker for a library brought from elsewhere: each file read and parsed here, off the page's
// thread, so a 50 MB bookmarks file or a folder of thousands of notes never freezes the page.
import { bringFile } from '../../transfer/bring/index.js';
import type { Brought } from '../../transfer/bring/types.js';
import { bringZip } from '../../transfer/bring/zip.js';
import { fileSource } from './file-source.js';

export interface BringRequest {
  files: File[];
}

export type BringAnswer =
  | { kind: 'file'; name: string; brought: Brought; done: number; total: number }
  | { kind: 'end' };

/** Larger files are refused unread: the biggest real exports are tens of MB (a zip is bounded by what it expands to). */
export const BRING_FILE_MAX_BYTES = 100 * 1024 * 1024;

const scope = globalThis as unknown as { onmessage: ((event: MessageEvent<BringRequest>) => void) | null; postMessage(answer: BringAnswer): void };

scope.onmessage = async (event) => {
  const { files } = event.data;
  let done = 0;
  for (const file of files) {
    const name = (file as File & { webkitRelativePath?: string }).webkitRelativePath || file.name;
    let brought: Brought;
    if (/\.zip$/i.test(name)) {
      brought = await bringZip(name, fileSource(file));
    } else if (file.size > BRING_FILE_MAX_BYTES) {
      brought = { source: 'urls', entries: [], refused: [{ where: name, reason: `over ${BRING_FILE_MAX_BYTES / 1024 / 1024} MB: not read` }], duplicates: [] };
    } else {
      try {
        brought = bringFile(name, await file.text());
      } catch (error) {
        brought = { source: 'urls', entries: [], refused: [{ where: name, reason: `could not be read: ${error instanceof Error ? error.message : String(error)}` }], duplicates: [] };
      }
    }
    scope.postMessage({ kind: 'file', name, brought, done: ++done, total: files.length });
  }
  scope.postMessage({ kind: 'end' });
};
