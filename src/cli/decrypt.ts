// `lede decrypt`: prints a record's private data (the `secured` field) as JSON.
import { formatProblem, parseRecord } from '../record/index.js';
import { decryptSecured, type DecryptResult } from '../secure/index.js';
import { readInput } from './files.js';
import { parseArgs, UsageError, type Command } from './io.js';
import { KEY_FLAGS, KEY_USAGE, keysFromArguments } from './key-arg.js';

export const decrypt: Command = {
  name: 'decrypt',
  summary: 'print a record\'s private data as JSON',
  usage: `lede decrypt [--key-file FILE]… FILE

Prints the private data of FILE (a record; - reads standard input) as a JSON object,
{"note": …, "selection": …}, opened with the first key given that opens it (like Lede's key
ring: give the old keys too). A wrong key, an altered or malformed value: one line, exit 1.

${KEY_USAGE}`,
  async run(args, io) {
    const { lists, positional } = parseArgs(args, KEY_FLAGS, []);
    if (positional.length !== 1) throw new UsageError('decrypt takes exactly one FILE');
    const path = positional[0]!;
    const name = path === '-' ? '<stdin>' : path;
    const keys = await keysFromArguments(lists, io);
    const parsed = parseRecord(await readInput(path), { file: name });
    if (!parsed.ok) {
      for (const problem of parsed.problems) io.err(formatProblem(problem) + '\n');
      return 1;
    }
    if (parsed.record.secured === undefined) throw new UsageError(`${name}: the record holds no private data`, 1);
    let result: DecryptResult = await decryptSecured(parsed.record.secured, keys[0]!);
    for (const key of keys.slice(1)) {
      if (result.ok || result.reason === 'malformed') break;
      result = await decryptSecured(parsed.record.secured, key);
    }
    if (!result.ok) {
      const message = keys.length > 1 ? result.message.replace('with this key', `with any of the ${keys.length} keys`) : result.message;
      throw new UsageError(`${name}: ${message}`, 1);
    }
    io.out(`${JSON.stringify(result.data, null, 2)}\n`);
    return 0;
  },
};
