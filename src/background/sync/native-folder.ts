// A sync folder served by Lede's helper: the same `SyncDirHandle` the engine uses over a picked folder, so one
// engine (queue, conflicts, read-back) runs over either. Names are checked here and again by the helper.
import {
  DATA_CHUNK, fromBase64, nameProblem, STAT_MAX, toBase64, type HelperEntry, type HelperStamp,
} from '../../shared/helper-protocol.js';
import type { SyncDirHandle, SyncFile, SyncFileHandle, SyncWritable } from './folder.js';
import { helperError, type HelperConnection } from './helper-port.js';
import type { Expect, WriteOutcome } from './write.js';

function checked(name: string): string {
  const problem = nameProblem(name);
  // The browser's own handles throw a TypeError for a name that is not one entry; so does this one.
  if (problem) throw new TypeError(`Name is not allowed: ${problem}`);
  return name;
}

const decoder = new TextDecoder();

/**
 * Stamps asked for in one tick go to the helper as one request: a pass asks 32 at once, and one round trip for
 * them all rather than 32 keeps a pass over 10,000 files near the helper's own floor.
 */
class StatBatch {
  private waiting: Array<{ name: string; resolve(entry: HelperEntry | null): void; reject(error: unknown): void }> = [];
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly helper: HelperConnection, private readonly folder: string, private readonly dir: string | undefined) {}

  stat(name: string): Promise<HelperEntry | null> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ name, resolve, reject });
      this.timer ??= setTimeout(() => this.flush(), 0);
    });
  }

  private flush(): void {
    this.timer = null;
    const batch = this.waiting.splice(0, STAT_MAX);
    if (this.waiting.length) this.timer = setTimeout(() => this.flush(), 0);
    const names = batch.map((b) => b.name);
    this.helper.request('stat', { folder: this.folder, ...(this.dir ? { dir: this.dir } : {}), names }).then(({ stats }) => {
      batch.forEach((b, i) => b.resolve(stats[i] ?? null));
    }, (error: unknown) => batch.forEach((b) => b.reject(error)));
  }
}

export class NativeFolder implements SyncDirHandle {
  readonly kind = 'directory' as const;
  private readonly stats: StatBatch;

  /** `name`: what the person sees (the folder's own name); `folder`: its id in the helper's config. */
  constructor(readonly helper: HelperConnection, readonly folder: string, readonly name: string, readonly dir?: string) {
    this.stats = new StatBatch(helper, folder, dir);
  }

  private where(): { folder: string; dir?: string } {
    return this.dir ? { folder: this.folder, dir: this.dir } : { folder: this.folder };
  }

  async *values(): AsyncIterable<SyncFileHandle | SyncDirHandle> {
    let token: string | undefined;
    do {
      const page = await this.helper.request('list', { ...this.where(), ...(token ? { token } : {}) });
      for (const entry of page.entries) {
        if (nameProblem(entry.name)) continue;
        yield entry.kind === 'directory' ? this.sub(entry.name) : new NativeFileHandle(this, entry.name);
      }
      token = page.token ?? undefined;
    } while (token);
  }

  /** A file by name; `create`: one that need not exist yet (written whole on close, so nothing empty is left). */
  async getFileHandle(name: string, options: { create?: boolean } = {}): Promise<SyncFileHandle> {
    // To write: no need to ask first (the helper refuses to write over a folder).
    if (options.create) return new NativeFileHandle(this, checked(name));
    const entry = await this.stat(checked(name));
    if (entry?.kind === 'directory') throw helperError('TypeMismatch', `${name} is a folder`);
    if (!entry) throw helperError('NotFound', `no such file: ${name}`);
    return new NativeFileHandle(this, name);
  }

  async getDirectoryHandle(name: string, options: { create?: boolean } = {}): Promise<SyncDirHandle> {
    // One level only: images/ beside the records.
    if (this.dir) throw helperError('Refused', 'the helper serves one sub-folder level');
    const entry = await this.stat(checked(name));
    if (entry?.kind === 'file') throw helperError('TypeMismatch', `${name} is a file`);
    if (!entry) {
      if (!options.create) throw helperError('NotFound', `no folder ${name}`);
      await this.helper.request('mkdir', { folder: this.folder, name });
    }
    return this.sub(name);
  }

  async removeEntry(name: string): Promise<void> {
    await this.helper.request('remove', { ...this.where(), name: checked(name) });
  }

  /** Renames a file in the folder; refused when `to` is taken. */
  async move(from: string, to: string): Promise<void> {
    await this.helper.request('move', { ...this.where(), from: checked(from), to: checked(to) });
  }

  stat(name: string): Promise<HelperEntry | null> {
    return this.stats.stat(name);
  }

  private sub(name: string): NativeFolder {
    return new NativeFolder(this.helper, this.folder, name, checked(name));
  }

  /**
   * A record's file written in one step: the helper checks the file is as `expect` says right before it puts
   * the new one in place (no gap for an outside save to fall into), and says whether its text is there after.
   */
  async writeChecked(name: string, text: string, expect: Expect): Promise<WriteOutcome> {
    const answer = await this.upload(checked(name), [new TextEncoder().encode(text)], expect);
    if ('changed' in answer) return { kind: 'changed-before' };
    const stamp = { lastModified: answer.lastModified, size: answer.size };
    if (answer.ours) return { kind: 'written', stamp };
    // Saved over again the instant after: what is there now is the outside edit.
    const file = await new NativeFileHandle(this, name).getFile();
    return { kind: 'changed-after', stamp: { lastModified: file.lastModified, size: file.size }, text: await file.text() };
  }

  /** Sends the bytes in chunks; the helper puts them in place only after the last, so a failure leaves the old file. */
  async upload(name: string, parts: Uint8Array[], expect?: Expect): Promise<(HelperStamp & { ours: boolean }) | { changed: true }> {
    const total = parts.reduce((n, p) => n + p.length, 0);
    const all = parts.length === 1 ? parts[0]! : new Uint8Array(total);
    if (parts.length !== 1) {
      let at = 0;
      for (const part of parts) {
        all.set(part, at);
        at += part.length;
      }
    }
    let upload: string | undefined;
    try {
      for (let offset = 0; ; offset += DATA_CHUNK) {
        const last = offset + DATA_CHUNK >= total;
        const answer = await this.helper.request('write', {
          ...this.at(name), data: toBase64(all.subarray(offset, offset + DATA_CHUNK)), last,
          ...(upload ? { upload } : {}), ...(last && expect ? { expect } : {}),
        });
        if (last) return answer as (HelperStamp & { ours: boolean }) | { changed: true };
        upload = (answer as { upload: string }).upload;
      }
    } catch (error) {
      if (upload) await this.helper.request('abort', { upload }).catch(() => undefined);
      throw error;
    }
  }

  /** Request fields naming a file of this folder. */
  at(name: string): { folder: string; dir?: string; name: string } {
    return { ...this.where(), name };
  }
}

class NativeFileHandle implements SyncFileHandle {
  readonly kind = 'file' as const;
  /** The stamp the helper gave the file as it finished writing it: what asking again would tell. */
  private written: HelperStamp | null = null;

  constructor(private readonly parent: NativeFolder, readonly name: string) {}

  async getFile(): Promise<SyncFile> {
    const stamp = this.written ?? await this.parent.stat(this.name);
    this.written = null;
    if (!stamp) throw helperError('NotFound', `no such file: ${this.name}`);
    if ('kind' in stamp && stamp.kind === 'directory') throw helperError('TypeMismatch', `${this.name} is a folder`);
    const { lastModified, size } = stamp as HelperStamp;
    return { lastModified, size, text: () => this.read({ lastModified, size }) };
  }

  /** The file's text, chunk by chunk; a file that changed since its stamp was taken cannot be read as that file. */
  private async read(expected: HelperStamp): Promise<string> {
    const parts: Uint8Array[] = [];
    let offset = 0;
    for (;;) {
      const chunk = await this.parent.helper.request('read', { ...this.parent.at(this.name), offset });
      if (chunk.lastModified !== expected.lastModified || chunk.size !== expected.size) {
        throw helperError('Changed', `${this.name} changed while it was being read`);
      }
      const bytes = fromBase64(chunk.data);
      parts.push(bytes);
      offset += bytes.length;
      if (chunk.eof || bytes.length === 0) break;
    }
    if (parts.length === 1) return decoder.decode(parts[0]);
    const all = new Uint8Array(offset);
    let at = 0;
    for (const part of parts) {
      all.set(part, at);
      at += part.length;
    }
    return decoder.decode(all);
  }

  async createWritable(): Promise<SyncWritable> {
    const parts: Uint8Array[] = [];
    let aborted = false;
    return {
      write: async (data) => {
        if (typeof data === 'string') parts.push(new TextEncoder().encode(data));
        else if (data instanceof Uint8Array) parts.push(data);
        else if (data instanceof ArrayBuffer) parts.push(new Uint8Array(data));
        else parts.push(new Uint8Array(await data.arrayBuffer()));
      },
      abort: async () => {
        aborted = true;
        parts.length = 0;
      },
      close: async () => {
        if (aborted) return;
        const answer = await this.parent.upload(this.name, parts);
        if ('changed' in answer) throw helperError('Changed', `${this.name} changed as it was written`);
        this.written = { lastModified: answer.lastModified, size: answer.size };
      },
    };
  }
}
