// The helper stays inside the folders its config allows: hostile names, paths, `..`, links out, unknown folders refused.
import { mkdirSync, readdirSync, symlinkSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { nameProblem } from '../../src/shared/helper-protocol.js';
import { allowedFolder, ask, put, startHelper, tempDir, type LiveHelper } from './harness.js';

let helper: LiveHelper | null = null;
afterEach(() => {
  helper?.input.end();
  helper = null;
});

function world() {
  const w = allowedFolder();
  helper = startHelper(w.configPath);
  // What lies beside the allowed folder: must never be read, listed, written or removed through it.
  const outside = tempDir('lede-outside-');
  writeFileSync(join(outside, 'secret.md'), 'outside the folder');
  return { ...w, helper, outside };
}

const HOSTILE = ['..', '.', '', '../secret.md', '/etc/passwd', 'a/b.md', 'a\\b.md', 'nul\u0000.md', 'bell\u0007.md', 'x'.repeat(256), '.lede-abc.tmp'];

describe('the helper’s confinement', () => {
  it('refuses every name that is not one plain entry, with the reason', () => {
    for (const name of HOSTILE) expect(nameProblem(name), JSON.stringify(name)).not.toBeNull();
    for (const name of ['2026-01-01-a.md', 'Ünïcode ✓.md', 'with space.md', 'a:b.md', '.obsidian']) expect(nameProblem(name)).toBeNull();
  });

  it('refuses hostile names in every operation, and nothing is written anywhere', async () => {
    const { helper, folder, base, outside } = world();
    for (const name of HOSTILE) {
      for (const request of [
        { op: 'write', folder: 'notes', name, data: 'eA==', last: true },
        { op: 'read', folder: 'notes', name, offset: 0 },
        { op: 'remove', folder: 'notes', name },
        { op: 'stat', folder: 'notes', names: [name] },
        { op: 'move', folder: 'notes', from: 'a.md', to: name },
        { op: 'list', folder: 'notes', dir: name },
        { op: 'mkdir', folder: 'notes', name },
      ]) {
        const answer = await ask(helper, request);
        expect(answer.ok, `${request.op} ${JSON.stringify(name)}`).toBe(false);
        expect(['Refused', 'BadRequest']).toContain(answer.error.code);
      }
    }
    const traversal = await put(helper, '../escaped.md', 'x');
    expect(traversal.error.message).toMatch(/refused name: a name with a path separator/);
    expect(readdirSync(folder)).toEqual([]);
    expect(readdirSync(base).sort()).toEqual(['host.json', 'notes']);
    expect(readdirSync(outside)).toEqual(['secret.md']);
  });

  it('names folders by id only: a path, or an id not in the config, is refused', async () => {
    const { helper, folder, outside } = world();
    for (const id of [folder, outside, '../notes', 'Notes', 'other']) {
      const answer = await ask(helper, { op: 'list', folder: id });
      expect(answer.ok).toBe(false);
      expect(['BadRequest', 'UnknownFolder']).toContain(answer.error.code);
    }
    // Extra fields naming a path change nothing: only the folder's id and the name are read.
    const answer = await ask(helper, { op: 'write', folder: 'notes', name: 'a.md', path: join(outside, 'secret.md'), data: 'aGk=', last: true });
    expect(answer.ok).toBe(true);
    expect(readFileSync(join(outside, 'secret.md'), 'utf8')).toBe('outside the folder');
    expect(readFileSync(join(folder, 'a.md'), 'utf8')).toBe('hi');
  });

  it('does not follow a link out of the folder: not listed, not read, not written through', async () => {
    const { helper, folder, outside } = world();
    symlinkSync(join(outside, 'secret.md'), join(folder, 'link.md'));
    symlinkSync(outside, join(folder, 'images'));
    writeFileSync(join(folder, 'inside.md'), 'in');
    symlinkSync(join(folder, 'inside.md'), join(folder, 'alias.md'));

    const listing = await ask(helper, { op: 'list', folder: 'notes' });
    expect(listing.result.entries.map((e: { name: string }) => e.name).sort()).toEqual(['alias.md', 'inside.md']);
    const read = await ask(helper, { op: 'read', folder: 'notes', name: 'link.md', offset: 0 });
    expect(read).toMatchObject({ ok: false, error: { code: 'Refused' } });
    expect(read.error.message).toMatch(/link that leaves the folder/);
    expect(await put(helper, 'link.md', 'overwritten?')).toMatchObject({ ok: false, error: { code: 'Refused' } });
    expect(await ask(helper, { op: 'list', folder: 'notes', dir: 'images' })).toMatchObject({ ok: false, error: { code: 'Refused' } });
    expect(await ask(helper, { op: 'write', folder: 'notes', dir: 'images', name: 'x.png', data: 'eA==', last: true })).toMatchObject({ ok: false });
    // A link that stays inside is read as its file.
    const alias = await ask(helper, { op: 'read', folder: 'notes', name: 'alias.md', offset: 0 });
    expect(Buffer.from(alias.result.data, 'base64').toString()).toBe('in');
    expect(readdirSync(outside)).toEqual(['secret.md']);
    expect(readFileSync(join(outside, 'secret.md'), 'utf8')).toBe('outside the folder');
    expect(existsSync(join(folder, 'link.md'))).toBe(true);
  });

  it('serves one sub-folder level, and removes files only, never a folder', async () => {
    const { helper, folder } = world();
    mkdirSync(join(folder, 'sub'));
    expect(await ask(helper, { op: 'remove', folder: 'notes', name: 'sub' })).toMatchObject({ ok: false, error: { code: 'TypeMismatch' } });
    expect(existsSync(join(folder, 'sub'))).toBe(true);
    expect(await ask(helper, { op: 'mkdir', folder: 'notes', name: 'images' })).toMatchObject({ ok: true });
    expect(await ask(helper, { op: 'write', folder: 'notes', dir: 'images', name: 'a.png', data: 'iVBO', last: true })).toMatchObject({ ok: true });
    expect(readdirSync(join(folder, 'images'))).toEqual(['a.png']);
  });
});
