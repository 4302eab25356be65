// The record for a page not yet saved: what extraction read, plus the person's defaults from settings.
import { getDomain } from 'tldts';
import { registrableDomainWith } from '../extract/domain.js';
import type { Extraction } from '../extract/types.js';
import { cutCodePoints, DEFAULT_TYPE, isWebUrl, type LedeRecord } from '../record/index.js';
import type { Settings } from '../shared/settings.js';

/** The registrable domain (public-suffix aware) of a host or address; the host itself when it has none. */
export function registrableDomain(hostOrUrl: string): string {
  const value = hostOrUrl.trim().toLowerCase();
  if (!value) return '';
  let host = value;
  if (value.includes('/')) {
    try {
      host = new URL(value).hostname;
    } catch {
      return '';
    }
  }
  // The same rule as the CLI: private suffixes and blog platforms keep the publisher's own label.
  return registrableDomainWith(getDomain, host);
}

/**
 * The publication's registrable domain and where it was read: the canonical address names the
 * publisher even when the page was read elsewhere (AMP cache, syndication, a mirror, a local copy);
 * else the domain extraction gave, which is the host the page was read at.
 */
export function providerDomain(extraction: Extraction): { domain: string; source: string } {
  if (isWebUrl(extraction.originalUrl)) {
    const domain = registrableDomain(extraction.originalUrl);
    if (domain) return { domain, source: 'canonical url' };
  }
  const domain = registrableDomain(extraction.provider.domain) || registrableDomain(extraction.webUrl);
  return { domain, source: 'public suffix list' };
}

export function recordFromExtraction(extraction: Extraction, settings: Settings): LedeRecord {
  const { domain } = providerDomain(extraction);
  const category = settings.categories.includes(settings.defaultCategory)
    ? settings.defaultCategory
    : settings.categories[0] ?? 'news';
  return {
    category,
    title: extraction.title.trim(),
    excerpt: cutCodePoints(extraction.excerpt.trim()),
    publishedDateTime: extraction.publishedDateTime,
    originalUrl: extraction.originalUrl || extraction.webUrl,
    webUrl: extraction.webUrl,
    type: extraction.type || DEFAULT_TYPE,
    quality: settings.defaultQuality,
    heat: settings.defaultHeat,
    published: settings.defaultPublished,
    provider: { name: extraction.provider.name.trim() || domain, domain },
    topics: [],
    related: [],
    body: '',
  };
}
