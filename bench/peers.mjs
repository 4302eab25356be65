// The extractors the benchmarks compare: Lede beside metascraper, Defuddle and Readability, each as
// its users run it, mapped to the shared scorer's shape.
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import createMetascraper from 'metascraper';
import metascraperDate from 'metascraper-date';
import metascraperDescription from 'metascraper-description';
import metascraperPublisher from 'metascraper-publisher';
import metascraperTitle from 'metascraper-title';
import metascraperUrl from 'metascraper-url';
import metascraperImage from 'metascraper-image';
import { Defuddle } from 'defuddle/node';
import { parseHTML } from 'linkedom';
import { extractFromHtml, registrableDomain } from '../dist/lib/index.js';

const hostOf = (url) => { try { return new URL(url).hostname; } catch { return ''; } };
const metascraper = createMetascraper([metascraperDate(), metascraperDescription(), metascraperPublisher(),
  metascraperTitle(), metascraperUrl(), metascraperImage()]);
const quiet = new VirtualConsole();

export const extractors = {
  lede: async (html, url) => extractFromHtml(html, url),
  metascraper: async (html, url) => {
    const m = await metascraper({ html, url });
    return { title: m.title, excerpt: m.description, publishedDateTime: m.date,
      provider: { name: m.publisher, domain: registrableDomain(hostOf(m.url || url)) } };
  },
  defuddle: async (html, url) => {
    const { document } = parseHTML(html);
    const d = await Defuddle(document, url, { markdown: false });
    return { title: d.title, excerpt: d.description, publishedDateTime: d.published || null,
      provider: { name: d.site, domain: d.domain || hostOf(url) } };
  },
  readability: async (html, url) => {
    const dom = new JSDOM(html, { url, virtualConsole: quiet });
    const a = new Readability(dom.window.document).parse();
    return { title: a?.title, excerpt: a?.excerpt, publishedDateTime: a?.publishedTime ?? null,
      provider: { name: a?.siteName, domain: hostOf(url) } };
  },
};
