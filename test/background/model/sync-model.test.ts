// Model-based test of folder sync (fast-check commands): the person, the folder and the worker act in random
// order over the real store, the real sync service and engine, on the in-memory folder. After every step:
// no acknowledged write is lost without a conflict shown; no record has two files; files Lede did not write
// are untouched; after a quiet pass, library and folder agree.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../../src/background/handlers.js';
import { ImageKeeper } from '../../../src/background/sync/images.js';
import { localRules } from '../../../src/background/sync/rules.js';
import { SyncService, type FolderHandle } from '../../../src/background/sync/service.js';
import type { StoredRecord } from '../../../src/shared/messages.js';
import { propertyRuns, propertyTimeout } from '../../property-runs.js';
import { makeDeps, saveNow } from '../fakes.js';
import { record, syncWorld } from '../sync/setup.js';

const POPUP = { id: 'lede@test', url: 'chrome-extension://abc/popup/popup.html' };
const LIBRARY = { id: 'lede@test', url: 'chrome-extension://abc/pages/library/library.html' };

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 9]);
const IDS = ['a', 'b'] as const;
type Key = (typeof IDS)[number];
const FOREIGN: Record<string, string> = { 'plain note.md': '# Notes\n\nMine.\n', 'clipped.md': '---\ntitle: "x"\nsource: "https://example.org"\n---\nClip\n' };

const tokenOf = (text: string | undefined): string | null => /tok=([a-z0-9]+)/.exec(text ?? '')?.[1] ?? null;

/** Lineage of every version (token → the version it was made from) and who must not lose what. */
interface Model {
  parent: Map<string, string | null>;
  /** Versions the person saved and was told were saved, per record; `exempt` once a conflict about it was shown. */
  acks: Map<Key, Array<{ token: string; exempt: boolean }>>;
  /** Versions written into a record's file outside Lede. */
  outside: Map<Key, Array<{ token: string; exempt: boolean }>>;
  deleted: Set<Key>;
  /** Deleted records whose file was kept and shown to the person (a `kept` issue). */
  deletedJudged: Set<Key>;
  seq: number;
  /** Revisions an editor opened earlier (stale editors). */
  opened: Map<Key, { revision: number; token: string | null }>;
}

async function makeReal() {
  const world = syncWorld();
  const url = (key: Key) => `https://example.com/model-${key}`;
  for (const key of IDS) {
    const related = [{ title: 'Rel', excerpt: '', publishedDateTime: null, webUrl: `https://other.example/${key}`, type: 'article',
      provider: { name: 'O', domain: 'other.example' }, quality: 1, images: [{ url: `https://cdn.example/${key}.png`, width: 1, height: 1, isCached: false }] }];
    await saveNow(world.store, record(`Model ${key}`, { originalUrl: url(key), webUrl: url(key), body: `tok=${key}0\n`, related }));
  }
  for (const [name, text] of Object.entries(FOREIGN)) world.dir.put(name, text);
  let permission: PermissionState = 'granted';
  const folder = Object.assign(world.dir, { queryPermission: async () => permission }) as FolderHandle;
  /** Runs once inside the next pass, right after it took its look at the library: the person acting in the await. */
  let inPass: (() => Promise<void>) | null = null;
  const library = {
    ...world.library,
    all: async () => {
      const all = await world.library.all();
      const hook = inPass;
      inPass = null;
      await hook?.();
      return all;
    },
  };
  const service = () => new SyncService({
    state: world.state, library, rules: localRules, folder: async () => folder,
    downloads: () => null, schedule: async () => undefined, sameFolder: async () => true,
  });
  const real = {
    ...world, url, library, svc: service(), renames: 0,
    /**
     * The real library handlers over the same store; sync hears of each change as they tell it, but the
     * run they would start is left to the commands (a run the model does not wait for could not be replayed).
     */
    handlers: createHandlers({
      ...makeDeps(), store: world.store,
      sync: { intend: (ids: string[]) => real.svc.intend(ids), changed: (ids: string[]) => real.svc.intend(ids) } as unknown as SyncService,
    }),
    setPermission: (p: PermissionState) => (permission = p),
    get permission() {
      return permission;
    },
    duringNextPass: (hook: () => Promise<void>) => (inPass = hook),
    restart: () => (real.svc = service()),
  };
  await real.svc.choose('folder', 'records');
  await real.svc.kick(false);
  return real;
}
type Real = Awaited<ReturnType<typeof makeReal>>;

function newModel(): Model {
  const parent = new Map<string, string | null>(IDS.map((k) => [`${k}0`, null]));
  return { parent, acks: new Map(IDS.map((k) => [k, []])), outside: new Map(IDS.map((k) => [k, []])), deleted: new Set(), deletedJudged: new Set(), seq: 0, opened: new Map() };
}

function descends(model: Model, token: string | null, from: string): boolean {
  for (let at = token; at; at = model.parent.get(at) ?? null) if (at === from) return true;
  return false;
}

/** Files that hold a record, by record. */
function recordFiles(real: Real): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const name of real.dir.shown()) {
    if (name in FOREIGN) continue;
    const text = real.dir.read(name) ?? '';
    const id = /originalUrl: "([^"]+)"/.exec(text)?.[1];
    if (!id) continue;
    out.set(id, [...(out.get(id) ?? []), name]);
  }
  return out;
}

async function check(model: Model, real: Real, quiet = false): Promise<void> {
  const issues = (await real.svc.status()).issues;
  const files = recordFiles(real);
  for (const key of IDS) {
    const id = real.url(key);
    const names = files.get(id) ?? [];
    // A conflict shown about this record: the person sees both versions and chooses; what came before is theirs to judge.
    if (issues.some((i) => ('id' in i && i.id === id) || names.includes(i.name))) {
      for (const a of [...model.acks.get(key)!, ...model.outside.get(key)!]) a.exempt = true;
    }
    expect(names.length, `record ${key} in ${names.join(', ')}`).toBeLessThanOrEqual(1);
    const row = await real.store.get(id);
    // A deleted record whose file was kept (edited outside) was shown to the person: that file is theirs, and
    // sync reads it again when it changes, as any file that appears.
    if (model.deleted.has(key) && issues.some((i) => ('id' in i && i.id === id) || names.includes(i.name))) model.deletedJudged.add(key);
    if (model.deleted.has(key) && !model.deletedJudged.has(key)) expect(row, `deleted record ${key} came back`).toBeNull();
    if (row) {
      const now = tokenOf(row.record.body);
      for (const a of model.acks.get(key)!) {
        if (!a.exempt) expect(descends(model, now, a.token), `the person's save ${a.token} of ${key} lost: library has ${now}`).toBe(true);
      }
    }
    const fileToken = names[0] ? tokenOf(real.dir.read(names[0])) : null;
    if (names[0]) {
      for (const o of model.outside.get(key)!) {
        if (!o.exempt) expect(descends(model, fileToken, o.token), `the outside edit ${o.token} of ${key} lost: file has ${fileToken}`).toBe(true);
      }
    }
    if (quiet && real.permission === 'granted' && !issues.length) {
      // After a quiet pass with nothing to judge: one file per record, holding what the library holds.
      if (row) expect(fileToken, `file of ${key}`).toBe(tokenOf(row.record.body));
      else expect(names, `file of deleted ${key}`).toEqual([]);
    }
  }
  for (const [name, text] of Object.entries(FOREIGN)) expect(real.dir.read(name), `${name} untouched`).toBe(text);
}

const fresh = (model: Model, prefix: string, parent: string | null): string => {
  const token = `${prefix}${++model.seq}`;
  model.parent.set(token, parent);
  return token;
};

async function personSave(model: Model, real: Real, key: Key, stale: boolean): Promise<void> {
  const id = real.url(key);
  const current = await real.store.get(id);
  const opened = stale ? model.opened.get(key) : current ? { revision: current.revision, token: tokenOf(current.record.body) } : undefined;
  if (!opened || !current) return;
  const token = fresh(model, 'p', opened.token);
  // The editor saves what it shows with the one field changed, at the revision it opened.
  const answer = await real.handlers['library/save']({ record: { ...current.record, body: `tok=${token}\n` }, previousId: id, revision: opened.revision },
    stale ? LIBRARY : POPUP);
  if (answer.ok) model.acks.get(key)!.push({ token, exempt: false });
}

class Save implements fc.AsyncCommand<Model, Real> {
  constructor(readonly key: Key, readonly stale: boolean) {}
  check = () => true;
  async run(model: Model, real: Real) {
    await personSave(model, real, this.key, this.stale);
    await check(model, real);
  }
  toString = () => `save(${this.key}${this.stale ? ', stale' : ''})`;
}

class OpenEditor implements fc.AsyncCommand<Model, Real> {
  constructor(readonly key: Key) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const row = await real.store.get(real.url(this.key));
    if (row) model.opened.set(this.key, { revision: row.revision, token: tokenOf(row.record.body) });
  }
  toString = () => `open(${this.key})`;
}

class Delete implements fc.AsyncCommand<Model, Real> {
  constructor(readonly key: Key) {}
  check = (m: Readonly<Model>) => !m.deleted.has(this.key);
  async run(model: Model, real: Real) {
    const id = real.url(this.key);
    const row = await real.store.get(id);
    if (!row) return;
    const answer = await real.handlers['library/delete']({ id, revision: row.revision }, LIBRARY);
    if (answer.deleted) {
      model.deleted.add(this.key);
      // The delete supersedes the saves before it; the record must not come back unasked.
      model.acks.set(this.key, []);
    }
    await check(model, real);
  }
  toString = () => `delete(${this.key})`;
}

class OutsideEdit implements fc.AsyncCommand<Model, Real> {
  /** `watched`: the watcher reports it (else only a pass finds it: a watch gap, no watcher). */
  constructor(readonly key: Key, readonly watched: boolean) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const name = recordFiles(real).get(real.url(this.key))?.[0];
    if (!name) return;
    const text = real.dir.read(name)!;
    const token = fresh(model, 'f', tokenOf(text));
    real.dir.put(name, text.replace(/tok=[a-z0-9]+/, `tok=${token}`));
    model.outside.get(this.key)!.push({ token, exempt: false });
    if (this.watched) await real.state.observe([name]);
    await check(model, real);
  }
  toString = () => `edit outside(${this.key}${this.watched ? ', watched' : ''})`;
}

class OutsideRename implements fc.AsyncCommand<Model, Real> {
  constructor(readonly key: Key) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const name = recordFiles(real).get(real.url(this.key))?.[0];
    if (!name) return;
    const to = `renamed ${this.key} ${++real.renames}.md`;
    const text = real.dir.read(name)!;
    real.dir.delete(name);
    real.dir.put(to, text);
    await real.state.observe([name, to]);
    await check(model, real);
  }
  toString = () => `rename outside(${this.key})`;
}

class OutsideDelete implements fc.AsyncCommand<Model, Real> {
  constructor(readonly key: Key) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const name = recordFiles(real).get(real.url(this.key))?.[0];
    if (!name) return;
    real.dir.delete(name);
    // Deleted outside: what it held is the person's to lose.
    for (const o of model.outside.get(this.key)!) o.exempt = true;
    await check(model, real);
  }
  toString = () => `delete outside(${this.key})`;
}

class Run implements fc.AsyncCommand<Model, Real> {
  /** `full`: a full pass; `watch`: the names the watcher reported and the queue; `quiet`: a full pass, then the agreement check. */
  constructor(readonly kind: 'full' | 'watch' | 'quiet', readonly saveDuring: Key | null) {}
  check = () => true;
  async run(model: Model, real: Real) {
    if (this.saveDuring) {
      const key = this.saveDuring;
      real.duringNextPass(() => personSave(model, real, key, false));
    }
    await real.svc.kick(this.kind !== 'watch');
    real.duringNextPass(async () => undefined);
    if (this.kind === 'quiet') await real.svc.kick(true);
    await check(model, real, this.kind === 'quiet');
  }
  toString = () => `${this.kind}${this.saveDuring ? `(save ${this.saveDuring} in the pass)` : ''}`;
}

class Images implements fc.AsyncCommand<Model, Real> {
  constructor(readonly saveDuring: Key | null) {}
  check = () => true;
  async run(model: Model, real: Real) {
    let saved = false;
    const keeper = new ImageKeeper({
      dir: real.dir, state: real.state, library: real.library, now: () => 0,
      fetchImage: async () => {
        if (this.saveDuring && !saved) {
          saved = true;
          await personSave(model, real, this.saveDuring, false);
        }
        return { bytes: PNG, type: 'image/png' };
      },
      recordChanged: async (id) => {
        await real.svc.intend([id]);
      },
    });
    await keeper.pass(await real.store.all() as StoredRecord[]);
    await check(model, real);
  }
  toString = () => `images${this.saveDuring ? `(save ${this.saveDuring} meanwhile)` : ''}`;
}

class Permission implements fc.AsyncCommand<Model, Real> {
  constructor(readonly to: PermissionState) {}
  check = () => true;
  async run(model: Model, real: Real) {
    real.setPermission(this.to);
    await check(model, real);
  }
  toString = () => `permission ${this.to}`;
}

class ChooseAgain implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(model: Model, real: Real) {
    real.setPermission('granted');
    await real.svc.choose('folder', 'records');
    await real.svc.kick(false);
    await check(model, real);
  }
  toString = () => 'the same folder chosen again';
}

class Restart implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(model: Model, real: Real) {
    real.restart();
    await check(model, real);
  }
  toString = () => 'worker restart';
}

const key = fc.constantFrom(...IDS);
const commands = [
  fc.tuple(key, fc.boolean()).map(([k, stale]) => new Save(k, stale)),
  key.map((k) => new OpenEditor(k)),
  key.map((k) => new Delete(k)),
  fc.tuple(key, fc.boolean()).map(([k, watched]) => new OutsideEdit(k, watched)),
  key.map((k) => new OutsideRename(k)),
  key.map((k) => new OutsideDelete(k)),
  fc.tuple(fc.constantFrom('full' as const, 'watch' as const, 'quiet' as const), fc.option(key, { nil: null })).map(([kind, k]) => new Run(kind, k)),
  fc.option(key, { nil: null }).map((k) => new Images(k)),
  fc.constantFrom<PermissionState>('granted', 'prompt').map((p) => new Permission(p)),
  fc.constant(new ChooseAgain()),
  fc.constant(new Restart()),
];

describe('folder sync, model-based', () => {
  it('loses no acknowledged write, duplicates no record, touches no file it did not write, and agrees after a quiet pass', async () => {
    await fc.assert(fc.asyncProperty(fc.commands(commands, { maxCommands: 20 }), async (cmds) => {
      const real = await makeReal();
      const model = newModel();
      await fc.asyncModelRun(() => ({ model, real }), cmds);
      // Whatever happened, a quiet pass with access ends with library and folder agreeing (or issues to judge).
      real.setPermission('granted');
      await real.svc.kick(true);
      await real.svc.kick(true);
      await check(model, real, true);
    }), { numRuns: propertyRuns(150) });
  }, propertyTimeout(240_000));
});
