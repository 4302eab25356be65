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
    // An unknown <meta charset> is passed over, as the HTML standard's prescan does (issue 19): the page reads as UTF-8.
    writeFileSync(file, '<html><head><meta charset="x-martian"><title>Martian</title></head></html>');
    expect(await run('related', '--url', 'https://a.example/', file)).toMatchObject({ code: 0, err: '', out: expect.stringContaining('title: "Martian"') });
    expect(await run('related', '--url', 'ftp://a.example/', file)).toMatchObject({ code: 2, err: expect.stringContaining('needs --url http(s)') });
    expect(await run('related', '--url', 'https://a.example/', '--quality', '101', file)).toMatchObject({ code: 2 });
    expect(await run('related', '--url', 'https://a.example/', join(dir, 'missing.html'))).toMatchObject({ code: 1, err: expect.stringContaining('no such file') });
  });

  // Issue 19: the CLI has the extension's budget; a page it cannot read in time gives its head's entry, and says so.
  it('reads within a budget (--budget), the entry then from the head, said on stderr; a Latin-1 page read as windows-1252, said', async () => {
    const deep = join(dir, 'deep.html');
    writeFileSync(deep, `<html><head><title>Deep Page Title</title></head><body>${'<div>'.repeat(100_000)}<p>${'A sentence of running prose for the excerpt. '.repeat(4)}</p></body></html>`);
    const whole = await run('related', '--url', 'https://deep.example/a', deep);
    expect(whole).toMatchObject({ code: 0, err: '' });
    expect(whole.out).toContain('excerpt: "A sentence of running prose');
    const cut = await run('related', '--url', 'https://deep.example/a', '--budget', '0', deep);
    expect(cut.code).toBe(0);
    expect(cut.out).toContain('title: "Deep Page Title"');
    expect(cut.out).toContain('excerpt: ""');
    expect(cut.err).toContain('could not be read in full within 0 ms');
    const extract = await run('extract', '--url', 'https://deep.example/a', '--budget', '0', deep);
    expect(extract.err).toContain('could not be read in full within 0 ms');
    expect(await run('related', '--url', 'https://deep.example/a', '--budget', 'soon', deep)).toMatchObject({ code: 2 });
    const latin1 = join(dir, 'latin1.html');
    writeFileSync(latin1, Buffer.concat([Buffer.from('<html><head><title>'), Buffer.from('436166e9206372e86d65', 'hex'), Buffer.from('</title></head></html>')]));
    const sniffed = await run('related', '--url', 'https://cafe.example/a', latin1);
    expect(sniffed.out).toContain('title: "Café crème"');
    expect(sniffed.err).toContain('read as windows-1252');
  });
});
