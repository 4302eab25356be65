// Pages for adding related entries, on 127.0.0.1 under /related/: good ones in three charsets, and every bad answer.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturesDir } from './paths.js';

const file = (name: string) => readFileSync(join(fixturesDir, 'related', name));

/** Answers a /related/ request and returns true, or returns false for the fixture server to go on. */
export function relatedRoute(path: string, _req: IncomingMessage, res: ServerResponse): boolean {
  const send = (status: number, type: string, body: Buffer | string, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers }).end(body);
  };
  switch (path) {
    case '/related/kelp-farms.html': send(200, 'text/html; charset=utf-8', file('kelp-farms.html')); return true;
    // The header names the charset; the page's own meta agrees.
    case '/related/tidal-sjis.html': send(200, 'text/html; charset=Shift_JIS', file('tidal-sjis.html')); return true;
    // Only the page's <meta http-equiv> names it.
    case '/related/tidal-1251.html': send(200, 'text/html', file('tidal-1251.html')); return true;
    case '/related/with-links.html': send(200, 'text/html; charset=utf-8', file('with-links.html')); return true;
    // Every address in it relative (og:image, canonical, JSON-LD, links): read against the page, not the extension.
    case '/related/deep/relative.html': send(200, 'text/html; charset=utf-8', file('relative.html')); return true;
    case '/related/lead.png': send(200, 'image/png', file('lead.png')); return true;
    case '/related/moved': send(301, 'text/plain', '', { location: '/related/kelp-farms.html?utm_campaign=x' }); return true;
    case '/related/gone': send(404, 'text/html', '<title>Not found</title>'); return true;
    case '/related/broken': send(500, 'text/html', '<title>Error</title>'); return true;
    case '/related/paper.pdf': send(200, 'application/pdf', '%PDF-1.4\n'); return true;
    case '/related/data.json': send(200, 'application/json', '{"title":"not a page"}'); return true;
    case '/related/loop-a': send(302, 'text/plain', '', { location: '/related/loop-b' }); return true;
    case '/related/loop-b': send(302, 'text/plain', '', { location: '/related/loop-a' }); return true;
    case '/related/martian': send(200, 'text/html; charset=x-martian', '<title>Martian</title>'); return true;
    case '/related/hangs': return true; // held open; the server's close() ends it
    case '/related/huge.html': {
      // 6 MB whose head leaves the excerpt to the body: read up to the 5 MB cap, then said so.
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.write('<!doctype html><html><head><title>A Very Long Page</title><meta property="og:site_name" content="Long Reads"></head><body><article><p>The first paragraph of a very long page about harbours, lamps and tides, long enough to be an excerpt.</p>');
      const filler = `<p>${'tide '.repeat(200)}</p>`;
      for (let sent = 0; sent < 6 * 1024 * 1024; sent += filler.length) res.write(filler);
      res.end('</article></body></html>');
      return true;
    }
    default: return false;
  }
}
