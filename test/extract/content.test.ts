// @vitest-environment jsdom
// The content scripts in a real DOM: extract.js leaves the metadata result on globalThis, and
// readability.js completes it in place only when it was asked to (the background's contract).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { EngineResult } from '../../src/extract/index.js';

const scope = globalThis as { __ledeExtraction?: EngineResult };

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

  it('extract.js leaves a complete result without asking for Readability when metadata suffices', async () => {
    setPage('<title>Storm closes schools | Example Times</title><meta property="og:site_name" content="Example Times">' +
      '<meta name="description" content="Schools across the county closed on Monday as the storm arrived.">' +
      '<meta property="article:published_time" content="2021-02-03T09:30:00-05:00">', '<h1>Storm closes schools</h1>');
    await import('../../src/content/extract.js');
    const result = scope.__ledeExtraction!;
    expect(result).toMatchObject({
      title: 'Storm closes schools', publishedDateTime: '2021-02-03T14:30:00Z', needsReadability: false,
      provider: { name: 'Example Times', domain: 'localhost' },
    });
  });

  it('asks for the article stage when the excerpt is missing, and readability.js fills it', async () => {
    setPage('<title>Peanut findings</title><meta property="og:site_name" content="Example Health">',
      '<article><h1>Peanut findings</h1><p class="byline">Posted on April 21, 2015</p>' +
      '<p>Babies who eat peanut foods early are far less likely to develop an allergy, a large new study has found this week. ' +
      'The researchers followed hundreds of families for five years and report the results in a medical journal.</p>' +
      '<p>More text follows here so that the article is long enough for Readability to accept it as the main content of the page, ' +
      'with several sentences of ordinary prose about the study and its findings.</p></article>');
    await import('../../src/content/extract.js');
    expect(scope.__ledeExtraction).toMatchObject({ excerpt: '', needsReadability: true, pending: { excerpt: true, date: true } });
    await import('../../src/content/readability.js');
    const result = scope.__ledeExtraction!;
    expect(result.needsReadability).toBe(false);
    expect(result.excerpt).toMatch(/^Babies who eat peanut foods early/);
    expect(result.publishedDateTime).toBe('2015-04-21T00:00:00Z');
  });
});
