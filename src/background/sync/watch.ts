// The folder watcher as the background sees it (Chrome): a worker in the offscreen document, kept open while watched.
import type { OffscreenDocument } from '../offscreen.js';
import type { FolderWatch } from './service.js';

const OWNER = 'sync-watch';

export function offscreenWatch(doc: Pick<OffscreenDocument, 'hold' | 'release' | 'ask'>): FolderWatch {
  return {
    async start() {
      await doc.hold(OWNER);
      return (await doc.ask('sync/watch', { on: true })).generation;
    },
    async stop() {
      try {
        await doc.ask('sync/watch', { on: false });
      } finally {
        doc.release(OWNER);
      }
    },
  };
}
