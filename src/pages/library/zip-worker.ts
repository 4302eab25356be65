// The library page's zip worker: inflates a picked zip off the page's main thread (the page stays
// responsive whatever the zip holds) and hands back its record files in batches.
import { importFilesFromZip, type ZipRecordFile, type ZipRefusal } from '../../transfer/zip-import.js';
import { fileSource } from './file-source.js';
import type { FromZipWorker, ToZipWorker } from './zip-messages.js';

/** A batch goes to the page at about this many bytes of text, so no one message is large. */
const BATCH_BYTES = 4 * 1024 * 1024;

const post = (message: FromZipWorker): void => postMessage(message);
let cancelled = false;

async function read(file: File): Promise<void> {
  let files: ZipRecordFile[] = [];
  let rejected: ZipRefusal[] = [];
  let bytes = 0;
  const flush = () => {
    if (files.length || rejected.length) post({ type: 'files', files, rejected });
    files = [];
    rejected = [];
    bytes = 0;
  };
  let lastProgress = 0;
  try {
    const result = await importFilesFromZip(file.name, fileSource(file), {
      cancelled: () => cancelled,
      progress: (done, size) => {
        const now = Date.now();
        if (now - lastProgress < 100 && done < size) return;
        post({ type: 'progress', read: done, size });
        lastProgress = now;
      },
      onFile: (one) => {
        files.push(one);
        bytes += one.text.length;
        if (bytes > BATCH_BYTES || files.length >= 500) flush();
      },
      onRejected: (entry) => { rejected.push(entry); },
    });
    flush();
    post({ type: 'done', cancelled: result.cancelled });
  } catch (error) {
    flush();
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
}

addEventListener('message', (event: MessageEvent<ToZipWorker>) => {
  if (event.data.type === 'cancel') cancelled = true;
  else void read(event.data.file);
});
