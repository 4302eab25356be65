// `lede extract`: reads a saved HTML page and prints its record (or the raw extraction as JSON).
import { budgetFrom, htmlToParse, READ_BUDGET_MS } from '../extract/document.js';
import { explainExtraction } from '../extract/explain.js';
import { extractFromHtml, parseWithLinkedom, registrableDomain } from '../extract/node.js';
import { decodeHtml } from '../related/charset.js';
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

/**
 * A saved page's text. Text that is valid UTF-8 is read so (a page re-saved as UTF-8 often keeps
 * its old `<meta charset>`, and legacy text is almost never valid UTF-8); else its BOM or
 * `<meta charset>` says how, else windows-1252, as a browser would read it.
 */
export function savedPageText(bytes: Uint8Array, name: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const decoded = decodeHtml(bytes, null);
    if (!decoded.ok) throw new UsageError(`${name}: the page says it is in "${decoded.charset}", an encoding Lede cannot read`, 1);
    if (decoded.source !== 'default' && decoded.source !== 'sniffed') return decoded.text;
    // A declaration past the prescan: the browser changes to it when its parser meets it in the head.
    const head = new TextDecoder('windows-1252').decode(bytes.subarray(0, 65_536)).split(/<\/head\s*>/i)[0]!;
    const late = /<meta\b[^>]*charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1];
    try {
      if (late) return new TextDecoder(late.toLowerCase()).decode(bytes);
    } catch {
      // an encoding the platform does not know: read as undeclared
    }
    // Legacy bytes that declare nothing: the HTML standard's default for them, as the browser reads them.
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

export async function runExtract(args: string[], io: Io): Promise<number> {
  const { flags, positional } = parseArgs(args, ['url', 'budget'], ['json', 'explain']);
  const url = flags.get('url');
  if (typeof url !== 'string' || !/^https?:\/\//i.test(url)) throw new UsageError('extract needs --url http(s)://… (the address the page was read at)');
  if (positional.length !== 1) throw new UsageError('extract needs exactly one FILE (or - for stdin)');
  const budgetMs = budgetOption(flags.get('budget'));
  const html = savedPageText(await readInput(positional[0]!), positional[0]!);
  // Settled as the extension settles it, so --json and the record name the same provider.
  const budget = budgetFrom(budgetMs);
  const extraction = settleExtraction(extractFromHtml(html, url, { budget }), registrableDomain);
  if (budget.cut) io.err(cutNote(budgetMs));
  if (flags.get('explain')) io.out(explainExtraction(parseWithLinkedom(htmlToParse(html).text), url, extraction, extraction.provider.domain));
  else if (flags.get('json')) io.out(JSON.stringify(extraction, null, 2) + '\n');
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
  usage: `lede extract --url URL [--json | --explain] [--budget MS] FILE

Reads FILE (an HTML page; - for stdin) as the page at URL and prints its record in the
Lede format. Reading stops at the extension's time budget (${READ_BUDGET_MS} ms; --budget MS sets
another): the record is then from the page's head and metadata, and stderr says so. With --json,
prints the extraction instead: {title, excerpt, publishedDateTime, originalUrl, webUrl, type,
provider: {name, domain}, images, suggestedTopics, sources}. With --explain, prints each field's
candidates, where each was read and why the winner won.`,
  run: runExtract,
};
