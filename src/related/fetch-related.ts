// Add by address: fetch the page, read it with the same engine, measure its lead image; or say why not.
import type { RelatedEntry } from '../record/types.js';
import type { RelatedDefaults } from './entry.js';
import type { CharsetSource } from './charset.js';
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
  /** The entry for the page's HTML read at `url`, and whether the read's time budget left stages out (`cut`). */
  entry(html: string, url: string, defaults: RelatedDefaults): ReaderEntry | Promise<ReaderEntry>;
}

export interface ReaderEntry {
  entry: RelatedEntry;
  cut: boolean;
}

export type RelatedFetchResult =
  | { ok: true; entry: RelatedEntry; finalUrl: string; stoppedAt: 'end' | 'head' | 'limit'; cut: boolean;
    charset: string; charsetSource: CharsetSource }
  | { ok: false; reason: FetchFailure | 'read-timeout'; detail: string; retryAfter?: string };

/** A reader that has not answered by then is given up on (a parse the engine's own budget could not stop). */
export const READ_WATCHDOG_MS = 10_000;

export interface RelatedFetchOptions {
  fetch: FetchLike;
  reader: RelatedReader;
  defaults: RelatedDefaults;
  /** Whether the person granted Lede this address: the lead image is measured only there. */
  hostAccess: (url: string) => boolean | Promise<boolean>;
  timeoutMs?: number;
  maxBytes?: number;
  redirects?: 'manual' | 'follow';
  watchdogMs?: number;
}

class ReadTimeout extends Error {}

function withWatchdog<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new ReadTimeout()), ms); });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

export async function fetchRelated(address: string, options: RelatedFetchOptions): Promise<RelatedFetchResult> {
  const { reader } = options;
  if (webAddress(address).ok) reader.prepare?.();
  const page = await fetchPage(address, {
    fetch: options.fetch, timeoutMs: options.timeoutMs, maxBytes: options.maxBytes, redirects: options.redirects,
    headEnough: (head, url) => reader.headAnswers(head, url),
  });
  if (!page.ok) return page;
  const watchdogMs = options.watchdogMs ?? READ_WATCHDOG_MS;
  let read: ReaderEntry;
  try {
    read = await withWatchdog(Promise.resolve(reader.entry(page.html, page.url, options.defaults)), watchdogMs);
  } catch (error) {
    if (error instanceof ReadTimeout) return { ok: false, reason: 'read-timeout', detail: String(Math.round(watchdogMs / 1000)) };
    throw error;
  }
  const { entry } = read;
  const image = entry.images[0];
  if (image && image.width === undefined) {
    const size = await measureImage(image.url, options.fetch, { hostAccess: options.hostAccess, redirects: options.redirects });
    if (size) entry.images[0] = { url: image.url, width: size.width, height: size.height, isCached: false };
  }
  return { ok: true, entry, finalUrl: page.url, stoppedAt: page.stoppedAt, cut: read.cut, charset: page.charset, charsetSource: page.charsetSource };
}
