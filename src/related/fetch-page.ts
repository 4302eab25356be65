// Fetching a related page done right: redirects bounded and followed to the final address, no
// cookies, a 15 s deadline, at most 5 MB read (less when the <head> already answers), decoded by
// its declared charset. `fetch` is passed in, so Node tests drive every case without a network.
import { decodeHtml } from './charset.js';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface FetchPageOptions {
  fetch: FetchLike;
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  /** Asked once, with the page up to its `</head>`: true stops the read there (the parser may be elsewhere, so it may answer later). */
  headEnough?: (head: string, url: string) => boolean | Promise<boolean>;
}

export type FetchFailure = 'invalid-url' | 'not-web' | 'http-status' | 'not-html' | 'redirect-loop'
  | 'too-many-redirects' | 'timeout' | 'network' | 'unknown-charset';

export type FetchedPage =
  | { ok: true; url: string; html: string; charset: string; stoppedAt: 'end' | 'head' | 'limit' }
  /** `retryAfter`: the site's Retry-After header on an error status (a bulk fill waits that long). */
  | { ok: false; reason: FetchFailure; detail: string; retryAfter?: string };

export const FETCH_TIMEOUT_MS = 15_000;
export const MAX_PAGE_BYTES = 5 * 1024 * 1024;
export const MAX_REDIRECTS = 10;

const HTML_TYPES = /^(?:text\/html|application\/xhtml\+xml)$/i;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

class Failure extends Error {
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

/** Follows redirects one hop at a time where the platform shows them (Node); a browser hides them, so it follows itself. */
async function follow(start: string, options: FetchPageOptions, signal: AbortSignal): Promise<{ response: Response; url: string }> {
  const max = options.maxRedirects ?? MAX_REDIRECTS;
  const seen = new Set<string>();
  let url = start;
  for (let hop = 0; ; hop++) {
    seen.add(url);
    const init: RequestInit = { redirect: 'manual', credentials: 'omit', signal, headers: { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5' } };
    let response = await options.fetch(url, init);
    // Browsers answer a manual redirect with an opaque response that hides Location: let the browser follow
    // (it caps redirects at 20 and fails a loop, which then reads as a network failure).
    if (response.type === 'opaqueredirect') response = await options.fetch(url, { ...init, redirect: 'follow' });
    if (!REDIRECTS.has(response.status)) return { response, url: response.url || url };
    const location = response.headers.get('location');
    await response.body?.cancel().catch(() => undefined);
    if (!location) throw new Failure('http-status', String(response.status));
    const next = new URL(location, url);
    if (next.protocol !== 'http:' && next.protocol !== 'https:') throw new Failure('not-web', next.protocol);
    if (seen.has(next.href)) throw new Failure('redirect-loop', next.href);
    if (hop + 1 > max) throw new Failure('too-many-redirects', String(max));
    url = next.href;
  }
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
        const decoded = decodeHtml(join(chunks, total).subarray(0, end), contentType);
        if (decoded.ok && await options.headEnough!(decoded.text, url)) {
          await reader.cancel().catch(() => undefined);
          return { bytes: join(chunks, total).subarray(0, end), stoppedAt: 'head' };
        }
      }
    }
    if (total >= max) {
      await reader.cancel().catch(() => undefined);
      return { bytes: join(chunks, total), stoppedAt: 'limit' };
    }
  }
  return { bytes: join(chunks, total), stoppedAt: 'end' };
}

function join(chunks: Uint8Array[], total: number): Uint8Array {
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
      return { ok: true, url, html: decoded.text, charset: decoded.charset, stoppedAt };
    })()]);
  } catch (error) {
    if (error instanceof Failure) return { ok: false, reason: error.reason, detail: error.detail, ...(error.retryAfter ? { retryAfter: error.retryAfter } : {}) };
    if (controller.signal.aborted) return { ok: false, reason: 'timeout', detail: String(options.timeoutMs ?? FETCH_TIMEOUT_MS) };
    return { ok: false, reason: 'network', detail: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

