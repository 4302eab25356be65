// The `lede-key:` backup string: the key itself, or the salt and parameters to derive it from a passphrase.
//
//   lede-key:2:key:<32 bytes>:<check>                          a generated key
//   lede-key:2:pbkdf2-sha256:<iterations>:<salt>:<check>       a key derived from a passphrase
//   lede-key:1:…                                               the same without a check value (still read)
//
// All parts base64url without padding. The check value (keys.ts, `keyCheck`) tells a wrong passphrase or
// a mistyped key before anything changes. docs/PRIVATE-DATA.md documents both versions for other tools.
import { fromBase64Url, toBase64Url, type Bytes } from './base64.js';

export const BACKUP_PREFIX = 'lede-key:';
/** The version Lede writes; version 1 (no check value) is still read. */
export const BACKUP_VERSION = 2;
export const KEY_BYTES = 32;
export const SALT_BYTES = 16;
export const CHECK_BYTES = 8;
export const PBKDF2_ITERATIONS = 600_000;
/** A backup asking for more would stall whoever reads it for many seconds; no Lede writes one. */
const ITERATIONS_MAX = 10_000_000;

export type Backup =
  | { kind: 'key'; raw: Bytes; check?: Bytes }
  | { kind: 'passphrase'; iterations: number; salt: Bytes; check?: Bytes };

export type ParsedBackup = { ok: true; backup: Backup } | { ok: false; message: string };

/** Version 2 when the backup carries its check value (every key Lede makes does), else version 1. */
export function formatBackup(backup: Backup): string {
  const check = backup.check ? `:${toBase64Url(backup.check)}` : '';
  const version = backup.check ? BACKUP_VERSION : 1;
  return backup.kind === 'key'
    ? `${BACKUP_PREFIX}${version}:key:${toBase64Url(backup.raw)}${check}`
    : `${BACKUP_PREFIX}${version}:pbkdf2-sha256:${backup.iterations}:${toBase64Url(backup.salt)}${check}`;
}

/** Reads a backup string (spaces and line breaks from copying are ignored), or says in one sentence why it is not one. */
export function parseBackup(text: string): ParsedBackup {
  const fail = (message: string): ParsedBackup => ({ ok: false, message });
  if (text.length > 1000) return fail('that is not a Lede key backup: it is far too long');
  const compact = text.replace(/\s+/g, '');
  if (!compact.startsWith(BACKUP_PREFIX)) return fail('that is not a Lede key backup: it should start with "lede-key:"');
  const [version, kind, ...rest] = compact.slice(BACKUP_PREFIX.length).split(':');
  if (!/^\d+$/.test(version ?? '')) return fail('the key backup has no version number after "lede-key:"');
  if (version !== '1' && version !== '2') {
    return fail(`the key backup is version ${version}; this Lede reads versions 1 and 2 (a newer Lede wrote it?)`);
  }
  const checked = version === '2';
  let check: Bytes | undefined;
  if (checked) {
    const last = rest.pop() ?? '';
    const bytes = fromBase64Url(last);
    if (!bytes || bytes.length !== CHECK_BYTES) return fail('the check value at the end of the key backup is missing or cut short');
    check = bytes;
  }
  const tail = checked ? ':CHECK' : '';
  if (kind === 'key') {
    if (rest.length !== 1) return fail(`the key backup should be lede-key:${version}:key:KEY${tail}`);
    const raw = fromBase64Url(rest[0]!);
    if (!raw) return fail('the key in the backup is not base64url text (was it cut or mistyped?)');
    if (raw.length !== KEY_BYTES) return fail(`the key in the backup is ${raw.length} bytes; it must be ${KEY_BYTES} (was it cut short?)`);
    return { ok: true, backup: check ? { kind: 'key', raw, check } : { kind: 'key', raw } };
  }
  if (kind === 'pbkdf2-sha256') {
    if (rest.length !== 2) return fail(`the passphrase backup should be lede-key:${version}:pbkdf2-sha256:ITERATIONS:SALT${tail}`);
    const [count, saltText] = rest as [string, string];
    const iterations = /^\d{1,9}$/.test(count) ? Number(count) : NaN;
    if (!(iterations >= PBKDF2_ITERATIONS && iterations <= ITERATIONS_MAX)) {
      return fail(`the passphrase backup asks for ${count} PBKDF2 iterations; Lede accepts ${PBKDF2_ITERATIONS.toLocaleString('en')} to ${ITERATIONS_MAX.toLocaleString('en')}`);
    }
    const salt = fromBase64Url(saltText);
    if (!salt || salt.length < SALT_BYTES || salt.length > 64) return fail(`the salt in the passphrase backup must be ${SALT_BYTES} to 64 bytes of base64url`);
    return { ok: true, backup: check ? { kind: 'passphrase', iterations, salt, check } : { kind: 'passphrase', iterations, salt } };
  }
  return fail(`the key backup's kind "${kind ?? ''}" is unknown: Lede knows "key" and "pbkdf2-sha256"`);
}
