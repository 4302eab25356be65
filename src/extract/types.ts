// What extraction gives: the page's record fields, each with the source it came from.
import type { LedeRecord, RecordImage } from '../record/types.js';

/** Where a value was read: `json-ld`, `og:title`, `<title>`, `readability`, `url`, … */
export type Source = string;

/**
 * The record's own page fields (same meaning and form as in LedeRecord: excerpt ≤ 200 code points,
 * UTC date or null, canonical and reading addresses without tracking parameters), plus what the
 * page suggests.
 */
export interface Extraction extends Pick<LedeRecord,
  'title' | 'excerpt' | 'publishedDateTime' | 'originalUrl' | 'webUrl' | 'type'> {
  provider: { name: string; domain: string };
  images: RecordImage[];
  suggestedTopics: string[];
  /** For each field above, which source gave its value. */
  sources: Partial<Record<'title' | 'excerpt' | 'publishedDateTime' | 'originalUrl' | 'webUrl' |
    'type' | 'providerName' | 'providerDomain' | 'images' | 'suggestedTopics', Source>>;
}
