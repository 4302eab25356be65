// The `lede-key:` backup string: the key itself, or the salt and parameters to derive it from a passphrase.
//
//   lede-key:1:key:<32 bytes, base64url>                      a generated key
//   lede-key:1:pbkdf2-sha256:<iterations>:<salt, base64url>   a key derived from a passphrase
//
// The first form is the key: whoever holds it reads the private data. The second holds no secret
// and is useless without the passphrase. docs/PRIVATE-DATA.md documents both for other tools.
import { fromBase64Url, toBase64Url, type Bytes } from './base64.js';

export const BACKUP_PREFIX = 'lede-key:';
export const BACKUP_VERSION = 1;
export const KEY_BYTES = 32;
export const SALT_BYTES = 16;
export const PBKDF2_ITERATIONS = 600_000;
/** A backup asking for more would stall whoever reads it for many seconds; no Lede writes one. */
const ITERATIONS_MAX = 10_000_000;

export type Backup =
  | { kind: 'key'; raw: Bytes }
  | { kind: 'passphrase'; iterations: number; salt: Bytes };

export type ParsedBackup = { ok: true; backup: Backup } | { ok: false; message: string };

export function formatBackup(backup: Backup): string {
  return backup.kind === 'key'
    ? `${BACKUP_PREFIX}${BACKUP_VERSION}:key:${toBase64Url(backup.raw)}`
    : `${BACKUP_PREFIX}${BACKUP_VERSION}:pbkdf2-sha256:${backup.iterations}:${toBase64Url(backup.salt)}`;
}

/** Reads a backup string (spaces and line breaks from copying are ignored), or says in one sentence why it is not one. */
export function parseBackup(text: string): ParsedBackup {
  const fail = (message: string): ParsedBackup => ({ ok: false, message });
  if (text.length > 1000) return fail('that is not a Lede key backup: it is far too long');
  const compact = text.replace(/\s+/g, '');
  if (!compact.startsWith(BACKUP_PREFIX)) return fail('that is not a Lede key backup: it should start with "lede-key:"');
  const [version, kind, ...rest] = compact.slice(BACKUP_PREFIX.length).split(':');
  if (!/^\d+$/.test(version ?? '')) return fail('the key backup has no version number after "lede-key:"');
  if (Number(version) !== BACKUP_VERSION) {
    return fail(`the key backup is version ${version}; this Lede reads version ${BACKUP_VERSION} (a newer Lede wrote it?)`);
  }
  if (kind === 'key') {
    if (rest.length !== 1) return fail('the key backup should be lede-key:1:key:KEY');
    const raw = fromBase64Url(rest[0]!);
    if (!raw) return fail('the key in the backup is not base64url text (was it cut or mistyped?)');
    if (raw.length !== KEY_BYTES) return fail(`the key in the backup is ${raw.length} bytes; it must be ${KEY_BYTES} (was it cut short?)`);
    return { ok: true, backup: { kind: 'key', raw } };
  }
  if (kind === 'pbkdf2-sha256') {
    if (rest.length !== 2) return fail('the passphrase backup should be lede-key:1:pbkdf2-sha256:ITERATIONS:SALT');
    const [count, saltText] = rest as [string, string];
    const iterations = /^\d{1,9}$/.test(count) ? Number(count) : NaN;
    if (!(iterations >= PBKDF2_ITERATIONS && iterations <= ITERATIONS_MAX)) {
      return fail(`the passphrase backup asks for ${count} PBKDF2 iterations; Lede accepts ${PBKDF2_ITERATIONS.toLocaleString('en')} to ${ITERATIONS_MAX.toLocaleString('en')}`);
    }
    const salt = fromBase64Url(saltText);
    if (!salt || salt.length < SALT_BYTES || salt.length > 64) return fail(`the salt in the passphrase backup must be ${SALT_BYTES} to 64 bytes of base64url`);
    return { ok: true, backup: { kind: 'passphrase', iterations, salt } };
  }
  return fail(`the key backup's kind "${kind ?? ''}" is unknown: Lede knows "key" and "pbkdf2-sha256"`);
}
