// The related list in the editor: add by pasted or dropped address, edit every field of an entry,
// reorder (buttons, Alt+Up/Down, drag), remove; each entry's reading state or problem shown beside it.
import { isWebUrl } from '../record/text.js';
import type { LedeRecord, RelatedEntry } from '../record/types.js';
import { webAddress } from '../related/fetch-page.js';
import { blankRelated, duplicateOf, moveRelated, sameAddress } from '../related/list.js';
import type { RelatedAnswer, Response, StoredRecord } from '../shared/messages.js';
import { h, replaceChildren } from './dom.js';
import { t } from './i18n.js';
import { entryFields, entryProblems } from './related-fields.js';
import { relatedPickers } from './related-pickers.js';

/** What the list needs from its page: the browser's permission prompt and the background's reading. */
export interface RelatedHost {
  defaultQuality: number;
  /** Asks for access to the address's site. Called at once inside the click: the browser wants the person's act. */
  requestAccess(url: string): Promise<boolean>;
  /** Whether access to the address's site is already granted (asks nothing). */
  hasAccess?(url: string): Promise<boolean>;
  read(url: string): Promise<RelatedAnswer>;
  /** An address is being typed or pasted: whatever reads pages may start now, before the Add click. */
  prepare?(): void;
  /** Keeps the waiting entry where it outlives this page (the tab's draft): Firefox closes the popup at the prompt. */
  keepPending?(url: string, record: LedeRecord): Promise<void>;
  /** The addresses whose entries were kept waiting (their read never finished): read again when the list opens. */
  waiting?(): Promise<string[]>;
  /** Library records and the page's own links worth adding (the editor's Suggestions). */
  suggest?(record: LedeRecord): Promise<Response<'related/suggest'>>;
  /** Library records matching the words typed. */
  searchLibrary?(text: string): Promise<StoredRecord[]>;
  /** The other pages open in this window; asks for the tabs permission first (inside the click). */
  listTabs?(): Promise<Array<{ id: number; title: string; url: string }>>;
  /** Reads an open tab live into an entry. */
  readTab?(tabId: number, url: string): Promise<RelatedAnswer>;
}

export interface RelatedListOptions {
  entries: RelatedEntry[];
  /** The record as the form shows it: its own addresses are never an entry, and it is what a waiting entry is kept in. */
  record: () => LedeRecord;
  host?: RelatedHost | undefined;
  onChange: () => void;
}

export interface RelatedList {
  element: HTMLElement;
  value(): RelatedEntry[];
  /** Opens the first entry that cannot be saved and says why; true when all can. */
  validate(): boolean;
  /** Adds an entry by address, as the Add button does (pasted, dropped, or a suggestion). */
  add(address: string): void;
  /** Adds a ready entry (from the library); false when it is a duplicate, which the status line then says. */
  addEntry(entry: RelatedEntry): boolean;
  /** The record as the form shows it, with this list. */
  record(): LedeRecord;
  /** Adds an open tab's page, read live (called inside the person's click: access is asked first). */
  addFromTab(tab: { id: number; url: string }): void;
}

interface Item {
  entry: RelatedEntry;
  status: string;
  kind: '' | 'busy' | 'failed';
  open: boolean;
  /** Stable across moves: field ids and the answer of a read in flight find their entry by it. */
  key: number;
}

function clone(entry: RelatedEntry): RelatedEntry {
  return JSON.parse(JSON.stringify(entry)) as RelatedEntry;
}

function firstLink(data: DataTransfer): string {
  const list = data.getData('text/uri-list').split(/\r?\n/).find((line) => line.trim() && !line.startsWith('#'));
  return (list ?? data.getData('text/plain')).trim();
}

export function createRelatedList(options: RelatedListOptions): RelatedList {
  let nextKey = 0;
  let items: Item[] = options.entries.map((entry) => ({ entry: clone(entry), status: '', kind: '', open: false, key: nextKey++ }));
  const list = h('ul', { id: 'related', class: 'related' });
  const addInput = h('input', {
    id: 'related-url', type: 'url', autocomplete: 'off', spellcheck: false, placeholder: t('relatedAddPlaceholder'),
    'aria-label': t('relatedAddLabel'), 'aria-describedby': 'related-add-status',
    oninput: () => prepare(addInput.value),
    onkeydown: (event: KeyboardEvent) => {
      if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey) {
        event.preventDefault();
        add(addInput.value);
      }
    },
  });
  const addStatus = h('p', { id: 'related-add-status', class: 'hint', role: 'status' });
  const addButton = h('button', { id: 'related-add', type: 'button', onclick: () => add(addInput.value) }, t('relatedAdd'));
  const live = h('span', { class: 'visually-hidden', 'aria-live': 'polite' });
  let dragFrom = -1;

  const changed = () => options.onChange();
  let preparedAt = -Infinity;
  /** Once per burst of typing (2 s), not per keystroke. */
  const prepare = (text: string) => {
    if (!options.host?.prepare || Date.now() - preparedAt < 2_000 || !webAddress(text).ok) return;
    preparedAt = Date.now();
    options.host.prepare();
  };
  const record = (): LedeRecord => ({ ...options.record(), related: items.map((i) => i.entry) });

  function move(from: number, to: number, focusClass?: string): void {
    const next = moveRelated(items, from, to);
    if (next === items) return;
    items = next;
    render();
    live.textContent = t('relatedMoved', to + 1);
    if (focusClass) list.children[to]?.querySelector<HTMLElement>(`.${focusClass}`)?.focus();
    changed();
  }

  function remove(index: number): void {
    items = items.filter((_, i) => i !== index);
    render();
    (list.querySelector<HTMLElement>('.remove-related') ?? addInput).focus();
    changed();
  }

  function row(item: Item, index: number): HTMLElement {
    const { entry } = item;
    const title = entry.title || entry.webUrl || t('relatedUntitled');
    const heading = h('span', { class: 'related-title' }, title);
    const fields = item.open ? entryFields(entry, `related-${item.key}`, () => {
      heading.textContent = entry.title || entry.webUrl || t('relatedUntitled');
      changed();
    }) : null;
    const byline = [entry.provider.name, entry.publishedDateTime?.slice(0, 10)].filter(Boolean).join(' · ');
    const canRead = Boolean(options.host) && entry.title === '' && isWebUrl(entry.webUrl) && item.kind !== 'busy';
    const li = h('li', {
      class: `related-entry${item.kind ? ` ${item.kind}` : ''}`, draggable: true, 'data-index': String(index),
      ondragstart: (event: DragEvent) => {
        dragFrom = index;
        event.dataTransfer?.setData('application/x-lede-related', String(index));
        if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move';
      },
      ondragend: () => { dragFrom = -1; },
      ondragover: (event: DragEvent) => { if (dragFrom >= 0) event.preventDefault(); },
      ondrop: (event: DragEvent) => {
        if (dragFrom < 0) return;
        event.preventDefault();
        event.stopPropagation();
        const from = dragFrom;
        dragFrom = -1;
        move(from, index);
      },
    },
    h('div', { class: 'related-head' },
      h('button', {
        type: 'button', class: 'drag-handle link-button', 'aria-label': t('relatedDragHandle', title), title: t('relatedDragHandle', title),
        onkeydown: (event: KeyboardEvent) => {
          if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
          event.preventDefault();
          move(index, index + (event.key === 'ArrowUp' ? -1 : 1), 'drag-handle');
        },
      }, '⠿'),
      // The address is the person's own link, opened only when they click it.
      isWebUrl(entry.webUrl) ? h('a', { href: entry.webUrl, target: '_blank', rel: 'noopener noreferrer' }, heading) : heading,
      byline ? h('span', { class: 'muted' }, ` · ${byline}`) : null,
      h('span', { class: 'related-actions' },
        h('button', { type: 'button', class: 'move-up link-button', disabled: index === 0, 'aria-label': `${t('relatedMoveUp')}: ${title}`, onclick: () => move(index, index - 1, 'move-up') }, '↑'),
        h('button', { type: 'button', class: 'move-down link-button', disabled: index === items.length - 1, 'aria-label': `${t('relatedMoveDown')}: ${title}`, onclick: () => move(index, index + 1, 'move-down') }, '↓'),
        h('button', {
          type: 'button', class: 'edit-related link-button', 'aria-expanded': String(item.open),
          onclick: () => { item.open = !item.open; render(); list.children[index]?.querySelector<HTMLElement>(item.open ? '.related-fields input' : '.edit-related')?.focus(); },
        }, item.open ? t('relatedDone') : t('relatedEdit')),
        canRead ? h('button', { type: 'button', class: 'retry-related link-button', onclick: () => read(item, entry.webUrl) }, t('relatedRetry')) : null,
        h('button', { type: 'button', class: 'remove-related link-button', 'aria-label': t('editorRelatedRemove', title), onclick: () => remove(index) }, t('editorRemove')))),
    item.status ? h('p', { class: `related-status${item.kind === 'failed' ? ' error' : ''}`, role: item.kind === 'failed' ? 'alert' : 'status' }, item.status) : null,
    fields);
    return li;
  }

  function render(): void {
    if (items.length === 0) replaceChildren(list, h('li', { class: 'empty' }, t('editorRelatedEmpty')));
    else replaceChildren(list, items.map(row));
  }

  /** What an entry says when its site may not be read: why, and that it can be filled by hand. */
  const noAccess = (site: string): Partial<Item> =>
    ({ status: `${t('relatedNoAccess', site)} ${t('relatedFillByHand')}`, kind: 'failed', open: true });

  function settle(item: Item, update: Partial<Item>): void {
    if (!items.includes(item)) return; // removed while it was being read
    Object.assign(item, update);
    render();
    changed();
  }

  /** Access first, inside the click; then the background reads the page into the waiting entry. */
  function read(item: Item, url: string, tabId?: number): void {
    const host = options.host;
    if (!host) return;
    const access = host.requestAccess(url);
    void host.keepPending?.(url, record()).catch(() => undefined);
    fill(host, item, url, access, tabId);
  }

  /** The entry shown reading, then filled with the answer or the reason it could not be. */
  function fill(host: RelatedHost, item: Item, url: string, access: Promise<boolean>, tabId?: number): void {
    const site = new URL(url).hostname;
    Object.assign(item, { status: t('relatedReading', site), kind: 'busy' });
    render();
    void (async () => {
      if (!(await access.catch(() => false))) {
        settle(item, noAccess(site));
        return;
      }
      const answer = await (tabId !== undefined && host.readTab ? host.readTab(tabId, url) : host.read(url)).catch((error: unknown): RelatedAnswer =>
        ({ ok: false, reason: 'failed', message: t('relatedFailed', error instanceof Error ? error.message : String(error)) }));
      if (!answer.ok) {
        settle(item, { status: `${answer.message} ${t('relatedFillByHand')}`, kind: 'failed', open: true });
        return;
      }
      // The page's canonical address may be one the list (or the record) already has.
      const others = { ...record(), related: items.filter((i) => i !== item).map((i) => i.entry) };
      const dup = duplicateOf(others, answer.entry.webUrl);
      if (dup && items.includes(item)) {
        items = items.filter((i) => i !== item);
        addStatus.textContent = dup.kind === 'self' ? t('relatedSelf') : t('relatedDuplicate', answer.entry.webUrl);
        render();
        changed();
        return;
      }
      settle(item, { entry: { ...answer.entry, quality: item.entry.quality }, status: answer.notice, kind: '' });
    })();
  }

  /**
   * The list reopened (Firefox closes the popup at the permission prompt): an entry whose read never finished
   * is read now when its site was granted meanwhile, with no click; still refused, it says so and keeps the
   * button that asks again.
   */
  async function resumeWaiting(host: RelatedHost & Required<Pick<RelatedHost, 'waiting' | 'hasAccess'>>): Promise<void> {
    for (const url of await host.waiting().catch(() => [])) {
      const item = items.find((i) => i.entry.title === '' && i.kind === '' && isWebUrl(i.entry.webUrl) && sameAddress(i.entry.webUrl, url));
      if (!item) continue;
      const granted = await host.hasAccess(item.entry.webUrl).catch(() => false);
      if (!items.includes(item) || item.kind !== '') continue; // removed or read by hand meanwhile
      if (granted) fill(host, item, item.entry.webUrl, Promise.resolve(true));
      else settle(item, noAccess(new URL(item.entry.webUrl).hostname));
    }
  }

  function add(raw: string): void {
    const text = raw.trim();
    if (!text) return;
    addStatus.textContent = '';
    const address = webAddress(text);
    const quality = options.host?.defaultQuality ?? 50;
    if (!address.ok) {
      // Still added, to be filled in by hand; the problem stays beside it.
      const key = address.reason === 'invalid-url' ? 'relatedInvalidUrl' : 'relatedNotWeb';
      const detail = address.reason === 'invalid-url' ? text : text.split(':')[0] ?? text;
      items.push({ entry: blankRelated(text, quality), status: `${t(key, detail)} ${t('relatedFillByHand')}`, kind: 'failed', open: true, key: nextKey++ });
    } else {
      const dup = duplicateOf(record(), address.url);
      if (dup) {
        addStatus.textContent = dup.kind === 'self' ? t('relatedSelf') : t('relatedDuplicate', address.url);
        return;
      }
      const item: Item = { entry: blankRelated(address.url, quality), status: '', kind: 'busy', open: false, key: nextKey++ };
      items.push(item);
      if (options.host) read(item, address.url);
      else item.open = true;
    }
    addInput.value = '';
    render();
    changed();
  }

  function addEntry(entry: RelatedEntry): boolean {
    addStatus.textContent = '';
    const dup = duplicateOf(record(), entry.webUrl);
    if (dup) {
      addStatus.textContent = dup.kind === 'self' ? t('relatedSelf') : t('relatedDuplicate', entry.webUrl);
      return false;
    }
    items.push({ entry: clone(entry), status: '', kind: '', open: false, key: nextKey++ });
    render();
    changed();
    return true;
  }

  // A link dropped anywhere on the related group is added.
  const group = h('div', {
    class: 'related-group',
    ondragover: (event: DragEvent) => {
      if (dragFrom < 0 && event.dataTransfer?.types.some((type) => type === 'text/uri-list' || type === 'text/plain')) event.preventDefault();
    },
    ondrop: (event: DragEvent) => {
      if (dragFrom >= 0 || !event.dataTransfer) return;
      event.preventDefault();
      add(firstLink(event.dataTransfer));
    },
  }, list, h('div', { class: 'related-add control-row' }, addInput, addButton), addStatus, live);
  render();

  function addFromTab(tab: { id: number; url: string }): void {
    addStatus.textContent = '';
    const dup = duplicateOf(record(), tab.url);
    if (dup) {
      addStatus.textContent = dup.kind === 'self' ? t('relatedSelf') : t('relatedDuplicate', tab.url);
      return;
    }
    const item: Item = { entry: blankRelated(tab.url, options.host?.defaultQuality ?? 50), status: '', kind: 'busy', open: false, key: nextKey++ };
    items.push(item);
    read(item, tab.url, tab.id);
    render();
    changed();
  }

  const api: RelatedList = {
    addFromTab,
    element: group,
    value: () => items.map((i) => clone(i.entry)),
    add,
    addEntry,
    record,
    validate: () => {
      const index = items.findIndex((i) => Object.keys(entryProblems(i.entry)).length > 0);
      if (index < 0) return true;
      const item = items[index]!;
      item.open = true;
      item.status = Object.values(entryProblems(item.entry)).join(' ');
      item.kind = 'failed';
      render();
      list.children[index]?.querySelector<HTMLElement>('.related-fields input')?.focus();
      return false;
    },
  };
  if (options.host?.suggest || options.host?.searchLibrary || options.host?.listTabs) group.append(relatedPickers(api, options.host));
  const host = options.host;
  if (host?.waiting && host.hasAccess) void resumeWaiting({ ...host, waiting: host.waiting, hasAccess: host.hasAccess });
  return api;
}
