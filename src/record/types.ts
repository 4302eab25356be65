// The record: the data a saved article holds, as FORMAT.md describes it.

/** Values of keys the format does not know; kept and written back after the known keys. */
export type ExtraKeys = Record<string, unknown>;

export interface Provider {
  name: string;
  domain: string;
  extra?: ExtraKeys;
}

export interface RecordImage {
  url: string;
  width?: number;
  height?: number;
  isCached?: boolean;
  extra?: ExtraKeys;
}

export interface RelatedEntry {
  title: string;
  excerpt: string;
  publishedDateTime: string | null;
  webUrl: string;
  type: string;
  provider: Provider;
  quality: number;
  images: RecordImage[];
  extra?: ExtraKeys;
}

export interface LedeRecord {
  category: string;
  title: string;
  excerpt: string;
  /** UTC, `YYYY-MM-DDTHH:MM:SSZ`, or null when nobody knows. */
  publishedDateTime: string | null;
  originalUrl: string;
  webUrl: string;
  type: string;
  quality: number;
  heat: number;
  published: boolean;
  provider: Provider;
  topics: string[];
  related: RelatedEntry[];
  /** `base64(ciphertext);base64(iv)`; absent when the record holds no private data. */
  secured?: string;
  extra?: ExtraKeys;
  /** Markdown after the front matter, kept exactly. */
  body: string;
}

/** Key order of each object, as the reference record writes it. */
export const RECORD_KEYS = [
  'category', 'title', 'excerpt', 'publishedDateTime', 'originalUrl', 'webUrl', 'type',
  'quality', 'heat', 'published', 'provider', 'topics', 'related', 'secured',
] as const;
export const PROVIDER_KEYS = ['name', 'domain'] as const;
export const RELATED_KEYS = [
  'title', 'excerpt', 'publishedDateTime', 'webUrl', 'type', 'provider', 'quality', 'images',
] as const;
export const IMAGE_KEYS = ['url', 'width', 'height', 'isCached'] as const;

/** The longest excerpt the format keeps, in code points. */
export const EXCERPT_MAX = 200;

export const DEFAULT_CATEGORY = 'news';
export const DEFAULT_TYPE = 'article';
export const HEAT_UNSET = -1;
