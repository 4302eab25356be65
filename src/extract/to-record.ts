// The one record builder: an extraction plus the person's defaults in, a LedeRecord out. Pure, so the
// CLI (`lede extract`) and the background (the popup's record) give the same record for the same page.
import { cutCodePoints, isWebUrl } from '../record/text.js';
import { DEFAULT_TYPE, type LedeRecord } from '../record/types.js';
import { hostDomain } from './provider.js';
import { squash } from './text.js';
import { cleanTopics } from './topics.js';
import type { Extraction } from './types.js';

/** What the person chose for new records, and the registrable-domain lookup the caller has (tldts). */
export interface RecordDefaults {
  category: string;
  quality: number;
  heat: number;
  published: boolean;
  /** `news.bbc.co.uk` → `bbc.co.uk`: public-suffix aware, blog platforms kept whole (registrableDomainWith). */
  registrableDomain: (host: string) => string;
}

function hostOf(address: string): string {
  if (!isWebUrl(address)) return '';
  try {
    return new URL(address).hostname;
  } catch {
    return '';
  }
}

/** A host that names no publisher: an IP address, `localhost`, a single label (a local copy, a test server). */
function anonymousHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '');
  return !h.includes('.') || /^[\d.]+$/.test(h) || h.includes(':');
}

function lookup(registrableDomain: RecordDefaults['registrableDomain'], host: string): string {
  if (!host) return '';
  try {
    return registrableDomain(host) || hostDomain(host);
  } catch {
    return hostDomain(host);
  }
}

/** Whether a provider name spells a domain's own label (`Business Insider` ~ businessinsider.com). */
function namesDomain(name: string, domain: string): boolean {
  const label = squash(domain.split('.')[0] ?? '');
  const n = squash(name);
  return label.length >= 2 && n.length >= 2 && (n.includes(label) || label.includes(n));
}

/**
 * The provider's name and domain, taken from one site. The page was read at one host; its canonical
 * address may be on another (syndication, an AMP cache, a mirror, a local copy). The host read is the
 * provider unless it names no publisher (an IP, localhost) or the page's own name is the canonical
 * site's and not the host's: then the canonical site is. A name that was only the domain follows it.
 */
export function settleProvider(extraction: Extraction, registrableDomain: RecordDefaults['registrableDomain']):
  { name: string; domain: string; source: string } {
  const readHost = hostOf(extraction.webUrl) || extraction.provider.domain;
  const read = lookup(registrableDomain, readHost);
  const canonical = lookup(registrableDomain, hostOf(extraction.originalUrl));
  const name = extraction.provider.name.trim();
  // A name that is only an address of the site (`wien.orf.at` as og:site_name) is no name: the domain stands in,
  // whichever domain the reader settled before (the page's own stage has no public suffix list).
  const bare = (host: string) => host.toLowerCase().replace(/^www\./, '');
  const nameIsDomain = !name || extraction.sources.providerName === 'domain' || name === extraction.provider.domain ||
    (readHost !== '' && bare(name) === bare(readHost));
  let domain = read;
  let source = 'public suffix list';
  if (canonical && canonical !== read) {
    const moved = !read || anonymousHost(readHost) || (!nameIsDomain && namesDomain(name, canonical) && !namesDomain(name, read));
    if (moved) {
      domain = canonical;
      source = 'canonical url';
    }
  }
  return { name: nameIsDomain ? domain : name, domain, source };
}

/**
 * The extraction with its provider settled (settleProvider) and its topics cleaned (cleanTopics):
 * what the popup is shown and `lede extract --json` prints.
 */
export function settleExtraction(extraction: Extraction, registrableDomain: RecordDefaults['registrableDomain']): Extraction {
  const { name, domain, source } = settleProvider(extraction, registrableDomain);
  const sources = { ...extraction.sources, providerDomain: source };
  if (name !== extraction.provider.name.trim()) sources.providerName = name === domain ? 'domain' : sources.providerName;
  const suggestedTopics = cleanTopics(extraction.suggestedTopics, extraction.title, [name, domain, hostOf(extraction.webUrl)]);
  if (!suggestedTopics.length) delete sources.suggestedTopics;
  return { ...extraction, provider: { name, domain }, suggestedTopics, sources };
}

export function recordFromExtraction(extraction: Extraction, defaults: RecordDefaults): LedeRecord {
  const { name, domain } = settleProvider(extraction, defaults.registrableDomain);
  const webUrl = extraction.webUrl.trim();
  return {
    category: defaults.category,
    // A record needs a title: an empty page is titled by its address, which the person can change.
    title: extraction.title.trim() || webUrl,
    // Cut, then trimmed again: a cut at the cap may end on a space.
    excerpt: cutCodePoints(extraction.excerpt.trim()).trimEnd(),
    publishedDateTime: extraction.publishedDateTime,
    originalUrl: extraction.originalUrl.trim() || webUrl,
    webUrl,
    type: extraction.type.trim() || DEFAULT_TYPE,
    quality: defaults.quality,
    heat: defaults.heat,
    published: defaults.published,
    provider: { name, domain },
    topics: [],
    related: [],
    body: '',
  };
}
