// `relatedFromHtml`: a fetched page's HTML and its final address in, a related entry out. The extension
// runs it in the background after fetching, the CLI on a saved file, the Node library for anyone.
import { parseHTML } from 'linkedom';
import { readMetadata } from '../extract/index.js';
import { extractFromHtml, registrableDomain } from '../extract/node.js';
import { readPage } from '../extract/page.js';
import type { Extraction } from '../extract/types.js';
import type { RelatedEntry } from '../record/types.js';
import { DEFAULT_RELATED, relatedFromExtraction, type RelatedDefaults } from './entry.js';

export function relatedFromHtml(html: string, url: string, defaults: RelatedDefaults = DEFAULT_RELATED): RelatedEntry {
  return relatedFromExtraction(extractFromHtml(html, url), registrableDomain, defaults);
}

/** Both: the entry and the extraction it came from (`lede related --json`). */
export function relatedAndExtraction(html: string, url: string, defaults: RelatedDefaults = DEFAULT_RELATED):
  { entry: RelatedEntry; extraction: Extraction } {
  const extraction = extractFromHtml(html, url);
  return { entry: relatedFromExtraction(extraction, registrableDomain, defaults), extraction };
}

/**
 * True when the page's <head> alone gives every field the metadata stage looks for, so the body
 * (often most of the bytes) need not be fetched at all.
 */
export function headAnswers(head: string, url: string): boolean {
  const { document } = parseHTML(`${head}</html>`);
  const page = readPage(document as unknown as Document, url);
  const result = readMetadata(page, url, { registrableDomain });
  return !result.needsArticle && result.title !== '';
}
