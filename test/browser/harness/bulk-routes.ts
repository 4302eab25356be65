// Pages for bulk fills, made on request: `http://siteN.bulk.example/story/M` is a small article of its own, so a
// bookmarks file of hundreds of links fills from this machine alone; the server counts what it was asked.
import type { ServerResponse } from 'node:http';

/** Every bulk address asked for, in order (the tests check none was fetched twice). */
export const bulkAsked: string[] = [];

/** The article the fixture server gives at a bulk address: its title, standfirst, date and publisher. */
export function bulkStory(host: string, path: string): { title: string; excerpt: string; published: string; site: string } {
  const n = Number(/(\d+)$/.exec(path)?.[1] ?? 0);
  const site = `${host.split('.')[0]!.replace(/^site/, 'Site ')} Gazette`;
  return { title: `Story ${n} of ${site}`, excerpt: `What happened in story ${n}, told in a sentence.`, published: `2024-05-${String(1 + (n % 28)).padStart(2, '0')}T08:30:00Z`, site };
}

export function bulkRoute(url: URL, res: ServerResponse): boolean {
  if (!url.hostname.endsWith('.bulk.example')) return false;
  bulkAsked.push(`http://${url.hostname}${url.pathname}`);
  if (!/^\/story\/\d+$/.test(url.pathname)) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('no such story');
    return true;
  }
  const story = bulkStory(url.hostname, url.pathname);
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(`<!doctype html><html lang="en"><head>
<title>${story.title} | ${story.site}</title><meta property="og:title" content="${story.title}"><meta property="og:site_name" content="${story.site}">
<meta name="description" content="${story.excerpt}"><meta property="article:published_time" content="${story.published}">
<link rel="canonical" href="http://${url.hostname}${url.pathname}"></head>
<body><article><h1>${story.title}</h1><p>${story.excerpt} The rest of the story goes on for a while.</p></article></body></html>`);
  return true;
}
