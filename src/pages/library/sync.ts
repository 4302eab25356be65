// Folder sync in the library page: the status panel, a full pass as the page opens, the list reloaded after a pass.
import { send } from '../../shared/send.js';
import { byId } from '../../ui/dom.js';
import { mountSyncPanel } from '../sync/panel.js';

export function startSync(reload: () => void): void {
  const panel = mountSyncPanel(byId('sync-panel'));
  let last = '';
  panel.onStatus((status) => {
    // A pass that read records back from the folder: show them.
    if (last === 'syncing' && status.state !== 'syncing' && (status.lastRun?.imported ?? 0) > 0) reload();
    last = status.state;
  });
  // Opening the library is one of the moments sync runs (besides each change and the periodic alarm).
  void send('sync/run', { full: true }).then(() => panel.refresh(), () => panel.refresh());
}
