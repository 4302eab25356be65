// Model-based: random interleavings of key changes, imports, old copies saved, undo, sync's "use the folder's
// version", edits and worker restarts, over the real store, key store, vault and handlers. Whatever the order,
// every note in the library, and every copy ever saved, opens with a key of the ring.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { createHandlers } from '../../src/background/handlers.js';
import { KeyStore } from '../../src/background/key-store.js';
import { PrivateVault } from '../../src/background/private-vault.js';
import { LibraryStore } from '../../src/background/store/index.js';
import { storeLibrary } from '../../src/background/sync/library.js';
import type { StoredRecord } from '../../src/shared/messages.js';
import { newKey } from '../../src/secure/index.js';
import { propertyRuns, propertyTimeout } from '../property-runs.js';
import { firstKey } from './private-helpers.js';
import { makeDeps, sampleRecord, type TestDeps } from './fakes.js';

const sender = {};
const IDS = [0, 1, 2].map((n) => `https://example.com/${n}`);
let dbCount = 0;

/** `target` whose every method fails once `kill()` is called: a worker stopped mid-await. */
function mortal<T extends object>(target: T): { proxy: T; kill(): void } {
  let dead = false;
  const proxy = new Proxy(target, {
    get(object, property) {
      const value = Reflect.get(object, property, object) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => (dead ? Promise.reject(new Error('worker stopped')) : (value as (...a: unknown[]) => unknown).apply(object, args));
    },
  });
  return { proxy, kill: () => { dead = true; } };
}

interface World {
  names: { library: string; keys: string };
  deps: TestDeps;
  handlers: ReturnType<typeof createHandlers>;
  kill: () => void;
  /** Every copy of a record ever saved: the editor, undo and folder versions the person may bring back. */
  copies: StoredRecord[];
  /** Backup strings someone may import: other devices' keys. */
  foreign: string[];
}

/** A background over the two databases, as a (re)started worker builds it. */
function background(world: Omit<World, 'deps' | 'handlers' | 'kill'> & Partial<World>): void {
  const store = mortal(new LibraryStore(world.names.library));
  const keys = mortal(new KeyStore(world.names.keys));
  const deps = { ...makeDeps(), store: store.proxy, vault: new PrivateVault(keys.proxy, store.proxy) };
  world.deps = deps;
  world.handlers = createHandlers(deps);
  world.kill = () => { store.kill(); keys.kill(); };
  void deps.vault.resume().catch(() => undefined);
}

async function ringOpens(world: World, values: string[]): Promise<boolean[]> {
  // A fresh reader of the key database: what any later worker would have.
  return new PrivateVault(new KeyStore(world.names.keys), new LibraryStore(world.names.library)).opens(values);
}

type Command = fc.AsyncCommand<object, World>;
const pick = <T>(list: T[], n: number): T | undefined => list[n % Math.max(list.length, 1)];

class Change implements Command {
  check = () => true;
  async run(_: object, w: World) {
    const answer = await w.deps.vault.changeKey();
    // The loop runs on while the next commands act (no await): that is the interleaving.
    if (answer.ok) w.foreign.push(answer.backup);
  }
  toString = () => 'change';
}
class Import implements Command {
  constructor(readonly n: number) {}
  check = () => true;
  async run(_: object, w: World) { await w.deps.vault.import(pick(w.foreign, this.n)!); }
  toString = () => `import(${this.n})`;
}
class SaveOldCopy implements Command {
  constructor(readonly n: number) {}
  check = () => true;
  async run(_: object, w: World) {
    const copy = pick(w.copies, this.n)!;
    const saved = await w.handlers['library/save']({ record: { ...copy.record, quality: (copy.record.quality + 1) % 100 }, previousId: copy.id }, sender);
    if (saved.ok) w.copies.push(saved.stored);
  }
  toString = () => `saveOldCopy(${this.n})`;
}
class Undo implements Command {
  constructor(readonly n: number) {}
  check = () => true;
  async run(_: object, w: World) {
    const copy = pick(w.copies, this.n)!;
    await w.handlers['library/delete']({ id: copy.id }, sender);
    await w.handlers['library/restore']({ stored: copy }, sender);
  }
  toString = () => `undo(${this.n})`;
}
class UseFolderVersion implements Command {
  constructor(readonly n: number) {}
  check = () => true;
  async run(_: object, w: World) {
    const copy = pick(w.copies, this.n)!;
    // What sync's "use the folder's version" writes: the file's record, through sync's own library adapter.
    // The person chose it over the library's copy as it is now: the read-back is at the row's revision.
    const now = await w.deps.store.get(copy.id);
    const written = await storeLibrary(w.deps.store).readBack(copy.id, now?.revision ?? null, { record: { ...copy.record, heat: (copy.record.heat + 7) % 100 } });
    if (written.ok) w.copies.push(written.stored);
  }
  toString = () => `useFolderVersion(${this.n})`;
}
class Edit implements Command {
  constructor(readonly n: number) {}
  check = () => true;
  async run(_: object, w: World) {
    const id = pick(IDS, this.n)!;
    const sealed = await w.handlers['private/encrypt']({ data: { note: `edit ${this.n}` } }, sender);
    const current = await w.deps.store.get(id);
    if (!sealed.ok || !current) return;
    const saved = await w.handlers['library/save']({ record: { ...current.record, secured: sealed.secured }, previousId: id }, sender);
    if (saved.ok) w.copies.push(saved.stored);
  }
  toString = () => `edit(${this.n})`;
}
class Restart implements Command {
  check = () => true;
  async run(_: object, w: World) {
    w.kill();
    background(w);
  }
  toString = () => 'restart';
}

const commands = [
  fc.constant(new Change()),
  fc.nat(9).map((n) => new Import(n)),
  fc.nat(20).map((n) => new SaveOldCopy(n)),
  fc.nat(20).map((n) => new Undo(n)),
  fc.nat(20).map((n) => new UseFolderVersion(n)),
  fc.nat(5).map((n) => new Edit(n)),
  fc.constant(new Restart()),
];

describe('the key ring under random interleavings', () => {
  it('never leaves a note, or any copy ever saved, that no key of the ring opens', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const foreign = await Promise.all([newKey(), newKey()]).then((keys) => keys.map((k) => k.backupString));
    await fc.assert(fc.asyncProperty(fc.commands(commands, { maxCommands: 14 }), async (cmds) => {
      const n = ++dbCount;
      const world = { names: { library: `lede-ring-prop-${process.pid}-${n}`, keys: `lede-ring-prop-keys-${process.pid}-${n}` }, copies: [], foreign: [...foreign] } as unknown as World;
      background(world);
      await firstKey(world.deps.vault);
      for (const [i, id] of IDS.entries()) {
        const sealed = await world.deps.vault.encrypt({ note: `note ${i}` });
        if (!sealed.ok) throw new Error(sealed.message);
        const saved = await world.handlers['library/save']({ record: sampleRecord({ title: `Record ${i}`, originalUrl: id, webUrl: id, secured: sealed.secured }) }, sender);
        if (saved.ok) world.copies.push(saved.stored);
      }
      await fc.asyncModelRun(() => ({ model: {}, real: world }), cmds);
      // Mid-way (a crash may come at any point): every note of the library opens already.
      const midway = (await world.deps.store.securedValues()).map((v) => v.secured);
      expect(await ringOpens(world, midway)).toEqual(midway.map(() => true));
      // Then the last background finishes any change left.
      while ((await world.deps.vault.status()).change) await world.deps.vault.resume();
      const values = (await new LibraryStore(world.names.library).securedValues()).map((v) => v.secured);
      expect(values).toHaveLength(IDS.length);
      expect(await ringOpens(world, values)).toEqual(values.map(() => true));
      const copies = world.copies.map((c) => c.record.secured!);
      expect(await ringOpens(world, copies)).toEqual(copies.map(() => true));
    }), { numRuns: propertyRuns(25) });
  }, propertyTimeout(120_000));
});
