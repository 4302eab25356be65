// Bundled by bench/related.mjs into a plain page: the same reading of a page's HTML over the browser's DOMParser
// (what the offscreen document runs) and over linkedom (what the CLI runs), to time the parse choice.
import { getDomain } from 'tldts';
import { registrableDomainWith } from '../src/extract/domain.js';
import { readRelatedHtml } from '../src/related/from-document.js';
import { relatedFromHtml } from '../src/related/from-html.js';

const domainOf = (host: string) => registrableDomainWith(getDomain, host);
const parse = (markup: string) => new DOMParser().parseFromString(markup, 'text/html');

function withDomParser(html: string, url: string) {
  return readRelatedHtml(html, url, parse, domainOf).entry;
}

(globalThis as Record<string, unknown>).__bench = { withDomParser, withLinkedom: relatedFromHtml };
