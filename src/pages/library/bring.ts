// Bring a library from elsewhere: the files read in a worker, what they hold shown (with what maps where) before
// anything changes, host access asked in the click, then the entries sent in slices; the bulk queue fills them.
//
// Stable hooks for tests: #bring-files, #bring-folder (inputs type=file), #bring-dialog (#bring-summary,
// #bring-list li[data-file], #bring-mapping, #bring-folders-topics, #bring-topics, #bring-fill,
// input[name=bring-access], #bring-go, #bring-cancel), #bring-report.
import browser from 'webextension-polyfill';
import type { ImportFile } from '../../shared/messages.js';
import { send } from '../../shared/send.js';
import { joinTopics } from '../../transfer/bring/text.js';
import type { Brought, BroughtEntry } from '../../transfer/bring/types.js';
import { byId, h, replaceChildren } from '../../ui/dom.js';
import { t } from '../../ui/i18n.js';
import { errorText, showStatus } from '../../ui/status.js';
import type { BringAnswer } from './bring-worker.js';
import { watchBulk } from './bulk-panel.js';

/** Entries per `bulk/bring` message (the background keeps each slice in one transaction). */
const SLICE = 500;
/** A per-site request names at most this many sites; more asks for all sites. */
const SITES_MAX = 500;
const ALL_SITES = ['http://*/*', 'https://*/*'];

const dialog = byId<HTMLDialogElement>('bring-dialog');
const summary = byId('bring-summary');
const list = byId('bring-list');
const mapping = byId('bring-mapping');
const foldersTopics = byId<HTMLInputElement>('bring-folders-topics');
const topicsInput = byId<HTMLInputElement>('bring-topics');
const fillBox = byId<HTMLInputElement>('bring-fill');
const go = byId<HTMLButtonElement>('bring-go');
const report = byId('bring-report');
const status = byId('status');

interface Read {
  files: Array<{ name: string; brought: Brought }>;
}

function readInWorker(files: File[]): Promise<Read> {
  return new Promise((resolve, reject) => {
    const worker = new Worker('bring-worker.js');
    const out: Read = { files: [] };
    worker.onmessage = (event: MessageEvent<BringAnswer>) => {
      const answer = event.data;
      if (answer.kind === 'file') {
        out.files.push({ name: answer.name, brought: answer.brought });
        showStatus(status, t('bringReading', answer.done, answer.total));
      } else {
        worker.terminate();
        resolve(out);
      }
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message || 'the reader stopped'));
    };
    worker.postMessage({ files });
  });
}

/** Every entry of what was read, an address once over all files (the first file's entry, tags joined). */
function entriesOf(read: Read, withFolders: boolean, topics: string[]): BroughtEntry[] {
  const byUrl = new Map<string, BroughtEntry>();
  for (const { brought } of read.files) {
    for (const entry of brought.entries) {
      const own = withFolders && entry.folders ? joinTopics(entry.topics, entry.folders) : entry.topics;
      const first = byUrl.get(entry.url);
      if (first) first.topics = joinTopics(first.topics, own);
      else byUrl.set(entry.url, { ...entry, topics: own });
    }
  }
  return [...byUrl.values()].map((entry) => ({ ...entry, topics: joinTopics(entry.topics, topics) }));
}

function sitesOf(entries: BroughtEntry[]): string[] {
  return [...new Set(entries.map((e) => `${new URL(e.url).protocol}//${new URL(e.url).hostname}/*`))];
}

function kindLabel(brought: Brought): string {
  return t(`bringKind_${brought.source}`);
}

function showRead(read: Read): void {
  replaceChildren(list, ...read.files.map(({ name, brought }) => h('li', { 'data-file': name },
    h('strong', null, name), ' — ', kindLabel(brought), ': ',
    t('bringFileCounts', brought.entries.length + (brought.records?.length ?? 0), brought.refused.length, brought.duplicates.length),
    brought.refused.length ? h('details', null, h('summary', null, t('bringRefusedLines')),
      h('ul', null, ...brought.refused.slice(0, 500).map((r) => h('li', null, `${r.where}: ${r.reason}`)),
        brought.refused.length > 500 ? h('li', null, t('bringMore', brought.refused.length - 500)) : null)) : null)));
  // Other clippers' notes: which of their keys went where, over all notes, so the person can check before bringing.
  const counts = new Map<string, number>();
  for (const { brought } of read.files) for (const entry of brought.entries) for (const m of entry.mapping ?? []) counts.set(`${m.from}\u0000${m.to}`, (counts.get(`${m.from}\u0000${m.to}`) ?? 0) + 1);
  mapping.hidden = counts.size === 0;
  replaceChildren(mapping, h('caption', null, t('bringMappingCaption')),
    h('tr', null, h('th', { scope: 'col' }, t('bringMappingFrom')), h('th', { scope: 'col' }, t('bringMappingTo')), h('th', { scope: 'col' }, t('bringMappingNotes'))),
    ...[...counts].map(([key, n]) => {
      const [from, to] = key.split('\u0000') as [string, string];
      return h('tr', null, h('td', null, from), h('td', null, to === 'kept' || to === 'dropped' ? t(`bringMapping_${to}`) : to), h('td', null, String(n)));
    }));
  foldersTopics.closest('label')!.hidden = !read.files.some(({ brought }) => brought.entries.some((e) => e.folders?.length));
  const sites = sitesOf(entriesOf(read, false, []));
  const ask = (origins: string[]) => (origins.length ? browser.permissions.contains({ origins }).catch(() => false) : Promise.resolve(true));
  held = { sites: ask(sites.length > SITES_MAX ? ALL_SITES : sites), all: ask(ALL_SITES) };
  update(read);
}

let current: Read | null = null;
/** Whether access is held already, asked as the dialog opens (the click may then ask nothing else first). */
let held: { sites: Promise<boolean>; all: Promise<boolean> } | null = null;

function update(read: Read): void {
  const entries = entriesOf(read, foldersTopics.checked, []);
  const records = read.files.reduce((n, f) => n + (f.brought.records?.length ?? 0), 0);
  const sites = sitesOf(entries).length;
  summary.textContent = t('bringSummary', entries.length, sites, records);
  byId('bring-sites-label').textContent = t('bringAccessSites', sites);
  go.textContent = t('bringGo', entries.length + records);
  go.disabled = entries.length + records === 0;
}

function topicsTyped(): string[] {
  return topicsInput.value.split(',').map((s) => s.trim()).filter(Boolean);
}

async function bring(read: Read, access: Promise<boolean>, grant: { origins: string[] } | undefined): Promise<void> {
  const fill = fillBox.checked && await access;
  const entries = entriesOf(read, foldersTopics.checked, topicsTyped());
  const label = read.files.length === 1 ? read.files[0]!.name : t('bringFilesLabel', read.files.length);
  const batch = { id: `bring-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`, label, ...(fill && grant ? { grantedForBatch: grant } : {}) };
  const tally = { brought: 0, inLibrary: 0, rejected: [] as string[] };
  for (let at = 0; at < entries.length; at += SLICE) {
    const answer = await send('bulk/bring', { batch, entries: entries.slice(at, at + SLICE), choices: { topics: [] }, fill });
    tally.brought += answer.brought;
    tally.inLibrary += answer.inLibrary.length;
    tally.rejected.push(...answer.rejected.map((r) => `${r.where}: ${r.reason}`));
    showStatus(status, t('bringSending', Math.min(at + SLICE, entries.length), entries.length));
  }
  // Lede records found among the notes: the usual import, every field kept.
  const files: ImportFile[] = read.files.flatMap((f) => f.brought.records ?? []);
  let imported = 0;
  for (let at = 0; at < files.length; at += 200) {
    const { entries: done } = await send('library/import', { files: files.slice(at, at + 200) });
    imported += done.filter((e) => e.action === 'imported' || e.action === 'updated').length;
  }
  report.hidden = false;
  replaceChildren(report, h('p', null, t('bringDone', tally.brought, tally.inLibrary, imported, tally.rejected.length)),
    tally.rejected.length ? h('details', null, h('summary', null, t('bringRefusedLines')), h('ul', null, ...tally.rejected.slice(0, 500).map((r) => h('li', null, r)))) : null,
    h('button', { type: 'button', onclick: () => { report.hidden = true; } }, t('importReportClose')));
  if (fill) watchBulk();
}

export function setUpBring(reload: () => void): void {
  const choose = async (input: HTMLInputElement) => {
    const files = [...(input.files ?? [])];
    input.value = '';
    if (!files.length) return;
    try {
      current = await readInWorker(files);
      showRead(current);
      dialog.showModal();
    } catch (error) {
      showStatus(status, t('bringFailed', errorText(error)), 'error');
    }
  };
  for (const id of ['bring-files', 'bring-folder']) {
    const input = byId<HTMLInputElement>(id);
    input.addEventListener('change', () => void choose(input));
  }
  foldersTopics.addEventListener('change', () => current && update(current));
  byId('bring-cancel').addEventListener('click', () => dialog.close());
  go.addEventListener('click', () => {
    const read = current;
    if (!read) return;
    const entries = entriesOf(read, foldersTopics.checked, []);
    const all = (document.querySelector<HTMLInputElement>('input[name="bring-access"]:checked')?.value ?? 'sites') === 'all';
    const sites = sitesOf(entries);
    const origins = all || sites.length > SITES_MAX ? ALL_SITES : sites;
    // Asked here, in the click: the browser counts it as the person's act only inside it.
    const before = held ? (origins === ALL_SITES ? held.all : held.sites) : Promise.resolve(false);
    const access = fillBox.checked && entries.length ? browser.permissions.request({ origins }).catch(() => false) : Promise.resolve(false);
    dialog.close();
    void (async () => {
      const held = await before.catch(() => false);
      try {
        await bring(read, access, held ? undefined : { origins });
        reload();
      } catch (error) {
        showStatus(status, t('bringFailed', errorText(error)), 'error');
      }
    })();
  });
}
