// `lede extract`: --json prints the extraction; without it, a record that parseRecord reads back.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { parseRecord } from '../../src/record/index.js';
import { ld, page } from './helpers.js';

async function lede(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => { out += t; }, err: (t) => { err += t; } });
  return { code, out, err };
}

const html = page('<title>Storm closes schools | Example Times</title><meta property="og:site_name" content="Example Times">' +
  '<meta name="description" content="Schools across the county closed on Monday as the storm arrived.">' +
  ld({ '@type': 'NewsArticle', headline: 'Storm closes schools', datePublished: '2021-02-03T09:30:00-05:00', keywords: 'weather, schools' }), '<h1>Storm closes schools</h1>');

function pageFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lede-extract-'));
  const path = join(dir, 'page.html');
  writeFileSync(path, html);
  return path;
}

describe('lede extract', () => {
  it('--json prints the extraction with its sources', async () => {
    const result = await lede('extract', '--json', '--url', 'https://www.example.com/storm?utm_source=x', pageFile());
    expect(result.code).toBe(0);
    const out = JSON.parse(result.out);
    expect(out).toMatchObject({
      title: 'Storm closes schools',
      publishedDateTime: '2021-02-03T14:30:00Z',
      webUrl: 'https://www.example.com/storm',
      provider: { name: 'Example Times', domain: 'example.com' },
      suggestedTopics: ['weather', 'schools'],
      sources: { title: 'json-ld headline', publishedDateTime: 'json-ld datePublished' },
    });
    expect(Object.keys(out)).toEqual(['title', 'excerpt', 'publishedDateTime', 'originalUrl', 'webUrl', 'type', 'provider', 'images', 'suggestedTopics', 'sources']);
  });

  it('prints a record in the format that parseRecord reads back', async () => {
    const result = await lede('extract', '--url', 'https://www.example.com/storm', pageFile());
    expect(result.code).toBe(0);
    const parsed = parseRecord(result.out);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.record).toMatchObject({
      title: 'Storm closes schools',
      excerpt: 'Schools across the county closed on Monday as the storm arrived.',
      publishedDateTime: '2021-02-03T14:30:00Z',
      provider: { name: 'Example Times', domain: 'example.com' },
    });
  });

  it('exits 2 without --url and 1 for a missing file', async () => {
    expect((await lede('extract', pageFile())).code).toBe(2);
    const missing = await lede('extract', '--url', 'https://example.com/', '/no/such/file.html');
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/cannot read/);
  });

  it('--explain prints each field, its candidates with their sources, and why the winner won', async () => {
    const result = await lede('extract', '--explain', '--url', 'https://www.example.com/storm', pageFile());
    expect(result.code).toBe(0);
    const out = result.out;
    expect(out).toMatch(/^title: "Storm closes schools" {2}\(from .+\)$/m);
    // The title's votes: the full <title> loses to the headline with the site's piece cut.
    expect(out).toMatch(/^\s+[\d.]+ {2}"Storm closes schools \| Example Times" {2}\(best from <title>\)$/m);
    expect(out).toMatch(/^publishedDateTime: 2021-02-03T14:30:00Z {2}\(from json-ld datePublished\)$/m);
    expect(out).toMatch(/^ {2}2021-02-03T14:30:00Z {2}trust 1 \(declared published\) {2}from json-ld datePublished {2}\[offset -300 min\]$/m);
    expect(out).toMatch(/^excerpt: "Schools across the county closed on Monday as the storm arrived." {2}\(from description\)$/m);
    expect(out).toMatch(/^provider: "Example Times" at example\.com/m);
    expect(out).toMatch(/^ {2}og:site_name: "Example Times"$/m);
    expect(out.match(/^ {2}why: /gm)).toHaveLength(4);
  });

  it('reads a saved page by its charset unless it is valid UTF-8', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lede-extract-'));
    const latin = join(dir, 'latin.html');
    writeFileSync(latin, Buffer.from('<html><head><meta charset="iso-8859-1"><title>Gr\xfc\xdfe aus M\xfcnchen</title></head><body></body></html>', 'latin1'));
    const out = await lede('extract', '--json', '--url', 'https://www.example.de/a', latin);
    expect(JSON.parse(out.out).title).toBe('Grüße aus München');
    const resaved = join(dir, 'utf8.html');
    writeFileSync(resaved, '<html><head><meta charset="gb2312"><title>新电脑已可利用记忆</title></head><body></body></html>');
    expect(JSON.parse((await lede('extract', '--json', '--url', 'https://www.example.cn/a', resaved)).out).title).toBe('新电脑已可利用记忆');
    // A declaration past the first 1,024 bytes still counts, as the browser's parser switches to it.
    const late = join(dir, 'late.html');
    writeFileSync(late, Buffer.concat([Buffer.from(`<html><head><!-- ${'x'.repeat(1100)} --><meta charset="gb2312"><title>`),
      Buffer.from([0xbb, 0xb0, 0xbe, 0xe7]), Buffer.from('</title></head><body></body></html>')]));
    expect(JSON.parse((await lede('extract', '--json', '--url', 'https://www.example.cn/b', late)).out).title).toBe('话剧');
  });
});
