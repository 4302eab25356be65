// Node entry: HTML text and its URL in, an Extraction out; linkedom parses, tldts gives the domain.
import { parseHTML } from 'linkedom';
import { getDomain } from 'tldts';
import { completeWithArticle } from './article.js';
import { boundHtml, LARGE_PAGE } from './bound-html.js';
import { readMetadata } from './index.js';
import { readPage } from './page.js';
import { completeWithReadability } from './readability.js';
import { registrableDomainWith } from './domain.js';
import { cleanTopics } from './topics.js';
import type { Extraction } from './types.js';

/** Registrable domain, public-suffix aware, blog platforms' subdomains kept whole. */
export function registrableDomain(host: string): string {
  return registrableDomainWith(getDomain, host);
}


export function extractFromHtml(html: string, url: string, options: { now?: number } = {}): Extraction {
  const raw = typeof html === 'string' ? html : '';
  const text = boundHtml(raw);
  const { document } = parseHTML(text.includes('<html') ? text : `<!doctype html><html><head></head><body>${text}</body></html>`);
  const doc = document as unknown as Document;
  const engineOptions = { registrableDomain, now: options.now };
  const page = readPage(doc, url);
  const result = readMetadata(page, url, engineOptions);
  // Both later stages in the browser's order: the article stage, then Readability when it asks.
  if (result.needsArticle) completeWithArticle(doc, url, result, { ...engineOptions, readability: raw.length <= LARGE_PAGE }, page);
  if (result.needsReadability) completeWithReadability(doc, result);
  const { needsArticle: _article, needsReadability: _readability, pending: _pending, ...extraction } = result;
  extraction.suggestedTopics = cleanTopics(extraction.suggestedTopics, extraction.title, [extraction.provider.name, extraction.provider.domain, extraction.webUrl ? new URL(extraction.webUrl).hostname : '']);
  return extraction;
}
