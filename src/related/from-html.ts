// `relatedFromHtml`: a fetched page's HTML and its final address in, a related entry out, over linkedom.
// The CLI runs it on a saved file and the Node library exports it; the extension runs the same
// from-document.ts over the browser's own DOMParser.
import { parseWithLinkedom, registrableDomain } from '../extract/node.js';
import type { RelatedEntry } from '../record/types.js';
import { DEFAULT_RELATED, type RelatedDefaults } from './entry.js';
import { documentReader, headAnswersHtml, readRelatedHtml, type ReadEntry } from './from-document.js';
import type { RelatedReader } from './fetch-related.js';

export function relatedFromHtml(html: string, url: string, defaults: RelatedDefaults = DEFAULT_RELATED): RelatedEntry {
  return readRelatedHtml(html, url, parseWithLinkedom, registrableDomain, defaults).entry;
}

/** Both: the entry and the extraction it came from (`lede related --json`), and whether the budget cut the read. */
export function relatedAndExtraction(html: string, url: string, defaults: RelatedDefaults = DEFAULT_RELATED,
  budgetMs?: number): ReadEntry {
  return readRelatedHtml(html, url, parseWithLinkedom, registrableDomain, defaults, budgetMs);
}

/** Whether the page's <head> alone answers every field (see headAnswersDocument). */
export function headAnswers(head: string, url: string): boolean {
  return headAnswersHtml(head, url, parseWithLinkedom, registrableDomain);
}

/** fetchRelated's reader in Node: linkedom, here and now. */
export const linkedomReader: RelatedReader = documentReader(parseWithLinkedom, registrableDomain);
