// `lede name`: prints the file name Lede gives each record, so scripts name files as the extension does.
import { stat } from 'node:fs/promises';
import { fileNameKey, recordFileName, templateProblem } from '../record/filename.js';
import { formatProblem, parseRecord } from '../record/index.js';
import { readInput, recordFiles } from './files.js';
import { parseArgs, UsageError, type Command } from './io.js';

export const name: Command = {
  name: 'name',
  summary: 'print the file name Lede gives each record',
  usage: `lede name [--template T] FILE|DIR...

Prints the file name Lede would give each record: {date}-{slug}.md by default
(publication date, else the file's modification date; the title's slug).
--template T uses T instead, with {date} {slug} {provider} {category} {title}.
Names are unique among the records given, as in one exported folder.
One FILE prints its name alone; otherwise each line is FILE, a tab, then the name.
Exits 1 if a record cannot be read (its problems go to standard error).`,
  async run(args, io) {
    const { flags, positional } = parseArgs(args, ['template'], []);
    if (positional.length === 0) throw new UsageError('name needs at least one FILE or DIR');
    const template = flags.get('template');
    if (typeof template === 'string') {
      const why = templateProblem(template);
      if (why) throw new UsageError(`--template ${why}`);
    }
    const files: string[] = [];
    for (const path of positional) files.push(...(await recordFiles(path)));
    const alone = files.length === 1 && positional.length === 1;
    const taken = new Set<string>();
    let failed = false;
    for (const file of files) {
      const parsed = parseRecord(await readInput(file), { file });
      if (!parsed.ok) {
        for (const problem of parsed.problems) io.err(formatProblem(problem) + '\n');
        failed = true;
        continue;
      }
      const savedAt = (await stat(file)).mtime.toISOString();
      const fileName = recordFileName(parsed.record, { template: typeof template === 'string' ? template : undefined, taken, savedAt });
      taken.add(fileNameKey(fileName));
      io.out(alone ? `${fileName}\n` : `${file}\t${fileName}\n`);
    }
    return failed ? 1 : 0;
  },
};
