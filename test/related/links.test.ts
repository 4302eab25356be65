// Link suggestions: JSON-LD's related links and citations, and article links in the text, never
// navigation, tags, share buttons or the page itself; checked on a made page and on the dev corpus.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { articleLike, linkSuggestions } from '../../src/related/links.js';
import { normaliseUrl } from '../../src/record/url.js';
import { sharedDir, sharedOrSkipNote } from '../shared.js';

const doc = (html: string) => parseHTML(html).document as unknown as Document;

const PAGE = `<!doctype html><html><head>
<link rel="canonical" href="https://news.example.com/2026/03/harbour-lamps-relit">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Harbour lamps relit",
 "citation":[{"@type":"CreativeWork","name":"Tidal survey 2025","url":"https://science.example.org/papers/tidal-survey-2025"}],
 "isBasedOn":"https://wire.example.net/stories/lamps-relit-after-winter-repairs",
 "relatedLink":["https://news.example.com/2026/03/harbour-lamps-relit"]}</script>
</head><body>
<nav><a href="https://news.example.com/2026/02/nav-story-about-boats">Nav story about boats</a></nav>
<article>
  <h1>Harbour lamps relit</h1>
  <div class="share"><p><a href="https://twitter.com/intent/tweet?url=x">Share on Twitter today</a></p></div>
  <p>After <a href="https://news.example.com/2025/11/storm-damages-harbour-lamps">the November storm</a>, the
  lamps were repaired (<a href="https://news.example.com/tag/harbours">harbours</a>,
  <a href="https://news.example.com/">home</a>, <a href="#comments">comments</a>,
  <a href="https://news.example.com/2026/03/harbour-lamps-relit?utm_source=self">this page</a>,
  <a href="https://twitter.com/someone/status/1234567890">a post on social media</a>,
  <a href="https://news.example.com/2025/11/storm-damages-harbour-lamps?utm_medium=x">the storm again</a>).</p>
  <p class="byline"><a href="https://news.example.com/authors/jane-doe-writer">Jane Doe</a></p>
  <figure><figcaption><a href="https://photos.example.com/2026/lamp-photo-credit-page">Photo credit page</a></figcaption></figure>
</article>
<aside><p><a href="https://news.example.com/2026/01/aside-story-about-tides">Aside story</a></p></aside>
</body></html>`;

describe('linkSuggestions', () => {
  it('JSON-LD first, then article links in the text; nothing else', () => {
    expect(linkSuggestions(doc(PAGE), 'https://news.example.com/2026/03/harbour-lamps-relit?utm_source=feed',
      'https://news.example.com/2026/03/harbour-lamps-relit')).toEqual([
      { url: 'https://science.example.org/papers/tidal-survey-2025', title: 'Tidal survey 2025', source: 'json-ld citation' },
      { url: 'https://wire.example.net/stories/lamps-relit-after-winter-repairs', title: '', source: 'json-ld isBasedOn' },
      { url: 'https://news.example.com/2025/11/storm-damages-harbour-lamps', title: 'the November storm', source: 'article link' },
    ]);
  });

  it('knows article addresses from section, tag and home pages', () => {
    expect(articleLike('https://a.example/2024/05/some-long-story-slug')).toBe(true);
    expect(articleLike('https://a.example/news/world-us-canada-33646563')).toBe(true);
    expect(articleLike('https://a.example/story.php?id=123')).toBe(true);
    expect(articleLike('https://a.example/')).toBe(false);
    expect(articleLike('https://a.example/politics/')).toBe(false);
    expect(articleLike('https://a.example/tag/some-long-tag-name')).toBe(false);
    expect(articleLike('https://a.example/author/jane-doe-smith')).toBe(false);
    expect(articleLike('https://a.example/img/big-photo-of-harbour.jpg')).toBe(false);
  });

  it.runIf(sharedOrSkipNote('link suggestions on the dev corpus'))('on the dev corpus: article-like links, never the page itself, share buttons or social posts', () => {
    const labels = JSON.parse(readFileSync(join(sharedDir, 'corpus/dev/labels.json'), 'utf8')) as Array<{ file: string; url: string; canonicalUrl?: string }>;
    let pages = 0;
    for (const label of labels) {
      const html = readFileSync(join(sharedDir, 'corpus/dev', label.file), 'utf8');
      const found = linkSuggestions(doc(html), label.url, label.canonicalUrl ?? '');
      if (found.length) pages++;
      expect(found.length, label.file).toBeLessThanOrEqual(12);
      const own = [label.url, label.canonicalUrl ?? ''].map(normaliseUrl);
      for (const s of found) {
        expect(own, `${label.file}: ${s.url}`).not.toContain(normaliseUrl(s.url));
        expect(s.url, label.file).toMatch(/^https?:\/\//);
        expect(s.url, label.file).not.toMatch(/twitter\.com|facebook\.com\/shar|\/tags?\/|\/authors?\//);
        if (s.source === 'article link') expect(articleLike(s.url), `${label.file}: ${s.url}`).toBe(true);
      }
      expect(new Set(found.map((s) => normaliseUrl(s.url))).size, label.file).toBe(found.length);
    }
    // Measured 2026-12-01: 39 of the 88 pages link other articles in their text or JSON-LD.
    expect(pages).toBeGreaterThanOrEqual(35);
  });
});
