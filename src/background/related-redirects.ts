// A browser's fetch that shows redirects: with `redirect: 'manual'` Chrome and Firefox answer an opaque
// response that hides the status and Location, even to an extension with host access. webRequest does
// show them (for hosts Lede may read), so each hop's answer is read there and given to src/related as
// the response Node's fetch would have given: one request per hop, the cap and checks in one place.
import type { FetchLike } from '../related/fetch-page.js';

interface HeadersDetails {
  url: string;
  statusCode: number;
  responseHeaders?: Array<{ name: string; value?: string }>;
}

/** The part of `webRequest.onHeadersReceived` used here. */
export interface HeadersReceivedEvent {
  addListener(callback: (details: HeadersDetails) => void, filter: { urls: string[]; types?: string[] }, extra?: string[]): void;
  removeListener(callback: (details: HeadersDetails) => void): void;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** webRequest reports addresses without their fragment. */
const withoutFragment = (url: string): string => url.replace(/#.*$/, '');

/** The match pattern of an address's host (webRequest's patterns carry no port). */
function hostPattern(url: string): string | null {
  try {
    const u = new URL(url);
    return /^https?:$/.test(u.protocol) ? `${u.protocol}//${u.hostname}/*` : null;
  } catch {
    return null;
  }
}

/**
 * `fetch` whose manual redirects come back as a plain 3xx with their Location, read from webRequest;
 * an answer webRequest did not show stays opaque (and src/related says the redirect could not be followed).
 */
export function redirectsShown(fetch: FetchLike, headersReceived: HeadersReceivedEvent): FetchLike {
  return async (url, init) => {
    const pattern = init.redirect === 'manual' ? hostPattern(url) : null;
    if (!pattern) return fetch(url, init);
    const wanted = withoutFragment(url);
    let seen: { status: number; location: string } | null = null;
    const listener = (details: HeadersDetails): void => {
      if (details.url !== wanted || !REDIRECTS.has(details.statusCode)) return;
      const location = details.responseHeaders?.find((h) => h.name.toLowerCase() === 'location')?.value;
      if (location !== undefined) seen = { status: details.statusCode, location };
    };
    headersReceived.addListener(listener, { urls: [pattern], types: ['xmlhttprequest', 'other', 'image'] }, ['responseHeaders']);
    try {
      const response = await fetch(url, init);
      const shown = seen as { status: number; location: string } | null;
      if (response.type !== 'opaqueredirect' || !shown) return response;
      return new Response(null, { status: shown.status, headers: { location: shown.location } });
    } finally {
      headersReceived.removeListener(listener);
    }
  };
}
