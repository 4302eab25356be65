// The library functions the CLI uses, for background tests that cross-check the extension's output.
import { keyFromBackup, parseBackup } from '../../src/secure/index.js';

export { decryptSecured, encryptSecured, newKey } from '../../src/secure/index.js';

export async function fromBackupForTest(backup: string, passphrase?: string): Promise<CryptoKey> {
  const parsed = parseBackup(backup);
  if (!parsed.ok) throw new Error(parsed.message);
  return keyFromBackup(parsed.backup, passphrase);
}

/** A first key made and its backup confirmed kept, as the popup's key moment and the options page do; answers its backup string. */
export async function firstKey(vault: { create(passphrase?: string): Promise<{ ok: true; backup: string; id: string } | { ok: false; message: string }>; confirm(id: string, kept: boolean): Promise<{ ok: true } | { ok: false; message: string }> }, passphrase?: string): Promise<string> {
  const made = await vault.create(passphrase);
  if (!made.ok) throw new Error(made.message);
  const confirmed = await vault.confirm(made.id, true);
  if (!confirmed.ok) throw new Error(confirmed.message);
  return made.backup;
}
