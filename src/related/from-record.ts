// A related entry from a record already in the library: its own fields, nothing fetched.
import type { LedeRecord, RelatedEntry } from '../record/types.js';

/** The canonical address when it is on the record's reading site, else where it was read (as for a fetched page). */
function entryAddress(record: LedeRecord, domainOf: (host: string) => string): string {
  const host = (url: string) => {
    try {
      return new URL(url).hostname;
    } catch {
      return '';
    }
  };
  if (!record.originalUrl) return record.webUrl;
  if (!record.webUrl) return record.originalUrl;
  const site = domainOf(host(record.webUrl));
  return site && domainOf(host(record.originalUrl)) === site ? record.originalUrl : record.webUrl;
}

export function relatedFromRecord(record: LedeRecord, quality: number, domainOf: (host: string) => string): RelatedEntry {
  return {
    title: record.title,
    excerpt: record.excerpt,
    publishedDateTime: record.publishedDateTime,
    webUrl: entryAddress(record, domainOf),
    type: record.type,
    provider: { name: record.provider.name, domain: record.provider.domain },
    quality,
    images: [],
  };
}
