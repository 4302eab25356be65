// Saving from the popup: over the revision the form opened on, never over a newer one without the person's
// choice; an address another record holds is offered as a merge; Undo puts back only what this save replaced.
import type { LedeRecord } from '../record/types.js';
import type { SaveResult, StoredRecord } from '../shared/messages.js';
import { send } from '../shared/send.js';
import type { addressTakenNote as AddressTakenNote } from '../ui/address-taken.js';
import { later } from '../ui/later.js';
import { t } from '../ui/i18n.js';
import { errorText, showStatus } from '../ui/status.js';
import { putDraft, sourcesOf } from './draft.js';
import { session, setState, showNote, showSavedNote, ui, type PopupState } from './session.js';
import { undoSave } from './undo.js';

/** The person merged the form's record into the record at its address: the next save replaces that one. */
let mergeWith: { id: string; revision: number } | null = null;

/**
 * The person chose between two versions (or merged two records): the form shows the result, over the
 * library's row as it is now (`current`; null: gone), and is saved.
 */
export function saveChosen(record: LedeRecord, current: StoredRecord | null, merge?: { id: string; revision: number }): void {
  if (session.page) session.page = { ...session.page, saved: current };
  session.rebuild(record);
  mergeWith = merge ?? null;
  void save();
}

function refused(result: Exclude<SaveResult, { ok: true }>, before: PopupState): void {
  const { editor } = session;
  setState(before);
  if ('conflict' in result) {
    session.stale?.outdated(result.conflict.current, true);
    showStatus(ui.status, t('editorStaleMustChoose'), 'error');
  } else if ('addressTaken' in result) {
    const mine = editor!.read();
    const { saved } = session.page ?? {};
    void later<typeof AddressTakenNote>('ui/compare-panel.js', 'addressTakenNote').then((addressTakenNote) => showNote(addressTakenNote({
      mine, other: result.addressTaken.other, lang: document.documentElement.lang || undefined,
      merge: (record, merge) => saveChosen(record, saved ?? null, merge),
    })), (error: unknown) => showStatus(ui.status, errorText(error), 'error'));
    showStatus(ui.status, t('editorNotSaved'), 'error');
  } else {
    const rest = editor!.showProblems(result.problems.filter((p) => p.severity === 'error'));
    session.firstScreen?.revealInvalid();
    showStatus(ui.status, [t('popupFixFields'), ...rest.map((p) => p.message)].join(' '), 'error');
  }
}

export async function save(): Promise<void> {
  const { editor, stale } = session;
  if (!editor || session.saving) return;
  if (!editor.validate()) {
    session.firstScreen?.revealInvalid();
    showStatus(ui.status, t('popupFixFields'), 'error');
    return;
  }
  // The record changed underneath and the person has not chosen yet: the comparison, not a save.
  if (stale?.stale()) {
    showStatus(ui.status, t('editorStaleMustChoose'), 'error');
    await stale.open();
    return;
  }
  session.saving = true;
  try {
    // The note typed last is encrypted before the record is read. Sealing re-reads the form, which
    // queues a draft: cancelled just below, or it would come back after the save and reopen as "unsaved".
    await session.privateNote?.settled();
  } catch (error) {
    showStatus(ui.status, t('popupSaveFailed', errorText(error)), 'error');
    session.saving = false;
    return;
  }
  putDraft.cancel();
  const before = document.body.dataset.state as PopupState;
  const { page } = session;
  setState('saving');
  ui.saveButton.setAttribute('aria-disabled', 'true');
  showStatus(ui.status, t('popupSaving'));
  const merge = mergeWith;
  mergeWith = null;
  stale?.saving();
  let stored: StoredRecord | null = null;
  try {
    const result = await send('library/save', {
      record: editor.read(), tabId: session.tabId, sources: page ? sourcesOf(page) : undefined, previousId: page?.saved?.id,
      revision: stale ? stale.revision() : page?.saved?.revision ?? null, ...(merge ? { mergeWith: merge } : {}),
    });
    if (!result.ok) {
      refused(result, before);
      return;
    }
    stored = result.stored;
    await send('draft/clear', { tabId: session.tabId });
    ui.notes.querySelector('#draft-note')?.remove();
    ui.notes.querySelector('#address-taken')?.remove();
    session.lastSave = { stored: result.stored, before: page?.saved ?? null };
    if (session.page) session.page = { ...session.page, saved: result.stored, draft: null };
    showSavedNote(result.stored.record);
    setState(result.created ? 'saved' : 'updated');
    showStatus(ui.status, result.created ? t('popupSaved') : t('popupUpdated'), 'ok');
  } catch (error) {
    showStatus(ui.status, t('popupSaveFailed', errorText(error)), 'error');
    setState(before);
  } finally {
    session.saving = false;
    ui.saveButton.removeAttribute('aria-disabled');
    if (stored) adopt(page?.saved?.id, stored);
    else stale?.saved(null);
  }
}

/**
 * The library's row for the page after a write made here (null: none): the form is current over it. A write
 * that moved the record to another address watches that one from now on.
 */
function adopt(previousId: string | undefined, row: StoredRecord | null): void {
  if (row?.id === previousId) session.stale?.saved(row);
  else session.rebuild(session.editor!.read());
}

/** Undo of the last save: the library goes back to what it held, the form keeps its values as unsaved edits. */
export async function undo(): Promise<void> {
  const done = session.lastSave;
  if (!done || session.saving) return;
  session.saving = true;
  try {
    session.stale?.saving();
    const now = await undoSave(done.stored, done.before).catch((error: unknown) => {
      session.stale?.saved(null);
      throw error;
    });
    session.lastSave = null;
    if (session.page) session.page = { ...session.page, saved: now };
    adopt(done.stored.id, now);
    showSavedNote(session.editor!.read());
    putDraft(session.editor!.read());
    setState('editing');
    showStatus(ui.status, done.before ? t('popupUndoneUpdate') : t('popupUndoneSave'), 'ok');
    session.firstScreen?.focusStart();
  } catch (error) {
    showStatus(ui.status, t('popupUndoFailed', errorText(error)), 'error');
  } finally {
    session.saving = false;
  }
}
