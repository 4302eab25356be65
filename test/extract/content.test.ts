// @vitest-environment jsdom
// The content scripts in a real DOM: extract.js leaves the metadata result on globalThis;
// article.js completes it in place only when it was asked to, and readability.js only when the
// article stage left the excerpt to it (the background's contract, src/background/inject.ts).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { EngineResult } from '../../src/extract/index.js';

const scope = globalThis as { __ledeExtraction?: EngineResult };

const STANDFIRST = 'A large new study finds that babies who eat peanut foods early rarely develop the allergy later.';
const PROSE = '<p>Babies who eat peanut foods early are far less likely to develop an allergy, a large new study has found this week. ' +
  'The researchers followed hundreds of families for five years and report the results in a medical journal.</p>' +
  '<p>More text follows here so that the article is long enough for Readability to accept it as the main content of the page, ' +
  'with several sentences of ordinary prose about the study and its findings.</p>';

/** Replaces the test document's content with a parsed page (built as nodes, not via innerHTML). */
function setPage(head: string, body: string): void {
  const parsed = new DOMParser().parseFromString(`<html><head>${head}</head><body>${body}</body></html>`, 'text/html');
  document.replaceChild(document.importNode(parsed.documentElement, true), document.documentElement);
}

describe('content scripts', () => {
  beforeEach(() => {
    vi.resetModules();
    delete scope.__ledeExtraction;
  });

  it('extract.js completes the fields metadata gives and asks the article stage only to check the day beside the headline', async () => {
    setPage('<title>Storm closes schools | Example Times</title><meta property="og:site_name" content="Example Times">' +
      '<meta name="description" content="Schools across the county closed on Monday as the storm arrived.">' +
      '<meta property="article:published_time" content="2021-02-03T09:30:00-05:00">', '<h1>Storm closes schools</h1>');
    await import('../../src/content/extract.js');
    const result = scope.__ledeExtraction!;
    expect(result).toMatchObject({
      title: 'Storm closes schools', publishedDateTime: '2021-02-03T14:30:00Z', needsArticle: true, needsReadability: false,
      provider: { name: 'Example Times', domain: 'localhost' }, pending: { excerpt: false, date: false, provider: false },
    });
  });

  it('article.js fills the date and the excerpt from a standfirst, and does not ask for Readability', async () => {
    setPage('<title>Peanut findings</title><meta property="og:site_name" content="Example Health">',
      `<article><h1>Peanut findings</h1><p class="standfirst">${STANDFIRST}</p><p class="byline">Posted on April 21, 2015</p>${PROSE}</article>`);
    await import('../../src/content/extract.js');
    expect(scope.__ledeExtraction).toMatchObject({ excerpt: '', needsArticle: true, needsReadability: false, pending: { excerpt: true, date: true } });
    await import('../../src/content/article.js');
    expect(scope.__ledeExtraction).toMatchObject({
      excerpt: STANDFIRST, publishedDateTime: '2015-04-21T00:00:00Z', needsArticle: false, needsReadability: false,
      sources: { excerpt: 'standfirst' }, pending: { excerpt: false, date: false, provider: false },
    });
  });

  it('article.js keeps the first paragraph and asks for Readability without a standfirst; readability.js gives the article\'s', async () => {
    setPage('<title>Peanut findings</title><meta property="og:site_name" content="Example Health">',
      `<article><h1>Peanut findings</h1><p class="byline">Posted on April 21, 2015</p>${PROSE}</article>`);
    await import('../../src/content/extract.js');
    expect(scope.__ledeExtraction).toMatchObject({ excerpt: '', needsArticle: true, pending: { excerpt: true, date: true } });
    await import('../../src/content/article.js');
    expect(scope.__ledeExtraction).toMatchObject({
      needsArticle: false, needsReadability: true, publishedDateTime: '2015-04-21T00:00:00Z', sources: { excerpt: 'first paragraph' },
    });
    expect(scope.__ledeExtraction!.excerpt).toMatch(/^Babies who eat peanut foods early/);
    await import('../../src/content/readability.js');
    const result = scope.__ledeExtraction!;
    expect(result).toMatchObject({ needsReadability: false, sources: { excerpt: 'readability' }, publishedDateTime: '2015-04-21T00:00:00Z' });
    expect(result.excerpt).toMatch(/^Babies who eat peanut foods early/);
  });

  it('readability.js leaves a result alone that did not ask for it', async () => {
    setPage('<title>Peanut findings</title>', `<article><h1>Peanut findings</h1>${PROSE}</article>`);
    scope.__ledeExtraction = { excerpt: 'Kept.', needsArticle: false, needsReadability: false, sources: { excerpt: 'standfirst' } } as unknown as EngineResult;
    await import('../../src/content/readability.js');
    expect(scope.__ledeExtraction).toMatchObject({ excerpt: 'Kept.', sources: { excerpt: 'standfirst' } });
  });
});
