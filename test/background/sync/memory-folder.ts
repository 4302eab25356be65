// An in-memory FileSystemDirectoryHandle for sync's unit tests: the same contract as the browser's, plus injected failures.
import type { SyncDirHandle, SyncFile, SyncFileHandle, SyncWritable } from '../../../src/background/sync/folder.js';

type Op = 'write' | 'close' | 'remove' | 'getFile' | 'list' | 'open' | 'move';

interface Failure {
  op: Op;
  name?: string;
  /** null: the call never returns, as in a worker the browser stopped. */
  error: (() => Error) | null;
  times: number;
  /** Calls let through before the failure starts. */
  skip: number;
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
  /** Run once right after an operation on a name succeeds: the world acting in the instant after Lede's call. */
  afterwards: Array<{ op: Op; name: string; run: () => void }> = [];
  revoked = false;
  /** Whether file handles have `move()` (Chrome's do; a folder without it takes the fallback write). */
  moves = true;
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
    if (failure.skip > 0) {
      failure.skip--;
      return;
    }
    if (--failure.times <= 0) this.failures.splice(at, 1);
    if (!failure.error) return new Promise<never>(() => undefined);
    throw failure.error();
  }

  done(op: Op, name: string): void {
    const at = this.afterwards.findIndex((a) => a.op === op && a.name === name);
    if (at >= 0) this.afterwards.splice(at, 1)[0]!.run();
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
  move?: (newName: string) => Promise<void>;
  constructor(public name: string, private readonly parent: MemoryFolder, private readonly volume: Volume) {
    if (volume.moves) this.move = (newName) => this.moveTo(newName);
  }

  /** As Chrome's: renames within the folder, over a file of that name if there is one. */
  private async moveTo(newName: string): Promise<void> {
    checkName(newName);
    // Named by where it goes: a test stops "the write of X" whatever temporary name it took.
    await this.volume.check('move', newName);
    const node = this.node();
    this.parent.entries.delete(this.name);
    this.parent.entries.set(newName, node);
    this.volume.log.push(`move ${this.name} ${newName}`);
    this.name = newName;
    this.volume.done('move', newName);
  }

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
        volume.done('close', name);
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
  fail(op: Op, error: (() => Error) | null, options: { name?: string; times?: number; skip?: number } = {}): void {
    this.volume.failures.push({ op, error, name: options.name, times: options.times ?? 1, skip: options.skip ?? 0 });
  }

  /** Runs `run` once, right after the next `op` on `name` succeeds. */
  after(op: Op, name: string, run: () => void): void {
    this.volume.afterwards.push({ op, name, run });
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

  /** The files a person sees (not hidden ones: Lede's temporary files, editors' own). */
  shown(): string[] {
    return this.names().filter((n) => !n.startsWith('.'));
  }

  /** How many times `op` was called since the last look. */
  takeCalls(op: Op): number {
    const n = this.volume.calls.get(op) ?? 0;
    this.volume.calls.delete(op);
    return n;
  }

  /**
   * Lede's changes since the last call, under the names a person sees: a write to a temporary name then
   * moved into place reads as one `write NAME` (the raw steps are in `volume.log`).
   */
  takeLog(): string[] {
    const out: string[] = [];
    const temp = new Set<string>();
    for (const line of this.volume.log.splice(0)) {
      const [op, name, to] = line.split(' ') as [string, string, string | undefined];
      if (op === 'write' && name.startsWith('.')) temp.add(name);
      else if (op === 'move' && temp.delete(name)) out.push(`write ${to}`);
      else if (op === 'remove' && temp.delete(name)) continue;
      else out.push(line);
    }
    return out.concat([...temp].map((name) => `write ${name}`));
  }
}
