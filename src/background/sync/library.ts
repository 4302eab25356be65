// The library as folder sync sees it: the IndexedDB store, changed by sync without queueing sync work again.
import type { StoredRecord } from '../../shared/messages.js';
import { libraryKey, StoreError, type LibraryStore } from '../store/index.js';
import type { SyncLibrary } from './engine.js';

export function storeLibrary(store: LibraryStore, changed: (stored: StoredRecord) => void = () => undefined): SyncLibrary {
  return {
    all: () => store.all(),
    get: (id) => store.get(id),
    async put(record, previousId, source) {
      // The revision is read here, just before the write; the engine does not pass the one its decision
      // was made from yet (issue 17's sync part), so a change in between is caught only this close.
      const opened = await store.get(previousId ?? libraryKey(record));
      const saved = await store.save(record, 'sync', {
        ...(previousId ? { previousId } : {}), revision: opened?.revision ?? null,
        ...(source === undefined ? {} : { source }),
      });
      if (!saved.ok) throw new StoreError('failed', 'the record changed in Lede while its file was read; it is read again later');
      changed(saved.stored);
      return saved.stored;
    },
    async remove(id) {
      await store.remove(id, 'sync');
    },
  };
}
