// The popup: reads the current tab into the editor, keeps a draft of every edit, and saves to the library.
//
// Stable hooks for tests — body[data-state] is loading | message | editing | saving | saved | updated.
// Header: #library-link. Loading: #loading. Unreadable page: #message[data-reason], #message-title,
// #message-detail, #retry. Notes: #draft-note, #discard-draft, #saved-note (#saved-when, #changed-since).
// Footer: #save, #status, #after-save (#open-library, #undo-save). Stale form (src/ui/stale.ts): #stale-warning;
// an address another record holds (src/ui/address-taken.ts): #address-taken; their panel: #compare-dialog.
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
import type { LedeRecord } from '../record/types.js';
import { onLibraryChanged } from '../shared/library-events.js';
import { nativeApi } from '../shared/native.js';
import { withTimeout } from '../shared/promise.js';
import { send } from '../shared/send.js';
import { defaultSettings, type Settings } from '../shared/settings.js';
import { byId, h, replaceChildren } from '../ui/dom.js';
import { createEditor } from '../ui/editor.js';
import { applyLocale, localiseStatic, t } from '../ui/i18n.js';
import { relatedHost } from '../ui/related-host.js';
import { createStaleEditor } from '../ui/stale.js';
import { errorText, showStatus } from '../ui/status.js';
import { needsAttention } from './attention.js';
import { draftIsStale, draftOf, putDraft, sourcesOf } from './draft.js';
import { DETAILS_SHORTCUT, layoutFirstScreen } from './first-screen.js';
import { showMessage } from './message.js';
import { takeOpening } from './opening.js';
import { popupPrivateNote } from './private.js';
import { save, saveChosen, undo } from './save.js';
import type { PageReadResult } from '../shared/messages.js';
import { note, session, setState, showSavedNote, ui } from './session.js';
import { tabIdFromUrl } from './tab.js';
import type { openAllTabs as OpenAllTabs } from './all-tabs.js';
import { later } from '../ui/later.js';

/** A page that has not answered by then is treated as failed, so the spinner always ends. */
const READ_TIMEOUT_MS = 30_000;

/**
 * The editor over `record`. `restored`: a draft came back (say so, and do not offer the page's selection
 * again); `rebuilt`: the same session's form made anew (after a choice between versions, a save that moved
 * the record), which keeps the popup's state and notes.
 */
function showEditor(record: LedeRecord, settings: Settings, restored: boolean, rebuilt = false): void {
  const result = session.page!;
  const privateParts = popupPrivateNote(session.tabId, record, !restored && !rebuilt);
  session.privateNote = privateParts.note;
  session.stale?.dispose();
  const saved = result.saved;
  const draft = restored && !rebuilt ? result.draft : null;
  const stale = createStaleEditor({
    id: saved?.id ?? null,
    // A restored draft is on the revision it was made over; anything else on the library's row as read.
    revision: draft && draft.revision !== undefined ? draft.revision : saved?.revision ?? null,
    base: draft ? null : saved?.record ?? null,
    read: () => next.read(),
    get: (id) => send('library/get', { id }),
    resolve: (chosen, current) => saveChosen(chosen, current),
    lang: document.documentElement.lang || undefined,
  });
  session.stale = stale;
  const next = createEditor({
    record,
    privateNote: session.privateNote,
    sources: sourcesOf(result),
    suggestedTopics: result.draft?.suggestedTopics ?? result.extraction?.suggestedTopics,
    knownTopics: session.knownTopics,
    categories: settings.categories,
    onChange: (edited) => {
      putDraft(edited);
      session.firstScreen?.show(edited);
      showSavedNote(edited);
      // An edit after a save is unsaved again: say so, so "Saved" never describes older text.
      if (document.body.dataset.state === 'saved' || document.body.dataset.state === 'updated') {
        setState('editing');
        showStatus(ui.status, '');
      }
    },
    onSubmit: () => void save(),
    relatedHost: relatedHost({ defaultQuality: settings.defaultQuality, tabId: session.tabId, draftOf: (edited) => draftOf(edited, result) }),
  });
  session.editor = next;
  // Before the editor's own cut: an over-long excerpt is one reason for Details to open.
  session.firstScreen = layoutFirstScreen(next.element, { record, sources: sourcesOf(result), attention: needsAttention(record) });
  // Text the person selected on the page is kept in the private section, inside Details: show it there.
  void privateParts.selection.then((text) => {
    if (text && session.editor === next) session.firstScreen?.openDetails();
  });
  if (!rebuilt) {
    replaceChildren(ui.notes,
      restored ? note('draft-note', t('popupDraftRestored'), ' · ',
        h('button', { id: 'discard-draft', type: 'button', class: 'link-button', onclick: () => void discard(settings) },
          t('popupDraftDiscard'))) : null);
  }
  ui.notes.querySelector('#address-taken')?.remove();
  // First among the notes: what changed underneath matters before anything else on this screen.
  ui.notes.querySelector('#stale-warning')?.remove();
  ui.notes.prepend(stale.element);
  // A draft made over an older version of the saved record is caught as an open form is.
  if (draft && saved && draftIsStale(draft, saved)) stale.outdated(saved, false);
  showSavedNote(next.read());
  replaceChildren(ui.slot, next.element);
  if (!rebuilt) setState('editing');
}

async function discard(settings: Settings): Promise<void> {
  putDraft.cancel();
  try {
    await send('draft/clear', { tabId: session.tabId });
    showEditor(session.page!.record, settings, false);
    showStatus(ui.status, t('popupDraftDiscarded'));
    session.firstScreen?.focusStart();
  } catch (error) {
    showStatus(ui.status, errorText(error), 'error');
  }
}

async function load(): Promise<void> {
  setState('loading');
  ui.messageSection.hidden = true;
  showStatus(ui.status, '');
  const opening = takeOpening();
  const id = await opening.tabId.catch(() => null);
  if (id === null) {
    showMessage(ui.messageSection, 'no-tab', '', () => void start());
    setState('message');
    return;
  }
  session.tabId = id;
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
    showMessage(ui.messageSection, result.reason, result.message, () => void start());
    setState('message');
    ui.messageSection.querySelector<HTMLElement>('#message-title')?.focus();
    return;
  }
  session.page = result;
  if (result.notice) warnings.push(result.notice);
  const settings = await settingsP;
  session.settings = settings;
  showEditor(result.draft?.record ?? result.record, settings, Boolean(result.draft));
  session.firstScreen?.focusStart();
  if (warnings.length) showStatus(ui.status, warnings.join(' '), 'error');
  // The autocomplete learns the library's topics when they come; the form does not wait for them.
  const shown = warnings.length;
  const topics = await topicsP;
  session.knownTopics = topics.map((entry) => entry.topic);
  session.editor?.setKnownTopics(session.knownTopics);
  if (warnings.length > shown) showStatus(ui.status, warnings.join(' '), 'error');
}

function openLibrary(): void {
  // The browser's own API, not the polyfill: 10 KB less for every popup to load, for this one call.
  const api = nativeApi();
  api.tabs.create({ url: api.runtime.getURL('pages/library/library.html') })
    .then(() => { if (!document.body.classList.contains('as-tab')) window.close(); })
    .catch((error) => showStatus(ui.status, errorText(error), 'error'));
}

/** Any fault while opening ends in a message with Try again, never in an endless spinner. */
async function start(): Promise<void> {
  try {
    await load();
  } catch (error) {
    showMessage(ui.messageSection, 'failed', errorText(error), () => void start());
    setState('message');
  }
}

session.rebuild = (record) => {
  // The same form made anew: where the person was (focus, Details open) stays.
  const focused = document.activeElement?.id;
  const detailsOpen = session.firstScreen?.details.open ?? false;
  showEditor(record, session.settings, false, true);
  if (detailsOpen) session.firstScreen?.openDetails();
  if (focused) document.getElementById(focused)?.focus();
};
applyLocale();
localiseStatic();
if (tabIdFromUrl(location.href) !== null) document.body.classList.add('as-tab');
ui.saveButton.addEventListener('click', () => void save());
document.addEventListener('keydown', (event) => {
  // Inside the form the editor has handled the shortcut already (and said so with preventDefault).
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.defaultPrevented) {
    event.preventDefault();
    void save();
  } else if (event.code === DETAILS_SHORTCUT.code && event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey && session.firstScreen) {
    event.preventDefault();
    const { details } = session.firstScreen;
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
/** Save all tabs: its dialog loads when first asked for (also at once when the menu's "Save all tabs" opened the popup). */
function openAllTabs(): void {
  void later<typeof OpenAllTabs>('popup/all-tabs.js', 'openAllTabs').then((open) => open(() => session.tabId, session.settings),
    (error: unknown) => showStatus(ui.status, errorText(error), 'error'));
}
byId('all-tabs').addEventListener('click', openAllTabs);
if (new URL(location.href).searchParams.get('tabs') === '1') openAllTabs();
// The popup can close at any moment: send what is still waiting.
addEventListener('pagehide', () => putDraft.flush());
document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') putDraft.flush(); });
// The record changed in the library while the form is open (the sync folder, another window): the form says so.
try {
  onLibraryChanged((change) => session.stale?.changed(change));
} catch {
  // No extension API to listen with: a save's answer still tells of a newer version.
}
void start();
