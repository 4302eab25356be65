// Fetching a related page through an injected fetch: redirects, limits, timeouts, types, statuses, no cookies.
import { describe, expect, it } from 'vitest';
import { fetchPage, webAddress, type FetchLike } from '../../src/related/fetch-page.js';

type Route = (init: RequestInit) => Response | Promise<Response>;

function fakeFetch(routes: Record<string, Route>) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fetch: FetchLike = async (url, init) => {
    calls.push({ url, init });
    const route = routes[url];
    if (!route) throw new TypeError('fetch failed');
    return route(init);
  };
  return { fetch, calls };
}

const html = (body: string, type = 'text/html; charset=utf-8') => () => new Response(body, { headers: { 'content-type': type } });
const redirect = (to: string, status = 302) => () => new Response(null, { status, headers: { location: to } });

/** A body that streams `total` bytes in 64 KB chunks, counting what was pulled. */
function streamed(total: number, prefix = '<html><head><title>Big</title></head><body>') {
  let sent = 0;
  const pulled = { bytes: 0 };
  const start = new TextEncoder().encode(prefix);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) return controller.close();
      const chunk = sent === 0 ? start : new Uint8Array(Math.min(65536, total - sent)).fill(0x61);
      sent += chunk.length;
      pulled.bytes = sent;
      controller.enqueue(chunk);
    },
  });
  return { route: () => new Response(stream, { headers: { 'content-type': 'text/html' } }), pulled };
}

describe('fetchPage', () => {
  it('follows redirects to the final address, without cookies', async () => {
    const { fetch, calls } = fakeFetch({
      'http://a.test/x': redirect('/y', 301),
      'http://a.test/y': redirect('https://b.test/z?q=1', 308),
      'https://b.test/z?q=1': html('<html><head><title>Here</title></head></html>'),
    });
    const page = await fetchPage(' http://a.test/x ', { fetch });
    expect(page).toMatchObject({ ok: true, url: 'https://b.test/z?q=1', stoppedAt: 'end' });
    expect(page.ok && page.html).toContain('<title>Here</title>');
    expect(calls.every((c) => c.init.credentials === 'omit')).toBe(true);
  });

  it('at most 10 redirects; a loop is named as one', async () => {
    const routes: Record<string, Route> = {};
    for (let i = 0; i < 11; i++) routes[`http://a.test/${i}`] = redirect(`http://a.test/${i + 1}`);
    routes['http://a.test/11'] = html('<title>end</title>');
    expect(await fetchPage('http://a.test/1', { fetch: fakeFetch(routes).fetch })).toMatchObject({ ok: true, url: 'http://a.test/11' });
    expect(await fetchPage('http://a.test/0', { fetch: fakeFetch(routes).fetch })).toEqual({ ok: false, reason: 'too-many-redirects', detail: '10' });
    const loop = fakeFetch({ 'http://a.test/p': redirect('/q'), 'http://a.test/q': redirect('/p') });
    expect(await fetchPage('http://a.test/p', { fetch: loop.fetch })).toMatchObject({ ok: false, reason: 'redirect-loop' });
    const toFile = fakeFetch({ 'http://a.test/f': redirect('file:///etc/passwd') });
    expect(await fetchPage('http://a.test/f', { fetch: toFile.fetch })).toMatchObject({ ok: false, reason: 'redirect-not-web' });
  });

  it('a hidden Location is said, not fetched again; where the platform follows by itself (`follow`), its final address is taken', async () => {
    let calls = 0;
    const opaque: FetchLike = async () => {
      calls++;
      return { type: 'opaqueredirect', status: 0, ok: false, url: '', headers: new Headers(), body: null } as unknown as Response;
    };
    expect(await fetchPage('https://start.test/', { fetch: opaque })).toEqual({ ok: false, reason: 'redirect-failed', detail: '20' });
    expect(calls).toBe(1);
    const fetch: FetchLike = async (_url, init) => {
      // What a browser answers a manual redirect with: no status, no Location.
      if (init.redirect === 'manual') return { type: 'opaqueredirect', status: 0, ok: false, url: '', headers: new Headers(), body: null } as unknown as Response;
      const r = new Response('<title>t</title>', { headers: { 'content-type': 'text/html' } });
      Object.defineProperty(r, 'url', { value: 'https://final.test/a' });
      return r;
    };
    expect(await fetchPage('https://start.test/', { fetch, redirects: 'follow' })).toMatchObject({ ok: true, url: 'https://final.test/a' });
  });

  it('refuses what is not an http(s) address, before any fetch', async () => {
    const { fetch, calls } = fakeFetch({});
    expect(await fetchPage('not a url', { fetch })).toMatchObject({ ok: false, reason: 'invalid-url' });
    expect(await fetchPage('ftp://a.test/x', { fetch })).toMatchObject({ ok: false, reason: 'not-web' });
    expect(await fetchPage('javascript:alert(1)', { fetch })).toMatchObject({ ok: false, reason: 'not-web' });
    expect(calls).toHaveLength(0);
    expect(webAddress('https://a.test')).toEqual({ ok: true, url: 'https://a.test/' });
  });

  it('names a 404 and a 500, a PDF, an image and JSON', async () => {
    const { fetch } = fakeFetch({
      'http://a.test/404': () => new Response('gone', { status: 404 }),
      'http://a.test/500': () => new Response('oops', { status: 500 }),
      'http://a.test/pdf': html('%PDF-1.4', 'application/pdf'),
      'http://a.test/png': html('x', 'image/png'),
      'http://a.test/json': html('{}', 'application/json; charset=utf-8'),
      'http://a.test/untyped-json': () => new Response('{"a":1}'),
    });
    expect(await fetchPage('http://a.test/404', { fetch })).toEqual({ ok: false, reason: 'http-status', detail: '404' });
    expect(await fetchPage('http://a.test/500', { fetch })).toEqual({ ok: false, reason: 'http-status', detail: '500' });
    expect(await fetchPage('http://a.test/pdf', { fetch })).toEqual({ ok: false, reason: 'not-html', detail: 'application/pdf' });
    expect(await fetchPage('http://a.test/png', { fetch })).toEqual({ ok: false, reason: 'not-html', detail: 'image/png' });
    expect(await fetchPage('http://a.test/json', { fetch })).toEqual({ ok: false, reason: 'not-html', detail: 'application/json' });
    // new Response(string) says text/plain itself.
    expect(await fetchPage('http://a.test/untyped-json', { fetch })).toMatchObject({ ok: false, reason: 'not-html' });
  });

  it('a fetch that hangs ends at the deadline, and so does a body that stops arriving', async () => {
    const hang: FetchLike = (_url, init) => new Promise((_, reject) => init.signal?.addEventListener('abort', () => reject(new Error('aborted'))));
    expect(await fetchPage('http://a.test/', { fetch: hang, timeoutMs: 50 })).toEqual({ ok: false, reason: 'timeout', detail: '50' });
    const stuck: FetchLike = async () => new Response(new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode('<html>')); } }), { headers: { 'content-type': 'text/html' } });
    expect(await fetchPage('http://a.test/', { fetch: stuck, timeoutMs: 50 })).toMatchObject({ ok: false, reason: 'timeout' });
  });

  it('a network failure is named', async () => {
    expect(await fetchPage('http://nowhere.test/', { fetch: fakeFetch({}).fetch })).toMatchObject({ ok: false, reason: 'network', detail: 'fetch failed' });
  });

  it('stops reading at 5 MB', async () => {
    const big = streamed(20 * 1024 * 1024);
    const page = await fetchPage('http://a.test/big', { fetch: fakeFetch({ 'http://a.test/big': big.route }).fetch });
    expect(page).toMatchObject({ ok: true, stoppedAt: 'limit' });
    expect(page.ok && page.html.length).toBe(5 * 1024 * 1024);
    expect(big.pulled.bytes).toBeLessThan(6 * 1024 * 1024);
  });

  it('stops at </head> when the head answers, and reads on when it does not', async () => {
    const body = streamed(3 * 1024 * 1024);
    const asked: string[] = [];
    const page = await fetchPage('http://a.test/h', {
      fetch: fakeFetch({ 'http://a.test/h': body.route }).fetch,
      headEnough: (head) => { asked.push(head); return true; },
    });
    expect(page).toMatchObject({ ok: true, stoppedAt: 'head', html: '<html><head><title>Big</title></head>' });
    expect(asked).toEqual(['<html><head><title>Big</title></head>']);
    expect(body.pulled.bytes).toBeLessThan(200_000);
    const whole = streamed(300_000);
    const read = await fetchPage('http://a.test/w', { fetch: fakeFetch({ 'http://a.test/w': whole.route }).fetch, headEnough: () => false });
    expect(read).toMatchObject({ ok: true, stoppedAt: 'end' });
    expect(read.ok && read.html.length).toBe(300_000);
  });

  it('finds </head> split across two chunks', async () => {
    const parts = ['<html><head><title>x</title></he', 'ad><body>', 'rest'];
    const stream = new ReadableStream<Uint8Array>({ pull(c) { const p = parts.shift(); if (p) c.enqueue(new TextEncoder().encode(p)); else c.close(); } });
    const page = await fetchPage('http://a.test/s', {
      fetch: async () => new Response(stream, { headers: { 'content-type': 'text/html' } }), headEnough: () => true,
    });
    expect(page).toMatchObject({ ok: true, stoppedAt: 'head', html: '<html><head><title>x</title></head>' });
  });

  it('an unknown charset is named', async () => {
    const { fetch } = fakeFetch({ 'http://a.test/k': html('<title>x</title>', 'text/html; charset=klingon') });
    expect(await fetchPage('http://a.test/k', { fetch })).toEqual({ ok: false, reason: 'unknown-charset', detail: 'klingon' });
  });
});
