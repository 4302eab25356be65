// The helper's folder watch: the names that changed in an allowed folder, batched, under a generation that a lost
// event or an ended watch renews (the extension then asks every file's stamp again, as with Chrome's watch).
//
// The folder's own entries are watched, not its sub-folders: records are the top-level files (as Chrome's watch
// does), and a recursive watch costs one inotify watch per sub-folder on Linux (a `.git` has thousands).
import { watch as fsWatch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { HOST_MESSAGE_MAX, nameProblem, type HelperEvent } from '../shared/helper-protocol.js';
import { TEMP_PREFIX } from './writes.js';

export interface WatchOptions {
  /** A batch is sent once no name came for this long, */
  quietMs?: number;
  /** or this long after its first name, whichever is first. */
  maxMs?: number;
  watch?: typeof fsWatch;
}

/** Names in one report: what the extension's `sync/observed` takes in one message, and under the byte limit. */
const NAMES_PER_EVENT = 2000;
const EVENT_BYTES = HOST_MESSAGE_MAX / 2;

export class FolderWatcher {
  readonly generation = randomBytes(12).toString('hex');
  private watcher: FSWatcher | null = null;
  private names = new Set<string>();
  private gap = false;
  private quiet: ReturnType<typeof setTimeout> | null = null;
  private longest: ReturnType<typeof setTimeout> | null = null;
  private ended = false;

  constructor(private readonly folder: string, private readonly root: string, private readonly send: (event: HelperEvent) => void,
    private readonly options: WatchOptions = {}) {}

  start(): void {
    const watcher = (this.options.watch ?? fsWatch)(this.root, { persistent: false, encoding: 'utf8' });
    this.watcher = watcher;
    watcher.on('change', (_type, filename) => this.saw(typeof filename === 'string' ? filename : null));
    watcher.on('error', (error) => this.end(`the watch stopped: ${error.message}`));
  }

  stop(): void {
    this.ended = true;
    this.clearTimers();
    this.watcher?.close();
    this.watcher = null;
  }

  /** One event: a name, or null when the system could not say which (every stamp must be asked again). */
  saw(name: string | null): void {
    if (this.ended) return;
    if (name === null) this.gap = true;
    // The helper's own temporary files, and what is not one entry of the folder, are nobody's records.
    else if (name.startsWith(TEMP_PREFIX) || nameProblem(name) !== null) return;
    else this.names.add(name);
    if (this.quiet) clearTimeout(this.quiet);
    this.quiet = setTimeout(() => void this.flush(), this.options.quietMs ?? 40);
    this.longest ??= setTimeout(() => void this.flush(), this.options.maxMs ?? 200);
  }

  async flush(): Promise<void> {
    this.clearTimers();
    const names = [...this.names];
    const gap = this.gap;
    this.names = new Set();
    this.gap = false;
    if (this.ended) return;
    // The folder itself deleted or renamed: the watch has nothing left to watch.
    if (!(await stat(this.root).then((s) => s.isDirectory(), () => false))) return this.end('the folder is gone (deleted or renamed)');
    const { folder, generation } = this;
    for (let i = 0; i < names.length;) {
      const batch: string[] = [];
      let bytes = 0;
      while (i < names.length && batch.length < NAMES_PER_EVENT && bytes + names[i]!.length * 3 + 3 < EVENT_BYTES) {
        bytes += names[i]!.length * 3 + 3;
        batch.push(names[i++]!);
      }
      this.send({ event: 'changed', folder, generation, names: batch });
    }
    if (gap) this.send({ event: 'gap', folder, generation });
  }

  private end(error: string): void {
    if (this.ended) return;
    this.stop();
    this.send({ event: 'ended', folder: this.folder, generation: this.generation, error });
  }

  private clearTimers(): void {
    if (this.quiet) clearTimeout(this.quiet);
    if (this.longest) clearTimeout(this.longest);
    this.quiet = null;
    this.longest = null;
  }
}
