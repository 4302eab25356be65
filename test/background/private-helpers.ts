// The library functions the CLI uses, for background tests that cross-check the extension's output.
import { keyFromBackup, parseBackup } from '../../src/secure/index.js';

export { decryptSecured, encryptSecured, newKey } from '../../src/secure/index.js';

export async function fromBackupForTest(backup: string, passphrase?: string): Promise<CryptoKey> {
  const parsed = parseBackup(backup);
  if (!parsed.ok) throw new Error(parsed.message);
  return keyFromBackup(parsed.backup, passphrase);
}
