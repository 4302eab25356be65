// A related entry from an extraction: the same fields the record's own page gets, in the entry's shape.
import type { Extraction } from '../extract/types.js';
import { recordFromExtraction } from '../extract/to-record.js';
import { DEFAULT_CATEGORY, HEAT_UNSET, type RelatedEntry } from '../record/types.js';

export interface RelatedDefaults {
  /** The quality a new entry starts with (the settings' default quality). */
  quality: number;
}

/** What a new entry starts with when nobody says otherwise (the settings' own default). */
export const DEFAULT_RELATED: RelatedDefaults = { quality: 50 };

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

/**
 * `webUrl` is the canonical address when it is on the same site as the page that was read (so
 * two ways into one article give one entry), else the address the page was read at: a canonical
 * on another site may be a syndication source or a template mistake, and the entry links what was read.
 * Both are already cleaned of tracking parameters by extraction.
 */
export function relatedWebUrl(extraction: Extraction, domainOf: (host: string) => string): string {
  const read = extraction.webUrl;
  const canonical = extraction.originalUrl;
  if (!canonical || canonical === read) return read;
  const site = domainOf(hostOf(read));
  return site && domainOf(hostOf(canonical)) === site ? canonical : read;
}

/** The entry is the record the page would make (one builder: recordFromExtraction), in the entry's shape. */
export function relatedFromExtraction(extraction: Extraction, domainOf: (host: string) => string,
  defaults: RelatedDefaults = DEFAULT_RELATED): RelatedEntry {
  const record = recordFromExtraction(extraction, {
    category: DEFAULT_CATEGORY, quality: defaults.quality, heat: HEAT_UNSET, published: false, registrableDomain: domainOf,
  });
  const lead = extraction.images[0];
  return {
    title: record.title,
    excerpt: record.excerpt,
    publishedDateTime: record.publishedDateTime,
    webUrl: relatedWebUrl(extraction, domainOf),
    type: record.type,
    provider: record.provider,
    quality: record.quality,
    // The lead image only; no copy of it is kept yet, so it is not cached.
    images: lead ? [{ url: lead.url, ...(lead.width && lead.height ? { width: lead.width, height: lead.height } : {}), isCached: false }] : [],
  };
}
