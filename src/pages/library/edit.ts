// The edit dialog of the library page: the shared editor around one stored record.
import type { StoredRecord } from '../../shared/messages.js';
import { send } from '../../shared/send.js';
import type { Settings } from '../../shared/settings.js';
import { byId, replaceChildren } from '../../ui/dom.js';
import { createEditor, type Editor } from '../../ui/editor.js';
import { privateApi } from '../../ui/private-api.js';
import { createPrivateNote, type PrivateNote } from '../../ui/private-note.js';
import { t } from '../../ui/i18n.js';
import { relatedHost } from '../../ui/related-host.js';
import { errorText, showStatus } from '../../ui/status.js';

export interface EditContext {
  settings: Settings;
  knownTopics: string[];
  /** Called with the saved record and the id it had before (they differ when originalUrl changed). */
  onSaved: (stored: StoredRecord, previousId: string) => void;
}

const dialog = byId<HTMLDialogElement>('edit-dialog');
const slot = byId('edit-slot');
const status = byId('edit-status');
const saveButton = byId<HTMLButtonElement>('save');
let current: { stored: StoredRecord; editor: Editor; privateNote: PrivateNote; context: EditContext; opener: HTMLElement | null } | null = null;
let saving = false;

async function save(): Promise<void> {
  if (!current || saving) return;
  const { stored, editor, privateNote, context } = current;
  if (!editor.validate()) {
    showStatus(status, t('editorFixFields'), 'error');
    return;
  }
  saving = true;
  saveButton.setAttribute('aria-disabled', 'true');
  showStatus(status, t('editorSaving'));
  try {
    await privateNote.settled();
    const result = await send('library/save', {
      record: editor.read(), sources: stored.sources, previousId: stored.id, revision: stored.revision,
    });
    // Until the conflict view (issue 17's UI part): say nothing was overwritten.
    if (!result.ok && !('problems' in result)) throw new Error(t('libraryRestoreChanged'));
    if (!result.ok) {
      const rest = editor.showProblems(result.problems.filter((p) => p.severity === 'error'));
      showStatus(status, [t('editorFixFields'), ...rest.map((p) => p.message)].join(' '), 'error');
      return;
    }
    close();
    context.onSaved(result.stored, stored.id);
  } catch (error) {
    showStatus(status, t('editorSaveFailed', errorText(error)), 'error');
  } finally {
    saving = false;
    saveButton.removeAttribute('aria-disabled');
  }
}

function close(): void {
  const opener = current?.opener;
  current = null;
  if (dialog.open) dialog.close();
  replaceChildren(slot);
  if (opener?.isConnected) opener.focus();
}

export function openEditor(stored: StoredRecord, context: EditContext, opener: HTMLElement | null): void {
  const privateNote = createPrivateNote({ secured: stored.record.secured, api: privateApi });
  const editor = createEditor({
    record: stored.record,
    privateNote,
    sources: stored.sources,
    knownTopics: context.knownTopics,
    categories: context.settings.categories,
    onSubmit: () => void save(),
    relatedHost: relatedHost({ defaultQuality: context.settings.defaultQuality }),
  });
  current = { stored, editor, privateNote, context, opener };
  replaceChildren(slot, editor.element);
  showStatus(status, '');
  if (typeof dialog.showModal === 'function') dialog.showModal();
  else dialog.setAttribute('open', '');
  editor.focus();
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
