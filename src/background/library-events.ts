// Tells the open popup and pages of each committed change to a library row (`library/changed`).
import type { LibraryChanged } from '../shared/messages.js';
import type { ChangeListener, LibraryStore } from './store/index.js';

type Change = Parameters<ChangeListener>[0];

/**
 * Every write goes through the store, so its change listener is the one place the event is sent from.
 * The changes of one write (told together, before any await) go in one message: an import of 10,000
 * records sends 20 messages, not 10,000. Fire and forget: with no page open the browser rejects the
 * message, and nobody needed it.
 */
export function broadcastLibraryChanges(store: LibraryStore, send: (message: LibraryChanged) => Promise<unknown>): () => void {
  let waiting: Change[] = [];
  const flush = (): void => {
    const changes = waiting;
    waiting = [];
    // One write has one author and one time; should two be told before a flush, each gets its message.
    const groups = new Map<string, Change[]>();
    for (const change of changes) {
      const key = `${change.by} ${change.at}`;
      groups.set(key, [...(groups.get(key) ?? []), change]);
    }
    for (const [first, ...rest] of groups.values()) {
      const message: LibraryChanged = { lede: 1, event: 'library/changed', ...first! };
      if (rest.length) message.also = rest.map(({ id, revision, deleted }) => ({ id, revision, ...(deleted ? { deleted } : {}) }));
      try {
        void send(message).catch(() => undefined);
      } catch {
        // The API itself threw (the extension is being reloaded): no page listens either.
      }
    }
  };
  return store.onChanged((change) => {
    if (waiting.length === 0) queueMicrotask(flush);
    waiting.push(change);
  });
}
