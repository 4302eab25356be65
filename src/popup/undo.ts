// Undo of a save from the popup: a new record leaves the library again, an updated one goes back to what it was,
// only while the row is still the one this save made (an edit since, here or elsewhere, is never undone).
import type { StoredRecord } from '../shared/messages.js';
import { send } from '../shared/send.js';
import { t } from '../ui/i18n.js';

/**
 * `saved` is what the save stored; `before` what the library held for the page then (null: nothing).
 * Answers the library's row for the page now (null: none).
 */
export async function undoSave(saved: StoredRecord, before: StoredRecord | null): Promise<StoredRecord | null> {
  if (!before) {
    const answer = await send('library/delete', { id: saved.id, revision: saved.revision });
    if (answer.conflict) throw new Error(t('popupUndoChanged'));
    return null;
  }
  // A changed original address moved the record to a new key: the background removes that row in the same step.
  const restored = await send('library/restore', { stored: before, over: { id: saved.id, revision: saved.revision } });
  if (!restored.ok) throw new Error(t(restored.changed ? 'popupUndoChanged' : 'popupUndoRefused'));
  return send('library/get', { id: before.id });
}
