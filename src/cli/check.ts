// `lede check`: reads every record it is given and prints one line per problem.
import { formatProblem, parseRecord } from '../record/index.js';
import { readInput, recordFiles } from './files.js';
import { parseArgs, UsageError, type Command } from './io.js';

export const check: Command = {
  name: 'check',
  summary: 'check records and print every problem',
  usage: `lede check FILE|DIR...

Reads each FILE, and every .md file below each DIR, as a record.
Prints one line per problem: file:line: key: message. Warnings say "warning:".
Exits 1 if any record has an error, 0 otherwise.`,
  async run(args, io) {
    const { positional } = parseArgs(args, [], []);
    if (positional.length === 0) throw new UsageError('check needs at least one FILE or DIR');
    let files = 0;
    let errors = 0;
    let warnings = 0;
    for (const path of positional) {
      const skipped = (file: string, why: string) => {
        io.out(`${file}: warning: ${why}\n`);
        warnings++;
      };
      for (const file of await recordFiles(path, skipped)) {
        files++;
        const parsed = parseRecord(await readInput(file), { file });
        const problems = parsed.ok ? parsed.warnings : parsed.problems;
        for (const problem of problems) {
          io.out(formatProblem(problem) + '\n');
          if (problem.severity === 'error') errors++;
          else warnings++;
        }
      }
    }
    io.err(`checked ${files} record${files === 1 ? '' : 's'}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}\n`);
    return errors > 0 ? 1 : 0;
  },
};
