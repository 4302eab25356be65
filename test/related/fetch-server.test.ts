// Issue 19, items 11 and 12 over a real socket: Node's own fetch against a server on 127.0.0.1, so the
// redirects are real 3xx answers, one request per hop, and the bytes are what a site sends.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchPage, MAX_REDIRECTS } from '../../src/related/fetch-page.js';
import { fetchImageBounded } from '../../src/related/fetch-image.js';
import { measureImage } from '../../src/related/measure-image.js';

const hits = new Map<string, number>();
let server: Server;
let base = '';

const PNG_HEADER = Buffer.from('89504e470d0a1a0a0000000d49484452000000780000005008060000', 'hex');

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const chain = /^\/chain\/(\d+)$/.exec(path);
    if (chain) {
      const left = Number(chain[1]);
      if (left === 0) return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<title>End of the chain</title>');
      return res.writeHead(302, { location: `/chain/${left - 1}` }).end();
    }
    switch (path) {
      case '/loop-a': return res.writeHead(301, { location: '/loop-b' }).end();
      case '/loop-b': return res.writeHead(307, { location: `${base}/loop-a` }).end();
      case '/to-ftp': return res.writeHead(302, { location: 'ftp://files.example/x.html' }).end();
      case '/to-data': return res.writeHead(302, { location: 'data:text/html,<title>x</title>' }).end();
      // "Café crème" in Latin-1, and no charset said anywhere.
      case '/latin1': return res.writeHead(200, { 'content-type': 'text/html' })
        .end(Buffer.concat([Buffer.from('<html><head><title>'), Buffer.from('436166e9206372e86d65', 'hex'), Buffer.from('</title></head></html>')]));
      case '/cut-meta': {
        const start = '<!doctype html><html><head><!-- ';
        const filler = 'x'.repeat(1024 - start.length - ' --><meta charset="ut'.length);
        return res.writeHead(200, { 'content-type': 'text/html' })
          .end(Buffer.from(`${start}${filler} --><meta charset="utf-8"><title>Café crème</title></head></html>`, 'utf8'));
      }
      case '/endless.png': {
        res.writeHead(200, { 'content-type': 'image/png' });
        res.write(PNG_HEADER);
        const chunk = Buffer.alloc(64 * 1024);
        const pump = () => { while (res.write(chunk)); };
        res.on('drain', pump);
        pump();
        return undefined;
      }
      case '/lead.png': return res.writeHead(200, { 'content-type': 'image/png' }).end(PNG_HEADER);
      case '/image-elsewhere': return res.writeHead(302, { location: 'http://localhost:9/secret.png' }).end();
      default: return res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const nodeFetch = (url: string, init: RequestInit) => fetch(url, init);

describe('redirects, one request per hop', () => {
  it(`follows ${MAX_REDIRECTS} hops, each asked once, and refuses the eleventh`, async () => {
    hits.clear();
    expect(await fetchPage(`${base}/chain/10`, { fetch: nodeFetch })).toMatchObject({ ok: true, url: `${base}/chain/0` });
    for (let i = 0; i <= 10; i++) expect(hits.get(`/chain/${i}`), `/chain/${i}`).toBe(1);
    hits.clear();
    expect(await fetchPage(`${base}/chain/11`, { fetch: nodeFetch })).toEqual({ ok: false, reason: 'too-many-redirects', detail: '10' });
    expect(hits.get('/chain/0')).toBeUndefined();
    expect(await fetchPage(`${base}/chain/20`, { fetch: nodeFetch })).toMatchObject({ ok: false, reason: 'too-many-redirects' });
  });

  it('names a loop, and a redirect to an address that is not a web page, each its own way', async () => {
    expect(await fetchPage(`${base}/loop-a`, { fetch: nodeFetch })).toEqual({ ok: false, reason: 'redirect-loop', detail: `${base}/loop-a` });
    expect(await fetchPage(`${base}/to-ftp`, { fetch: nodeFetch })).toEqual({ ok: false, reason: 'redirect-not-web', detail: 'ftp://files.example/x.html' });
    expect(await fetchPage(`${base}/to-data`, { fetch: nodeFetch })).toMatchObject({ ok: false, reason: 'redirect-not-web' });
  });
});

describe('charsets as sent', () => {
  it('an undeclared Latin-1 page is read as windows-1252 and says so', async () => {
    expect(await fetchPage(`${base}/latin1`, { fetch: nodeFetch })).toMatchObject({
      ok: true, charset: 'windows-1252', charsetSource: 'sniffed', html: expect.stringContaining('<title>Café crème</title>') });
  });

  it('a <meta charset> cut at byte 1,024 is passed over and the UTF-8 page read', async () => {
    expect(await fetchPage(`${base}/cut-meta`, { fetch: nodeFetch })).toMatchObject({
      ok: true, charset: 'utf-8', html: expect.stringContaining('<title>Café crème</title>') });
  });
});

describe('images within bounds', () => {
  it('asks nothing of a host that is not granted, redirects included', async () => {
    hits.clear();
    const grantedHere = (url: string) => new URL(url).hostname === '127.0.0.1';
    expect(await measureImage(`${base}/lead.png`, nodeFetch, { hostAccess: () => false })).toBeNull();
    expect(hits.get('/lead.png')).toBeUndefined();
    expect(await measureImage(`${base}/lead.png`, nodeFetch, { hostAccess: grantedHere })).toEqual({ width: 120, height: 80, format: 'png' });
    const elsewhere = await fetchImageBounded(`${base}/image-elsewhere`, { fetch: nodeFetch, hostAccess: grantedHere, maxBytes: 2 ** 20 });
    expect(elsewhere).toEqual({ ok: false, reason: 'no-access', detail: 'http://localhost:9/secret.png' });
  });

  it('a body that never ends is cut at the size cap as it streams, and the deadline ends a slow one', async () => {
    const before = process.memoryUsage().rss;
    const start = Date.now();
    const capped = await fetchImageBounded(`${base}/endless.png`, { fetch: nodeFetch, hostAccess: () => true, maxBytes: 2 * 1024 * 1024 });
    expect(capped).toEqual({ ok: false, reason: 'too-large', detail: String(2 * 1024 * 1024) });
    expect(Date.now() - start).toBeLessThan(5_000);
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
    const late = await fetchImageBounded(`${base}/endless.png`, { fetch: nodeFetch, hostAccess: () => true, maxBytes: 2 ** 40, timeoutMs: 300 });
    expect(late).toMatchObject({ ok: false, reason: 'timeout' });
  });
});
