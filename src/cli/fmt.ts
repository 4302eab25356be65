// `lede fmt`: prints a record in its canonical form, or rewrites the file with --write.
import { formatProblem, parseRecord, serializeRecord } from '../record/index.js';
import { fitsTheFormat, readInput, writeAtomically } from './files.js';
import { parseArgs, UsageError, type Command } from './io.js';

export const fmt: Command = {
  name: 'fmt',
  summary: 'print a record in canonical form',
  usage: `lede fmt [--write] FILE

Prints FILE (a record; - reads standard input) exactly as Lede writes it.
With --write, replaces FILE with that form instead: atomically, keeping its mode,
writing through a symlink to the file it points at, and not at all when it is already canonical.
Exits 1 with one line per problem if FILE is not a valid record.`,
  async run(args, io) {
    const { flags, positional } = parseArgs(args, [], ['write']);
    if (positional.length !== 1) throw new UsageError('fmt takes exactly one FILE');
    const path = positional[0]!;
    const input = await readInput(path);
    const parsed = parseRecord(input, { file: path === '-' ? '<stdin>' : path });
    if (!parsed.ok) {
      for (const problem of parsed.problems) io.err(formatProblem(problem) + '\n');
      return 1;
    }
    for (const warning of parsed.warnings) io.err(formatProblem(warning) + '\n');
    if (!fitsTheFormat(parsed.record, path === '-' ? '<stdin>' : path, io)) return 1;
    const text = serializeRecord(parsed.record);
    if (!flags.has('write')) {
      io.out(text);
      return 0;
    }
    if (path === '-') throw new UsageError('--write needs a FILE, not standard input');
    if (Buffer.from(input).toString('utf8') === text) return 0; // already canonical: leave the file alone
    await writeAtomically(path, text);
    return 0;
  },
};
