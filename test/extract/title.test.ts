// Headlines: site names and sections that <title> and og:title add are cut; sources cross-checked.
import { describe, expect, it } from 'vitest';
import { splitTitle } from '../../src/extract/title.js';
import { page, run } from './helpers.js';

describe('title', () => {
  it.each([
    ['Headline of the day | Example Times', 'Headline of the day'],
    ['Example Times - Headline of the day', 'Headline of the day'],
    ['Headline of the day • Example Times', 'Headline of the day'],
    ['Headline of the day | World | Example Times', 'Headline of the day'],
    ['Headline of the day [Example Times]', 'Headline of the day'],
  ])('cuts the declared site name from %j', (title, want) => {
    const html = page(`<title>${title}</title><meta property="og:site_name" content="Example Times">`, '<h1>Headline of the day</h1>');
    expect(run(html).title).toBe(want);
  });

  it('uses the host name when the page declares no site name', () => {
    const html = page('<title>Storms close schools - Example</title>');
    expect(run(html, 'https://www.example.com/a').title).toBe('Storms close schools');
  });

  it('keeps a colon that belongs to the headline', () => {
    const headline = "Zimbabwe coup: Mugabe 'insisting he finishes his term'";
    const html = page(`<title>${headline} | Example Times</title><meta property="og:title" content="${headline}"><meta property="og:site_name" content="Example Times">`, `<h1>${headline}</h1>`);
    expect(run(html).title).toBe(headline);
  });

  it('prefers the headline most sources agree on over a site-wide og:title', () => {
    const html = page('<title>Get your code covered | Code | Jane Doe</title><meta property="og:title" content="Hi, I am Jane.">',
      '<h1>Get your code covered</h1>');
    expect(run(html, 'https://jane.doe.example/code/covered').title).toBe('Get your code covered');
  });

  it('never returns markup, entities or invisible characters', () => {
    const html = page('<title>&lt;b&gt;Bold&lt;/b&gt; &amp;amp; \u202Eevil\u202C\u200B news</title>');
    const out = run(html);
    expect(out.title).toBe('Bold & evil news');
  });

  it('splits at separators but not inside words', () => {
    expect(splitTitle('A well-known fact | Site').pieces).toEqual(['A well-known fact', 'Site']);
    expect(splitTitle('Plain headline').pieces).toEqual(['Plain headline']);
  });
});
