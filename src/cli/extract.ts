// `lede extract`: reads a saved HTML page and prints its record (or the raw extraction as JSON).
import { extractFromHtml } from '../extract/node.js';
import type { Extraction } from '../extract/types.js';
import {
  cutCodePoints, DEFAULT_CATEGORY, DEFAULT_TYPE, HEAT_UNSET, serializeRecord, type LedeRecord,
} from '../record/index.js';
import { readInput } from './files.js';
import { parseArgs, UsageError, type Command, type Io } from './io.js';

/** The quality a new record starts with, as the extension's default settings give it. */
const DEFAULT_QUALITY = 50;

export function recordOf(extraction: Extraction): LedeRecord {
  return {
    category: DEFAULT_CATEGORY,
    title: extraction.title || extraction.webUrl,
    excerpt: cutCodePoints(extraction.excerpt),
    publishedDateTime: extraction.publishedDateTime,
    originalUrl: extraction.originalUrl || extraction.webUrl,
    webUrl: extraction.webUrl,
    type: extraction.type || DEFAULT_TYPE,
    quality: DEFAULT_QUALITY,
    heat: HEAT_UNSET,
    published: false,
    provider: { name: extraction.provider.name || extraction.provider.domain, domain: extraction.provider.domain },
    topics: [],
    related: [],
    body: '',
  };
}

export async function runExtract(args: string[], io: Io): Promise<number> {
  const { flags, positional } = parseArgs(args, ['url'], ['json']);
  const url = flags.get('url');
  if (typeof url !== 'string' || !/^https?:\/\//i.test(url)) throw new UsageError('extract needs --url http(s)://… (the address the page was read at)');
  if (positional.length !== 1) throw new UsageError('extract needs exactly one FILE (or - for stdin)');
  const html = new TextDecoder('utf-8', { fatal: false }).decode(await readInput(positional[0]!));
  const extraction = extractFromHtml(html, url);
  if (flags.get('json')) io.out(JSON.stringify(extraction, null, 2) + '\n');
  else io.out(serializeRecord(recordOf(extraction)));
  return 0;
}

export const extract: Command = {
  name: 'extract',
  summary: 'read a saved HTML page and print its record',
  usage: `lede extract --url URL [--json] FILE

Reads FILE (an HTML page; - for stdin) as the page at URL and prints its record in the
Lede format. With --json, prints the extraction instead: {title, excerpt, publishedDateTime,
originalUrl, webUrl, type, provider: {name, domain}, images, suggestedTopics, sources}.`,
  run: runExtract,
};
