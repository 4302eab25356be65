// Undo of a save from the popup: a new record leaves the library again, an updated one goes back to what it was.
import type { StoredRecord } from '../shared/messages.js';
import { send } from '../shared/send.js';

/** `saved` is what the save stored; `before` what the library held for the page then (null: nothing). */
export async function undoSave(saved: StoredRecord, before: StoredRecord | null): Promise<void> {
  // A changed original address moved the record to a new key: the new one goes, the old comes back.
  if (!before || before.id !== saved.id) await send('library/delete', { id: saved.id });
  if (before) {
    const restored = await send('library/restore', { stored: before });
    if (!restored.ok) throw new Error('the earlier version could not be put back');
  }
}
