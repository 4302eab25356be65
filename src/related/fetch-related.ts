// Add by address: fetch the page, read it with the same engine, measure its lead image; or say why not.
import type { RelatedEntry } from '../record/types.js';
import type { RelatedDefaults } from './entry.js';
import { fetchPage, webAddress, type FetchFailure, type FetchLike } from './fetch-page.js';
import { measureImage } from './measure-image.js';

/**
 * Where the fetched text is parsed and read: Chrome's offscreen document (a service worker has no DOMParser),
 * Firefox's background page, or linkedom in Node. Either may answer at once or later.
 */
export interface RelatedReader {
  /** Called as the fetch starts: a parser that takes time to start (an offscreen document) starts alongside. */
  prepare?(): void;
  /** Whether the page's <head> alone answers every field (the read then stops there). */
  headAnswers(head: string, url: string): boolean | Promise<boolean>;
  /** The entry for the page's HTML read at `url`. */
  entry(html: string, url: string, defaults: RelatedDefaults): RelatedEntry | Promise<RelatedEntry>;
}

export type RelatedFetchResult =
  | { ok: true; entry: RelatedEntry; finalUrl: string; stoppedAt: 'end' | 'head' | 'limit' }
  | { ok: false; reason: FetchFailure; detail: string; retryAfter?: string };

export interface RelatedFetchOptions {
  fetch: FetchLike;
  reader: RelatedReader;
  defaults: RelatedDefaults;
  timeoutMs?: number;
  maxBytes?: number;
}

export async function fetchRelated(address: string, options: RelatedFetchOptions): Promise<RelatedFetchResult> {
  const { reader } = options;
  if (webAddress(address).ok) reader.prepare?.();
  const page = await fetchPage(address, {
    fetch: options.fetch, timeoutMs: options.timeoutMs, maxBytes: options.maxBytes,
    headEnough: (head, url) => reader.headAnswers(head, url),
  });
  if (!page.ok) return page;
  const entry = await reader.entry(page.html, page.url, options.defaults);
  const image = entry.images[0];
  if (image && image.width === undefined) {
    const size = await measureImage(image.url, options.fetch);
    if (size) entry.images[0] = { url: image.url, width: size.width, height: size.height, isCached: false };
  }
  return { ok: true, entry, finalUrl: page.url, stoppedAt: page.stoppedAt };
}
