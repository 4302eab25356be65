// JSON-LD: @graph, arrays, nested nodes, @id references and broken blocks.
import { describe, expect, it } from 'vitest';
import { parseBlock } from '../../src/extract/jsonld.js';
import { ld, page, run } from './helpers.js';

describe('JSON-LD', () => {
  it('reads the article inside @graph and follows the publisher @id', () => {
    const html = page(ld({
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'Organization', '@id': '#org', name: 'Example Times' },
        { '@type': 'WebPage', '@id': '#page', name: 'Page name' },
        { '@type': 'NewsArticle', headline: 'Graph headline', datePublished: '2020-05-04T10:00:00+02:00', publisher: { '@id': '#org' } },
      ],
    }));
    const out = run(html);
    expect(out.title).toBe('Graph headline');
    expect(out.publishedDateTime).toBe('2020-05-04T08:00:00Z');
    expect(out.provider.name).toBe('Example Times');
    expect(out.sources.publishedDateTime).toBe('json-ld datePublished');
  });

  it('reads a top-level array and an article nested under mainEntity', () => {
    const html = page(ld([
      { '@type': 'BreadcrumbList', itemListElement: [] },
      { '@type': 'WebPage', mainEntity: { '@type': 'BlogPosting', headline: 'Nested post', datePublished: '2019-01-02' } },
    ]));
    const out = run(html);
    expect(out.title).toBe('Nested post');
    expect(out.publishedDateTime).toBe('2019-01-02T00:00:00Z');
    expect(out.type).toBe('post');
  });

  it('repairs trailing commas, raw newlines and comments, and ignores hopeless blocks', () => {
    expect(parseBlock('{"headline": "A",\n"description": "line one\nline two",}')).toEqual({ headline: 'A', description: 'line one line two' });
    expect(parseBlock('<!-- {"a": 1} -->')).toEqual({ a: 1 });
    expect(parseBlock('{"a": 1}{"b": 2}')).toEqual([{ a: 1 }, { b: 2 }]);
    expect(parseBlock('{{{ not json')).toBeNull();
    const html = page(`<script type="application/ld+json">{{{ broken</script>${ld({ '@type': 'Article', headline: 'Survivor' })}`);
    expect(run(html).title).toBe('Survivor');
  });

  it('survives hostile values: deep nesting, huge arrays, wrong types', () => {
    let deep: unknown = { '@type': 'Article', headline: 'Too deep' };
    for (let i = 0; i < 500; i++) deep = { child: deep };
    const html = page(ld(deep) + ld({ '@type': 'Article', headline: 12345, datePublished: { nope: true }, publisher: [null, 7] }) +
      ld(Array.from({ length: 5000 }, () => ({ '@type': 'Thing' }))) + '<title>Fallback title</title>');
    const out = run(html, 'https://example.com/a');
    expect(typeof out.title).toBe('string');
    expect(out.publishedDateTime).toBeNull();
  });
});
