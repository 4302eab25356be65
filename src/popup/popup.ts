// The popup: reads the current tab into the editor, keeps a draft of every edit, and saves to the library.
//
// Stable hooks for tests — body[data-state] is loading | message | editing | saving | saved | updated.
// Header: #library-link. Loading: #loading. Unreadable page: #message[data-reason], #message-title,
// #message-detail, #retry. Notes: #draft-note, #discard-draft, #saved-note (#saved-when, #changed-since).
// Footer: #save, #status, #after-save (#open-library, #undo-save).
// First screen (first-screen.ts): #first-screen, #found-line (buttons [data-opens]), #details, #details-toggle,
// #details-why.
// Editor (src/ui/editor.ts): #editor (form), #title, #excerpt, #excerpt-count, #published-at,
// #published-at-utc, #clear-date, #category, #type, #quality, #quality-range, #heat, #published,
// #provider-name, #provider-domain, #original-url, #web-url, #topic-input (combobox), #topics
// (chips, each .chip with .chip-remove), #topic-suggestions (listbox, options #topic-option-N),
// #topic-quick (the page's suggested topics, buttons .quick-topic),
// #related (.related-entry .remove-related), #body; field errors #<id>-error.
// Private (src/ui/private-note.ts): #private[data-state], #private-note, #private-state, #private-selection,
// #private-selection-remove, #private-new-key-value.
import type { Extraction } from '../extract/types.js';
import type { LedeRecord } from '../record/types.js';
import type { Draft, PageReadResult, StoredRecord } from '../shared/messages.js';
import { nativeApi } from '../shared/native.js';
import { withTimeout } from '../shared/promise.js';
import { send } from '../shared/send.js';
import { defaultSettings, type Settings } from '../shared/settings.js';
import { debounce } from '../ui/debounce.js';
import { byId, h, replaceChildren } from '../ui/dom.js';
import { createEditor, type Editor } from '../ui/editor.js';
import type { PrivateNote } from '../ui/private-note.js';
import { applyLocale, localiseStatic, t } from '../ui/i18n.js';
import { relatedHost } from '../ui/related-host.js';
import { errorText, showStatus } from '../ui/status.js';
import { needsAttention } from './attention.js';
import { DETAILS_SHORTCUT, layoutFirstScreen, type FirstScreen } from './first-screen.js';
import { showMessage } from './message.js';
import { takeOpening } from './opening.js';
import { popupPrivateNote } from './private.js';
import { savedNote } from './saved-line.js';
import { tabIdFromUrl } from './tab.js';
import { undoSave } from './undo.js';
import { setUpAllTabs } from './all-tabs.js';

type Readable = Extract<PageReadResult, { ok: true }>;

/** A page that has not answered by then is treated as failed, so the spinner always ends. */
const READ_TIMEOUT_MS = 30_000;

const main = byId('main');
const loading = byId('loading');
const messageSection = byId('message');
const notes = byId('notes');
const slot = byId('editor-slot');
const saveButton = byId<HTMLButtonElement>('save');
const status = byId('status');
const afterSave = byId('after-save');

let tabId = -1;
/** The settings the popup opened with, for Save all tabs' defaults. */
let openedSettings: Settings = defaultSettings;
let editor: Editor | null = null;
let privateNote: PrivateNote | null = null;
let firstScreen: FirstScreen | null = null;
/** The last save made here and what the library held before it, for Undo. */
let lastSave: { stored: StoredRecord; before: StoredRecord | null } | null = null;
let page: Readable | null = null;
let saving = false;
/** The library's topics, for the autocomplete; filled in once they arrive. */
let knownTopics: string[] = [];

type PopupState = 'loading' | 'message' | 'editing' | 'saving' | 'saved' | 'updated';

function setState(state: PopupState): void {
  document.body.dataset.state = state;
  // A User Timing mark per state, so the time to a filled form can be read from outside (bench:popup).
  performance.mark(`lede:${state}`);
  main.setAttribute('aria-busy', String(state === 'loading'));
  loading.hidden = state !== 'loading';
  saveButton.hidden = state === 'loading' || state === 'message';
  afterSave.hidden = !(state === 'saved' || state === 'updated') || !lastSave;
}

/** The "already saved" line at the top, with what the form now changes; nothing for a page not in the library. */
function showSavedNote(current: LedeRecord): void {
  const stored = page?.saved;
  const existing = notes.querySelector('#saved-note');
  if (!stored) {
    existing?.remove();
    firstScreen?.markChanged([]);
    return;
  }
  const { text, changed, keys } = savedNote(stored, current, new Date(), t, document.documentElement.lang || undefined);
  firstScreen?.markChanged(keys);
  const line = note('saved-note', h('span', { id: 'saved-when' }, text),
    changed ? h('span', { id: 'changed-since', class: 'changed' }, ` · ${changed}`) : null);
  if (existing) existing.replaceWith(line);
  else notes.append(line);
}

function draftOf(record: LedeRecord, result: Readable): Draft {
  return {
    tabId, url: result.record.webUrl, record,
    sources: sourcesOf(result), suggestedTopics: result.extraction?.suggestedTopics ?? [],
    updatedAt: new Date().toISOString(),
  };
}

const putDraft = debounce((record: LedeRecord) => {
  if (!page) return;
  const draft = draftOf(record, page);
  send('draft/put', { draft }).catch((error) => showStatus(status, t('popupDraftFailed', errorText(error)), 'error'));
}, 200);

function sourcesOf(result: Readable): Extraction['sources'] | undefined {
  return result.draft?.sources ?? result.extraction?.sources ?? result.saved?.sources;
}

function note(id: string, ...children: Array<Node | string | null>): HTMLElement {
  return h('p', { id, class: 'note' }, ...children);
}

function showEditor(record: LedeRecord, settings: Settings, restored: boolean): void {
  const result = page!;
  const privateParts = popupPrivateNote(tabId, record, !restored);
  privateNote = privateParts.note;
  const next = createEditor({
    record,
    privateNote,
    sources: sourcesOf(result),
    suggestedTopics: result.draft?.suggestedTopics ?? result.extraction?.suggestedTopics,
    knownTopics,
    categories: settings.categories,
    onChange: (next) => {
      putDraft(next);
      firstScreen?.show(next);
      showSavedNote(next);
      // An edit after a save is unsaved again: say so, so "Saved" never describes older text.
      if (document.body.dataset.state === 'saved' || document.body.dataset.state === 'updated') {
        setState('editing');
        showStatus(status, '');
      }
    },
    onSubmit: () => void save(),
    relatedHost: relatedHost({ defaultQuality: settings.defaultQuality, tabId, draftOf: (next) => draftOf(next, result) }),
  });
  editor = next;
  // Before the editor's own cut: an over-long excerpt is one reason for Details to open.
  firstScreen = layoutFirstScreen(next.element, { record, sources: sourcesOf(result), attention: needsAttention(record) });
  // Text the person selected on the page is kept in the private section, inside Details: show it there.
  void privateParts.selection.then((text) => {
    if (text && editor === next) firstScreen?.openDetails();
  });
  replaceChildren(notes,
    restored ? note('draft-note', t('popupDraftRestored'), ' · ',
      h('button', { id: 'discard-draft', type: 'button', class: 'link-button', onclick: () => void discard(settings) },
        t('popupDraftDiscard'))) : null);
  showSavedNote(next.read());
  replaceChildren(slot, next.element);
  setState('editing');
}

async function discard(settings: Settings): Promise<void> {
  putDraft.cancel();
  try {
    await send('draft/clear', { tabId });
    showEditor(page!.record, settings, false);
    showStatus(status, t('popupDraftDiscarded'));
    firstScreen?.focusStart();
  } catch (error) {
    showStatus(status, errorText(error), 'error');
  }
}

async function save(): Promise<void> {
  if (!editor || saving) return;
  if (!editor.validate()) {
    firstScreen?.revealInvalid();
    showStatus(status, t('popupFixFields'), 'error');
    return;
  }
  saving = true;
  try {
    // The note typed last is encrypted before the record is read. Sealing re-reads the form, which
    // queues a draft: cancelled just below, or it would come back after the save and reopen as "unsaved".
    await privateNote?.settled();
  } catch (error) {
    showStatus(status, t('popupSaveFailed', errorText(error)), 'error');
    saving = false;
    return;
  }
  putDraft.cancel();
  const before = document.body.dataset.state as PopupState;
  setState('saving');
  saveButton.setAttribute('aria-disabled', 'true');
  showStatus(status, t('popupSaving'));
  try {
    const result = await send('library/save', {
      record: editor.read(), tabId, sources: page ? sourcesOf(page) : undefined, previousId: page?.saved?.id,
      revision: page?.saved?.revision ?? null,
    });
    // Until the conflict view (issue 17's UI part): say nothing was overwritten.
    if (!result.ok && !('problems' in result)) throw new Error(t('libraryRestoreChanged'));
    if (!result.ok) {
      const rest = editor.showProblems(result.problems.filter((p) => p.severity === 'error'));
      firstScreen?.revealInvalid();
      showStatus(status, [t('popupFixFields'), ...rest.map((p) => p.message)].join(' '), 'error');
      setState(before);
      return;
    }
    await send('draft/clear', { tabId });
    notes.querySelector('#draft-note')?.remove();
    lastSave = { stored: result.stored, before: page?.saved ?? null };
    if (page) page = { ...page, saved: result.stored, draft: null };
    showSavedNote(result.stored.record);
    setState(result.created ? 'saved' : 'updated');
    showStatus(status, result.created ? t('popupSaved') : t('popupUpdated'), 'ok');
  } catch (error) {
    showStatus(status, t('popupSaveFailed', errorText(error)), 'error');
    setState(before);
  } finally {
    saving = false;
    saveButton.removeAttribute('aria-disabled');
  }
}

async function load(): Promise<void> {
  setState('loading');
  messageSection.hidden = true;
  showStatus(status, '');
  const opening = takeOpening();
  const id = await opening.tabId.catch(() => null);
  if (id === null) {
    showMessage(messageSection, 'no-tab', '', () => void start());
    setState('message');
    return;
  }
  tabId = id;
  const warnings: string[] = [];
  const settingsP = opening.settings.catch((error: unknown) => {
    warnings.push(t('popupSettingsFailed', errorText(error)));
    return defaultSettings;
  });
  const topicsP = opening.topics.catch((error: unknown) => {
    warnings.push(t('popupTopicsFailed', errorText(error)));
    return [];
  });
  let result: PageReadResult;
  try {
    result = await withTimeout(opening.read, READ_TIMEOUT_MS, () => new Error(t('popupReadTimeout')))
      ?? { ok: false, reason: 'no-tab', message: '' };
  } catch (error) {
    result = { ok: false, reason: 'failed', message: errorText(error) };
  }
  performance.mark('lede:read'); // the page read answered (bench:popup splits the wait with it)
  if (!result.ok) {
    showMessage(messageSection, result.reason, result.message, () => void start());
    setState('message');
    messageSection.querySelector<HTMLElement>('#message-title')?.focus();
    return;
  }
  page = result;
  const settings = await settingsP;
  openedSettings = settings;
  showEditor(result.draft?.record ?? result.record, settings, Boolean(result.draft));
  firstScreen?.focusStart();
  if (warnings.length) showStatus(status, warnings.join(' '), 'error');
  // The autocomplete learns the library's topics when they come; the form does not wait for them.
  const shown = warnings.length;
  const topics = await topicsP;
  knownTopics = topics.map((entry) => entry.topic);
  editor?.setKnownTopics(knownTopics);
  if (warnings.length > shown) showStatus(status, warnings.join(' '), 'error');
}

/** Undo of the last save: the library goes back to what it held, the form keeps its values as unsaved edits. */
async function undo(): Promise<void> {
  const done = lastSave;
  if (!done || saving) return;
  saving = true;
  try {
    await undoSave(done.stored, done.before);
    lastSave = null;
    if (page) page = { ...page, saved: done.before };
    if (editor) {
      const current = editor.read();
      putDraft(current);
      showSavedNote(current);
    }
    setState('editing');
    showStatus(status, done.before ? t('popupUndoneUpdate') : t('popupUndoneSave'), 'ok');
    firstScreen?.focusStart();
  } catch (error) {
    showStatus(status, t('popupUndoFailed', errorText(error)), 'error');
  } finally {
    saving = false;
  }
}

function openLibrary(): void {
  // The browser's own API, not the polyfill: 10 KB less for every popup to load, for this one call.
  const api = nativeApi();
  api.tabs.create({ url: api.runtime.getURL('pages/library/library.html') })
    .then(() => { if (!document.body.classList.contains('as-tab')) window.close(); })
    .catch((error) => showStatus(status, errorText(error), 'error'));
}

/** Any fault while opening ends in a message with Try again, never in an endless spinner. */
async function start(): Promise<void> {
  try {
    await load();
  } catch (error) {
    showMessage(messageSection, 'failed', errorText(error), () => void start());
    setState('message');
  }
}

applyLocale();
localiseStatic();
if (tabIdFromUrl(location.href) !== null) document.body.classList.add('as-tab');
saveButton.addEventListener('click', () => void save());
document.addEventListener('keydown', (event) => {
  // Inside the form the editor has handled the shortcut already (and said so with preventDefault).
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.defaultPrevented) {
    event.preventDefault();
    void save();
  } else if (event.code === DETAILS_SHORTCUT.code && event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey && firstScreen) {
    event.preventDefault();
    const { details } = firstScreen;
    details.open = !details.open;
    if (details.open) details.querySelector<HTMLElement>('input, textarea, select')?.focus();
    else byId('details-toggle').focus();
  }
});
byId('library-link').addEventListener('click', (event) => {
  event.preventDefault();
  openLibrary();
});
byId('open-library').addEventListener('click', () => openLibrary());
byId('undo-save').addEventListener('click', () => void undo());
setUpAllTabs(() => tabId, () => openedSettings);
// The popup can close at any moment: send what is still waiting.
addEventListener('pagehide', () => putDraft.flush());
document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') putDraft.flush(); });
void start();
