// `lede fmt --write` replaces a file safely: mode kept, symlinks written through, no predictable temp
// name, nothing touched when already canonical; `lede fmt FILE | head` ends quietly.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { serializeRecord } from '../../src/record/index.js';
import { sampleRecord } from '../record/fixtures.js';
import { repoRoot } from '../shared.js';

const canonical = serializeRecord(sampleRecord());
const messy = canonical.replace(/\n/g, '\r\n');

async function fmtWrite(path: string) {
  let err = '';
  const code = await main(['fmt', '--write', path], { out: () => undefined, err: (t) => { err += t; } });
  return { code, err };
}

function setUp(): { dir: string; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'lede-fmt-'));
  const path = join(dir, 'r.md');
  writeFileSync(path, messy);
  return { dir, path };
}

describe('lede fmt --write', () => {
  it('keeps the file\'s mode', async () => {
    const { path } = setUp();
    chmodSync(path, 0o640);
    expect(await fmtWrite(path)).toEqual({ code: 0, err: '' });
    expect(readFileSync(path, 'utf8')).toBe(canonical);
    expect(statSync(path).mode & 0o777).toBe(0o640);
  });

  it('writes through a symlink to its target, and the link stays a link', async () => {
    const { dir, path } = setUp();
    const link = join(dir, 'link.md');
    symlinkSync(path, link);
    expect((await fmtWrite(link)).code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(path, 'utf8')).toBe(canonical);
  });

  it('never writes through a file planted at a predictable temp name, and leaves no temp file', async () => {
    const { dir, path } = setUp();
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'precious');
    symlinkSync(victim, `${path}.lede-${process.pid}.tmp`);
    expect((await fmtWrite(path)).code).toBe(0);
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(readdirSync(dir).filter((name) => name.includes('.tmp') && !name.startsWith('r.md.lede-'))).toEqual([]);
  });

  it('leaves an already canonical file untouched', async () => {
    const { path } = setUp();
    writeFileSync(path, canonical);
    const before = statSync(path).mtimeMs;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await fmtWrite(path)).code).toBe(0);
    expect(statSync(path).mtimeMs).toBe(before);
  });

  it('says clearly when the target is not a regular file, and writes nothing', async () => {
    const { dir } = setUp();
    const result = await main(['fmt', '--write', dir], { out: () => undefined, err: () => undefined });
    expect(result).toBe(1);
  });

  it.runIf(existsSync(join(repoRoot, 'dist/cli/lede.js')))('`lede fmt FILE | head -c 10` ends quietly (EPIPE)', () => {
    const { path } = setUp();
    const big = serializeRecord(sampleRecord({ body: 'line of body text\n'.repeat(200_000) }));
    writeFileSync(path, big);
    const result = spawnSync('sh', ['-c', `node "${join(repoRoot, 'dist/cli/lede.js')}" fmt "${path}" | head -c 10; echo "exit:\${PIPESTATUS:-$?}"`], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.stdout.startsWith('---\ncatego')).toBe(true);
  });
});
