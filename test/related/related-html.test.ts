// relatedFromHtml, the entry rules, the list rules and the entries through the format (write, read, reorder, duplicates).
import { describe, expect, it } from 'vitest';
import { parseRecord, serializeRecord, serializeRelated, validateRecord } from '../../src/record/index.js';
import { relatedFromHtml, headAnswers } from '../../src/related/from-html.js';
import { addRelated, blankRelated, duplicateOf, moveRelated, removeRelated, sameAddress } from '../../src/related/list.js';
import { sampleRecord } from '../record/fixtures.js';

function readBack(text: string) {
  const result = parseRecord(text);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.record.related;
}

const PAGE = `<!doctype html><html><head>
<title>Rivers rise across the valley | The Valley Times</title>
<meta property="og:title" content="Rivers rise across the valley">
<meta property="og:site_name" content="The Valley Times">
<meta name="description" content="Flood warnings were issued for six towns after two days of rain.">
<meta property="og:image" content="/img/river.jpg?utm_source=x">
<meta property="og:image:width" content="1200"><meta property="og:image:height" content="630">
<meta property="article:published_time" content="2024-03-05T09:15:00+01:00">
<link rel="canonical" href="https://www.valleytimes.example.co.uk/news/rivers-rise?utm_medium=social">
</head><body><p>Body.</p><script>document.title = 'pwned'</script></body></html>`;

describe('relatedFromHtml', () => {
  it('fills every field of the entry from the page', () => {
    const entry = relatedFromHtml(PAGE, 'https://valleytimes.example.co.uk/amp/rivers-rise?fbclid=abc', { quality: 61 });
    expect(entry).toEqual({
      title: 'Rivers rise across the valley',
      excerpt: 'Flood warnings were issued for six towns after two days of rain.',
      publishedDateTime: '2024-03-05T08:15:00Z',
      webUrl: 'https://www.valleytimes.example.co.uk/news/rivers-rise',
      type: 'article',
      provider: { name: 'The Valley Times', domain: 'example.co.uk' },
      quality: 61,
      images: [{ url: 'https://www.valleytimes.example.co.uk/img/river.jpg', width: 1200, height: 630, isCached: false }],
    });
  });

  it('a canonical on another site is not the entry\'s address: the final address, cleaned, is', () => {
    const html = PAGE.replace('https://www.valleytimes.example.co.uk/news/rivers-rise?utm_medium=social', 'https://elsewhere.example.com/story');
    expect(relatedFromHtml(html, 'https://news.example.org/rivers?utm_source=tw&id=7').webUrl).toBe('https://news.example.org/rivers?id=7');
  });

  it('image sizes from a JSON-LD ImageObject', () => {
    const html = `<html><head><title>T</title><script type="application/ld+json">{"@type":"NewsArticle","headline":"Ld headline",
      "image":{"@type":"ImageObject","url":"https://cdn.example.net/a.png","width":800,"height":450}}</script></head><body></body></html>`;
    expect(relatedFromHtml(html, 'https://example.net/a').images).toEqual([{ url: 'https://cdn.example.net/a.png', width: 800, height: 450, isCached: false }]);
  });

  it('a head never answers alone: the body\'s headline and the date beside it may change the entry', () => {
    const head = PAGE.slice(0, PAGE.indexOf('</head>') + 7);
    const about = head.replace('Flood warnings were issued for six towns after two days of rain.', 'Rivers rise across the valley as flood warnings go out.');
    expect(headAnswers(about, 'https://valleytimes.example.co.uk/a')).toBe(false);
    expect(headAnswers(about.replace(/<meta name="description"[^>]*>/, ''), 'https://valleytimes.example.co.uk/a')).toBe(false);
    // A description sharing no word with the headline is judged against the article's opening, in the body.
    expect(headAnswers(head, 'https://valleytimes.example.co.uk/a')).toBe(false);
  });
});

describe('related entries through the format', () => {
  const a = relatedFromHtml(PAGE, 'https://valleytimes.example.co.uk/news/rivers-rise');
  const b = { ...blankRelated('https://other.example.com/p', 40), title: 'Typed by hand: "quotes" and ü' };

  it('write, read back the same, reorder, remove', () => {
    const record = sampleRecord({ related: [a, b] });
    expect(validateRecord(record)).toEqual([]);
    const text = serializeRecord(record);
    expect(readBack(text)).toEqual([a, b]);
    const moved = sampleRecord({ related: moveRelated(record.related, 1, 0) });
    expect(readBack(serializeRecord(moved)).map((e) => e.webUrl)).toEqual([b.webUrl, a.webUrl]);
    expect(removeRelated(record.related, 0)).toEqual([b]);
    expect(moveRelated(record.related, 0, 5)).toBe(record.related);
  });

  it('writes an entry in the record\'s own style', () => {
    expect(serializeRelated([a])).toBe(`related:
  - title: "Rivers rise across the valley"
    excerpt: "Flood warnings were issued for six towns after two days of rain."
    publishedDateTime: 2024-03-05T08:15:00Z
    webUrl: "https://www.valleytimes.example.co.uk/news/rivers-rise"
    type: article
    provider:
      name: The Valley Times
      domain: example.co.uk
    quality: 50
    images:
      - url: "https://www.valleytimes.example.co.uk/img/river.jpg"
        width: 1200
        height: 630
        isCached: false
`);
  });

  it('no entry twice, nor the record itself, however the address is dressed', () => {
    const record = sampleRecord({ originalUrl: 'https://example.com/a', webUrl: 'https://example.com/a?amp=1', related: [a] });
    expect(duplicateOf(record, 'https://valleytimes.example.co.uk/news/rivers-rise/?utm_source=x')).toEqual({ kind: 'entry', index: 0 });
    expect(duplicateOf(record, 'https://example.com/a#top')).toEqual({ kind: 'self' });
    expect(duplicateOf(record, 'https://example.com/a?amp=1')).toEqual({ kind: 'self' });
    expect(addRelated(record, { ...a, webUrl: 'http://valleytimes.example.co.uk/news/rivers-rise' }).added).toBe(true);
    expect(addRelated(record, a)).toEqual({ related: [a], added: false });
    expect(addRelated(record, b)).toEqual({ related: [a, b], added: true });
  });

  it('tells one entry\'s address however it is dressed, and two pages apart', () => {
    expect(sameAddress('https://example.com/a?utm_source=x#top', ' https://example.com/a ')).toBe(true);
    expect(sameAddress('https://example.com/a', 'https://example.com/b')).toBe(false);
    expect(sameAddress('not an address', 'not an address')).toBe(true);
  });
});
