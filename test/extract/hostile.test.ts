// Bad input: best-effort records, never an exception, bounded time, plain-text values.
import { describe, expect, it } from 'vitest';
import { htmlToParse } from '../../src/extract/document.js';
import { extractMetadata } from '../../src/extract/index.js';
import { completeWithArticle } from '../../src/extract/article.js';
import { parseWithLinkedom, registrableDomain } from '../../src/extract/node.js';
import { relatedFromHtml } from '../../src/related/from-html.js';
import { MAX_NESTING } from '../../src/extract/bound-depth.js';
import { page, run } from './helpers.js';

const PROSE = 'A sentence of running prose that is long enough to be the excerpt of this page. '.repeat(3);

/** The deepest element of a document, walked without recursion. */
function depthOf(doc: Document): number {
  let deepest = 0;
  const stack: Array<[Element, number]> = [[doc.documentElement, 1]];
  while (stack.length) {
    const [el, depth] = stack.pop()!;
    deepest = Math.max(deepest, depth);
    for (const child of Array.from(el.children)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/**
 * Best of three runs after an untimed warm-up: module loading, JIT and the other test files that
 * vitest runs at the same time on a busy machine should not count against the page.
 */
function timed<T>(fn: () => T): { value: T; ms: number } {
  run(page('<title>warm-up</title>'), 'https://example.com/warm');
  let best = { value: fn(), ms: Infinity };
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    const value = fn();
    const ms = performance.now() - start;
    if (ms < best.ms) best = { value, ms };
  }
  return best;
}

describe('hostile and broken pages', () => {
  it('reads a page with no <head>, and an empty or non-HTML input', () => {
    const out = run('<h1>Only a body headline</h1><p>Some text here.</p>', 'https://example.com/a');
    expect(out.title).toBe('Only a body headline');
    expect(run('', 'https://example.com/a')).toMatchObject({ title: '', publishedDateTime: null, webUrl: 'https://example.com/a' });
    expect(run('\u0000\u0001 binary junk \uFFFF', 'not a url').webUrl).toBe('');
  });

  it('handles a 10 MB page within a second', () => {
    const filler = '<div class="x"><p>Filler paragraph with words, words and more words.</p></div>'.repeat(130_000);
    const html = page('<title>Big page | Example</title><meta property="article:published_time" content="2020-01-02T03:04:05Z">' +
      '<meta property="og:description" content="A real description of the big page.">', filler);
    expect(html.length).toBeGreaterThan(10_000_000);
    const { value, ms } = timed(() => run(html, 'https://example.com/big'));
    expect(value.title).toBe('Big page');
    expect(value.publishedDateTime).toBe('2020-01-02T03:04:05Z');
    expect(ms).toBeLessThan(process.env.CI ? 3000 : 1000);
  });

  it('handles 100,000 meta tags in bounded time', () => {
    const metas = '<meta name="x" content="y">'.repeat(100_000);
    const html = page(`<title>Many metas</title>${metas}<meta property="og:title" content="Too late to count">`);
    const { value, ms } = timed(() => run(html, 'https://example.com/a'));
    expect(value.title).toBe('Many metas');
    expect(ms).toBeLessThan(process.env.CI ? 3000 : 1000);
  });

  it('reads a page nested thousands of elements deep in bounded time (Readability is not run on it)', () => {
    for (const depth of [5_000, 20_000]) {
      const prose = 'A sentence of running prose that is long enough to be the excerpt of this page. '.repeat(3);
      const html = page('<title>Deep page headline</title>', `${'<div>'.repeat(depth)}<p>${prose}</p>${'</div>'.repeat(depth)}`);
      const { value, ms } = timed(() => run(html, 'https://example.com/deep'));
      expect(value.title).toBe('Deep page headline');
      expect(value.excerpt.startsWith('A sentence of running prose')).toBe(true);
      expect(value.sources.excerpt).toBe('first paragraph');
      expect(ms).toBeLessThan(process.env.CI ? 6000 : 2000); // it took minutes before the depth bound
    }
  }, 60_000);

  it('removes bidi controls and zero-width characters from every value', () => {
    const dirty = 'Evil\u202E txet\u202C \u200Bheadline\u2066 \uFEFF';
    const out = run(page(`<title>${dirty}</title><meta property="og:site_name" content="Si\u200Bte\u202E"><meta name="description" content="A description that is long enough\u200D to keep.">`), 'https://example.com/a');
    for (const value of [out.title, out.provider.name, out.excerpt]) expect(value).not.toMatch(/[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/);
    expect(out.title).toBe('Evil txet headline');
  });

  it('returns plain text for markup inside titles and descriptions', () => {
    const out = run(page('<meta property="og:title" content="<script>alert(1)</script><b>Bold</b> &amp;amp; <i>italic</i>">' +
      '<meta name="description" content="&lt;p&gt;Paragraph &lt;a href=x&gt;with a link&lt;/a&gt; and enough words.&lt;/p&gt;">'), 'https://example.com/a');
    expect(out.title).not.toMatch(/[<>]/);
    expect(out.title).toBe('Bold & italic');
    expect(out.excerpt).toBe('Paragraph with a link and enough words.');
  });

  it('drops the code of script and style elements written into titles, closed or not', () => {
    const escaped = run(page('<title>Hostile &lt;img src=x onerror="window.__x=1"&gt; headline &lt;script&gt;window.__x=1&lt;/script&gt;</title>'),
      'https://example.com/b');
    expect(escaped.title).toBe('Hostile headline');
    const unclosed = run(page('<meta property="og:title" content="Storm &lt;style&gt;body{display:none}&lt;/style&gt;warning &lt;SCRIPT type=module&gt;fetch(1)">'),
      'https://example.com/c');
    expect(unclosed.title).toBe('Storm warning');
  });

  it('refuses javascript: and data: addresses for the canonical and images', () => {
    const out = run(page('<link rel="canonical" href="javascript:alert(document.cookie)"><meta property="og:image" content="data:image/png;base64,AAAA">' +
      '<meta property="og:url" content="  javascript:void(0)">'), 'https://example.com/story?utm_source=x');
    expect(out.originalUrl).toBe('https://example.com/story');
    expect(out.images).toEqual([]);
  });

  it('reads the top document only: frames and iframes add nothing', () => {
    const out = run(page('<title>Top page</title>', '<iframe srcdoc="<title>Inner</title><h1>Inner headline</h1>"></iframe><frameset><frame src="x.html"></frameset>'), 'https://example.com/a');
    expect(out.title).toBe('Top page');
  });

  // Issue 19, item 9: linkedom's parser costs the depth for every tag, so these took 6.5 s and 40 s.
  it('reads 100,000 nested <div>s (1.1 MB) and 850 KB of unclosed inline tags within a second, nested no deeper than a browser nests', () => {
    const shapes = {
      divs: page('<title>Deep divs headline</title>', `${'<div>'.repeat(100_000)}<p>${PROSE}</p>${'</div>'.repeat(100_000)}`),
      inline: page('<title>Unclosed inline headline</title>', `${'<b><i>x'.repeat(122_000)}<p>${PROSE}</p>`),
    };
    expect(shapes.divs.length).toBeGreaterThan(1_100_000);
    expect(shapes.inline.length).toBeGreaterThan(850_000);
    for (const [name, html] of Object.entries(shapes)) {
      expect(depthOf(parseWithLinkedom(htmlToParse(html).text)), name).toBeLessThanOrEqual(MAX_NESTING + 2);
      const { value, ms } = timed(() => run(html, 'https://example.com/deep'));
      expect(value.title).toMatch(/headline$/);
      expect(value.excerpt.startsWith('A sentence of running prose'), name).toBe(true);
      expect(ms, name).toBeLessThan(process.env.CI ? 3000 : 1000);
    }
  }, 120_000);

  // Issue 19, item 10: readers of a JSON-LD value recursed into it and overflowed the stack.
  it('saves a 10 KB page whose JSON-LD nests arrays 5,000 deep, the deep part ignored, in the CLI, the popup and related', () => {
    const deep = `${'['.repeat(5_000)}"deep"${']'.repeat(5_000)}`;
    for (const key of ['headline', 'keywords', 'about', 'articleSection', 'publisher', 'datePublished', 'author', 'image']) {
      const html = page(`<title>Deep data headline</title><script type="application/ld+json">{"@type":"NewsArticle",` +
        `"headline":"Deep data headline","datePublished":"2020-01-02T03:04:05Z","${key}":${deep}}</script>`, `<p>${PROSE}</p>`);
      expect(html.length).toBeGreaterThan(10_000);
      const cli = run(html, 'https://example.com/deep-data');
      expect(cli.title, key).toBe('Deep data headline');
      // The popup's stages over the page's own Document.
      const doc = parseWithLinkedom(html);
      const popup = extractMetadata(doc, 'https://example.com/deep-data', { registrableDomain });
      if (popup.needsArticle) completeWithArticle(doc, 'https://example.com/deep-data', popup, { registrableDomain });
      expect(popup.title, key).toBe('Deep data headline');
      expect(relatedFromHtml(html, 'https://example.com/deep-data').title, key).toBe('Deep data headline');
    }
  });
});
