// `--key BACKUP_STRING` for decrypt and encrypt: the backup string read, its key made, every failure one line.
import { keyFromBackup, parseBackup } from '../secure/index.js';
import { UsageError } from './io.js';
import { readPassphrase } from './passphrase.js';

export async function keyFromArgument(value: string | true | undefined): Promise<CryptoKey> {
  if (typeof value !== 'string') throw new UsageError('--key BACKUP_STRING is required (the lede-key:… string from "lede key new" or Lede\'s options)');
  const parsed = parseBackup(value);
  if (!parsed.ok) throw new UsageError(parsed.message, 1);
  const passphrase = parsed.backup.kind === 'passphrase' ? await readPassphrase() : undefined;
  return keyFromBackup(parsed.backup, passphrase);
}
