// lede key / encrypt / decrypt: round trips with the extension's own functions, and one clear line for every failure.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { parseRecord, serializeRecord } from '../../src/record/index.js';
import { decryptSecured, encryptSecured, keyFromBackup, parseBackup } from '../../src/secure/index.js';
import { sampleRecord } from '../record/fixtures.js';
import { sharedDir, sharedOrSkipNote } from '../shared.js';

async function run(argv: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, {
    out: (t) => { out += t; }, err: (t) => { err += t; }, stdin: async () => new TextEncoder().encode(stdin),
  });
  return { code, out, err };
}

function recordFile(secured?: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'lede-secure-')), 'r.md');
  writeFileSync(path, serializeRecord(sampleRecord(secured ? { secured } : {})));
  return path;
}

async function keyOf(backup: string, passphrase?: string): Promise<CryptoKey> {
  const parsed = parseBackup(backup);
  if (!parsed.ok) throw new Error(parsed.message);
  return keyFromBackup(parsed.backup, passphrase);
}

afterEach(() => vi.unstubAllEnvs());

describe('lede key new', () => {
  it('prints a new key backup each time', async () => {
    const a = await run(['key', 'new']);
    const b = await run(['key', 'new']);
    expect(a).toMatchObject({ code: 0, err: '' });
    expect(a.out).toMatch(/^lede-key:1:key:[A-Za-z0-9_-]{43}\n$/);
    expect(b.out).not.toBe(a.out);
  });

  it('--passphrase prints salt and parameters only, never the passphrase', async () => {
    vi.stubEnv('LEDE_PASSPHRASE', 'a long passphrase');
    const made = await run(['key', 'new', '--passphrase']);
    expect(made.out).toMatch(/^lede-key:1:pbkdf2-sha256:600000:[A-Za-z0-9_-]{22}\n$/);
    expect(made.out + made.err).not.toContain('a long passphrase');
  });

  it('refuses a short passphrase', async () => {
    vi.stubEnv('LEDE_PASSPHRASE', 'short');
    expect(await run(['key', 'new', '--passphrase'])).toMatchObject({ code: 1, out: '', err: 'lede key: the passphrase must be at least 8 characters\n' });
  });
});

describe('lede encrypt / decrypt', () => {
  const data = { note: 'call the source back', selection: 'the quoted line', kept: [1, 2] };

  it('round-trips with the library functions both ways', async () => {
    const backup = (await run(['key', 'new'])).out.trim();
    const key = await keyOf(backup);
    // CLI writes, the extension's function reads.
    const path = recordFile();
    expect(await run(['encrypt', '--key', backup, '--write', path], JSON.stringify(data))).toMatchObject({ code: 0, out: '', err: '' });
    const written = parseRecord(readFileSync(path));
    if (!written.ok) throw new Error('written record does not parse');
    expect(await decryptSecured(written.record.secured!, key)).toEqual({ ok: true, data });
    expect(written.record.title).toBe('A headline');
    // The extension's function writes, the CLI reads.
    const other = recordFile(await encryptSecured(data, key));
    const printed = await run(['decrypt', '--key', backup, other]);
    expect(printed).toMatchObject({ code: 0, err: '' });
    expect(JSON.parse(printed.out)).toEqual(data);
  });

  it('prints the record without --write and leaves the file alone', async () => {
    const backup = (await run(['key', 'new'])).out.trim();
    const path = recordFile();
    const before = readFileSync(path, 'utf8');
    const printed = await run(['encrypt', '--key', backup, path], '{"note":"n"}');
    expect(printed.code).toBe(0);
    expect(printed.out).toMatch(/\nsecured: "[A-Za-z0-9+/=]+;[A-Za-z0-9+/=]+"\n---\n\n$/);
    expect(printed.out).not.toContain('"n"');
    expect(readFileSync(path, 'utf8')).toBe(before);
  });

  it('a passphrase backup reads LEDE_PASSPHRASE', async () => {
    vi.stubEnv('LEDE_PASSPHRASE', 'correct horse battery');
    const backup = (await run(['key', 'new', '--passphrase'])).out.trim();
    const path = recordFile();
    expect((await run(['encrypt', '--key', backup, '--write', path], '{"note":"p"}')).code).toBe(0);
    expect(JSON.parse((await run(['decrypt', '--key', backup, path])).out)).toEqual({ note: 'p' });
    vi.stubEnv('LEDE_PASSPHRASE', 'wrong horse battery');
    expect(await run(['decrypt', '--key', backup, path])).toMatchObject({
      code: 1, out: '', err: `lede decrypt: ${path}: the private data does not open with this key (another key, or the value was altered)\n`,
    });
  });

  it.each([
    ['a wrong key', async (p: string) => ['decrypt', '--key', (await run(['key', 'new'])).out.trim(), p], /does not open with this key/],
    ['a backup of the wrong version', async (p: string) => ['decrypt', '--key', 'lede-key:9:key:AAAA', p], /version 9; this Lede reads version 1/],
    ['no --key', async (p: string) => ['decrypt', p], /--key BACKUP_STRING is required/],
  ])('%s: one line, exit 1 or 2, no stack trace', async (_, argv, message) => {
    const backup = (await run(['key', 'new'])).out.trim();
    const path = recordFile();
    await run(['encrypt', '--key', backup, '--write', path], '{"note":"n"}');
    const result = await run(await argv(path));
    expect(result.code).toBeGreaterThan(0);
    expect(result.out).toBe('');
    expect(result.err.split('\n')[0]).toMatch(message);
    expect(result.err).not.toMatch(/\bat \S+:\d+/);
  });

  it('a tampered value, a record without private data, and a malformed one', async () => {
    const backup = (await run(['key', 'new'])).out.trim();
    const sealed = await encryptSecured({ note: 'n' }, await keyOf(backup));
    const tampered = recordFile(`${sealed[0] === 'A' ? 'B' : 'A'}${sealed.slice(1)}`);
    expect((await run(['decrypt', '--key', backup, tampered])).err).toMatch(/does not open with this key/);
    expect(await run(['decrypt', '--key', backup, recordFile()])).toMatchObject({ code: 1, err: /holds no private data/ });
    const malformed = recordFile();
    writeFileSync(malformed, readFileSync(malformed, 'utf8').replace(/---\n\n$/, '\nsecured: "abc;;def"\n---\n\n'));
    const result = await run(['decrypt', '--key', backup, malformed]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/secured/);
    expect(result.err.trim().split('\n')).toHaveLength(1);
  });

  it('encrypt refuses stdin that is not a JSON object, and leaves the file', async () => {
    const backup = (await run(['key', 'new'])).out.trim();
    const path = recordFile();
    const before = readFileSync(path, 'utf8');
    expect(await run(['encrypt', '--key', backup, '--write', path], 'not json')).toMatchObject({ code: 1, err: /standard input is not JSON/ });
    expect(await run(['encrypt', '--key', backup, '--write', path], '["a"]')).toMatchObject({ code: 1, err: /must be a JSON object/ });
    expect(await run(['encrypt', '--key', backup, '--write', path], '{"note": 3}')).toMatchObject({ code: 1, err: /"note" must be text/ });
    expect(readFileSync(path, 'utf8')).toBe(before);
  });

  it.runIf(sharedOrSkipNote('decrypt of the seed record'))('the reference record: locked without its key, and fmt keeps secured byte for byte', async () => {
    const path = join(sharedDir, 'fixtures', 'seed-record.md');
    const backup = (await run(['key', 'new'])).out.trim();
    const result = await run(['decrypt', '--key', backup, path]);
    expect(result).toMatchObject({ code: 1, out: '' });
    expect(result.err).toMatch(/does not open with this key/);
    const seed = readFileSync(path, 'utf8');
    expect((await run(['fmt', path])).out).toBe(seed);
  });
});
