// Making the AES-256-GCM key: generated, imported from a backup string's bytes, or derived from a passphrase.
import { formatBackup, KEY_BYTES, PBKDF2_ITERATIONS, SALT_BYTES, type Backup } from './backup.js';
import type { Bytes } from './base64.js';
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

export interface NewKey {
  key: CryptoKey;
  backup: Backup;
  /** The backup string: for a generated key it is the key, shown once. */
  backupString: string;
}

/** A fresh key: 256 random bits, or derived from `passphrase` with a fresh random salt. */
export async function newKey(passphrase?: string, crypto: WebCrypto = globalThis.crypto): Promise<NewKey> {
  let backup: Backup;
  let key: CryptoKey;
  if (passphrase === undefined) {
    const raw = crypto.getRandomValues(new Uint8Array(KEY_BYTES));
    backup = { kind: 'key', raw };
    key = await importRawKey(raw, crypto);
  } else {
    const problem = passphraseProblem(passphrase);
    if (problem) throw new RangeError(problem);
    backup = { kind: 'passphrase', iterations: PBKDF2_ITERATIONS, salt: crypto.getRandomValues(new Uint8Array(SALT_BYTES)) };
    key = await deriveKey(passphrase, backup.salt, backup.iterations, crypto);
  }
  return { key, backup, backupString: formatBackup(backup) };
}

/** The key a parsed backup stands for; a passphrase backup needs the passphrase. */
export function keyFromBackup(backup: Backup, passphrase?: string, crypto: WebCrypto = globalThis.crypto): Promise<CryptoKey> {
  if (backup.kind === 'key') return importRawKey(backup.raw, crypto);
  if (passphrase === undefined) throw new TypeError('a passphrase backup needs its passphrase');
  return deriveKey(passphrase, backup.salt, backup.iterations, crypto);
}
