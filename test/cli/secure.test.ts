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

/** The backup string in a file of its own, for --key-file. */
function keyFile(backup: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'lede-key-')), 'key');
  writeFileSync(path, `${backup}\n`);
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
    expect(a.out).toMatch(/^lede-key:2:key:[A-Za-z0-9_-]{43}:[A-Za-z0-9_-]{11}\n$/);
    expect(b.out).not.toBe(a.out);
  });

  it('--passphrase prints salt and parameters only, never the passphrase', async () => {
    vi.stubEnv('LEDE_PASSPHRASE', 'a long passphrase');
    const made = await run(['key', 'new', '--passphrase']);
    expect(made.out).toMatch(/^lede-key:2:pbkdf2-sha256:600000:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]{11}\n$/);
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
    expect(await run(['encrypt', '--key-file', keyFile(backup), '--write', path], JSON.stringify(data))).toMatchObject({ code: 0, out: '', err: '' });
    const written = parseRecord(readFileSync(path));
    if (!written.ok) throw new Error('written record does not parse');
    expect(await decryptSecured(written.record.secured!, key)).toEqual({ ok: true, data });
    expect(written.record.title).toBe('A headline');
    // The extension's function writes, the CLI reads.
    const other = recordFile(await encryptSecured(data, key));
    const printed = await run(['decrypt', '--key-file', keyFile(backup), other]);
    expect(printed).toMatchObject({ code: 0, err: '' });
    expect(JSON.parse(printed.out)).toEqual(data);
  });

  it('prints the record without --write and leaves the file alone', async () => {
    const backup = (await run(['key', 'new'])).out.trim();
    const path = recordFile();
    const before = readFileSync(path, 'utf8');
    const printed = await run(['encrypt', '--key-file', keyFile(backup), path], '{"note":"n"}');
    expect(printed.code).toBe(0);
    expect(printed.out).toMatch(/\nsecured: "[A-Za-z0-9+/=]+;[A-Za-z0-9+/=]+"\n---\n\n$/);
    expect(printed.out).not.toContain('"n"');
    expect(readFileSync(path, 'utf8')).toBe(before);
  });

  it('a passphrase backup reads LEDE_PASSPHRASE', async () => {
    vi.stubEnv('LEDE_PASSPHRASE', 'correct horse battery');
    const backup = (await run(['key', 'new', '--passphrase'])).out.trim();
    const path = recordFile();
    expect((await run(['encrypt', '--key-file', keyFile(backup), '--write', path], '{"note":"p"}')).code).toBe(0);
    expect(JSON.parse((await run(['decrypt', '--key-file', keyFile(backup), path])).out)).toEqual({ note: 'p' });
    vi.stubEnv('LEDE_PASSPHRASE', 'wrong horse battery');
    const file = keyFile(backup);
    // The backup's check value refuses the wrong passphrase before any record is read.
    expect(await run(['decrypt', '--key-file', file, path])).toMatchObject({
      code: 1, out: '', err: `lede decrypt: --key-file ${file}: that passphrase is not the one this backup was made with (its check value differs); nothing was changed\n`,
    });
  });

  it.each([
    ['a wrong key', async (p: string) => ['decrypt', '--key-file', keyFile((await run(['key', 'new'])).out.trim()), p], /does not open with this key/],
    ['a backup of the wrong version', async (p: string) => ['decrypt', '--key-file', keyFile('lede-key:9:key:AAAA'), p], /version 9; this Lede reads versions 1 and 2/],
    ['no key (and no terminal to ask on)', async (p: string) => ['decrypt', p], /a key is needed: --key-file FILE, LEDE_KEY/],
    ['a truncated backup', async (p: string) => ['decrypt', '--key-file', keyFile((await run(['key', 'new'])).out.trim().slice(0, 40)), p], /cut short|should be/],
    ['a wrong check value', async (p: string) => ['decrypt', '--key-file', keyFile(`${(await run(['key', 'new'])).out.trim().slice(0, -11)}AAAAAAAAAAA`), p], /does not match its check value/],
    ['a missing key file', async (p: string) => ['decrypt', '--key-file', '/nonexistent/key', p], /--key-file \/nonexistent\/key: cannot read it \(ENOENT\)/],
  ])('%s: one line, exit 1 or 2, no stack trace', async (_, argv, message) => {
    const backup = (await run(['key', 'new'])).out.trim();
    const path = recordFile();
    await run(['encrypt', '--key-file', keyFile(backup), '--write', path], '{"note":"n"}');
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
    expect((await run(['decrypt', '--key-file', keyFile(backup), tampered])).err).toMatch(/does not open with this key/);
    expect(await run(['decrypt', '--key-file', keyFile(backup), recordFile()])).toMatchObject({ code: 1, err: /holds no private data/ });
    const malformed = recordFile();
    writeFileSync(malformed, readFileSync(malformed, 'utf8').replace(/---\n\n$/, '\nsecured: "abc;;def"\n---\n\n'));
    const result = await run(['decrypt', '--key-file', keyFile(backup), malformed]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/secured/);
    expect(result.err.trim().split('\n')).toHaveLength(1);
  });

  it('decrypt tries every key it is given, like the ring; LEDE_KEY is one more', async () => {
    const [a, b, c] = [(await run(['key', 'new'])).out.trim(), (await run(['key', 'new'])).out.trim(), (await run(['key', 'new'])).out.trim()];
    const path = recordFile(await encryptSecured({ note: 'under b' }, await keyOf(b)));
    const opened = await run(['decrypt', '--key-file', keyFile(a), '--key-file', keyFile(b), path]);
    expect(opened).toMatchObject({ code: 0, err: '' });
    expect(JSON.parse(opened.out)).toEqual({ note: 'under b' });
    expect(await run(['decrypt', '--key-file', keyFile(a), '--key-file', keyFile(c), path])).toMatchObject({ code: 1, err: /does not open with any of the 2 keys/ });
    vi.stubEnv('LEDE_KEY', b);
    expect(JSON.parse((await run(['decrypt', path])).out)).toEqual({ note: 'under b' });
    expect(await run(['encrypt', '--key-file', keyFile(a), path], '{}')).toMatchObject({ code: 2, err: /one key; 2 were given/ });
  });

  it('--key on the command line still works, and warns once on stderr', async () => {
    const backup = (await run(['key', 'new'])).out.trim();
    const path = recordFile(await encryptSecured({ note: 'n' }, await keyOf(backup)));
    const first = await run(['decrypt', '--key', backup, path]);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.out)).toEqual({ note: 'n' });
    expect(first.err).toMatch(/^lede: warning: --key puts the key in shell history and the process list; use --key-file FILE or LEDE_KEY\n$/);
    expect(first.err).not.toContain(backup);
    // Once per run of lede: a second use in the same process stays quiet.
    expect((await run(['decrypt', '--key', backup, path])).err).toBe('');
  });

  it('encrypt refuses stdin that is not a JSON object, and leaves the file', async () => {
    const backup = (await run(['key', 'new'])).out.trim();
    const path = recordFile();
    const before = readFileSync(path, 'utf8');
    expect(await run(['encrypt', '--key-file', keyFile(backup), '--write', path], 'not json')).toMatchObject({ code: 1, err: /standard input is not JSON/ });
    expect(await run(['encrypt', '--key-file', keyFile(backup), '--write', path], '["a"]')).toMatchObject({ code: 1, err: /must be a JSON object/ });
    expect(await run(['encrypt', '--key-file', keyFile(backup), '--write', path], '{"note": 3}')).toMatchObject({ code: 1, err: /"note" must be text/ });
    expect(readFileSync(path, 'utf8')).toBe(before);
  });

  it.runIf(sharedOrSkipNote('decrypt of the seed record'))('the reference record: locked without its key, and fmt keeps secured byte for byte', async () => {
    const path = join(sharedDir, 'fixtures', 'seed-record.md');
    const backup = (await run(['key', 'new'])).out.trim();
    const result = await run(['decrypt', '--key-file', keyFile(backup), path]);
    expect(result).toMatchObject({ code: 1, out: '' });
    expect(result.err).toMatch(/does not open with this key/);
    const seed = readFileSync(path, 'utf8');
    expect((await run(['fmt', path])).out).toBe(seed);
  });
});
