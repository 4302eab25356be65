// What the library page and its zip worker say to each other: one zip read off the page's main thread.
import type { ZipRecordFile, ZipRefusal } from '../../transfer/zip-import.js';

export type ToZipWorker = { type: 'read'; file: File } | { type: 'cancel' };

export type FromZipWorker =
  | { type: 'files'; files: ZipRecordFile[]; rejected: ZipRefusal[] }
  | { type: 'progress'; read: number; size: number }
  | { type: 'done'; cancelled: boolean }
  | { type: 'failed'; message: string };

/** The worker's script, beside the page's own (build/entries.mjs). */
export const ZIP_WORKER_SCRIPT = 'zip-worker.js';
