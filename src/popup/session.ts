// The popup's one open editing session: the page read, the editor over it, and the parts of the popup that show it.
import type { LedeRecord } from '../record/types.js';
import type { PageReadResult, StoredRecord } from '../shared/messages.js';
import { defaultSettings, type Settings } from '../shared/settings.js';
import { byId, h } from '../ui/dom.js';
import type { Editor } from '../ui/editor.js';
import { t } from '../ui/i18n.js';
import type { PrivateNote } from '../ui/private-note.js';
import type { StaleEditor } from '../ui/stale.js';
import type { FirstScreen } from './first-screen.js';
import { savedNote } from './saved-line.js';

export type Readable = Extract<PageReadResult, { ok: true }>;
export type PopupState = 'loading' | 'message' | 'editing' | 'saving' | 'saved' | 'updated';

export const ui = {
  main: byId('main'),
  loading: byId('loading'),
  messageSection: byId('message'),
  notes: byId('notes'),
  slot: byId('editor-slot'),
  saveButton: byId<HTMLButtonElement>('save'),
  status: byId('status'),
  afterSave: byId('after-save'),
};

export const session = {
  tabId: -1,
  page: null as Readable | null,
  settings: defaultSettings as Settings,
  editor: null as Editor | null,
  privateNote: null as PrivateNote | null,
  firstScreen: null as FirstScreen | null,
  /** Whether the record in the library has changed under the form (src/ui/stale.ts). */
  stale: null as StaleEditor | null,
  /** The last save made here and what the library held before it, for Undo. */
  lastSave: null as { stored: StoredRecord; before: StoredRecord | null } | null,
  saving: false,
  /** The library's topics, for the autocomplete; filled in once they arrive. */
  knownTopics: [] as string[],
  /** Builds the editor again over `record` (after the person chose between two versions); set by popup.ts. */
  rebuild: (record: LedeRecord): void => { void record; },
};

export function setState(state: PopupState): void {
  document.body.dataset.state = state;
  // A User Timing mark per state, so the time to a filled form can be read from outside (bench:popup).
  performance.mark(`lede:${state}`);
  ui.main.setAttribute('aria-busy', String(state === 'loading'));
  ui.loading.hidden = state !== 'loading';
  ui.saveButton.hidden = state === 'loading' || state === 'message';
  ui.afterSave.hidden = !(state === 'saved' || state === 'updated') || !session.lastSave;
}

export function note(id: string, ...children: Array<Node | string | null>): HTMLElement {
  return h('p', { id, class: 'note' }, ...children);
}

/** Puts a note in place of the one with its id, or at the end of the notes. */
export function showNote(line: HTMLElement): void {
  const existing = ui.notes.querySelector(`#${line.id}`);
  if (existing) existing.replaceWith(line);
  else ui.notes.append(line);
}

/** The "already saved" line at the top, with what the form now changes; nothing for a page not in the library. */
export function showSavedNote(current: LedeRecord): void {
  const stored = session.page?.saved;
  if (!stored) {
    ui.notes.querySelector('#saved-note')?.remove();
    session.firstScreen?.markChanged([]);
    return;
  }
  const { text, changed, keys } = savedNote(stored, current, new Date(), t, document.documentElement.lang || undefined);
  session.firstScreen?.markChanged(keys);
  showNote(note('saved-note', h('span', { id: 'saved-when' }, text),
    changed ? h('span', { id: 'changed-since', class: 'changed' }, ` · ${changed}`) : null));
}
