// `lede decrypt`: prints a record's private data (the `secured` field) as JSON.
import { formatProblem, parseRecord } from '../record/index.js';
import { decryptSecured } from '../secure/index.js';
import { readInput } from './files.js';
import { parseArgs, UsageError, type Command } from './io.js';
import { keyFromArgument } from './key-arg.js';

export const decrypt: Command = {
  name: 'decrypt',
  summary: 'print a record\'s private data as JSON',
  usage: `lede decrypt --key BACKUP_STRING FILE

Prints the private data of FILE (a record; - reads standard input) as a JSON object,
{"note": …, "selection": …}. BACKUP_STRING is a lede-key:… string; a passphrase one asks
for the passphrase on the terminal or reads LEDE_PASSPHRASE.
A wrong key, an altered or malformed value: one line, exit 1.`,
  async run(args, io) {
    const { flags, positional } = parseArgs(args, ['key'], []);
    if (positional.length !== 1) throw new UsageError('decrypt takes exactly one FILE');
    const path = positional[0]!;
    const name = path === '-' ? '<stdin>' : path;
    const key = await keyFromArgument(flags.get('key'));
    const parsed = parseRecord(await readInput(path), { file: name });
    if (!parsed.ok) {
      for (const problem of parsed.problems) io.err(formatProblem(problem) + '\n');
      return 1;
    }
    if (parsed.record.secured === undefined) throw new UsageError(`${name}: the record holds no private data`, 1);
    const result = await decryptSecured(parsed.record.secured, key);
    if (!result.ok) throw new UsageError(`${name}: ${result.message}`, 1);
    io.out(`${JSON.stringify(result.data, null, 2)}\n`);
    return 0;
  },
};
