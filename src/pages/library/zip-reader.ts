// The page's side of the zip worker: starts one for a picked zip, passes on its progress and the cancel,
// and collects its record files. A worker that cannot start or dies is a failure said plainly.
import type { ZipRecordFile, ZipRefusal } from '../../transfer/zip-import.js';
import { ZIP_WORKER_SCRIPT, type FromZipWorker, type ToZipWorker } from './zip-messages.js';

export interface ZipRead {
  files: ZipRecordFile[];
  rejected: ZipRefusal[];
  cancelled: boolean;
}

export function readZipInWorker(file: File, progress: (read: number, size: number) => void, cancelled: () => boolean): Promise<ZipRead> {
  const out: ZipRead = { files: [], rejected: [], cancelled: false };
  return new Promise((resolve, reject) => {
    const worker = new Worker(ZIP_WORKER_SCRIPT);
    const say = (message: ToZipWorker) => worker.postMessage(message);
    // The cancel button is read between the worker's reports, at least every 100 ms while it reads.
    const watch = setInterval(() => { if (cancelled()) say({ type: 'cancel' }); }, 100);
    const end = (then: () => void) => {
      clearInterval(watch);
      worker.terminate();
      then();
    };
    worker.addEventListener('message', (event: MessageEvent<FromZipWorker>) => {
      const message = event.data;
      if (message.type === 'files') {
        out.files.push(...message.files);
        out.rejected.push(...message.rejected);
      } else if (message.type === 'progress') progress(message.read, message.size);
      else if (message.type === 'done') end(() => resolve({ ...out, cancelled: message.cancelled }));
      else end(() => reject(new Error(message.message)));
    });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      end(() => reject(new Error(`the zip could not be read (${event.message || 'its reader stopped'}); nothing was imported from it`)));
    });
    say({ type: 'read', file });
  });
}
