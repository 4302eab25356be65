// The lede CLI: fmt and check over real files, with clear messages and exit codes for bad input.
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { serializeRecord } from '../../src/record/index.js';
import { sampleRecord } from '../record/fixtures.js';
import { sharedDir, sharedOrSkipNote } from '../shared.js';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => { out += t; }, err: (t) => { err += t; } });
  return { code, out, err };
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'lede-cli-'));
}

describe('lede fmt', () => {
  it.runIf(sharedOrSkipNote('fmt of the seed record'))('prints the seed record byte for byte', async () => {
    const path = join(sharedDir, 'fixtures', 'seed-record.md');
    const result = await run('fmt', path);
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toBe(readFileSync(path, 'utf8'));
  });

  it('canonicalises a record written elsewhere, and --write replaces the file', async () => {
    const dir = tempDir();
    const path = join(dir, 'r.md');
    const canonical = serializeRecord(sampleRecord());
    writeFileSync(path, canonical.replace(/\n/g, '\r\n').replace('"A headline"', "'A headline'"));
    const printed = await run('fmt', path);
    expect(printed.out).toBe(canonical);
    expect((await run('fmt', '--write', path)).code).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe(canonical);
  });

  it('exits 1 with file:line: key: message for an invalid record and leaves it alone', async () => {
    const dir = tempDir();
    const path = join(dir, 'bad.md');
    const bad = serializeRecord(sampleRecord()).replace('quality: 50', 'quality: high');
    writeFileSync(path, bad);
    const result = await run('fmt', '--write', path);
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.err).toBe(`${path}:9: quality: must be a whole number from 0 to 100, not "high"\n`);
    expect(readFileSync(path, 'utf8')).toBe(bad);
  });

  it('says clearly when the file is missing, without a stack trace', async () => {
    const result = await run('fmt', '/nonexistent/x.md');
    expect(result.code).toBe(1);
    expect(result.err).toBe('lede fmt: cannot read /nonexistent/x.md: no such file or folder\n');
  });
});

describe('lede check', () => {
  it('prints one line per problem across a folder and exits 1', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'good.md'), serializeRecord(sampleRecord()));
    writeFileSync(join(dir, 'sub', 'bad.md'), '---\nquality: high\n---\n\n');
    writeFileSync(join(dir, 'notes.txt'), 'not a record');
    const result = await run('check', dir);
    expect(result.code).toBe(1);
    expect(result.out.trim().split('\n')).toEqual([
      `${join(dir, 'sub', 'bad.md')}:1: title: is required`,
      `${join(dir, 'sub', 'bad.md')}:2: quality: must be a whole number from 0 to 100, not "high"`,
    ]);
    expect(result.err).toBe('checked 2 records: 2 errors, 0 warnings\n');
  });

  it('exits 0 for good records', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'good.md'), serializeRecord(sampleRecord()));
    expect((await run('check', dir)).code).toBe(0);
  });
});

describe('help and usage', () => {
  it('lists the commands', async () => {
    const result = await run('--help');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/fmt\s+print a record/);
    expect(result.out).toMatch(/check\s+check records/);
  });

  it('gives each command its own help', async () => {
    expect((await run('check', '--help')).out).toMatch(/^lede check FILE\|DIR/);
  });

  it('rejects an unknown command or option with exit 2', async () => {
    expect((await run('frobnicate')).code).toBe(2);
    const result = await run('fmt', '--bogus', 'x.md');
    expect(result).toMatchObject({ code: 2 });
    expect(result.err).toMatch(/unknown option --bogus/);
  });
});
