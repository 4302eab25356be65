// Dates a page declares in its metadata (JSON-LD, meta tags): the metadata bundle reads these.
import { parseMachineDate, type DateParts } from './date-machine.js';
import type { Page } from './page.js';
import { cleanText } from './text.js';

export interface DateCandidate {
  parts: DateParts;
  source: string;
  /** 1 = the article's own structured data … 5 = relative (date-trust.ts). */
  rank: number;
  /** Beside the headline: every day shown there (a declared date that is one of them stands). */
  shownDays?: DateParts[];
  /** Numbers that read both day-first and month-first: no evidence against a declared day. */
  ambiguous?: boolean;
}

/** Reads one date text; the metadata bundle passes the machine reader, the article stage the full one. */
export type DateReader = (text: string) => DateParts | null;

/** Meta names that state the first publication, most specific first. */
const PUBLISHED_META = [
  'article:published_time', 'og:article:published_time', 'article:published', 'published_time',
  'og:published_time', 'datepublished', 'sailthru.date', 'parsely-pub-date', 'article.published',
  'publishdate', 'publish-date', 'publish_date', 'pubdate', 'dc.date.issued', 'dcterms.issued',
  'citation_publication_date', 'citation_date', 'dc.date.created', 'dcterms.created',
];
/** Meta names that give a date without saying which one: weaker. */
const GENERIC_META = ['date', 'dc.date', 'dcterms.date', 'datecreated', 'created'];
export const MODIFIED_META = [
  'article:modified_time', 'og:updated_time', 'datemodified', 'last-modified', 'dc.date.modified',
  'dcterms.modified', 'article.updated', 'lastmod', 'revised',
];

export function addCandidate(out: DateCandidate[], read: DateReader, text: string | null | undefined, source: string, rank: number): void {
  if (!text) return;
  const parts = read(cleanText(text));
  if (parts) out.push({ parts, source, rank });
}

/** JSON-LD and meta dates, read with `read`. */
export function declaredDates(page: Page, read: DateReader = parseMachineDate): DateCandidate[] {
  const out: DateCandidate[] = [];
  const main = page.article;
  if (main) {
    addCandidate(out, read, String(main['datePublished'] ?? ''), 'json-ld datePublished', 1);
    addCandidate(out, read, String(main['dateCreated'] ?? ''), 'json-ld dateCreated', 2);
  }
  for (const key of PUBLISHED_META) for (const value of page.meta.get(key) ?? []) addCandidate(out, read, value, key, 1);
  for (const key of GENERIC_META) for (const value of page.meta.get(key) ?? []) addCandidate(out, read, value, key, 2);
  return out;
}

/** Dates the page gives as its last modification: a published date equal to one is suspect. */
export function modifiedDates(page: Page): DateParts[] {
  const out: DateParts[] = [];
  const main = page.article;
  if (main) {
    const parts = parseMachineDate(cleanText(String(main['dateModified'] ?? '')));
    if (parts) out.push(parts);
  }
  for (const key of MODIFIED_META) {
    for (const value of page.meta.get(key) ?? []) {
      const parts = parseMachineDate(cleanText(value));
      if (parts) out.push(parts);
    }
  }
  return out;
}
