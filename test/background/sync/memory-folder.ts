// An in-memory FileSystemDirectoryHandle for sync's unit tests: the same contract as the browser's, plus injected failures.
import type { SyncDirHandle, SyncFile, SyncFileHandle, SyncWritable } from '../../../src/background/sync/folder.js';

type Op = 'write' | 'close' | 'remove' | 'getFile' | 'list' | 'open';

interface Failure {
  op: Op;
  name?: string;
  /** null: the call never returns, as in a worker the browser stopped. */
  error: (() => Error) | null;
  times: number;
}

export const failures = {
  quota: () => new DOMException('The disk is full.', 'QuotaExceededError'),
  permission: () => new DOMException('The user has not granted access.', 'NotAllowedError'),
  io: () => new DOMException('An I/O error happened.', 'InvalidModificationError'),
};

/** What both the folder and its files share: the clock, the failures to inject, the log of changes. */
class Volume {
  /** File times move on by a second per change, as a coarse file system's would. */
  clock = 1_700_000_000_000;
  failures: Failure[] = [];
  revoked = false;
  /** Every change Lede made: `write NAME`, `remove NAME`. */
  log: string[] = [];
  /** How often each operation was asked for (what a pass costs: `getFile` is a stamp asked for). */
  calls = new Map<Op, number>();

  async check(op: Op, name: string): Promise<void> {
    this.calls.set(op, (this.calls.get(op) ?? 0) + 1);
    if (this.revoked) throw failures.permission();
    const at = this.failures.findIndex((f) => f.op === op && (f.name === undefined || f.name === name));
    if (at < 0) return;
    const failure = this.failures[at]!;
    if (--failure.times <= 0) this.failures.splice(at, 1);
    if (!failure.error) return new Promise<never>(() => undefined);
    throw failure.error();
  }

  tick(): number {
    this.clock += 1000;
    return this.clock;
  }
}

class MemoryFileNode {
  constructor(public text: string, public lastModified: number, readonly binary = false) {}
  get size(): number {
    return this.binary ? this.text.length : new TextEncoder().encode(this.text).length;
  }
}

function checkName(name: string): void {
  // As the real API: a name is one path component, never a path.
  if (name === '' || name === '.' || name === '..' || /[/\\]/.test(name)) {
    throw new TypeError(`Name is not allowed: ${name}`);
  }
}

class MemoryFileHandle implements SyncFileHandle {
  readonly kind = 'file' as const;
  constructor(readonly name: string, private readonly parent: MemoryFolder, private readonly volume: Volume) {}

  private node(): MemoryFileNode {
    const node = this.parent.entries.get(this.name);
    if (!(node instanceof MemoryFileNode)) throw new DOMException(`${this.name} is gone`, 'NotFoundError');
    return node;
  }

  async getFile(): Promise<SyncFile> {
    await this.volume.check('getFile', this.name);
    const { text, lastModified, size } = this.node();
    return { text: async () => text, lastModified, size };
  }

  async createWritable(): Promise<SyncWritable> {
    await this.volume.check('open', this.name);
    const volume = this.volume;
    const parent = this.parent;
    const name = this.name;
    let buffer = '';
    let binary = false;
    let open = true;
    return {
      async write(data) {
        if (!open) throw new TypeError('closed');
        await volume.check('write', name);
        // Bytes (images) are kept one character per byte, so their size is their length.
        if (data instanceof Uint8Array) {
          binary = true;
          buffer += String.fromCharCode(...data);
        } else if (typeof data === 'string') {
          buffer += data;
        } else {
          throw new TypeError('the test folder takes text or bytes');
        }
      },
      // Like the browser's swap file: the file changes at close, whole, or not at all.
      async close() {
        if (!open) throw new TypeError('closed');
        open = false;
        await volume.check('close', name);
        parent.entries.set(name, new MemoryFileNode(buffer, volume.tick(), binary));
        volume.log.push(`write ${name}`);
      },
      async abort() {
        open = false;
      },
    };
  }
}

export class MemoryFolder implements SyncDirHandle {
  readonly kind = 'directory' as const;
  readonly entries = new Map<string, MemoryFileNode | MemoryFolder>();

  constructor(readonly name = 'records', readonly volume = new Volume()) {}

  async *values(): AsyncIterable<SyncFileHandle | SyncDirHandle> {
    await this.volume.check('list', '');
    for (const [name, node] of [...this.entries]) {
      yield node instanceof MemoryFolder ? node : new MemoryFileHandle(name, this, this.volume);
    }
  }

  async getFileHandle(name: string, options: { create?: boolean } = {}): Promise<SyncFileHandle> {
    checkName(name);
    if (this.volume.revoked) throw failures.permission();
    const node = this.entries.get(name);
    if (node instanceof MemoryFolder) throw new DOMException(`${name} is a folder`, 'TypeMismatchError');
    if (!node) {
      if (!options.create) throw new DOMException(`${name} not found`, 'NotFoundError');
      await this.volume.check('open', name);
      this.entries.set(name, new MemoryFileNode('', this.volume.tick()));
    }
    return new MemoryFileHandle(name, this, this.volume);
  }

  async getDirectoryHandle(name: string, options: { create?: boolean } = {}): Promise<SyncDirHandle> {
    checkName(name);
    const node = this.entries.get(name);
    if (node instanceof MemoryFileNode) throw new DOMException(`${name} is a file`, 'TypeMismatchError');
    if (node) return node;
    if (!options.create) throw new DOMException(`${name} not found`, 'NotFoundError');
    const folder = new MemoryFolder(name, this.volume);
    this.entries.set(name, folder);
    return folder;
  }

  async removeEntry(name: string): Promise<void> {
    checkName(name);
    await this.volume.check('remove', name);
    if (!this.entries.delete(name)) throw new DOMException(`${name} not found`, 'NotFoundError');
    this.volume.log.push(`remove ${name}`);
  }

  // ── for the tests: the world outside Lede ──────────────────────────────────

  /** Makes the next `times` calls of `op` (on `name`, or any) fail with `error`, or never return when it is null. */
  fail(op: Op, error: (() => Error) | null, options: { name?: string; times?: number } = {}): void {
    this.volume.failures.push({ op, error, name: options.name, times: options.times ?? 1 });
  }

  /** A person, an editor or `git pull` writing a file. */
  put(name: string, text: string): void {
    this.entries.set(name, new MemoryFileNode(text, this.volume.tick()));
  }

  /** A person deleting a file. */
  delete(name: string): void {
    this.entries.delete(name);
  }

  read(name: string): string | undefined {
    const node = this.entries.get(name);
    return node instanceof MemoryFileNode ? node.text : undefined;
  }

  names(): string[] {
    return [...this.entries.keys()].filter((n) => this.entries.get(n) instanceof MemoryFileNode).sort();
  }

  /** How many times `op` was called since the last look. */
  takeCalls(op: Op): number {
    const n = this.volume.calls.get(op) ?? 0;
    this.volume.calls.delete(op);
    return n;
  }

  /** Lede's changes since the last call. */
  takeLog(): string[] {
    return this.volume.log.splice(0);
  }
}
