// The library as folder sync sees it: the IndexedDB store, changed by sync without queueing sync work again.
import type { StoredRecord } from '../../shared/messages.js';
import type { LibraryStore } from '../store/index.js';
import type { SyncLibrary } from './engine.js';

export function storeLibrary(store: LibraryStore, changed: (stored: StoredRecord) => void = () => undefined): SyncLibrary {
  return {
    all: () => store.all(),
    get: (id) => store.get(id),
    async put(record, previousId, source) {
      const { stored } = await store.save(record, { ...(previousId ? { previousId } : {}), ...(source === undefined ? {} : { source }) });
      changed(stored);
      return stored;
    },
    async remove(id) {
      await store.delete(id);
    },
  };
}
