// The private-data cipher: round trips, fresh IVs, and every bad input answered with a sentence, not an exception.
import { describe, expect, it } from 'vitest';
import { parseRecord, serializeRecord, validateRecord } from '../../src/record/index.js';
import {
  decodeSecured, decryptSecured, encryptSecured, keyFromBackup, keyCheck, newKey, parseBackup, SECURED_MAX_CHARS,
} from '../../src/secure/index.js';
import { fromBase64, toBase64 } from '../../src/secure/base64.js';
import { sampleRecord } from '../record/fixtures.js';

const data = { note: 'Ask Ana about the Q3 figures ✓', selection: 'Meta’s earnings showed\nthat all…', fromAnotherTool: { n: 1 } };

async function flip(secured: string, part: 0 | 1, byte: number): Promise<string> {
  const parts = secured.split(';');
  const bytes = fromBase64(parts[part]!)!;
  bytes[byte]! ^= 0x01;
  parts[part] = toBase64(bytes);
  return parts.join(';');
}

describe('encryptSecured / decryptSecured', () => {
  it('round-trips the note, the selection and unknown members', async () => {
    const { key } = await newKey();
    const secured = await encryptSecured(data, key);
    expect(secured).toMatch(/^[A-Za-z0-9+/]+={0,2};[A-Za-z0-9+/]{22}==$/);
    expect(secured).not.toContain('Ana');
    expect(await decryptSecured(secured, key)).toEqual({ ok: true, data });
  });

  it('appends the 16-byte tag: ciphertext = JSON bytes + 16', async () => {
    const { key } = await newKey();
    const secured = await encryptSecured({ note: 'x' }, key);
    const decoded = decodeSecured(secured);
    if (!decoded.ok) throw new Error(decoded.message);
    expect(decoded.ciphertext.length).toBe(new TextEncoder().encode('{"note":"x"}').length + 16);
    expect(decoded.iv.length).toBe(16);
  });

  it('uses a fresh IV on every one of 10,000 encryptions', async () => {
    const { key } = await newKey();
    const ivs = new Set<string>();
    const ciphertexts = new Set<string>();
    for (let i = 0; i < 10_000; i++) {
      const [cipher, iv] = (await encryptSecured({ note: 'same' }, key)).split(';') as [string, string];
      ivs.add(iv);
      ciphertexts.add(cipher);
    }
    expect(ivs.size).toBe(10_000);
    expect(ciphertexts.size).toBe(10_000);
  });

  it('decrypts with a key rebuilt from its backup string, and a passphrase key from salt + passphrase', async () => {
    const made = await newKey();
    const secured = await encryptSecured(data, made.key);
    const parsed = parseBackup(made.backupString);
    if (!parsed.ok) throw new Error(parsed.message);
    expect(await decryptSecured(secured, await keyFromBackup(parsed.backup))).toEqual({ ok: true, data });

    const byPassphrase = await newKey('correct horse battery');
    expect(byPassphrase.backupString).toMatch(/^lede-key:2:pbkdf2-sha256:600000:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]{11}$/);
    const sealed = await encryptSecured(data, byPassphrase.key);
    const again = parseBackup(byPassphrase.backupString);
    if (!again.ok) throw new Error(again.message);
    expect(await decryptSecured(sealed, await keyFromBackup(again.backup, 'correct horse battery'))).toEqual({ ok: true, data });
    // A wrong passphrase: the check value refuses it before any decryption is tried.
    await expect(keyFromBackup(again.backup, 'correct horse batterY')).rejects.toThrow(/passphrase is not the one this backup was made with/);
    // Version 1 (no check value) still reads, and a wrong passphrase there is only found by the tag.
    const v1 = parseBackup(byPassphrase.backupString.replace('lede-key:2:', 'lede-key:1:').replace(/:[A-Za-z0-9_-]{11}$/, ''));
    if (!v1.ok) throw new Error(v1.message);
    expect(await decryptSecured(sealed, await keyFromBackup(v1.backup, 'correct horse battery'))).toEqual({ ok: true, data });
    expect((await decryptSecured(sealed, await keyFromBackup(v1.backup, 'correct horse batterY'))).ok).toBe(false);
  });

  it('the check value is the first 8 bytes of the GCM tag of nothing under a zero IV, as docs/PRIVATE-DATA.md says', async () => {
    const raw = new Uint8Array(32).map((_, i) => i);
    const key = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt']);
    const tag = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv: new Uint8Array(12) }, key, new Uint8Array(0)));
    expect(tag).toHaveLength(16);
    expect([...await keyCheck(key)]).toEqual([...tag.slice(0, 8)]);
    const made = await newKey();
    expect(made.backupString.endsWith(`:${made.check}`)).toBe(true);
  });

  it('keeps the key non-extractable', async () => {
    const { key } = await newKey();
    expect(key.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();
  });
});

describe('bad input: a clear message, never an exception', () => {
  const cases: Array<[string, (good: string) => Promise<string> | string, RegExp]> = [
    ['a flipped bit in the ciphertext', (g) => flip(g, 0, 3), /does not open with this key/],
    ['a flipped bit in the tag', (g) => flip(g, 0, fromBase64(g.split(';')[0]!)!.length - 1), /does not open with this key/],
    ['a flipped bit in the IV', (g) => flip(g, 1, 0), /does not open with this key/],
    ['a swapped IV (another record\'s)', (g) => `${g.split(';')[0]};${toBase64(crypto.getRandomValues(new Uint8Array(16)))}`, /does not open with this key/],
    ['truncated base64', (g) => `${g.split(';')[0]!.slice(0, -3)};${g.split(';')[1]}`, /cut short/],
    ['non-base64 characters', (g) => `${g.split(';')[0]!.slice(0, -4)}*!#$;${g.split(';')[1]}`, /not base64/],
    ['an IV of 12 bytes', (g) => `${g.split(';')[0]};${toBase64(new Uint8Array(12))}`, /IV is 12 bytes; it must be 16/],
    ['a missing ;', (g) => g.replace(';', ''), /no ";"/],
    ['a doubled ;', (g) => g.replace(';', ';;'), /2 ";" where it should have one/],
    ['an empty value', () => '', /empty/],
    ['an empty IV', (g) => `${g.split(';')[0]};`, /IV is empty/],
    ['a ciphertext shorter than its tag', (g) => `AAAA;${g.split(';')[1]}`, /shorter than its 16-byte tag/],
    ['a 10 MB value', (g) => `${'A'.repeat(10_000_000)};${g.split(';')[1]}`, /10,000,025 characters long; Lede reads at most 2,000,000/],
  ];

  it.each(cases)('%s', async (_, mangle, message) => {
    const { key } = await newKey();
    const good = await encryptSecured(data, key);
    const bad = await mangle(good);
    const result = await decryptSecured(bad, key);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toMatch(message);
      expect(result.message).not.toMatch(/\n|Error|\bat \S+:\d/);
    }
  });

  it('a wrong key', async () => {
    const secured = await encryptSecured(data, (await newKey()).key);
    expect(await decryptSecured(secured, (await newKey()).key)).toMatchObject({ ok: false, reason: 'locked' });
  });

  it('a value that decrypts to something other than a JSON object', async () => {
    const { key } = await newKey();
    const iv = crypto.getRandomValues(new Uint8Array(16));
    const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode('[1,2]')));
    expect(await decryptSecured(`${toBase64(sealed)};${toBase64(iv)}`, key)).toMatchObject({ ok: false, reason: 'not-private-data' });
  });

  it('the record\'s other fields still load when its secured value does not open', async () => {
    const secured = await flip(await encryptSecured(data, (await newKey()).key), 0, 0);
    const text = serializeRecord(sampleRecord({ secured }));
    const parsed = parseRecord(text);
    if (!parsed.ok) throw new Error('the record should load');
    expect(parsed.record.title).toBe('A headline');
    expect(parsed.record.secured).toBe(secured);
    expect(serializeRecord(parsed.record)).toBe(text);
  });

  it('a 10 MB secured value: a file that big is refused with one clear problem, the value itself answers a sentence (the reader threw RangeError before)', async () => {
    const secured = `${'A'.repeat(10_000_000)};AAAAAAAAAAAAAAAAAAAAAA==`;
    const record = sampleRecord({ secured });
    const parsed = parseRecord(serializeRecord(record));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems.map((p) => p.message).join('; ')).toMatch(/over 1 MB/);
    expect(() => validateRecord(record)).not.toThrow();
    expect(await decryptSecured(secured, (await newKey()).key)).toMatchObject({ ok: false, message: /Lede reads at most/ });
  });

  it('a 10 MB value is answered quickly enough to stay far under a second of work', async () => {
    // Not a timing assertion: the cap is checked before any decoding, so the regexes never see the value.
    const { key } = await newKey();
    const huge = `${'A'.repeat(SECURED_MAX_CHARS + 1)};AAAAAAAAAAAAAAAAAAAAAA==`;
    expect((await decryptSecured(huge, key)).ok).toBe(false);
  });
});

describe('parseBackup', () => {
  it.each([
    ['lede-key:3:key:abc', /version 3; this Lede reads versions 1 and 2/],
    ['lede-key:2:key:abc', /check value at the end of the key backup is missing or cut short/],
    ['lede-key:2:key:AAAAAAAAAAA', /should be lede-key:2:key:KEY:CHECK/],
    ['lede-key:x:key:abc', /no version number/],
    ['my-key:1:key:abc', /should start with "lede-key:"/],
    ['lede-key:1:key:abc', /is 2 bytes; it must be 32/],
    ['lede-key:1:key:ab*c', /not base64url/],
    ['lede-key:1:rsa:abc', /kind "rsa" is unknown/],
    ['lede-key:1:pbkdf2-sha256:1000:AAAAAAAAAAAAAAAAAAAAAA', /1000 PBKDF2 iterations/],
    ['lede-key:1:pbkdf2-sha256:600000:AAAA', /salt .* must be 16 to 64 bytes/],
    ['lede-key:1:pbkdf2-sha256:600000', /should be lede-key:1:pbkdf2-sha256:ITERATIONS:SALT/],
    ['', /should start with/],
  ])('%s', (text, message) => {
    const parsed = parseBackup(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
  });

  it('reads a backup string pasted with line breaks and spaces', async () => {
    const { backupString } = await newKey();
    const pasted = `  ${backupString.slice(0, 20)}\n${backupString.slice(20)} \n`;
    expect(parseBackup(pasted)).toMatchObject({ ok: true, backup: { kind: 'key' } });
  });
});
