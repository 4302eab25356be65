// The typed map of messages from the background to its offscreen document (Chrome only): work that
// needs a window, which a service worker is not. Each feature adds its own names here.
import type { RelatedEntry } from '../record/types.js';

export interface OffscreenMessages {
  /**
   * Answers once the document is loaded and listening; `busy` while it does lasting work (a folder watch), so
   * a background that restarted and forgot who held the document does not close it when idle.
   */
  'offscreen/ping': { request: Record<string, never>; response: { ready: true; busy: boolean } };
  /** Related entries (src/offscreen/related.ts): whether a fetched page's <head> alone answers every field. */
  'related/head-answers': { request: { head: string; url: string }; response: { answers: boolean } };
  /** Related entries: a page the background fetched, parsed with DOMParser and read into an entry. */
  'related/read': { request: { html: string; url: string; quality: number }; response: { entry: RelatedEntry; cut: boolean } };
  /**
   * Folder sync's watcher: `on` starts watching the chosen folder (or answers the watch already running),
   * off stops it. `generation`: the watch's id, changed whenever it may have missed an event; null when not watching.
   */
  'sync/watch': { request: { on: boolean }; response: { generation: string | null } };
}

export type OffscreenName = keyof OffscreenMessages;
export type OffscreenRequest<K extends OffscreenName> = OffscreenMessages[K]['request'];
export type OffscreenResponse<K extends OffscreenName> = OffscreenMessages[K]['response'];

/** Tagged `offscreen: 1` so Lede's other pages, which hear every runtime message too, leave it alone. */
export interface OffscreenEnvelope<K extends OffscreenName = OffscreenName> {
  offscreen: 1;
  type: K;
  payload: OffscreenRequest<K>;
}

export type OffscreenHandlers = { [K in OffscreenName]: (payload: OffscreenRequest<K>) => Promise<OffscreenResponse<K>> };

/** A failure inside the document, sent back as data: runtime messaging does not carry errors. */
export interface OffscreenFailure {
  offscreenError: string;
}

export function isOffscreenEnvelope(value: unknown): value is OffscreenEnvelope {
  return typeof value === 'object' && value !== null && (value as { offscreen?: unknown }).offscreen === 1 &&
    typeof (value as { type?: unknown }).type === 'string';
}

export function isOffscreenFailure(value: unknown): value is OffscreenFailure {
  return typeof value === 'object' && value !== null && typeof (value as OffscreenFailure).offscreenError === 'string';
}
