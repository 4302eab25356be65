// Add by address: fetch the page, read it with the same engine, measure its lead image; or say why not.
import type { RelatedEntry } from '../record/types.js';
import type { RelatedDefaults } from './entry.js';
import { fetchPage, type FetchFailure, type FetchLike } from './fetch-page.js';
import { headAnswers, relatedFromHtml } from './from-html.js';
import { measureImage } from './measure-image.js';

export type RelatedFetchResult =
  | { ok: true; entry: RelatedEntry; finalUrl: string; stoppedAt: 'end' | 'head' | 'limit' }
  | { ok: false; reason: FetchFailure; detail: string };

export interface RelatedFetchOptions {
  fetch: FetchLike;
  defaults: RelatedDefaults;
  timeoutMs?: number;
  maxBytes?: number;
}

export async function fetchRelated(address: string, options: RelatedFetchOptions): Promise<RelatedFetchResult> {
  const page = await fetchPage(address, {
    fetch: options.fetch, timeoutMs: options.timeoutMs, maxBytes: options.maxBytes, headEnough: headAnswers,
  });
  if (!page.ok) return page;
  const entry = relatedFromHtml(page.html, page.url, options.defaults);
  const image = entry.images[0];
  if (image && image.width === undefined) {
    const size = await measureImage(image.url, options.fetch);
    if (size) entry.images[0] = { url: image.url, width: size.width, height: size.height, isCached: false };
  }
  return { ok: true, entry, finalUrl: page.url, stoppedAt: page.stoppedAt };
}
