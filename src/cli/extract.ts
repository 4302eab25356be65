// `lede extract`: reads a saved HTML page and prints its record (or the raw extraction as JSON).
import { budgetFrom, READ_BUDGET_MS } from '../extract/document.js';
import { extractFromHtml, registrableDomain } from '../extract/node.js';
import { recordFromExtraction, settleExtraction } from '../extract/to-record.js';
import type { Extraction } from '../extract/types.js';
import { serializeRecord, type LedeRecord } from '../record/index.js';
import { recordDefaultsOf } from '../shared/record-defaults.js';
import { defaultSettings } from '../shared/settings.js';
import { readInput } from './files.js';
import { parseArgs, UsageError, type Command, type Io } from './io.js';

/** The record the extension would open for this page with its default settings (the same builder). */
export function recordOf(extraction: Extraction): LedeRecord {
  return recordFromExtraction(extraction, recordDefaultsOf(defaultSettings, registrableDomain));
}

export async function runExtract(args: string[], io: Io): Promise<number> {
  const { flags, positional } = parseArgs(args, ['url', 'budget'], ['json']);
  const url = flags.get('url');
  if (typeof url !== 'string' || !/^https?:\/\//i.test(url)) throw new UsageError('extract needs --url http(s)://… (the address the page was read at)');
  if (positional.length !== 1) throw new UsageError('extract needs exactly one FILE (or - for stdin)');
  const budgetMs = budgetOption(flags.get('budget'));
  const html = new TextDecoder('utf-8', { fatal: false }).decode(await readInput(positional[0]!));
  // Settled as the extension settles it, so --json and the record name the same provider.
  const budget = budgetFrom(budgetMs);
  const extraction = settleExtraction(extractFromHtml(html, url, { budget }), registrableDomain);
  if (budget.cut) io.err(cutNote(budgetMs));
  if (flags.get('json')) io.out(JSON.stringify(extraction, null, 2) + '\n');
  else io.out(serializeRecord(recordOf(extraction)));
  return 0;
}

/** `--budget MS`: how long reading the page may take (the extension's own budget unless given). */
export function budgetOption(value: string | true | undefined): number {
  if (value === undefined) return READ_BUDGET_MS;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 0) throw new UsageError('--budget needs a whole number of milliseconds');
  return ms;
}

/** Said on stderr when the budget left stages out, in the extension's words. */
export function cutNote(budgetMs: number): string {
  return `lede: the page could not be read in full within ${budgetMs} ms (so large or deeply nested): the result is from its head and metadata\n`;
}

export const extract: Command = {
  name: 'extract',
  summary: 'read a saved HTML page and print its record',
  usage: `lede extract --url URL [--json] [--budget MS] FILE

Reads FILE (an HTML page; - for stdin) as the page at URL and prints its record in the
Lede format. Reading stops at the extension's time budget (${READ_BUDGET_MS} ms; --budget MS sets
another): the record is then from the page's head and metadata, and stderr says so. With --json, prints the extraction instead: {title, excerpt, publishedDateTime,
originalUrl, webUrl, type, provider: {name, domain}, images, suggestedTopics, sources}.`,
  run: runExtract,
};
