// What extraction gives: the page's record fields, each with the source it came from.
import type { RecordImage } from '../record/types.js';

/** Where a value was read: `json-ld`, `og:title`, `<title>`, `readability`, `url`, … */
export type Source = string;

export interface Extraction {
  title: string;
  /** At most 200 code points. */
  excerpt: string;
  /** UTC `YYYY-MM-DDTHH:MM:SSZ`, or null when the page gives no date. */
  publishedDateTime: string | null;
  /** Canonical address, absolute, tracking parameters removed. */
  originalUrl: string;
  /** The address the page was read at, tracking parameters removed. */
  webUrl: string;
  type: string;
  provider: { name: string; domain: string };
  images: RecordImage[];
  suggestedTopics: string[];
  /** For each field above, which source gave its value. */
  sources: Partial<Record<'title' | 'excerpt' | 'publishedDateTime' | 'originalUrl' | 'webUrl' |
    'type' | 'providerName' | 'providerDomain' | 'images' | 'suggestedTopics', Source>>;
}
