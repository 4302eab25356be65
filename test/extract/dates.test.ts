// Publication dates: UTC from the page's offset, never modified/comment/today dates, days never shift.
import { describe, expect, it } from 'vitest';
import { parseDateText } from '../../src/extract/date-text.js';
import { ld, page, run } from './helpers.js';

const meta = (name: string, value: string) => `<meta property="${name}" content="${value}">`;

describe('publishedDateTime', () => {
  it('converts an offset to UTC', () => {
    expect(run(page(meta('article:published_time', '2015-03-10T08:05:41-07:00'))).publishedDateTime).toBe('2015-03-10T15:05:41Z');
    expect(run(page(meta('article:published_time', '2015-03-10T00:30:00+02:00'))).publishedDateTime).toBe('2015-03-09T22:30:00Z');
  });

  it('keeps a day alone at midnight UTC and a time without zone on its calendar day', () => {
    expect(run(page(meta('article:published_time', '2020-11-11'))).publishedDateTime).toBe('2020-11-11T00:00:00Z');
    // No zone, generic host: the day is kept and the time dropped, so the day cannot move.
    expect(run(page(meta('article:published_time', '2020-11-11T23:30:00')), 'https://example.com/a').publishedDateTime).toBe('2020-11-11T00:00:00Z');
  });

  it('reads a floating time in the country zone, across midnight too; from the language alone only within the day', () => {
    // .fr → Europe/Paris: 07:19 CEST is 05:19 UTC, same day.
    expect(run(page(meta('article:published_time', '2015-04-30T07:19:58')), 'https://www.example.fr/a').publishedDateTime).toBe('2015-04-30T05:19:58Z');
    // 00:30 in Paris is 22:30 UTC the day before: a one-zone country's domain is evidence enough.
    expect(run(page(meta('article:published_time', '2015-04-30T00:30:00')), 'https://www.example.fr/a').publishedDateTime).toBe('2015-04-29T22:30:00Z');
    // German on a .com page says less (Austria, Switzerland, elsewhere): the day is kept.
    const german = (time: string) => page(meta('article:published_time', time)).replace('lang="en"', 'lang="de"');
    expect(run(german('2015-04-30T00:30:00'), 'https://www.example.com/a').publishedDateTime).toBe('2015-04-30T00:00:00Z');
    expect(run(german('2015-04-30T10:30:00'), 'https://www.example.com/a').publishedDateTime).toBe('2015-04-30T08:30:00Z');
  });

  it('treats 00:00:00 and 12:00:00 as a day, not a time', () => {
    expect(run(page(meta('article:published_time', '2020-11-11T12:00:00-06:00'))).publishedDateTime).toBe('2020-11-11T00:00:00Z');
  });

  it('takes the earliest declared publication, never the modified date', () => {
    const html = page(meta('article:published_time', '2023-12-07T12:43:39Z') + meta('article:modified_time', '2023-12-07T12:43:46Z') +
      ld({ '@type': 'NewsArticle', datePublished: '2023-12-06T22:00:40Z', dateModified: '2023-12-07T12:43:46Z' }));
    expect(run(html, 'https://example.com/a').publishedDateTime).toBe('2023-12-06T22:00:40Z');
    expect(run(page(meta('article:modified_time', '2020-01-01T10:00:00Z')), 'https://example.com/a').publishedDateTime).toBeNull();
  });

  it('is null when the page gives no date, and never today or the future from furniture', () => {
    expect(run(page('<title>x</title>', '<p>No date here.</p>'), 'https://example.com/a').publishedDateTime).toBeNull();
    const today = page('', '<div class="date">June 1, 2024</div>');
    expect(run(today, 'https://example.com/a').publishedDateTime).toBeNull();
    expect(run(page(meta('article:published_time', '2030-01-01T00:00:00Z')), 'https://example.com/a').publishedDateTime).toBeNull();
  });

  it('reads visible bylines, skipping comment dates', () => {
    const html = page('', `<article><h1>T</h1><p class="byline">Posted on April 21, 2015, at 11:29 a.m. EDT</p>
      <div class="comments"><span class="date">May 1, 2015</span></div></article>`);
    expect(run(html, 'https://example.com/a').publishedDateTime).toBe('2015-04-21T15:29:00Z');
  });

  it('borrows the zone a visible byline states for a floating meta time', () => {
    const html = page(meta('article:published_time', '2016-02-01T01:28:49'), '<div class="byline">First published February 1, 2016: 1:28 AM ET</div>');
    expect(run(html, 'https://example.com/a').publishedDateTime).toBe('2016-02-01T06:28:49Z');
  });

  it.each([
    ['21.dez.2018 às 12h55', { y: 2018, mo: 12, d: 21, h: 12, mi: 55 }],
    ['1. listopadu 2021 10:52', { y: 2021, mo: 11, d: 1, h: 10, mi: 52 }],
    ['7 de diciembre de 2017', { y: 2017, mo: 12, d: 7, h: null }],
    ['Publié le 4 mars 2015 à 13h36', { y: 2015, mo: 3, d: 4, h: 13, mi: 36 }],
    ['12. März 2019', { y: 2019, mo: 3, d: 12, h: null }],
    ['3 giugno 2020', { y: 2020, mo: 6, d: 3, h: null }],
    ['2016年10月14日07:17', { y: 2016, mo: 10, d: 14, h: 7, mi: 17 }],
    ['2/26/2015 7:11 AM PST', { y: 2015, mo: 2, d: 26, h: 7, mi: 11, offset: -480 }],
  ])('reads the written date %j', (text, want) => {
    expect(parseDateText(text)).toMatchObject(want);
  });

  it('takes a day from the address when nothing else says', () => {
    expect(run(page('<title>x</title>'), 'https://example.com/2015/03/18/story').publishedDateTime).toBe('2015-03-18T00:00:00Z');
    expect(run(page('<title>x</title>'), 'https://example.com/hl?a=20170309-35097838-sci').publishedDateTime).toBe('2017-03-09T00:00:00Z');
    expect(run(page('<title>x</title>'), 'https://example.com/item?id=123456789').publishedDateTime).toBeNull();
  });
});
