// Records written elsewhere: other orders, quoting, line ends and extra keys are read, and kept.
import { describe, expect, it } from 'vitest';
import { parseRecord, serializeRecord, type LedeRecord } from '../../src/record/index.js';
import { sampleRecord } from './fixtures.js';

function read(text: string): LedeRecord {
  const result = parseRecord(text);
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.key}: ${p.message}`).join('\n'));
  return result.record;
}

describe('reading records written elsewhere', () => {
  it('accepts any key order and plain or quoted scalars', () => {
    const text = `---
provider: {domain: example.com, name: 'Example News'}
topics: [AI]
published: false
heat: -1
quality: 50
type: "article"
webUrl: https://example.com/a?amp=1
originalUrl: 'https://example.com/a'
publishedDateTime: "2024-02-29T23:30:00Z"
excerpt: The standfirst.
title: A headline
category: news
related: []
---

`;
    expect(read(text)).toEqual(sampleRecord());
    expect(serializeRecord(read(text))).toBe(serializeRecord(sampleRecord()));
  });

  it('keeps unknown keys at every level and writes them after the known ones', () => {
    const text = serializeRecord(sampleRecord())
      .replace('category: news', 'source: obsidian\ncategory: news')
      .replace('  domain: example.com', '  domain: example.com\n  country: NZ')
      .replace(/---\n\n$/, 'tags:\n  - a\n  - b\n---\n\n');
    const record = read(text);
    expect(record.extra).toEqual({ source: 'obsidian', tags: ['a', 'b'] });
    expect(record.provider.extra).toEqual({ country: 'NZ' });
    const written = serializeRecord(record);
    expect(written).toMatch(/\n {2}domain: example.com\n {2}country: NZ\n/);
    expect(written).toMatch(/related: \[\]\n\nsource: obsidian\ntags:\n {2}- a\n {2}- b\n---\n\n$/);
    expect(read(written)).toEqual(record);
  });

  it('writes back strings of unknown keys, at any depth, with their leading spaces and line ends', () => {
    const extra = { note: [' \n'], nested: { a: '  x\n y', list: [{ b: '\n ' }], empty: {} } };
    const written = serializeRecord({ ...sampleRecord(), extra });
    expect(written).not.toMatch(/: [|>]|- [|>]/); // never a block scalar
    expect(read(written).extra).toEqual(extra);
    expect(serializeRecord(read(written))).toBe(written);
  });

  it('does not let a __proto__ key become a prototype', () => {
    const record = read(serializeRecord(sampleRecord()).replace('category: news', '__proto__: {polluted: true}\ncategory: news'));
    expect(Object.getPrototypeOf(record.extra)).toBe(Object.prototype);
    expect(Object.keys(record.extra!)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('fills missing optional keys with the defaults', () => {
    const record = read('---\ntitle: Only a title\n---\n\nbody text\n');
    expect(record).toMatchObject({
      category: 'news', excerpt: '', publishedDateTime: null, type: 'article', quality: 0, heat: -1,
      published: false, topics: [], related: [], body: 'body text\n',
    });
    expect(record.secured).toBeUndefined();
  });

  it('keeps a plain number or boolean topic as the text the file shows', () => {
    expect(read('---\ntitle: t\ntopics: [2024, true, 010, AI]\n---\n\n').topics).toEqual(['2024', 'true', '010', 'AI']);
  });

  it('reads dates with offsets or as a day, to UTC, and warns', () => {
    const result = parseRecord('---\ntitle: t\npublishedDateTime: 2023-05-03T14:24:00+02:00\n---\n\n');
    expect(result.ok && result.record.publishedDateTime).toBe('2023-05-03T12:24:00Z');
    expect(result.ok && result.warnings[0]).toMatchObject({ key: 'publishedDateTime', severity: 'warning' });
    expect(read('---\ntitle: t\npublishedDateTime: 2023-05-03\n---\n\n').publishedDateTime).toBe('2023-05-03T00:00:00Z');
  });

  it('keeps a long excerpt on read, warns, and cuts it to 200 code points on write', () => {
    const long = '😀'.repeat(250);
    const result = parseRecord(`---\ntitle: t\nexcerpt: "${long}"\n---\n\n`);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.record.excerpt).toBe(long);
    expect(result.warnings.map((w) => w.key)).toEqual(['excerpt']);
    expect(serializeRecord(result.record)).toContain(`excerpt: "${'😀'.repeat(200)}"\n`);
  });

  it('keeps the body exactly, CRLF and all', () => {
    const body = '# Notes\r\n\r\n- one\r\n---\r\nnot front matter\r\n';
    const text = serializeRecord(sampleRecord()).replace(/\n/g, '\r\n') + body;
    expect(read(text).body).toBe(body);
  });

  it('reads a body right after the closing fence when there is no blank line', () => {
    expect(read('---\ntitle: t\n---\nHello\n').body).toBe('Hello\n');
  });
});

describe('writing', () => {
  it('quotes strings that YAML 1.1 readers would turn into other types', () => {
    const text = serializeRecord(sampleRecord({ category: 'yes', type: '2024-12-19', topics: ['no', '010', 'on', 'AI', '1e3'] }));
    expect(text).toContain('category: "yes"\n');
    expect(text).toContain('type: "2024-12-19"\n');
    expect(text).toContain('topics:\n  - "no"\n  - "010"\n  - "on"\n  - AI\n  - "1e3"\n');
  });

  it('writes empty lists in flow style and omits an absent secured', () => {
    const text = serializeRecord(sampleRecord({ topics: [] }));
    expect(text).toContain('\ntopics: []\n\nrelated: []\n---\n\n');
    expect(text).not.toContain('secured');
  });

  it('never folds long lines and keeps non-ASCII as itself', () => {
    const title = 'Meta’s ' + 'word '.repeat(100);
    const text = serializeRecord(sampleRecord({ title: title.trim() }));
    expect(text).toContain(`title: "${title.trim()}"\n`);
  });
});
