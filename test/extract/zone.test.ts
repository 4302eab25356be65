// The page's own time zone for times written without one: what the page says, then where it is from.
import { describe, expect, it } from 'vitest';
import { ld, page, run } from './helpers.js';

const meta = (name: string, value: string) => `<meta property="${name}" content="${value}">`;
const at = (html: string, url = 'https://www.example.com/story') => run(html, url).publishedDateTime;

describe('the page time zone', () => {
  it('reads a zone abbreviation written beside a time on the page, with summer time through Intl', () => {
    const byline = (when: string) => page(meta('article:published_time', when), '<p class="byline">By Jane Roe, updated 4:05 pm PT</p>');
    // PT in July is PDT (-07:00), in January PST (-08:00).
    expect(at(byline('2019-07-04T16:05:00'))).toBe('2019-07-04T23:05:00Z');
    expect(at(byline('2019-01-04T16:05:00'))).toBe('2019-01-05T00:05:00Z');
    expect(at(page(meta('article:published_time', '2019-03-04T10:30:00'), '<div class="meta">Mar 4, 2019 10:30 IST</div>')))
      .toBe('2019-03-04T05:00:00Z');
  });

  it('takes the offset another date of the page carries (a <time> elsewhere, the modified date)', () => {
    const html = page(meta('article:published_time', '2021-06-01T09:00:00'), '<footer><time datetime="2021-06-02T10:00:00-03:00">June 2</time></footer>');
    expect(at(html)).toBe('2021-06-01T12:00:00Z');
    expect(at(page(meta('article:published_time', '2021-06-01T09:00:00') + meta('article:modified_time', '2021-06-01T11:00:00+05:30'))))
      .toBe('2021-06-01T03:30:00Z');
  });

  it('uses the language and country of the page, and the script of its text', () => {
    const html = (lang: string, body = '') => page(meta('article:published_time', '2020-02-03T07:17:00'), body).replace('lang="en"', `lang="${lang}"`);
    expect(at(html('pt-BR'))).toBe('2020-02-03T10:17:00Z');
    expect(at(html('en-IN'))).toBe('2020-02-03T01:47:00Z');
    // No lang at all, Chinese text: UTC+8 wherever Han script is written alone.
    expect(at(html('', '<p>谷歌在2014年收购的人工智能公司开发出一款计算机。</p>').replace(' lang=""', ''))).toBe('2020-02-02T23:17:00Z');
  });

  it('uses a one-zone country domain (Korea), summer time where the country keeps it (Brazil 2018)', () => {
    expect(at(page(meta('article:published_time', '2020-02-03T09:00:00')), 'https://news.example.co.kr/a')).toBe('2020-02-03T00:00:00Z');
    expect(at(page(meta('article:published_time', '2018-12-21T12:55:00')), 'https://www1.example.com.br/a')).toBe('2018-12-21T14:55:00Z');
  });

  it('reads a UTC mark on the local time people read as the mislabel it is', () => {
    const html = page(ld({ '@type': 'NewsArticle', headline: 'Tite', datePublished: '2018-12-21T12:55:00Z' }) +
      meta('article:published_time', '2018-12-21 12:55:00'), '<time class="published-date" datetime="2018-12-21 12:55:00">21.dez.2018 às 12h55</time>');
    expect(at(html, 'https://www1.example.com.br/esporte/a')).toBe('2018-12-21T14:55:00Z');
    // The same page on a generic domain with no other evidence: the UTC mark stands.
    expect(at(html, 'https://www.example.com/esporte/a')).toBe('2018-12-21T12:55:00Z');
  });

  it('keeps the day and drops the time when nothing indicates a zone, and never shifts a day-only date', () => {
    expect(at(page(meta('article:published_time', '2020-11-11T23:30:00')))).toBe('2020-11-11T00:00:00Z');
    expect(at(page(meta('article:published_time', '2020-11-11')), 'https://www.example.co.nz/a')).toBe('2020-11-11T00:00:00Z');
    expect(at(page(meta('article:published_time', '2020-11-11'), '<p>Posted 9:00 am PT</p>'))).toBe('2020-11-11T00:00:00Z');
  });

  it('finds no zone in words a page merely contains (`constructor`, `toString`)', () => {
    expect(at(page(meta('article:published_time', '2020-11-11T10:30:00'), '<p>At 10:30 constructor toString</p>'))).toBe('2020-11-11T00:00:00Z');
  });
});

describe('the page time zone, not from stray evidence', () => {
  it('ignores a zone inside a script and a few quoted characters of another script', () => {
    const script = page(meta('article:published_time', '2020-11-11T10:30:00'), '<script>var t = "10:30 PST";</script><p>Nothing here.</p>');
    // No zone found (a PST inside a script is not one): the day alone.
    expect(at(script)).toBe('2020-11-11T00:00:00Z');
    const quoted = page(meta('article:published_time', '2020-11-11T10:30:00'),
      '<p>The city of Beijing (北京) hosted the talks between the two delegations for three long days this week.</p>');
    expect(at(quoted)).toBe('2020-11-11T00:00:00Z');
  });
});
