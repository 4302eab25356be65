// The sync/* messages: each answers with the status the pages show.
import { SYNC_OFF } from '../../shared/sync-status.js';
import type { Handlers } from '../handlers.js';
import type { SyncService } from './service.js';

type SyncMessage = 'sync/status' | 'sync/run' | 'sync/choose' | 'sync/stop' | 'sync/resolve' | 'sync/images' | 'sync/compare' | 'sync/ignore' | 'sync/observed'
  | 'sync/helper';

const OBSERVER_PAGE = '/offscreen/offscreen.html';

/** Without a sync service (Node tests of other handlers), sync is simply off. */
export function syncHandlers(sync: SyncService | undefined): Pick<Handlers, SyncMessage> {
  const status = async () => (sync ? sync.status() : { ...SYNC_OFF });
  return {
    'sync/status': status,
    'sync/run': async ({ full }) => {
      void sync?.kick(full);
      return status();
    },
    'sync/choose': async ({ mode, folder }) => {
      await sync?.choose(mode, folder);
      return status();
    },
    'sync/helper': async () => (sync ? sync.helperState() : { running: false as const, error: 'folder sync is not available here' }),
    'sync/stop': async () => {
      await sync?.stop();
      return status();
    },
    'sync/resolve': async ({ name, choice }) => {
      await sync?.resolve(name, choice);
      return status();
    },
    'sync/images': async ({ on }) => {
      await sync?.setImages(on);
      return status();
    },
    'sync/compare': async ({ name }) => (sync ? sync.compare(name) : { folder: null, library: null }),
    'sync/ignore': async ({ patterns }) => {
      await sync?.setIgnore(patterns);
      return status();
    },
    'sync/observed': async (report, sender) => {
      // The watcher lives in the offscreen document; no other page reports what changed in the folder.
      if (!sender.url || new URL(sender.url).pathname !== OBSERVER_PAGE) throw new Error('only the folder watcher reports changes');
      await sync?.observed(report);
      return { ok: true };
    },
  };
}
