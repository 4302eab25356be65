// Tells the open popup and pages of each committed change to a library row (`library/changed`).
import type { LibraryChanged } from '../shared/messages.js';
import type { LibraryStore } from './store/index.js';

/**
 * Every write goes through the store, so its change listener is the one place the event is sent from.
 * Fire and forget: with no page open the browser rejects the message, and nobody needed it.
 */
export function broadcastLibraryChanges(store: LibraryStore, send: (message: LibraryChanged) => Promise<unknown>): () => void {
  return store.onChanged((change) => {
    try {
      void send({ lede: 1, event: 'library/changed', ...change }).catch(() => undefined);
    } catch {
      // The API itself threw (the extension is being reloaded): no page listens either.
    }
  });
}
