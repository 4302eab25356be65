// Undo of a save from the popup: a new record leaves the library again, an updated one goes back to what it was.
import type { StoredRecord } from '../shared/messages.js';
import { send } from '../shared/send.js';

/**
 * `saved` is what the save stored; `before` what the library held for the page then (null: nothing).
 * Either is undone only while the row is still at the revision the save made: never over newer work.
 */
export async function undoSave(saved: StoredRecord, before: StoredRecord | null): Promise<void> {
  if (!before) {
    const { conflict } = await send('library/delete', { id: saved.id, revision: saved.revision });
    if (conflict) throw new Error('the record changed since it was saved');
    return;
  }
  // A changed original address moved the record to a new key: that row goes and the old comes back, at once.
  const restored = await send('library/restore', { stored: before, over: { id: saved.id, revision: saved.revision } });
  if (!restored.ok) throw new Error('the earlier version could not be put back');
}
