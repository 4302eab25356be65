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
});
