// A fixture server on 127.0.0.1 that is also the browsers' HTTP proxy: pages load at their own addresses
// (www.harbourlight.example, hacks.mozilla.org …) but every byte comes from our fixtures or the shared corpus.
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';
import { corpusDir, fixturesDir, trafilaturaDir } from './paths.js';
import { relatedRoute } from './related-routes.js';
import { bulkRoute } from './bulk-routes.js';

export interface FixtureServer {
  origin: string;
  /** Port to give the browser as its HTTP proxy. */
  port: number;
  /** `/fixtures/<name>` or `/corpus/<file>` on 127.0.0.1. */
  url(path: string): string;
  close(): Promise<void>;
}

/** Committed fixtures at the address their canonical link names (http: the proxy cannot serve TLS). */
export const FIXTURE_PAGES: Record<string, string> = {
  'http://www.harbourlight.example/2026/03/tidal-turbines-skerry-harbour': 'sample-article.html',
  'http://crumbreview.example/science/sourdough-starters-apples': 'second-article.html',
  'http://hostile.example/articles/markup-in-metadata': 'hostile-article.html',
  'http://papers.example/2026/tidal-arrays.pdf': 'paper.pdf',
  'http://deep.example/2026/nested-page': 'deep-article.html',
  'http://stalled.example/2026/slow-image': 'stalled-article.html',
  'http://longest.example/2026/longest-values': 'longest-article.html',
  'http://skerrynotes.example/stories/last-manned-winter': 'undated-article.html',
};

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.pdf': 'application/pdf',
  '.json': 'application/json',
  '.png': 'image/png',
};

function withoutQuery(address: string): string {
  const url = new URL(address);
  return `http://${url.host}${url.pathname}`;
}

/** Corpus pages of both dev splits at the http: form of the address labels.json records for them. */
function corpusPages(): Record<string, string> {
  const pages: Record<string, string> = {};
  for (const dir of [trafilaturaDir, corpusDir]) {
    const labels = join(dir, 'labels.json');
    if (!existsSync(labels)) continue;
    const entries = JSON.parse(readFileSync(labels, 'utf8')) as Array<{ url: string; file: string }>;
    for (const entry of entries) pages[withoutQuery(entry.url.replace(/^https:/, 'http:'))] = join(dir, entry.file);
  }
  return pages;
}

/**
 * A saved page's type as `lede extract` reads it: UTF-8 when its bytes are valid UTF-8, else no
 * charset in the header, so the browser reads the page's own <meta charset> (savedPageText).
 */
function htmlType(bytes: Uint8Array): string {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'text/html; charset=utf-8';
  } catch {
    return 'text/html';
  }
}

function localFile(pathname: string): string | null {
  const [, area, ...rest] = pathname.split('/');
  const base = area === 'fixtures' ? fixturesDir : area === 'corpus' ? corpusDir : null;
  if (!base || rest.length === 0) return null;
  const file = normalize(join(base, decodeURIComponent(rest.join('/'))));
  return file.startsWith(base) && existsSync(file) ? file : null;
}

/** The hosts an https request was made to through the proxy (host:port), in order: none may be one Lede was not granted. */
export const proxyConnects: string[] = [];

export async function startFixtureServer(): Promise<FixtureServer> {
  const byAddress: Record<string, string> = { ...corpusPages() };
  for (const [address, name] of Object.entries(FIXTURE_PAGES)) byAddress[address] = join(fixturesDir, name);

  const server: Server = createServer((req, res) => {
    // A proxied request names the whole address; a direct one only the path.
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // A resource that never arrives: the request is held open (close() ends it), so the page never loads.
    if (url.pathname.endsWith('/never-answers.png')) return;
    if (url.hostname === '127.0.0.1' && url.pathname.startsWith('/related/') && relatedRoute(url.pathname, req, res)) return;
    if (bulkRoute(url, res)) return;
    const file = url.hostname === '127.0.0.1' ? localFile(url.pathname) : byAddress[withoutQuery(url.href)] ?? null;
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not a fixture');
      return;
    }
    const bytes = readFileSync(file);
    const type = extname(file) === '.html' ? htmlType(bytes) : types[extname(file)] ?? 'application/octet-stream';
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(bytes);
  });
  // https through the proxy (CONNECT): refused at once, as the network is not there.
  server.on('connect', (req, socket) => {
    proxyConnects.push(req.url ?? '');
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    port,
    url: (path) => origin + (path.startsWith('/') ? path : `/${path}`),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
