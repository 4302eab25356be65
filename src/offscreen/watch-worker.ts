// The sync folder's watcher (Chrome): a dedicated worker of the offscreen document, holding one
// FileSystemObserver on the folder the person chose, and telling the document which names changed.
import { storedFolder } from '../shared/sync-folder.js';
import type { WatchReport } from './watch-report.js';

/** The part of FileSystemObserver used here (not yet in TypeScript's DOM types). */
interface ObserverRecord {
  type: 'appeared' | 'disappeared' | 'modified' | 'moved' | 'unknown' | 'errored';
  relativePathComponents: string[];
  relativePathMovedFrom?: string[] | null;
}
interface Observer {
  observe(handle: FileSystemDirectoryHandle, options?: { recursive?: boolean }): Promise<void>;
  disconnect(): void;
}
type ObserverClass = new (callback: (records: ObserverRecord[]) => void) => Observer;

const post = (report: WatchReport): void => postMessage(report);

/** The top-level names a batch of records touches, and whether the browser says events were lost. */
export function namesOf(records: ObserverRecord[]): { names: string[]; gap: boolean; ended: boolean } {
  const names = new Set<string>();
  let gap = false;
  let ended = false;
  for (const record of records) {
    if (record.type === 'unknown') gap = true;
    else if (record.type === 'errored') ended = true;
    // Only the folder's own files are records; the observer is not recursive, but a path is checked all the same.
    else {
      if (record.relativePathComponents.length === 1) names.add(record.relativePathComponents[0]!);
      const from = record.relativePathMovedFrom;
      if (from?.length === 1) names.add(from[0]!);
    }
  }
  return { names: [...names], gap, ended };
}

async function watch(): Promise<void> {
  const Observer = (globalThis as { FileSystemObserver?: ObserverClass }).FileSystemObserver;
  if (typeof Observer !== 'function') return post({ kind: 'failed', error: 'This browser cannot watch a folder.' });
  const dir = await storedFolder<FileSystemDirectoryHandle>();
  if (!dir) return post({ kind: 'failed', error: 'No sync folder is chosen.' });
  const observer = new Observer((records) => {
    const { names, gap, ended } = namesOf(records);
    if (names.length) post({ kind: 'changed', names });
    // 'unknown': the browser dropped events; 'errored': the watch ended (the folder went, access was withdrawn).
    if (gap) post({ kind: 'gap' });
    if (ended) {
      observer.disconnect();
      post({ kind: 'failed', error: 'The folder is no longer watched.' });
    }
  });
  await observer.observe(dir, { recursive: false });
  post({ kind: 'watching' });
}

// Run only as a worker (tests import `namesOf`).
if (typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== 'undefined') {
  watch().catch((error: unknown) => post({ kind: 'failed', error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }));
}
