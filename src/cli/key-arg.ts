// The keys for decrypt and encrypt: `--key-file FILE` (any number), `LEDE_KEY`, `--key` (warned), or asked on the terminal.
//
// A key on the command line sits in shell history and in `ps` for anyone on the machine: it still works,
// with one warning. Every failure is one line; a backup's check value refuses a wrong passphrase here.
import { closeSync, openSync, readSync } from 'node:fs';
import { openBackup, parseBackup } from '../secure/index.js';
import { UsageError, type Io } from './io.js';
import { promptHidden, readPassphrase } from './passphrase.js';

/** A key backup is one short line; a bigger file is not one, and is never read whole. */
const KEY_FILE_MAX_BYTES = 4096;

export const KEY_FLAGS = ['key', 'key-file'];

export const KEY_USAGE = `The key: --key-file FILE (a file holding the lede-key:… backup string; decrypt takes several
and tries each), or LEDE_KEY, or asked on the terminal. --key BACKUP_STRING also works but
leaves the key in shell history and the process list. A passphrase backup asks for the
passphrase on the terminal or reads LEDE_PASSPHRASE.`;

let warned = false;

function readKeyFile(path: string): string {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw new UsageError(`--key-file ${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'})`, 1);
  }
  try {
    const buffer = Buffer.alloc(KEY_FILE_MAX_BYTES + 1);
    const length = readSync(fd, buffer, 0, buffer.length, 0);
    if (length > KEY_FILE_MAX_BYTES) throw new UsageError(`--key-file ${path}: over ${KEY_FILE_MAX_BYTES} bytes, so not a key backup`, 1);
    return buffer.subarray(0, length).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

async function keyFrom(text: string, where: string): Promise<CryptoKey> {
  const parsed = parseBackup(text);
  if (!parsed.ok) throw new UsageError(`${where}: ${parsed.message}`, 1);
  const passphrase = parsed.backup.kind === 'passphrase' ? await readPassphrase() : undefined;
  const opened = await openBackup(parsed.backup, passphrase);
  if (!opened.ok) throw new UsageError(`${where}: ${opened.message}`, 1);
  return opened.key;
}

/** Every key given, in the order files, `--key`, `LEDE_KEY`; asked for on the terminal when none is and stdin is one. */
export async function keysFromArguments(lists: Map<string, string[]>, io: Io): Promise<CryptoKey[]> {
  const keys: CryptoKey[] = [];
  for (const path of lists.get('key-file') ?? []) keys.push(await keyFrom(readKeyFile(path), `--key-file ${path}`));
  const inline = lists.get('key') ?? [];
  if (inline.length && !warned) {
    warned = true;
    io.err('lede: warning: --key puts the key in shell history and the process list; use --key-file FILE or LEDE_KEY\n');
  }
  for (const value of inline) keys.push(await keyFrom(value, '--key'));
  const fromEnv = process.env.LEDE_KEY;
  if (fromEnv) keys.push(await keyFrom(fromEnv, 'LEDE_KEY'));
  if (keys.length === 0) {
    const none = 'a key is needed: --key-file FILE, LEDE_KEY, or run lede in a terminal to be asked';
    if (!process.stdin.isTTY) throw new UsageError(none);
    keys.push(await keyFrom(await promptHidden('Key backup (lede-key:…): ', none), 'the key backup typed'));
  }
  return keys;
}

/** Exactly one key (encrypt writes with one). */
export async function oneKey(lists: Map<string, string[]>, io: Io): Promise<CryptoKey> {
  const keys = await keysFromArguments(lists, io);
  if (keys.length !== 1) throw new UsageError(`encrypt writes with one key; ${keys.length} were given`);
  return keys[0]!;
}
