// The real system a model-based run drives: the real store over fake IndexedDB and the real handlers.
import { createHandlers, relatedDeps, type Handlers, type Sender } from '../../../src/background/handlers.js';
import { PrivateVault } from '../../../src/background/private-vault.js';
import type { RelatedDeps } from '../../../src/background/related.js';
import { LibraryStore, type ChangeListener } from '../../../src/background/store/index.js';
import { freshKeyStore, makeDeps, type TestDeps } from '../fakes.js';

export const POPUP: Sender = { id: 'lede@test', url: 'chrome-extension://abc/popup/popup.html' };
export const LIBRARY: Sender = { id: 'lede@test', url: 'chrome-extension://abc/pages/library/library.html' };

let worlds = 0;

/**
 * One background over one library database. `restart()` is a service-worker restart: a new store and
 * new handlers over the same database, every in-memory state (the index, drafts, caches) dropped.
 */
export class World {
  readonly dbName = `lede-model-${process.pid}-${++worlds}`;
  /** Every change the store reported, across restarts, in order. */
  readonly changes: Array<Parameters<ChangeListener>[0]> = [];
  /** Runs inside the link menu's fetch (its host-access question): another actor's write, if a command sets it. */
  duringFetch: (() => Promise<void>) | null = null;
  private clock = Date.parse('2026-03-01T00:00:00Z');
  deps!: TestDeps;
  handlers!: Handlers;

  constructor() {
    this.start();
  }

  get store(): LibraryStore {
    return this.deps.store;
  }

  related(): RelatedDeps {
    return relatedDeps(this.deps);
  }

  restart(): void {
    this.store.close();
    this.start();
  }

  close(): void {
    this.store.close();
  }

  private start(): void {
    // Each write a second after the last, as a person's would be.
    const store = new LibraryStore(this.dbName, () => new Date((this.clock += 1000)));
    store.onChanged((change) => this.changes.push(change));
    const deps = makeDeps();
    deps.related.hostAccess = async () => {
      const during = this.duringFetch;
      this.duringFetch = null;
      await during?.();
      return false; // no host access: the link is added by its words, without the network
    };
    this.deps = { ...deps, store, vault: new PrivateVault(freshKeyStore(), store) };
    this.handlers = createHandlers(this.deps);
  }
}
