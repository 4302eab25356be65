// Sync one way into a folder under Downloads, through the downloads API: Firefox has no directory picker.
// The same file names as folder sync, a file written only when its text changed. Lede cannot read those
// files back nor tell whether someone changed them, so it never removes one (the options page says so).
import type { StoredRecord } from '../../shared/messages.js';
import type { SyncChoice, SyncIssue } from '../../shared/sync-status.js';
import type { SyncLibrary } from './engine.js';
import { hashText } from './hash.js';
import { nameKey, type SyncRules } from './rules.js';
import type { DownloadsSync } from './service.js';
import type { SyncState, Tracked } from './state.js';

/** The part of `browser.downloads` used here. */
export interface DownloadsApi {
  download(options: { url: string; filename: string; conflictAction: 'overwrite'; saveAs: boolean }): Promise<number>;
  search(query: { id: number }): Promise<Array<{ id: number; filename: string; state: string; error?: string }>>;
  erase?(query: { id: number }): Promise<unknown>;
}

export interface DownloadsDeps {
  api: DownloadsApi;
  state: SyncState;
  library: SyncLibrary;
  rules: SyncRules;
  /** The folder under Downloads: `Lede`, `notes/Lede`. */
  folder: string;
  /** A URL the browser can download the text from, and how to let it go (blob: in Firefox, data: in Chrome's worker). */
  urlFor?(text: string): { url: string; release(): void };
  /** How long to wait for one file, and between looks. */
  timeoutMs?: number;
  pollMs?: number;
}

function defaultUrlFor(text: string): { url: string; release(): void } {
  // A Chrome service worker has no URL.createObjectURL; Firefox refuses data: downloads.
  if (typeof URL.createObjectURL === 'function') {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/markdown;charset=utf-8' }));
    return { url, release: () => URL.revokeObjectURL(url) };
  }
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { url: `data:text/markdown;charset=utf-8;base64,${btoa(binary)}`, release: () => undefined };
}

/** Whether the browser saved the file where Lede asked: `<Downloads>/<folder>/<name>`. */
export function landedAsAsked(actual: string, folder: string, name: string): boolean {
  return actual.replace(/\\/g, '/').endsWith(`/${folder}/${name}`);
}

export class DownloadsTarget implements DownloadsSync {
  readonly counts = { written: 0 };
  private tracked: Map<string, Tracked> | null = null;

  constructor(private readonly deps: DownloadsDeps) {}

  private async files(): Promise<Map<string, Tracked>> {
    this.tracked ??= new Map((await this.deps.state.files()).map((t) => [t.name, t]));
    return this.tracked;
  }

  async runJob(key: string): Promise<void> {
    if (!key.startsWith('record:')) return;
    const id = key.slice('record:'.length);
    await this.syncRecord(await this.deps.library.get(id), id);
  }

  async syncRecord(stored: StoredRecord | null, id: string, always = true): Promise<void> {
    const files = await this.files();
    const mine = [...files.values()].filter((t) => t.id === id);
    if (!stored) {
      // The file stays in Downloads (Lede cannot tell whether someone changed it); it is simply no longer Lede's.
      await this.forget(mine.map((t) => t.name));
      return;
    }
    const wanted = this.deps.rules.nameFor(stored);
    const current = mine.find((t) => t.wanted === wanted);
    if (!always && current && current.updatedAt === stored.updatedAt) return;
    const text = this.deps.rules.textFor(stored);
    const hash = await hashText(text);
    if (current && current.hash === hash) {
      await this.keep({ ...current, updatedAt: stored.updatedAt });
      return;
    }
    const others = new Set([...files.values()].filter((t) => t.id !== id).map((t) => nameKey(t.name)));
    const name = current?.name ?? this.deps.rules.nameFor(stored, others);
    await this.download(name, text);
    await this.forget(mine.filter((t) => t.name !== name).map((t) => t.name));
    await this.keep({ name, id, hash, lastModified: 0, size: text.length, updatedAt: stored.updatedAt, wanted });
  }

  async fullPass(records: StoredRecord[], progress: (done: number, total: number) => void): Promise<void> {
    const files = await this.files();
    const ids = new Set(records.map((s) => s.id));
    let done = 0;
    for (const stored of records) {
      await this.syncRecord(stored, stored.id, false);
      if (++done % 100 === 0) progress(done, records.length);
    }
    for (const t of [...files.values()]) if (t.id && !ids.has(t.id)) await this.forget([t.name]);
    progress(records.length, records.length);
  }

  async issues(): Promise<SyncIssue[]> {
    return this.deps.state.issues();
  }

  async resolve(name: string, choice: SyncChoice): Promise<void> {
    if (choice === 'dismiss') await this.deps.state.clearIssue(name);
  }

  private async download(name: string, text: string): Promise<void> {
    const { api, folder } = this.deps;
    const source = (this.deps.urlFor ?? defaultUrlFor)(text);
    try {
      const id = await api.download({ url: source.url, filename: `${folder}/${name}`, conflictAction: 'overwrite', saveAs: false });
      const item = await this.finished(id);
      if (item.state !== 'complete') throw new Error(`the download of ${name} failed: ${item.error ?? item.state}`);
      this.counts.written++;
      // Another extension's onDeterminingFilename (Chrome) or the browser itself may have put it elsewhere.
      if (landedAsAsked(item.filename, folder, name)) await this.deps.state.clearIssue(name);
      else await this.deps.state.setIssue({ kind: 'renamed', name, actual: item.filename.replace(/\\/g, '/').split('/').pop() ?? item.filename });
      // Keep the browser's download list free of one entry per synced record.
      await api.erase?.({ id }).catch(() => undefined);
    } finally {
      source.release();
    }
  }

  private async finished(id: number): Promise<{ filename: string; state: string; error?: string }> {
    const deadline = Date.now() + (this.deps.timeoutMs ?? 30_000);
    for (;;) {
      const [item] = await this.deps.api.search({ id });
      if (item && item.state !== 'in_progress') return item;
      if (Date.now() > deadline) throw new Error('the download did not finish in time');
      await new Promise((resolve) => setTimeout(resolve, this.deps.pollMs ?? 100));
    }
  }

  private async keep(t: Tracked): Promise<void> {
    (await this.files()).set(t.name, t);
    await this.deps.state.commit([t], []);
  }

  private async forget(names: string[]): Promise<void> {
    if (!names.length) return;
    const files = await this.files();
    for (const name of names) files.delete(name);
    await this.deps.state.commit([], names);
  }
}
