// `lede related`: a saved page's related entry as YAML in the record's style, or the extraction as JSON.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { parseRecord } from '../../src/record/index.js';

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => { out += t; }, err: (t) => { err += t; } });
  return { code, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'lede-related-'));

describe('lede related', () => {
  it('prints the entry as the related group of a record, readable back into one', async () => {
    // windows-1251, declared by <meta>: the CLI decodes a saved file as the extension decodes a fetched one.
    const head = Buffer.from('<html><head><meta charset="windows-1251"><meta property="og:title" content="', 'latin1');
    const title = Buffer.from('cdeee2eef1f2e820e4edff', 'hex');
    const tail = Buffer.from('"><meta name="description" content="Rain all week in the capital, cold nights, and a warm weekend ahead."><meta property="og:site_name" content="Vesti"></head><body></body></html>', 'latin1');
    const file = join(dir, 'ru.html');
    writeFileSync(file, Buffer.concat([head, title, tail]));
    const result = await run('related', '--url', 'https://vesti.example.ru/a?utm_source=x', '--quality', '70', file);
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toBe(`related:
  - title: "Новости дня"
    excerpt: "Rain all week in the capital, cold nights, and a warm weekend ahead."
    publishedDateTime: null
    webUrl: "https://vesti.example.ru/a"
    type: article
    provider:
      name: Vesti
      domain: example.ru
    quality: 70
    images: []
`);
    const record = `---\ncategory: news\ntitle: "x"\n${result.out}---\n\n`;
    const parsed = parseRecord(record);
    expect(parsed.ok && parsed.record.related[0]!.title).toBe('Новости дня');
    const json = await run('related', '--json', '--url', 'https://vesti.example.ru/a', file);
    expect(JSON.parse(json.out)).toMatchObject({ title: 'Новости дня', sources: { title: 'og:title' } });
  });

  it('bad input: one clear line and a non-zero exit', async () => {
    const file = join(dir, 'p.html');
    writeFileSync(file, '<html><head><meta charset="x-martian"></head></html>');
    expect(await run('related', '--url', 'https://a.example/', file)).toMatchObject({ code: 1, err: expect.stringContaining('"x-martian", an encoding Lede cannot read') });
    expect(await run('related', '--url', 'ftp://a.example/', file)).toMatchObject({ code: 2, err: expect.stringContaining('needs --url http(s)') });
    expect(await run('related', '--url', 'https://a.example/', '--quality', '101', file)).toMatchObject({ code: 2 });
    expect(await run('related', '--url', 'https://a.example/', join(dir, 'missing.html'))).toMatchObject({ code: 1, err: expect.stringContaining('no such file') });
  });
});
