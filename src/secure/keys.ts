// Making the AES-256-GCM key: generated, imported from a backup string's bytes, or derived from a passphrase.
import { CHECK_BYTES, formatBackup, KEY_BYTES, PBKDF2_ITERATIONS, SALT_BYTES, type Backup } from './backup.js';
import { toBase64Url, type Bytes } from './base64.js';
import type { WebCrypto } from './cipher.js';

const AES = { name: 'AES-GCM', length: 256 } as const;
const USES: KeyUsage[] = ['encrypt', 'decrypt'];
/** Short passphrases fall to guessing whatever the iteration count. */
export const PASSPHRASE_MIN = 8;

/** Why a passphrase will not do, or null. */
export function passphraseProblem(passphrase: string): string | null {
  return [...passphrase].length < PASSPHRASE_MIN ? `the passphrase must be at least ${PASSPHRASE_MIN} characters` : null;
}

/** A non-extractable key from raw bytes: once imported, no script can read its bytes back. */
export function importRawKey(raw: Bytes, crypto: WebCrypto = globalThis.crypto): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', raw, AES, false, USES);
}

export async function deriveKey(passphrase: string, salt: Bytes, iterations: number, crypto: WebCrypto = globalThis.crypto): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, material, AES, false, USES);
}

/**
 * A key's check value: the first 8 bytes of AES-256-GCM over no data, under a 12-byte IV of zeros (the
 * first half of that tag). It names the key without revealing it, so a backup can say "this is not the
 * key I was made from" and the ring can tell two keys apart; it works on a non-extractable key.
 */
export async function keyCheck(key: CryptoKey, crypto: WebCrypto = globalThis.crypto): Promise<Bytes> {
  const tag = await crypto.subtle.encrypt({ name: 'AES-GCM', iv: new Uint8Array(12), tagLength: 128 }, key, new Uint8Array(0));
  return new Uint8Array(tag.slice(0, CHECK_BYTES));
}

/** The check value as the backup string and the key ring write it. */
export async function keyCheckText(key: CryptoKey, crypto: WebCrypto = globalThis.crypto): Promise<string> {
  return toBase64Url(await keyCheck(key, crypto));
}

export interface NewKey {
  key: CryptoKey;
  backup: Backup;
  /** The backup string: for a generated key it is the key, shown once. */
  backupString: string;
  /** The key's check value (base64url). */
  check: string;
}

/** A fresh key: 256 random bits, or derived from `passphrase` with a fresh random salt. */
export async function newKey(passphrase?: string, crypto: WebCrypto = globalThis.crypto): Promise<NewKey> {
  let backup: Backup;
  let key: CryptoKey;
  if (passphrase === undefined) {
    const raw = crypto.getRandomValues(new Uint8Array(KEY_BYTES));
    key = await importRawKey(raw, crypto);
    backup = { kind: 'key', raw, check: await keyCheck(key, crypto) };
  } else {
    const problem = passphraseProblem(passphrase);
    if (problem) throw new RangeError(problem);
    const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
    key = await deriveKey(passphrase, salt, PBKDF2_ITERATIONS, crypto);
    backup = { kind: 'passphrase', iterations: PBKDF2_ITERATIONS, salt, check: await keyCheck(key, crypto) };
  }
  return { key, backup, backupString: formatBackup(backup), check: toBase64Url(backup.check!) };
}

export type OpenedBackup = { ok: true; key: CryptoKey; check: string; backup: Backup } | { ok: false; message: string };

/**
 * The key a parsed backup stands for, checked against the backup's check value when it has one (version 2):
 * a wrong passphrase or a mistyped key is refused here, before anything is changed.
 */
export async function openBackup(backup: Backup, passphrase?: string, crypto: WebCrypto = globalThis.crypto): Promise<OpenedBackup> {
  if (backup.kind === 'passphrase' && !passphrase) return { ok: false, message: 'this backup needs its passphrase' };
  const key = backup.kind === 'key' ? await importRawKey(backup.raw, crypto) : await deriveKey(passphrase!, backup.salt, backup.iterations, crypto);
  const check = await keyCheck(key, crypto);
  if (backup.check && !sameBytes(check, backup.check)) {
    return {
      ok: false,
      message: backup.kind === 'passphrase'
        ? 'that passphrase is not the one this backup was made with (its check value differs); nothing was changed'
        : 'the key in the backup does not match its check value (was it mistyped?); nothing was changed',
    };
  }
  return { ok: true, key, check: toBase64Url(check), backup: { ...backup, check } };
}

/** The key a parsed backup stands for; a passphrase backup needs the passphrase. Throws when its check value differs. */
export async function keyFromBackup(backup: Backup, passphrase?: string, crypto: WebCrypto = globalThis.crypto): Promise<CryptoKey> {
  if (backup.kind === 'passphrase' && passphrase === undefined) throw new TypeError('a passphrase backup needs its passphrase');
  const opened = await openBackup(backup, passphrase, crypto);
  if (!opened.ok) throw new RangeError(opened.message);
  return opened.key;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
