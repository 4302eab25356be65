// An image fetched within bounds: only from hosts the person granted for reading related pages (each
// redirect hop asked again), no cookies, the page fetcher's 15 s deadline over the whole read, and bytes
// counted as they arrive (a body that never ends is cut at the cap, whatever its header declared).
import { FETCH_TIMEOUT_MS, Failure, followRedirects, joinChunks, MAX_REDIRECTS, type FetchLike } from './fetch-page.js';

export type ImageFailure = 'not-web' | 'no-access' | 'http-status' | 'too-large' | 'timeout' | 'network'
  | 'redirect-loop' | 'too-many-redirects' | 'redirect-not-web' | 'redirect-failed';

export type FetchedImage =
  | { ok: true; url: string; bytes: Uint8Array; type: string; complete: boolean }
  | { ok: false; reason: ImageFailure; detail: string };

export interface ImageFetchOptions {
  fetch: FetchLike;
  /** Whether the person let Lede read pages at this address: asked before every request, redirects included. */
  hostAccess: (url: string) => boolean | Promise<boolean>;
  timeoutMs?: number;
  /** More than this fails as too large; with `prefix`, reading stops there instead (a header read). */
  maxBytes: number;
  /** Read only until `enough(bytes)` says so, or maxBytes, and answer with what was read. */
  enough?: (bytes: Uint8Array) => boolean;
  redirects?: 'manual' | 'follow';
}

/** A hop to a host the person has not granted: no request is made. */
class NoAccess extends Error {
  constructor(readonly address: string) {
    super('no access');
  }
}

export async function fetchImageBounded(url: string, options: ImageFetchOptions): Promise<FetchedImage> {
  if (!/^https?:\/\//i.test(url)) return { ok: false, reason: 'not-web', detail: url.slice(0, 100) };
  const timeoutMs = options.timeoutMs ?? FETCH_TIMEOUT_MS;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  // Every hop's host is asked before its request goes out.
  const guarded: FetchLike = async (address, init) => {
    if (!(await options.hostAccess(address))) throw new NoAccess(address);
    return options.fetch(address, init);
  };
  try {
    const { response, url: finalUrl } = await followRedirects(url, guarded,
      { credentials: 'omit', signal: controller.signal, headers: { accept: 'image/*' } }, options.redirects ?? 'manual', MAX_REDIRECTS);
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      return { ok: false, reason: 'http-status', detail: String(response.status) };
    }
    const type = response.headers.get('content-type') ?? '';
    const declared = Number(response.headers.get('content-length') ?? 0);
    if (!options.enough && declared > options.maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      return { ok: false, reason: 'too-large', detail: String(options.maxBytes) };
    }
    const reader = response.body?.getReader();
    if (!reader) {
      const all = new Uint8Array(await response.arrayBuffer());
      if (all.length > options.maxBytes && !options.enough) return { ok: false, reason: 'too-large', detail: String(options.maxBytes) };
      return { ok: true, url: finalUrl, bytes: all.subarray(0, options.maxBytes), type, complete: all.length <= options.maxBytes };
    }
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (total + value.length > options.maxBytes) {
        await reader.cancel().catch(() => undefined);
        if (!options.enough) return { ok: false, reason: 'too-large', detail: String(options.maxBytes) };
        chunks.push(value.subarray(0, options.maxBytes - total));
        return { ok: true, url: finalUrl, bytes: joinChunks(chunks), type, complete: false };
      }
      chunks.push(value);
      total += value.length;
      if (options.enough?.(joinChunks(chunks))) {
        await reader.cancel().catch(() => undefined);
        return { ok: true, url: finalUrl, bytes: joinChunks(chunks), type, complete: false };
      }
    }
    return { ok: true, url: finalUrl, bytes: joinChunks(chunks), type, complete: true };
  } catch (error) {
    if (error instanceof NoAccess) return { ok: false, reason: 'no-access', detail: error.address };
    if (error instanceof Failure) return { ok: false, reason: error.reason as ImageFailure, detail: error.detail };
    if (controller.signal.aborted) return { ok: false, reason: 'timeout', detail: String(timeoutMs) };
    return { ok: false, reason: 'network', detail: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
