// Node entry: HTML text and its URL in, an Extraction out; linkedom parses, tldts gives the domain.
import { parseHTML } from 'linkedom';
import { getDomain } from 'tldts';
import { articleParagraph } from './article-text.js';
import { extract } from './index.js';
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
  const result = extract(document as unknown as Document, url, { registrableDomain, now: options.now });
  const { needsReadability, ...extraction } = result;
  if (needsReadability) {
    const names = extraction.provider.name ? [extraction.provider.name] : [];
    const paragraph = articleParagraph(document as unknown as Document, extraction.title, names);
    if (paragraph) {
      extraction.excerpt = paragraph;
      extraction.sources.excerpt = 'readability';
    }
  }
  return extraction;
}
