// A fixture server on 127.0.0.1: our committed fixture pages and the shared corpus, nothing from the network.
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';
import { corpusDir, fixturesDir } from './paths.js';

export interface FixtureServer {
  origin: string;
  /** `/fixtures/<name>` for a committed fixture, `/corpus/<file>` for a corpus page. */
  url(path: string): string;
  close(): Promise<void>;
}

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.pdf': 'application/pdf',
  '.json': 'application/json',
  '.png': 'image/png',
};

function resolvePath(pathname: string): string | null {
  const [, area, ...rest] = pathname.split('/');
  const base = area === 'fixtures' ? fixturesDir : area === 'corpus' ? corpusDir : null;
  if (!base || rest.length === 0) return null;
  const file = normalize(join(base, decodeURIComponent(rest.join('/'))));
  return file.startsWith(base) && existsSync(file) ? file : null;
}

export async function startFixtureServer(): Promise<FixtureServer> {
  const server: Server = createServer((req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://127.0.0.1');
    const file = resolvePath(pathname);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (path) => origin + (path.startsWith('/') ? path : `/${path}`),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
