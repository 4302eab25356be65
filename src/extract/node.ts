// Node entry: HTML text and its URL in, an Extraction out; linkedom parses, tldts gives the domain.
import { parseHTML } from 'linkedom';
import { getDomain } from 'tldts';
import { completeWithArticle } from './article.js';
import { extractMetadata } from './index.js';
import { platformDomain } from './provider.js';
import type { Extraction } from './types.js';

/** Registrable domain, public-suffix aware, blog platforms' subdomains kept whole. */
export function registrableDomain(host: string): string | null {
  return platformDomain(host) ?? getDomain(host, { allowPrivateDomains: true });
}

/** Bytes of HTML we parse at most: beyond this a page is cut (its head and article come first). */
const MAX_HTML = 12_000_000;

export function extractFromHtml(html: string, url: string, options: { now?: number } = {}): Extraction {
  const text = typeof html === 'string' ? html.slice(0, MAX_HTML) : '';
  const { document } = parseHTML(text.includes('<html') ? text : `<!doctype html><html><head></head><body>${text}</body></html>`);
  const doc = document as unknown as Document;
  const engineOptions = { registrableDomain, now: options.now };
  const result = extractMetadata(doc, url, engineOptions);
  if (result.needsReadability) completeWithArticle(doc, url, result, engineOptions);
  const { needsReadability: _done, pending: _pending, ...extraction } = result;
  return extraction;
}
