// Excerpt, images, topics and type: declared values cleaned, boilerplate refused, the source named.
import { describe, expect, it } from 'vitest';
import { codePointLength } from '../../src/record/index.js';
import { ld, page, run } from './helpers.js';

describe('excerpt', () => {
  it('takes the description and cuts it at 200 code points', () => {
    const long = '😀'.repeat(150) + ' and words '.repeat(20);
    const out = run(page(`<meta property="og:description" content="${long}">`));
    expect(codePointLength(out.excerpt)).toBe(200);
    expect(out.sources.excerpt).toBe('og:description');
  });

  it('refuses cookie banners and site-wide descriptions and reads the first paragraph instead', () => {
    const body = '<article><h1>Peanut findings</h1><p class="caption">Photo: someone</p>' +
      '<p>Babies who eat peanut foods early are far less likely to develop an allergy, a large new study has found this week.</p>' +
      '<p>Second paragraph with more words than the first one has in it, which should not be chosen.</p></article>';
    for (const description of ['We use cookies to improve your experience on our site.', 'Example Health: breaking news and the latest health stories.']) {
      const out = run(page(`<title>Peanut findings</title><meta property="og:site_name" content="Example Health"><meta name="description" content="${description}">`, body));
      expect(out.excerpt).toMatch(/^Babies who eat peanut foods early/);
    }
  });
});

describe('images, topics and type', () => {
  it('lists og:image with its declared size, then JSON-LD images, absolute and deduplicated', () => {
    const out = run(page('<meta property="og:image" content="/lead.jpg"><meta property="og:image:width" content="1200"><meta property="og:image:height" content="600">' +
      ld({ '@type': 'Article', image: [{ '@type': 'ImageObject', url: 'https://www.example.co.uk/lead.jpg' }, 'https://cdn.example.com/b.png'] })));
    expect(out.images).toEqual([
      { url: 'https://www.example.co.uk/lead.jpg', width: 1200, height: 600 },
      { url: 'https://cdn.example.com/b.png' },
    ]);
  });

  it('suggests topics from article:tag, news_keywords and JSON-LD keywords without duplicates', () => {
    const out = run(page('<meta property="article:tag" content="Climate"><meta property="article:tag" content="Oceans"><meta name="news_keywords" content="climate, whales">' +
      ld({ '@type': 'Article', keywords: ['Whales', 'Science'], articleSection: 'Environment' })));
    expect(out.suggestedTopics).toEqual(['Climate', 'Oceans', 'whales', 'Science', 'Environment']);
  });

  it('maps og:type and schema.org types to the record type', () => {
    expect(run(page('<meta property="og:type" content="video.other">')).type).toBe('video');
    expect(run(page(ld({ '@type': 'ScholarlyArticle' }))).type).toBe('paper');
    expect(run(page(ld({ '@type': 'PodcastEpisode' }))).type).toBe('podcast');
    expect(run(page('<meta property="og:type" content="article">')).type).toBe('article');
  });
});

describe('entities in page text', () => {
  it('decodes only the entities it knows: `&constructor;` stays text, never Object\'s constructor', () => {
    const html = page(ld({ '@type': 'NewsArticle', headline: 'The &constructor; &amp;amp; the &toString; &lt;3' }));
    expect(run(html).title).toBe('The &constructor; & the &toString; <3');
  });
});
