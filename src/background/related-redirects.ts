// A browser's fetch that shows redirects: with `redirect: 'manual'` Chrome and Firefox answer an opaque
// response that hides the status and Location, even to an extension with host access. webRequest does
// show them (for hosts Lede may read), so each hop's answer is read there and given to src/related as
// the response Node's fetch would have given: one request per hop, the cap and checks in one place.
import { Failure, type FetchLike } from '../related/fetch-page.js';

interface HeadersDetails {
  url: string;
  statusCode: number;
  responseHeaders?: Array<{ name: string; value?: string }>;
}

interface Event<D> {
  addListener(callback: (details: D) => void, filter: { urls: string[]; types?: string[] }, extra?: string[]): void;
  removeListener(callback: (details: D) => void): void;
}

/** The part of `webRequest.onHeadersReceived` used here. */
export type HeadersReceivedEvent = Event<HeadersDetails>;

/** The parts of `webRequest` used here. */
export interface WebRequestEvents {
  onHeadersReceived: HeadersReceivedEvent;
  /** Chrome ends a redirect to another scheme (ftp:, data:) with an error and no headers. */
  onErrorOccurred?: Event<{ url: string; error: string }>;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** How long the redirect's webRequest event may trail its response. */
const SHOWN_WAIT_MS = 2_000;

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
export function redirectsShown(fetch: FetchLike, events: WebRequestEvents, waitMs = SHOWN_WAIT_MS): FetchLike {
  return async (url, init) => {
    const pattern = init.redirect === 'manual' ? hostPattern(url) : null;
    if (!pattern) return fetch(url, init);
    const wanted = withoutFragment(url);
    type Seen = { status: number; location: string } | 'unsafe';
    let shown: (value: Seen) => void = () => undefined;
    const seen = new Promise<Seen>((resolve) => { shown = resolve; });
    const listener = (details: HeadersDetails): void => {
      if (details.url !== wanted || !REDIRECTS.has(details.statusCode)) return;
      const location = details.responseHeaders?.find((h) => h.name.toLowerCase() === 'location')?.value;
      if (location !== undefined) shown({ status: details.statusCode, location });
    };
    const failed = (details: { url: string; error: string }): void => {
      if (details.url === wanted && /UNSAFE_REDIRECT/.test(details.error)) shown('unsafe');
    };
    const filter = { urls: [pattern], types: ['xmlhttprequest', 'other', 'image'] };
    events.onHeadersReceived.addListener(listener, filter, ['responseHeaders']);
    events.onErrorOccurred?.addListener(failed, filter);
    let timer: ReturnType<typeof setTimeout> | undefined;
    // The event reaches the worker on its own schedule, sometimes after the response.
    const redirectSeen = () => Promise.race([seen, new Promise<null>((resolve) => { timer = setTimeout(() => resolve(null), waitMs); })]);
    const asResponse = (redirect: { status: number; location: string }) =>
      new Response(null, { status: redirect.status, headers: { location: redirect.location } });
    try {
      let response: Response;
      try {
        response = await fetch(url, init);
      } catch (error) {
        // Chrome fails a redirect to another scheme (ftp:, data:) even unfollowed: the redirect itself is the answer.
        const redirect = await redirectSeen();
        if (redirect === 'unsafe') throw new Failure('redirect-not-web', '');
        if (redirect) return asResponse(redirect);
        throw error;
      }
      if (response.type !== 'opaqueredirect') return response;
      const redirect = await redirectSeen();
      return redirect && redirect !== 'unsafe' ? asResponse(redirect) : response;
    } finally {
      clearTimeout(timer);
      events.onHeadersReceived.removeListener(listener);
      events.onErrorOccurred?.removeListener(failed);
    }
  };
}
