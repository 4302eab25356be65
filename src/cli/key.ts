// `lede key new`: prints a new backup string (a generated key, or a passphrase's salt and parameters).
import { newKey, passphraseProblem } from '../secure/index.js';
import { parseArgs, UsageError, type Command } from './io.js';
import { readPassphrase } from './passphrase.js';

export const key: Command = {
  name: 'key',
  summary: 'make a key for private data (prints its backup string)',
  usage: `lede key new [--passphrase]

Prints a new backup string, lede-key:2:…, for "lede encrypt/decrypt" and Lede's options
(keep it in a file for --key-file: lede key new > ~/.lede-key; chmod 600 ~/.lede-key).
Without --passphrase it holds a new random 256-bit key: keep it as secret as the data.
With --passphrase the key is derived from a passphrase (PBKDF2-SHA-256, 600,000 iterations,
random salt); the string holds only the salt and parameters, and the passphrase is asked on the
terminal (twice) or read from LEDE_PASSPHRASE.`,
  async run(args, io) {
    const { flags, positional } = parseArgs(args, [], ['passphrase']);
    if (positional.length !== 1 || positional[0] !== 'new') throw new UsageError('the only key command is "lede key new"');
    let passphrase: string | undefined;
    if (flags.has('passphrase')) {
      passphrase = await readPassphrase(true);
      const problem = passphraseProblem(passphrase);
      if (problem) throw new UsageError(problem, 1);
    }
    const made = await newKey(passphrase);
    io.out(`${made.backupString}\n`);
    return 0;
  },
};
