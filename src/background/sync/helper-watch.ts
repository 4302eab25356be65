// The helper's watch of a folder as sync sees it: the same generations and reports as Chrome's folder watch.
import { nameProblem, type HelperEvent } from '../../shared/helper-protocol.js';
import type { HelperConnection } from './helper-port.js';
import type { FolderWatch } from './service.js';

export interface WatchReportOut {
  generation: string;
  names: string[];
  gap: boolean;
}

/** Watches the folder `folder()` names; its reports go to `report` (sync's `observed`). */
export function helperWatch(helper: HelperConnection, folder: () => Promise<string | null>, report: (r: WatchReportOut) => void): FolderWatch {
  helper.onEvent((event: HelperEvent) => {
    if (event.event === 'changed') {
      const names = event.names.filter((n) => nameProblem(n) === null);
      if (names.length) report({ generation: event.generation, names, gap: false });
    } else {
      // Lost events, or the watch ended (the folder went): nothing is vouched for any more.
      report({ generation: event.generation, names: [], gap: true });
    }
  });
  return {
    async start() {
      const id = await folder();
      if (!id) return null;
      return (await helper.request('watch', { folder: id, on: true })).generation;
    },
    async stop() {
      const id = await folder();
      // Not connected: there is no watch to stop (and stopping must not start the helper).
      if (id && helper.connected) await helper.request('watch', { folder: id, on: false });
    },
  };
}
