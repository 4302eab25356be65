// The library page: every saved record, newest first, a page at a time; search, filter, edit, export, delete with undo.
//
// Stable hooks for tests: #search, #filter-topic, #filter-provider, #count, #records (each row
// li.record[data-id] with .record-title a, .meta, .excerpt, .tags, and buttons .edit, .export,
// .delete), #empty, #show-more, #toast, #toast-text, #undo, #status (aria-live). Edit dialog:
// #edit-dialog, #edit-slot (the editor, same ids as in the popup: #title, #excerpt …), #save,
// #cancel-edit, #edit-status.
import type { ListQuery, StoredRecord } from '../../shared/messages.js';
import { send } from '../../shared/send.js';
import { defaultSettings, type Settings } from '../../shared/settings.js';
import { debounce } from '../../ui/debounce.js';
import { byId, h, replaceChildren } from '../../ui/dom.js';
import { applyLocale, localiseStatic, t } from '../../ui/i18n.js';
import { errorText, showStatus } from '../../ui/status.js';
import { downloadText } from './download.js';
import { openEditor } from './edit.js';
import { markPrivate } from './private-marks.js';
import { renderRow, type RowAction } from './rows.js';
import { setUpTransfer } from './transfer.js';
import { startSync } from './sync.js';
import { setUpBring } from './bring.js';
import { setUpBulkPanel } from './bulk-panel.js';

const PAGE_SIZE = 50;

const search = byId<HTMLInputElement>('search');
const topicFilter = byId<HTMLSelectElement>('filter-topic');
const providerFilter = byId<HTMLSelectElement>('filter-provider');
const list = byId('records');
const count = byId('count');
const empty = byId('empty');
const showMore = byId<HTMLButtonElement>('show-more');
const toast = byId('toast');
const toastText = byId('toast-text');
const undo = byId<HTMLButtonElement>('undo');
const status = byId('status');

const loaded = new Map<string, StoredRecord>();
let total = 0;
let generation = 0;
const searchPrivate = byId<HTMLInputElement>('search-private');
let settings: Settings = defaultSettings;
let knownTopics: string[] = [];
let lastDeleted: StoredRecord | null = null;
let toastTimer: ReturnType<typeof setTimeout> | undefined;

function query(): ListQuery {
  const text = search.value.trim();
  return {
    ...(text ? { text } : {}),
    // Private notes are decrypted in the background's memory only; nothing clear is written.
    ...(text && searchPrivate.checked ? { includePrivate: true } : {}),
    ...(topicFilter.value ? { topic: topicFilter.value } : {}),
    ...(providerFilter.value ? { provider: providerFilter.value } : {}),
  };
}

function filtered(): boolean {
  const q = query();
  return Boolean(q.text || q.topic || q.provider);
}

function showCounts(): void {
  count.textContent = filtered() ? t('libraryCountFound', total) : t('libraryCount', total);
  empty.hidden = loaded.size > 0;
  empty.textContent = filtered() ? t('libraryNoMatch') : t('libraryEmpty');
  showMore.hidden = loaded.size >= total;
}

/** Loads the first page again (or as many rows as were shown, to keep the place), or the next page. */
async function load(mode: 'reset' | 'more', announce = false): Promise<void> {
  const mine = ++generation;
  const offset = mode === 'more' ? loaded.size : 0;
  const limit = mode === 'more' ? PAGE_SIZE : Math.max(PAGE_SIZE, Math.min(loaded.size, 500));
  showMore.setAttribute('aria-disabled', 'true');
  try {
    const result = await send('library/list', { ...query(), offset, limit });
    if (mine !== generation) return; // a newer search has started
    if (mode === 'reset') {
      loaded.clear();
      replaceChildren(list);
    }
    total = result.total;
    const rows: HTMLLIElement[] = [];
    for (const stored of result.records) {
      if (loaded.has(stored.id)) continue;
      loaded.set(stored.id, stored);
      rows.push(renderRow(stored));
    }
    list.append(...rows);
    void markPrivate(rows);
    showCounts();
    if (announce) showStatus(status, count.textContent ?? '');
    if (mode === 'more') rows[0]?.querySelector<HTMLElement>('.record-title a, .edit')?.focus();
  } catch (error) {
    if (mine === generation) showToast(t('libraryLoadFailed', errorText(error)), false);
  } finally {
    showMore.removeAttribute('aria-disabled');
  }
}

function rowFor(id: string): HTMLElement | undefined {
  return [...list.querySelectorAll<HTMLElement>('.record')].find((row) => row.dataset.id === id);
}

function fillSelect(select: HTMLSelectElement, allLabel: string, entries: Array<{ name: string; count: number }>): void {
  const chosen = select.value;
  replaceChildren(select, h('option', { value: '' }, allLabel),
    entries.map((entry) => h('option', { value: entry.name, selected: entry.name === chosen }, `${entry.name} (${entry.count})`)));
  if (chosen && !entries.some((entry) => entry.name === chosen)) select.value = '';
}

async function loadFilters(): Promise<void> {
  try {
    const [topics, providers] = await Promise.all([send('library/topics', {}), send('library/providers', {})]);
    knownTopics = topics.map((entry) => entry.topic);
    fillSelect(topicFilter, t('libraryAllTopics'), topics.map((entry) => ({ name: entry.topic, count: entry.count })));
    fillSelect(providerFilter, t('libraryAllProviders'), providers);
    // The index has loaded now: say so when stored rows fail today's checks and are left out.
    const { hidden } = await send('library/list', { limit: 0 });
    const note = byId('hidden-rows');
    note.hidden = !hidden;
    note.textContent = hidden ? t('libraryHiddenRows', hidden) : '';
  } catch (error) {
    showToast(t('libraryFiltersFailed', errorText(error)), false);
  }
}

function showToast(text: string, withUndo: boolean): void {
  toastText.textContent = text;
  undo.hidden = !withUndo;
  toast.hidden = false;
  showStatus(status, text, withUndo ? 'info' : 'error');
  clearTimeout(toastTimer);
  toastTimer = setTimeout(hideToast, withUndo ? 10_000 : 8_000);
}

function hideToast(): void {
  const hadFocus = toast.contains(document.activeElement);
  toast.hidden = true;
  lastDeleted = null;
  // Focus must not vanish with the toast.
  if (hadFocus) (list.querySelector<HTMLElement>('.record .edit') ?? search).focus();
}

async function remove(stored: StoredRecord, row: HTMLElement): Promise<void> {
  try {
    const { deleted } = await send('library/delete', { id: stored.id });
    row.remove();
    loaded.delete(stored.id);
    total = Math.max(0, total - 1);
    showCounts();
    lastDeleted = deleted ?? stored;
    showToast(t('libraryDeleted', stored.record.title), true);
    undo.focus(); // the pressed button is gone; Undo is the likeliest next step
    void loadFilters();
  } catch (error) {
    showToast(t('libraryDeleteFailed', errorText(error)), false);
  }
}

async function restore(): Promise<void> {
  const stored = lastDeleted;
  if (!stored) return;
  try {
    const { ok, changed } = await send('library/restore', { stored });
    if (!ok) throw new Error(t(changed ? 'libraryRestoreChanged' : 'libraryRestoreRefused'));
    lastDeleted = null;
    clearTimeout(toastTimer);
    toast.hidden = true;
    showStatus(status, t('libraryRestored', stored.record.title), 'ok');
    await load('reset');
    rowFor(stored.id)?.querySelector<HTMLElement>('.edit')?.focus();
    void loadFilters();
  } catch (error) {
    showToast(t('libraryRestoreFailed', errorText(error)), false);
  }
}

async function exportRecord(stored: StoredRecord): Promise<void> {
  try {
    const file = await send('library/export', { id: stored.id });
    if (!file) throw new Error(t('libraryExportMissing'));
    downloadText(file.filename, file.text);
    showStatus(status, t('libraryExported', file.filename), 'ok');
  } catch (error) {
    showToast(t('libraryExportFailed', errorText(error)), false);
  }
}

function saved(stored: StoredRecord, previousId: string): void {
  const row = rowFor(previousId);
  loaded.delete(previousId);
  // Merged into the record at its new address: that record's own row is this one now.
  if (stored.id !== previousId && rowFor(stored.id)) {
    rowFor(stored.id)?.remove();
    total = Math.max(0, total - 1);
    showCounts();
  }
  loaded.set(stored.id, stored);
  const fresh = renderRow(stored);
  if (row) row.replaceWith(fresh);
  void markPrivate([fresh]);
  fresh.querySelector<HTMLElement>('.edit')?.focus();
  showStatus(status, t('libraryUpdated', stored.record.title), 'ok');
  void loadFilters();
}

list.addEventListener('click', (event) => {
  const button = (event.target as Element).closest<HTMLButtonElement>('button[data-action]');
  const row = button?.closest<HTMLElement>('.record');
  const stored = row ? loaded.get(row.dataset.id ?? '') : undefined;
  if (!button || !row || !stored) return;
  const action = button.dataset.action as RowAction;
  if (action === 'edit') openEditor(stored, { settings, knownTopics, onSaved: saved }, button);
  else if (action === 'export') void exportRecord(stored);
  else if (action === 'delete') void remove(stored, row);
});

const searchLater = debounce(() => void load('reset', true), 120);
search.addEventListener('input', () => searchLater());
searchPrivate.addEventListener('change', () => { if (search.value.trim()) void load('reset', true); });
topicFilter.addEventListener('change', () => void load('reset', true));
providerFilter.addEventListener('change', () => void load('reset', true));
byId('filters').addEventListener('submit', (event) => {
  event.preventDefault();
  searchLater.flush();
});
showMore.addEventListener('click', () => void load('more'));
undo.addEventListener('click', () => void restore());
toast.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') hideToast();
});

// Records saved from the popup while this tab was in the background show up on return.
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState !== 'visible' || byId<HTMLDialogElement>('edit-dialog').open) return;
  void load('reset');
  void loadFilters();
});

applyLocale();
localiseStatic();
setUpTransfer(() => {
  void load('reset');
  void loadFilters();
});
setUpBring(() => {
  void load('reset');
  void loadFilters();
});
setUpBulkPanel();
void (async () => {
  settings = await send('settings/get', {}).catch((error) => {
    showToast(t('librarySettingsFailed', errorText(error)), false);
    return defaultSettings;
  });
})();
// The first page first: with a large library the filters need every record loaded, the first page does not.
void load('reset').finally(() => {
  void loadFilters();
  startSync(() => void load('reset'));
});
