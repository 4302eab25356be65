// The edit dialog of the library page: the shared editor around one stored record, saved over the revision it
// opened on; a record changed meanwhile (the sync folder, another window) is shown beside the form to choose from.
import type { LedeRecord } from '../../record/types.js';
import { onLibraryChanged } from '../../shared/library-events.js';
import type { SaveResult, StoredRecord } from '../../shared/messages.js';
import { send } from '../../shared/send.js';
import type { Settings } from '../../shared/settings.js';
import type { addressTakenNote as AddressTakenNote } from '../../ui/address-taken.js';
import { later } from '../../ui/later.js';
import { byId, replaceChildren } from '../../ui/dom.js';
import { createEditor, type Editor } from '../../ui/editor.js';
import { privateApi } from '../../ui/private-api.js';
import { createPrivateNote, type PrivateNote } from '../../ui/private-note.js';
import { t } from '../../ui/i18n.js';
import { relatedHost } from '../../ui/related-host.js';
import { createStaleEditor, type StaleEditor } from '../../ui/stale.js';
import { errorText, showStatus } from '../../ui/status.js';

export interface EditContext {
  settings: Settings;
  knownTopics: string[];
  /** Called with the saved record and the id it had before (they differ when originalUrl changed). */
  onSaved: (stored: StoredRecord, previousId: string) => void;
}

const dialog = byId<HTMLDialogElement>('edit-dialog');
const slot = byId('edit-slot');
const notes = byId('edit-notes');
const status = byId('edit-status');
const saveButton = byId<HTMLButtonElement>('save');

interface Open {
  /** The row the form is over: as opened, or as the person chose it after a change elsewhere (null: deleted). */
  stored: StoredRecord | null;
  /** The id the dialog opened on: the list's row to replace. */
  openedId: string;
  editor: Editor;
  privateNote: PrivateNote;
  stale: StaleEditor;
  context: EditContext;
  opener: HTMLElement | null;
  /** The person merged the form into the record at its address: the next save replaces that one. */
  mergeWith?: { id: string; revision: number };
}

let current: Open | null = null;
let saving = false;

function refused(open: Open, result: Exclude<SaveResult, { ok: true }>): void {
  if ('conflict' in result) {
    open.stale.outdated(result.conflict.current, true);
    showStatus(status, t('editorStaleMustChoose'), 'error');
  } else if ('addressTaken' in result) {
    const mine = open.editor.read();
    notes.querySelector('#address-taken')?.remove();
    void later<typeof AddressTakenNote>('ui/compare-panel.js', 'addressTakenNote').then((addressTakenNote) => notes.append(addressTakenNote({
      mine, other: result.addressTaken.other, lang: document.documentElement.lang || undefined,
      merge: (record, mergeWith) => chosen(open, record, open.stored, mergeWith),
    })), (error: unknown) => showStatus(status, errorText(error), 'error'));
    showStatus(status, t('editorNotSaved'), 'error');
  } else {
    const rest = open.editor.showProblems(result.problems.filter((p) => p.severity === 'error'));
    showStatus(status, [t('editorFixFields'), ...rest.map((p) => p.message)].join(' '), 'error');
  }
}

async function save(): Promise<void> {
  if (!current || saving) return;
  const open = current;
  const { stored, editor, privateNote, stale, context } = open;
  if (!editor.validate()) {
    showStatus(status, t('editorFixFields'), 'error');
    return;
  }
  // Changed underneath and not chosen yet: the comparison, not a save.
  if (stale.stale()) {
    showStatus(status, t('editorStaleMustChoose'), 'error');
    await stale.open();
    return;
  }
  saving = true;
  saveButton.setAttribute('aria-disabled', 'true');
  showStatus(status, t('editorSaving'));
  const mergeWith = open.mergeWith;
  delete open.mergeWith;
  stale.saving();
  let saved: StoredRecord | null = null;
  try {
    await privateNote.settled();
    const result = await send('library/save', {
      record: editor.read(), sources: stored?.sources, revision: stale.revision(),
      ...(stored ? { previousId: stored.id } : {}), ...(mergeWith ? { mergeWith } : {}),
    });
    if (!result.ok) {
      refused(open, result);
      return;
    }
    saved = result.stored;
    close();
    context.onSaved(result.stored, open.openedId);
  } catch (error) {
    showStatus(status, t('editorSaveFailed', errorText(error)), 'error');
  } finally {
    saving = false;
    saveButton.removeAttribute('aria-disabled');
    stale.saved(saved);
  }
}

/** The person chose between versions (or merged two records): the form shows the result over `over`, and saves. */
function chosen(open: Open, record: LedeRecord, over: StoredRecord | null, mergeWith?: { id: string; revision: number }): void {
  if (current !== open) return;
  show(over, record, open.context, open.opener, open.openedId);
  if (mergeWith && current) current.mergeWith = mergeWith;
  void save();
}

function close(): void {
  const opener = current?.opener;
  current?.stale.dispose();
  current = null;
  if (typeof dialog.close === 'function') dialog.close();
  else dialog.removeAttribute('open');
  replaceChildren(slot);
  replaceChildren(notes);
  if (opener?.isConnected) opener.focus();
}

function show(stored: StoredRecord | null, record: LedeRecord, context: EditContext, opener: HTMLElement | null, openedId: string): void {
  current?.stale.dispose();
  const privateNote = createPrivateNote({ secured: record.secured, api: privateApi });
  const editor = createEditor({
    record,
    privateNote,
    sources: stored?.sources,
    knownTopics: context.knownTopics,
    categories: context.settings.categories,
    onSubmit: () => void save(),
    relatedHost: relatedHost({ defaultQuality: context.settings.defaultQuality }),
  });
  const open: Open = {
    stored, openedId, editor, privateNote, context, opener,
    stale: createStaleEditor({
      id: stored?.id ?? null, revision: stored?.revision ?? null, base: stored?.record ?? null,
      read: () => editor.read(),
      get: (id) => send('library/get', { id }),
      resolve: (chosenRecord, over) => chosen(open, chosenRecord, over),
      lang: document.documentElement.lang || undefined,
    }),
  };
  current = open;
  replaceChildren(notes, open.stale.element);
  replaceChildren(slot, editor.element);
  showStatus(status, '');
}

export function openEditor(stored: StoredRecord, context: EditContext, opener: HTMLElement | null): void {
  show(stored, stored.record, context, opener, stored.id);
  if (typeof dialog.showModal === 'function') dialog.showModal();
  else dialog.setAttribute('open', '');
  current?.editor.focus();
}

saveButton.addEventListener('click', () => void save());
byId('cancel-edit').addEventListener('click', () => close());
dialog.addEventListener('close', () => { if (current) close(); });
dialog.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.defaultPrevented) {
    event.preventDefault();
    void save();
  }
});
// The record changed in the library while the dialog is open: the form says so on its first line.
try {
  onLibraryChanged((change) => current?.stale.changed(change));
} catch {
  // No extension API to listen with: a save's answer still tells of a newer version.
}
