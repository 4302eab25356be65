// The browser's hidden redirects made visible: webRequest's status and Location handed to src/related as a
// plain 3xx, so a browser follows each hop itself, once, with the same cap and checks as Node.
import { describe, expect, it } from 'vitest';
import { redirectsShown, type HeadersReceivedEvent } from '../../src/background/related-redirects.js';
import { fetchPage, type FetchLike } from '../../src/related/fetch-page.js';

type Listener = Parameters<HeadersReceivedEvent['addListener']>[0];

/** A browser in miniature: manual redirects come back opaque, and webRequest tells their headers. */
function browserLike(routes: Record<string, { status: number; location?: string; body?: string }>) {
  const listeners = new Set<Listener>();
  const requests: string[] = [];
  const event: HeadersReceivedEvent = { addListener: (l) => listeners.add(l), removeListener: (l) => listeners.delete(l) };
  const fetch: FetchLike = async (url, init) => {
    requests.push(url);
    const route = routes[url];
    if (!route) throw new TypeError('Failed to fetch');
    for (const l of listeners) l({ url, statusCode: route.status, responseHeaders: route.location ? [{ name: 'Location', value: route.location }] : [] });
    if (route.location && init.redirect === 'manual') {
      return { type: 'opaqueredirect', status: 0, ok: false, url, headers: new Headers(), body: null } as unknown as Response;
    }
    return new Response(route.body ?? '', { status: route.status, headers: { 'content-type': 'text/html' } });
  };
  return { fetch: redirectsShown(fetch, { onHeadersReceived: event }), requests, listeners };
}

describe('redirectsShown', () => {
  it('follows each hop once, and leaves no listener behind', async () => {
    const b = browserLike({
      'http://a.test/1': { status: 301, location: '/2' },
      'http://a.test/2': { status: 302, location: 'http://b.test/3' },
      'http://b.test/3': { status: 200, body: '<title>Arrived</title>' },
    });
    expect(await fetchPage('http://a.test/1', { fetch: b.fetch })).toMatchObject({ ok: true, url: 'http://b.test/3' });
    expect(b.requests).toEqual(['http://a.test/1', 'http://a.test/2', 'http://b.test/3']);
    expect(b.listeners.size).toBe(0);
  });

  it('has the cap, the loop and the scheme said as in Node', async () => {
    const chain: Record<string, { status: number; location?: string }> = {};
    for (let i = 0; i < 15; i++) chain[`http://a.test/${i}`] = { status: 302, location: `/${i + 1}` };
    expect(await fetchPage('http://a.test/0', { fetch: browserLike(chain).fetch })).toEqual({ ok: false, reason: 'too-many-redirects', detail: '10' });
    const loop = browserLike({ 'http://a.test/p': { status: 302, location: '/q' }, 'http://a.test/q': { status: 308, location: '/p' } });
    expect(await fetchPage('http://a.test/p', { fetch: loop.fetch })).toMatchObject({ ok: false, reason: 'redirect-loop' });
    const ftp = browserLike({ 'http://a.test/f': { status: 302, location: 'ftp://a.test/f' } });
    expect(await fetchPage('http://a.test/f', { fetch: ftp.fetch })).toMatchObject({ ok: false, reason: 'redirect-not-web' });
  });
});
