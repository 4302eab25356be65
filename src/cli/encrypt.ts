// `lede encrypt`: puts the JSON object on standard input, encrypted, into a record's `secured` field.
import { formatProblem, parseRecord, serializeRecord } from '../record/index.js';
import { checkPrivateData, encryptSecured, SECURED_MAX_CHARS } from '../secure/index.js';
import { fitsTheFormat, readInput, writeAtomically } from './files.js';
import { parseArgs, UsageError, type Command } from './io.js';
import { keyFromArgument } from './key-arg.js';

/** Far above any note; refused before parsing so a stray big file on stdin costs nothing. */
const INPUT_MAX_BYTES = 1_000_000;

export const encrypt: Command = {
  name: 'encrypt',
  summary: 'write private data (JSON on stdin) into a record, encrypted',
  usage: `lede encrypt --key BACKUP_STRING [--write] FILE

Reads a JSON object from standard input ({"note": …, "selection": …}; other members are kept),
encrypts it with AES-256-GCM under the key and puts it in FILE's secured field, replacing what
was there. Prints the record, or with --write replaces FILE (atomically).`,
  async run(args, io) {
    const { flags, positional } = parseArgs(args, ['key'], ['write']);
    if (positional.length !== 1 || positional[0] === '-') throw new UsageError('encrypt takes exactly one FILE (standard input carries the JSON)');
    const path = positional[0]!;
    const key = await keyFromArgument(flags.get('key'));
    const parsed = parseRecord(await readInput(path), { file: path });
    if (!parsed.ok) {
      for (const problem of parsed.problems) io.err(formatProblem(problem) + '\n');
      return 1;
    }
    const input = io.stdin ? await io.stdin() : await readInput('-');
    if (input.length > INPUT_MAX_BYTES) throw new UsageError(`the JSON on standard input is over ${INPUT_MAX_BYTES.toLocaleString('en')} bytes`, 1);
    let value: unknown;
    try {
      value = JSON.parse(new TextDecoder().decode(input));
    } catch (error) {
      throw new UsageError(`standard input is not JSON: ${error instanceof Error ? error.message : String(error)}`, 1);
    }
    const checked = checkPrivateData(value);
    if (!checked.ok) throw new UsageError(checked.message, 1);
    const secured = await encryptSecured(checked.data, key);
    if (secured.length > SECURED_MAX_CHARS) throw new UsageError('the private data is too large to keep in a record', 1);
    const record = { ...parsed.record, secured };
    if (!fitsTheFormat(record, path, io)) return 1;
    const text = serializeRecord(record);
    if (flags.has('write')) await writeAtomically(path, text);
    else io.out(text);
    return 0;
  },
};
