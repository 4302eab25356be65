// Bundled by bench/related.mjs into a plain page: the same extraction over the browser's DOMParser (what an
// offscreen document would run) and over linkedom (what Lede's background runs), to time the parse choice.
import { getDomain } from 'tldts';
import { completeWithArticle } from '../src/extract/article.js';
import { registrableDomainWith } from '../src/extract/domain.js';
import { extractMetadata } from '../src/extract/index.js';
import { completeWithReadability } from '../src/extract/readability.js';
import { relatedFromExtraction } from '../src/related/entry.js';
import { relatedFromHtml } from '../src/related/from-html.js';

const domainOf = (host: string) => registrableDomainWith(getDomain, host);

function withDomParser(html: string, url: string) {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const result = extractMetadata(doc, url, { registrableDomain: domainOf });
  if (result.needsArticle) completeWithArticle(doc, url, result, { registrableDomain: domainOf });
  if (result.needsReadability) completeWithReadability(doc, result);
  return relatedFromExtraction(result, domainOf);
}

(globalThis as Record<string, unknown>).__bench = { withDomParser, withLinkedom: relatedFromHtml };
