// `lede extract`: reads a saved HTML page and prints its record (or the raw extraction as JSON).
import { htmlToParse } from '../extract/document.js';
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
    if (decoded.source !== 'default') return decoded.text;
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
  const { flags, positional } = parseArgs(args, ['url'], ['json', 'explain']);
  const url = flags.get('url');
  if (typeof url !== 'string' || !/^https?:\/\//i.test(url)) throw new UsageError('extract needs --url http(s)://… (the address the page was read at)');
  if (positional.length !== 1) throw new UsageError('extract needs exactly one FILE (or - for stdin)');
  const html = savedPageText(await readInput(positional[0]!), positional[0]!);
  // Settled as the extension settles it, so --json and the record name the same provider.
  const extraction = settleExtraction(extractFromHtml(html, url), registrableDomain);
  if (flags.get('explain')) io.out(explainExtraction(parseWithLinkedom(htmlToParse(html).text), url, extraction, extraction.provider.domain));
  else if (flags.get('json')) io.out(JSON.stringify(extraction, null, 2) + '\n');
  else io.out(serializeRecord(recordOf(extraction)));
  return 0;
}

export const extract: Command = {
  name: 'extract',
  summary: 'read a saved HTML page and print its record',
  usage: `lede extract --url URL [--json | --explain] FILE

Reads FILE (an HTML page; - for stdin) as the page at URL and prints its record in the
Lede format. With --json, prints the extraction instead: {title, excerpt, publishedDateTime,
originalUrl, webUrl, type, provider: {name, domain}, images, suggestedTopics, sources}. With
--explain, prints each field's candidates, where each was read and why the winner won.`,
  run: runExtract,
};
