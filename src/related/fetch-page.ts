// Fetching a related page done right: redirects followed one request per hop (at most 10, http(s) only,
// a loop named), no cookies, a 15 s deadline, at most 5 MB read (less when the <head> already answers),
// decoded by its declared charset or, undeclared, by its bytes. `fetch` is passed in, so Node tests drive
// every case without a network, and a browser's fetch can be given the redirects' Location (related-redirects.ts).
import { decodeHtml, type CharsetSource } from './charset.js';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface FetchPageOptions {
  fetch: FetchLike;
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  /** Asked once, with the page up to its `</head>`: true stops the read there (the parser may be elsewhere, so it may answer later). */
  headEnough?: (head: string, url: string) => boolean | Promise<boolean>;
  /**
   * `manual` (the default): each hop is its own request, its Location read, the cap and the scheme checked
   * here. `follow`: for a fetch that cannot show a redirect's Location (a browser's, without webRequest):
   * the platform follows (browsers stop at 20) and only the final address is checked.
   */
  redirects?: 'manual' | 'follow';
}

export type FetchFailure = 'invalid-url' | 'not-web' | 'http-status' | 'not-html' | 'redirect-loop'
  | 'too-many-redirects' | 'redirect-not-web' | 'redirect-failed' | 'timeout' | 'network' | 'unknown-charset';

export type FetchedPage =
  | { ok: true; url: string; html: string; charset: string; charsetSource: CharsetSource; stoppedAt: 'end' | 'head' | 'limit' }
  /** `retryAfter`: the site's Retry-After header on an error status (a bulk fill waits that long). */
  | { ok: false; reason: FetchFailure; detail: string; retryAfter?: string };

export const FETCH_TIMEOUT_MS = 15_000;
export const MAX_PAGE_BYTES = 5 * 1024 * 1024;
export const MAX_REDIRECTS = 10;
/** Where Chrome and Firefox stop following by themselves. */
const BROWSER_REDIRECTS = 20;

const HTML_TYPES = /^(?:text\/html|application\/xhtml\+xml)$/i;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export class Failure extends Error {
  constructor(readonly reason: FetchFailure, readonly detail = '', readonly retryAfter?: string) {
    super(reason);
  }
}

/** An http(s) address from what the person pasted, or the reason it is not one. */
export function webAddress(input: string): { ok: true; url: string } | { ok: false; reason: 'invalid-url' | 'not-web' } {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return { ok: false, reason: 'invalid-url' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: 'not-web' };
  return { ok: true, url: url.href };
}

const ACCEPT = 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5';

/**
 * The response at the end of the redirects from `start`, one request per hop. A platform that follows
 * by itself (`follow`) is checked afterwards: its final address must be http(s), and a failure after
 * a redirect is said as one (a browser does not say whether it was a loop, too many hops or a scheme).
 */
export async function followRedirects(start: string, fetch: FetchLike, init: RequestInit,
  mode: 'manual' | 'follow' = 'manual', max = MAX_REDIRECTS): Promise<{ response: Response; url: string }> {
  if (mode === 'follow') {
    const response = await fetch(start, { ...init, redirect: 'follow' }).catch(async (error: unknown) => {
      // Was it the redirects? One request without following tells (a redirect's answer is all it reads).
      const first = await fetch(start, { ...init, redirect: 'manual' }).catch(() => null);
      await first?.body?.cancel().catch(() => undefined);
      if (first && (first.type === 'opaqueredirect' || REDIRECTS.has(first.status))) throw new Failure('redirect-failed', String(BROWSER_REDIRECTS));
      throw error;
    });
    const url = response.url || start;
    if (!/^https?:/i.test(url)) throw new Failure('redirect-not-web', url.slice(0, 200));
    return { response, url };
  }
  const seen = new Set<string>();
  let url = start;
  for (let hop = 0; ; hop++) {
    seen.add(url);
    const response = await fetch(url, { ...init, redirect: 'manual' });
    // A platform that hides the Location (a browser's opaque redirect) cannot be followed by hand here.
    if (response.type === 'opaqueredirect') throw new Failure('redirect-failed', String(BROWSER_REDIRECTS));
    if (!REDIRECTS.has(response.status)) return { response, url: response.url || url };
    const location = response.headers.get('location');
    await response.body?.cancel().catch(() => undefined);
    if (!location) throw new Failure('http-status', String(response.status));
    let next: URL;
    try {
      next = new URL(location, url);
    } catch {
      throw new Failure('redirect-not-web', location.slice(0, 200));
    }
    if (next.protocol !== 'http:' && next.protocol !== 'https:') throw new Failure('redirect-not-web', next.href.slice(0, 200));
    if (seen.has(next.href)) throw new Failure('redirect-loop', next.href);
    if (hop + 1 > max) throw new Failure('too-many-redirects', String(max));
    url = next.href;
  }
}

async function follow(start: string, options: FetchPageOptions, signal: AbortSignal): Promise<{ response: Response; url: string }> {
  const init: RequestInit = { credentials: 'omit', signal, headers: { accept: ACCEPT } };
  return followRedirects(start, options.fetch, init, options.redirects ?? 'manual', options.maxRedirects ?? MAX_REDIRECTS);
}

const HEAD_END = /<\/head[\s>]/i;

async function readBody(response: Response, url: string, options: FetchPageOptions, contentType: string):
  Promise<{ bytes: Uint8Array; stoppedAt: 'end' | 'head' | 'limit' }> {
  const max = options.maxBytes ?? MAX_PAGE_BYTES;
  const reader = response.body?.getReader();
  if (!reader) {
    const all = new Uint8Array(await response.arrayBuffer());
    return all.length > max ? { bytes: all.subarray(0, max), stoppedAt: 'limit' } : { bytes: all, stoppedAt: 'end' };
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  let headChecked = !options.headEnough;
  let scanned = '';
  const latin1 = new TextDecoder('windows-1252');
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const room = max - total;
    const chunk = value.length > room ? value.subarray(0, room) : value;
    chunks.push(chunk);
    total += chunk.length;
    if (!headChecked) {
      // One character per byte, so the match's index is a byte offset; the tail keeps a tag split across chunks.
      const start = total - chunk.length - Math.min(scanned.length, 8);
      scanned = scanned.slice(-8) + latin1.decode(chunk);
      const match = HEAD_END.exec(scanned);
      if (match) {
        headChecked = true;
        const end = start + match.index + match[0].length;
        const decoded = decodeHtml(joinChunks(chunks, total).subarray(0, end), contentType);
        if (decoded.ok && await options.headEnough!(decoded.text, url)) {
          await reader.cancel().catch(() => undefined);
          return { bytes: joinChunks(chunks, total).subarray(0, end), stoppedAt: 'head' };
        }
      }
    }
    if (total >= max) {
      await reader.cancel().catch(() => undefined);
      return { bytes: joinChunks(chunks, total), stoppedAt: 'limit' };
    }
  }
  return { bytes: joinChunks(chunks, total), stoppedAt: 'end' };
}

/** The chunks as one array, kept as that one array in `chunks` (so asking again costs nothing). */
export function joinChunks(chunks: Uint8Array[], total = chunks.reduce((n, c) => n + c.length, 0)): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  chunks.splice(0, chunks.length, out);
  return out;
}

export async function fetchPage(input: string, options: FetchPageOptions): Promise<FetchedPage> {
  const address = webAddress(input);
  if (!address.ok) return { ok: false, reason: address.reason, detail: input.trim().slice(0, 200) };
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Failure('timeout', String(options.timeoutMs ?? FETCH_TIMEOUT_MS)));
    }, options.timeoutMs ?? FETCH_TIMEOUT_MS);
  });
  try {
    return await Promise.race([deadline, (async (): Promise<FetchedPage> => {
      const { response, url } = await follow(address.url, options, controller.signal);
      if (!response.ok) {
        await response.body?.cancel().catch(() => undefined);
        throw new Failure('http-status', String(response.status), response.headers.get('retry-after') ?? undefined);
      }
      const contentType = response.headers.get('content-type') ?? '';
      const mime = contentType.split(';')[0]!.trim();
      if (mime && !HTML_TYPES.test(mime)) {
        await response.body?.cancel().catch(() => undefined);
        throw new Failure('not-html', mime);
      }
      const { bytes, stoppedAt } = await readBody(response, url, options, contentType);
      const decoded = decodeHtml(bytes, contentType);
      if (!decoded.ok) throw new Failure('unknown-charset', decoded.charset);
      // Served without a type: HTML only if it looks like markup.
      if (!mime && !/^\s*</.test(decoded.text.replace(/^\uFEFF/, ''))) throw new Failure('not-html', 'unknown type');
      return { ok: true, url, html: decoded.text, charset: decoded.charset, charsetSource: decoded.source, stoppedAt };
    })()]);
  } catch (error) {
    if (error instanceof Failure) return { ok: false, reason: error.reason, detail: error.detail, ...(error.retryAfter ? { retryAfter: error.retryAfter } : {}) };
    if (controller.signal.aborted) return { ok: false, reason: 'timeout', detail: String(options.timeoutMs ?? FETCH_TIMEOUT_MS) };
    return { ok: false, reason: 'network', detail: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

