// The helper's file operations: atomic writes (temp file, fsync, rename, mode kept), chunked reads and writes,
// and each fault a clear error with nothing half-written: a full disk, a read-only folder, a locked file, the
// folder deleted or renamed, a name the file system refuses, a write cut off by the helper stopping.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hostError } from '../../src/host/confine.js';
import { writeConfig } from '../../src/host/config.js';
import { DATA_CHUNK } from '../../src/shared/helper-protocol.js';
import { allowedFolder, ask, put, startHelper, tempDir, type LiveHelper } from './harness.js';

let helper: LiveHelper | null = null;
const undo: Array<() => void> = [];
afterEach(() => {
  helper?.input.end();
  helper = null;
  while (undo.length) undo.pop()!();
});

function world() {
  const w = allowedFolder();
  helper = startHelper(w.configPath);
  return { ...w, helper };
}

/** A folder of its own file system (tmpfs), for faults a normal folder cannot show; null where mounting is not allowed. */
function mounted(options: string): string | null {
  const dir = tempDir('lede-mount-');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    return null;
  }
  undo.push(() => {
    execFileSync('umount', [dir], { stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

const temps = (folder: string) => readdirSync(folder).filter((n) => n.startsWith('.lede-'));

describe('the helper’s writes', () => {
  it('writes whole files atomically, keeps the old file’s mode, leaves no temporary file', async () => {
    const { helper, folder } = world();
    writeFileSync(join(folder, 'a.md'), 'old');
    chmodSync(join(folder, 'a.md'), 0o640);
    const answer = await put(helper, 'a.md', 'new text ✓');
    expect(answer.ok).toBe(true);
    expect(readFileSync(join(folder, 'a.md'), 'utf8')).toBe('new text ✓');
    expect(statSync(join(folder, 'a.md')).mode & 0o777).toBe(0o640);
    expect(answer.result).toEqual({ lastModified: statSync(join(folder, 'a.md')).mtimeMs, size: Buffer.byteLength('new text ✓'), ours: true });
    expect(temps(folder)).toEqual([]);
    // A new file gets what the umask gives any new file, not the temporary file's 0600.
    await put(helper, 'b.md', 'b');
    expect(statSync(join(folder, 'b.md')).mode & 0o777).toBe(0o666 & ~process.umask());
  });

  it('checks the file is as Lede last saw it right before replacing it: an outside save is never written over', async () => {
    const { helper, folder } = world();
    const first = (await put(helper, 'a.md', 'Lede’s text')).result;
    const seen = { lastModified: first.lastModified, size: first.size };
    // As expected: written.
    const second = (await put(helper, 'a.md', 'Lede’s next text', { expect: seen })).result;
    expect(second).toMatchObject({ ours: true });
    expect(readFileSync(join(folder, 'a.md'), 'utf8')).toBe('Lede’s next text');
    // Saved outside since: nothing written, the outside text kept, no temporary file.
    writeFileSync(join(folder, 'a.md'), 'the person’s edit');
    expect((await put(helper, 'a.md', 'Lede again', { expect: { lastModified: second.lastModified, size: second.size } })).result).toEqual({ changed: true });
    expect(readFileSync(join(folder, 'a.md'), 'utf8')).toBe('the person’s edit');
    // "free": a name nobody holds (or an empty file), never one with text in it.
    expect((await put(helper, 'a.md', 'x', { expect: 'free' })).result).toEqual({ changed: true });
    expect((await put(helper, 'new.md', 'fresh', { expect: 'free' })).result).toMatchObject({ ours: true });
    writeFileSync(join(folder, 'empty.md'), '');
    expect((await put(helper, 'empty.md', 'filled', { expect: 'free' })).result).toMatchObject({ ours: true });
    expect(readFileSync(join(folder, 'empty.md'), 'utf8')).toBe('filled');
    expect(temps(folder)).toEqual([]);
    expect(await put(helper, 'b.md', 'x', { expect: 'nonsense' })).toMatchObject({ ok: false, error: { code: 'BadRequest' } });
  });

  it('writes and reads a file larger than one message in chunks, every message under 1 MB', async () => {
    const { helper, folder } = world();
    const big = Buffer.alloc(DATA_CHUNK * 2 + 123, 7);
    const chunks = [big.subarray(0, DATA_CHUNK), big.subarray(DATA_CHUNK, DATA_CHUNK * 2), big.subarray(DATA_CHUNK * 2)];
    let upload: string | undefined;
    for (const [i, chunk] of chunks.entries()) {
      const answer = await ask(helper, { op: 'write', folder: 'notes', name: 'big.bin', data: chunk.toString('base64'), last: i === 2, ...(upload ? { upload } : {}) });
      expect(answer.ok).toBe(true);
      // Not in place before the last chunk.
      if (i < 2) expect(existsSync(join(folder, 'big.bin'))).toBe(false);
      upload = answer.result.upload;
    }
    expect(readFileSync(join(folder, 'big.bin')).equals(big)).toBe(true);
    const parts: Buffer[] = [];
    for (let offset = 0; ;) {
      const chunk = await ask(helper, { op: 'read', folder: 'notes', name: 'big.bin', offset });
      parts.push(Buffer.from(chunk.result.data, 'base64'));
      offset += parts.at(-1)!.length;
      if (chunk.result.eof) break;
    }
    expect(Buffer.concat(parts).equals(big)).toBe(true);
    const sizes = helper.sent.map((m) => JSON.stringify(m).length);
    expect(Math.max(...sizes)).toBeLessThan(1024 * 1024);
  });

  it('a write cut off (the browser went away mid-file) leaves the old file and no temporary one', async () => {
    const { helper, folder } = world();
    writeFileSync(join(folder, 'a.md'), 'old');
    const first = await ask(helper, { op: 'write', folder: 'notes', name: 'a.md', data: Buffer.from('half of the ').toString('base64'), last: false });
    expect(temps(folder)).toHaveLength(1);
    helper.input.end();
    await helper.done;
    expect(first.ok).toBe(true);
    expect(readFileSync(join(folder, 'a.md'), 'utf8')).toBe('old');
    expect(temps(folder)).toEqual([]);
  });

  it('a helper killed mid-write leaves a temporary file that the next one sweeps away (once it is stale)', async () => {
    const { folder, configPath } = world();
    const left = join(folder, '.lede-0123456789ab.tmp');
    writeFileSync(left, 'half');
    const fresh = join(folder, '.lede-ba9876543210.tmp');
    writeFileSync(fresh, 'another computer’s write in flight');
    // A helper killed a moment ago: its process is gone, so its file is known as left over at once.
    const killed = join(folder, '.lede-999999999-00aa.tmp');
    writeFileSync(killed, 'half');
    // This very process is running: its file is a write in flight.
    const running = join(folder, `.lede-${process.pid}-00bb.tmp`);
    writeFileSync(running, 'in flight');
    const old = Date.now() / 1000 - 3600;
    utimesSync(left, old, old);
    const next = startHelper(configPath);
    const listing = await ask(next, { op: 'list', folder: 'notes' });
    expect(listing.result.entries).toEqual([]);
    expect(temps(folder).sort()).toEqual([`.lede-${process.pid}-00bb.tmp`, '.lede-ba9876543210.tmp']);
    next.input.end();
  });

  it('a full disk: a clear error, the old file as it was, no temporary file', async () => {
    const disk = mounted('size=64k');
    if (!disk) return void console.warn('skipped: cannot mount a small tmpfs here (needs root)');
    const folder = join(disk, 'notes');
    mkdirSync(folder);
    writeFileSync(join(folder, 'a.md'), 'old');
    const configPath = join(tempDir(), 'host.json');
    writeConfig(configPath, { version: 1, folders: [{ id: 'notes', path: folder }] });
    helper = startHelper(configPath);
    const answer = await put(helper, 'a.md', 'z'.repeat(200_000));
    expect(answer).toMatchObject({ ok: false, error: { code: 'NoSpace' } });
    expect(answer.error.message).toMatch(/the disk is full/);
    expect(readFileSync(join(folder, 'a.md'), 'utf8')).toBe('old');
    expect(temps(folder)).toEqual([]);
  });

  it('a read-only folder: a clear error, nothing written', async () => {
    const disk = mounted('size=1m,ro');
    if (!disk) return void console.warn('skipped: cannot mount a read-only tmpfs here (needs root)');
    const configPath = join(tempDir(), 'host.json');
    writeConfig(configPath, { version: 1, folders: [{ id: 'notes', path: disk }] });
    helper = startHelper(configPath);
    const answer = await put(helper, 'a.md', 'text');
    expect(answer).toMatchObject({ ok: false, error: { code: 'ReadOnly' } });
    expect(answer.error.message).toMatch(/read-only/);
    expect(readdirSync(disk)).toEqual([]);
  });

  it('a locked file (immutable), or a folder without permission: refused, the file as it was', async () => {
    const { helper, folder } = world();
    writeFileSync(join(folder, 'locked.md'), 'kept');
    try {
      execFileSync('chattr', ['+i', join(folder, 'locked.md')], { stdio: 'ignore' });
    } catch {
      return void console.warn('skipped: chattr +i is not available here');
    }
    undo.push(() => execFileSync('chattr', ['-i', join(folder, 'locked.md')], { stdio: 'ignore' }));
    const write = await put(helper, 'locked.md', 'changed');
    expect(write).toMatchObject({ ok: false, error: { code: 'Denied' } });
    expect(write.error.message).toMatch(/refused access/);
    expect(await ask(helper, { op: 'remove', folder: 'notes', name: 'locked.md' })).toMatchObject({ ok: false, error: { code: 'Denied' } });
    expect(readFileSync(join(folder, 'locked.md'), 'utf8')).toBe('kept');
    expect(temps(folder)).toEqual([]);
  });

  it('the folder deleted or renamed while syncing: Gone, and nothing made in its place', async () => {
    const { helper, folder, base } = world();
    await put(helper, 'a.md', 'a');
    renameSync(folder, join(base, 'renamed'));
    const answer = await put(helper, 'b.md', 'b');
    expect(answer).toMatchObject({ ok: false, error: { code: 'Gone' } });
    expect(answer.error.message).toMatch(/is gone \(deleted, renamed or unmounted\)/);
    expect(await ask(helper, { op: 'stat', folder: 'notes', names: ['a.md'] })).toMatchObject({ ok: false, error: { code: 'Gone' } });
    expect(existsSync(folder)).toBe(false);
    expect(readdirSync(join(base, 'renamed'))).toEqual(['a.md']);
  });

  it('a name the file system refuses is a clear error', () => {
    for (const code of ['ENAMETOOLONG', 'EINVAL', 'EILSEQ']) {
      const error = hostError(Object.assign(new Error('x'), { code }), 'bad.md');
      expect(error.code).toBe('Refused');
      expect(error.message).toMatch(/the file system refuses this name: bad\.md/);
    }
  });

  it('moves a file only onto a free name', async () => {
    const { helper, folder } = world();
    await put(helper, 'a.md', 'a');
    await put(helper, 'b.md', 'b');
    expect(await ask(helper, { op: 'move', folder: 'notes', from: 'a.md', to: 'b.md' })).toMatchObject({ ok: false, error: { code: 'Exists' } });
    expect(await ask(helper, { op: 'move', folder: 'notes', from: 'a.md', to: 'c.md' })).toMatchObject({ ok: true });
    expect(readdirSync(folder).sort()).toEqual(['b.md', 'c.md']);
    expect(readFileSync(join(folder, 'b.md'), 'utf8')).toBe('b');
  });
});
