// Pages for adding related entries, on 127.0.0.1 under /related/: good ones in three charsets, and every bad answer.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturesDir } from './paths.js';

const file = (name: string) => readFileSync(join(fixturesDir, 'related', name));

/** How often each /related/ path was asked for (issue 19: a redirect's first hop was fetched twice). */
export const relatedHits = new Map<string, number>();

const PROSE = '<p>A sentence of running prose that is long enough to be the excerpt of this hostile page, and then some more.</p>';
const hostilePage = (title: string, head: string, body: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title>${head}</head><body>${body}</body></html>`;

/** Hostile pages made here, never committed: issue 19's shapes. */
export const HOSTILE_PAGES: Record<string, () => string> = {
  // 1.1 MB: 100,000 nested <div>s (the popup froze 52–92 s on it).
  '/related/hostile/deep-divs.html': () => hostilePage('Deep Divs Page', '', `${'<div>'.repeat(100_000)}${PROSE}${'</div>'.repeat(100_000)}`),
  // 850 KB of inline tags never closed.
  '/related/hostile/inline-tags.html': () => hostilePage('Unclosed Inline Page', '', `${'<b><i>x'.repeat(122_000)}${PROSE}`),
  // 10 KB: JSON-LD arrays 5,000 deep ("Maximum call stack size exceeded").
  '/related/hostile/deep-jsonld.html': () => hostilePage('Deep Data Page',
    `<script type="application/ld+json">{"@type":"NewsArticle","headline":"Deep Data Page","keywords":${'['.repeat(5_000)}"x"${']'.repeat(5_000)}}</script>`, PROSE),
};
const built = new Map<string, string>();

/** Answers a /related/ request and returns true, or returns false for the fixture server to go on. */
export function relatedRoute(path: string, _req: IncomingMessage, res: ServerResponse): boolean {
  const send = (status: number, type: string, body: Buffer | string, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers }).end(body);
  };
  relatedHits.set(path, (relatedHits.get(path) ?? 0) + 1);
  const hostile = HOSTILE_PAGES[path];
  if (hostile) {
    if (!built.has(path)) built.set(path, hostile());
    send(200, 'text/html; charset=utf-8', built.get(path)!);
    return true;
  }
  // /related/chain/N: N redirects, then the kelp page.
  const chain = /^\/related\/chain\/(\d+)$/.exec(path);
  if (chain) {
    const left = Number(chain[1]);
    if (left === 0) send(200, 'text/html; charset=utf-8', file('kelp-farms.html'));
    else send(302, 'text/plain', '', { location: `/related/chain/${left - 1}` });
    return true;
  }
  switch (path) {
    case '/related/to-ftp': send(302, 'text/plain', '', { location: 'ftp://files.example/story.html' }); return true;
    // "Café crème" in Latin-1, no charset said anywhere.
    case '/related/latin1.html': send(200, 'text/html', Buffer.concat([Buffer.from('<!doctype html><html><head><title>'),
      Buffer.from('436166e9206372e86d6520696e2074686520686172626f7572', 'hex'), Buffer.from('</title></head><body></body></html>')])); return true;
    case '/related/cut-meta.html': {
      // The <meta charset="utf-8"> straddles byte 1,024: the prescan sees `<meta charset="ut`.
      const start = '<!doctype html><html><head><!-- ';
      const filler = 'x'.repeat(1024 - start.length - ' --><meta charset="ut'.length);
      send(200, 'text/html', Buffer.from(`${start}${filler} --><meta charset="utf-8"><title>Café crème at the harbour</title></head><body></body></html>`));
      return true;
    }
    // Its lead image is on an https host the test build does not grant.
    case '/related/image-elsewhere.html': send(200, 'text/html; charset=utf-8', hostilePage('Image Elsewhere',
      '<meta property="og:image" content="https://images.elsewhere.example/lead.png"><meta property="article:published_time" content="2026-01-02T03:04:05Z"><meta name="description" content="A page whose lead image lives on a host nobody granted.">', '')); return true;
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
