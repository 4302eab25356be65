// `lede related`: reads a saved HTML page and prints the related entry Lede would add for it.
import { decodeHtml } from '../related/charset.js';
import { relatedAndExtraction } from '../related/from-html.js';
import { serializeRelated } from '../record/index.js';
import { budgetOption, cutNote } from './extract.js';
import { readInput } from './files.js';
import { parseArgs, UsageError, type Command, type Io } from './io.js';

export async function runRelated(args: string[], io: Io): Promise<number> {
  const { flags, positional } = parseArgs(args, ['url', 'quality', 'budget'], ['json']);
  const url = flags.get('url');
  if (typeof url !== 'string' || !/^https?:\/\//i.test(url)) throw new UsageError('related needs --url http(s)://… (the address the page was read at)');
  const qualityFlag = flags.get('quality');
  const quality = qualityFlag === undefined ? 50 : Number(qualityFlag);
  if (!Number.isInteger(quality) || quality < 0 || quality > 100) throw new UsageError('--quality needs a whole number from 0 to 100');
  if (positional.length !== 1) throw new UsageError('related needs exactly one FILE (or - for stdin)');
  const budgetMs = budgetOption(flags.get('budget'));
  // A saved page has no header: its BOM or <meta charset> says how to read it, as for a fetched one.
  const decoded = decodeHtml(await readInput(positional[0]!), null);
  if (!decoded.ok) throw new UsageError(`${positional[0]}: the page says it is in "${decoded.charset}", an encoding Lede cannot read`, 1);
  if (decoded.source === 'sniffed') io.err(`lede: the page does not say which encoding it is in and is not UTF-8: read as ${decoded.charset}\n`);
  const { entry, extraction, cut } = relatedAndExtraction(decoded.text, url, { quality }, budgetMs);
  if (cut) io.err(cutNote(budgetMs));
  io.out(flags.get('json') ? JSON.stringify(extraction, null, 2) + '\n' : serializeRelated([entry]));
  return 0;
}

export const related: Command = {
  name: 'related',
  summary: 'read a saved HTML page and print its related entry',
  usage: `lede related --url URL [--quality N] [--json] [--budget MS] FILE

Reads FILE (an HTML page; - for stdin; its charset from a BOM or <meta charset>, else UTF-8, else
windows-1252, said on stderr) within a time budget as \`lede extract\` does, as the page at
URL and prints the related entry Lede adds for it, as the record's "related:" group writes it
(quality N, default 50; the lead image's size as the page declares it, isCached false). With --json,
prints the extraction the entry is made from instead.`,
  run: runRelated,
};
