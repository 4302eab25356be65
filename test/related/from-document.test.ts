// @vitest-environment jsdom
// One reader over any parser: linkedom (the CLI) and a DOMParser (the extension's offscreen document and
// Firefox's background page) give the same entry. A DOMParser document's base is the page that made it,
// not the fetched page, so every address must be resolved against the page's own URL.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registrableDomain } from '../../src/extract/node.js';
import { fetchRelated, type RelatedReader } from '../../src/related/fetch-related.js';
import { documentReader, headAnswersHtml, readRelatedHtml } from '../../src/related/from-document.js';
import { linkedomReader, relatedFromHtml } from '../../src/related/from-html.js';
import { sharedDir, sharedOrSkipNote } from '../shared.js';

const parseWithDomParser = (markup: string) => new DOMParser().parseFromString(markup, 'text/html');

const RELATIVE = `<!doctype html><html><head>
<title>Seals return to the inner harbour</title>
<meta property="og:title" content="Seals return to the inner harbour">
<meta property="og:site_name" content="Coast News">
<meta name="description" content="A colony of grey seals is back on the inner harbour rocks for the first time in twenty years.">
<meta property="og:image" content="../img/seals.jpg?utm_source=feed">
<meta property="article:published_time" content="2026-03-02T08:00:00Z">
<link rel="canonical" href="./seals.html?utm_medium=social">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Seals return to the inner harbour","image":{"@type":"ImageObject","url":"/media/seals-wide.jpg"}}</script>
</head><body><article><p>Read <a href="../2025/otters.html">the otters</a> too.</p></article></body></html>`;

describe('the related reader over a DOMParser', () => {
  it('resolves relative addresses against the page read, not the document that parsed it', () => {
    const url = 'https://www.coast.example/news/2026/seals-amp.html?fbclid=1';
    const doc = parseWithDomParser(RELATIVE);
    // The trap: this document's base is the test page's, as an offscreen document's is the extension's.
    expect(doc.baseURI).not.toContain('coast.example');
    const { entry } = readRelatedHtml(RELATIVE, url, parseWithDomParser, registrableDomain);
    expect(entry.webUrl).toBe('https://www.coast.example/news/2026/seals.html');
    expect(entry.images).toEqual([{ url: 'https://www.coast.example/news/img/seals.jpg', isCached: false }]);
    expect(entry).toEqual(relatedFromHtml(RELATIVE, url));
  });

  it('answers the head check as linkedom does', () => {
    const head = RELATIVE.slice(0, RELATIVE.indexOf('</head>') + 7);
    const url = 'https://www.coast.example/news/2026/seals.html';
    // Since the third extraction round the body's <h1> and the date beside it can change the title and the
    // date, so even a complete head never answers alone: both readers say so.
    expect(headAnswersHtml(head, url, parseWithDomParser, registrableDomain)).toBe(false);
    expect(linkedomReader.headAnswers(head, url)).toBe(false);
    const bare = head.replace(/<meta name="description"[^>]*>/, '');
    expect(headAnswersHtml(bare, url, parseWithDomParser, registrableDomain)).toBe(false);
    expect(linkedomReader.headAnswers(bare, url)).toBe(false);
  });

  // jsdom stands in for the browser here (the browser tests compare the real one on more pages).
  it.skipIf(!sharedOrSkipNote('the DOMParser/linkedom comparison'))('gives lede related\'s entry on corpus pages, Readability included', () => {
    const labels = JSON.parse(readFileSync(join(sharedDir, 'corpus/dev/labels.json'), 'utf8')) as Array<{ file: string; url: string }>;
    for (const file of ['rdb-001.html', 'rdb-ebb-org.html', 'rdb-daringfireball-1.html', 'rdb-hukumusume.html']) {
      const { url } = labels.find((label) => label.file === file)!;
      const html = readFileSync(join(sharedDir, 'corpus/dev', file), 'utf8');
      expect(readRelatedHtml(html, url, parseWithDomParser, registrableDomain).entry, file).toEqual(relatedFromHtml(html, url));
    }
  });
});

describe('fetchRelated with a reader that answers later (an offscreen document)', () => {
  const PAGE = `${RELATIVE.slice(0, RELATIVE.indexOf('</head>') + 7)}<body>${'<p>filler</p>'.repeat(5000)}</body></html>`;
  const fetchPage = async () => new Response(PAGE, { headers: { 'content-type': 'text/html; charset=utf-8' } });

  function laterReader(base: RelatedReader) {
    const calls: string[] = [];
    const reader: RelatedReader = {
      prepare: () => { calls.push('prepare'); },
      headAnswers: async (head, url) => {
        calls.push('head');
        await new Promise((resolve) => setTimeout(resolve, 20));
        return base.headAnswers(head, url);
      },
      entry: async (html, url, defaults) => {
        calls.push(`entry ${html.length}`);
        return base.entry(html, url, defaults);
      },
    };
    return { reader, calls };
  }

  it('waits for the head check, stops at </head>, and starts the reader as the fetch starts', async () => {
    // A reader whose head check says yes, later (the engine's own never does now; the fetch's wait is what is tested).
    const base = documentReader(parseWithDomParser, registrableDomain);
    const { reader, calls } = laterReader({ ...base, headAnswers: () => true });
    const url = 'https://www.coast.example/news/2026/seals.html';
    const result = await fetchRelated(url, { fetch: fetchPage, reader, defaults: { quality: 70 }, hostAccess: () => true });
    expect(result).toMatchObject({ ok: true, stoppedAt: 'head', entry: { title: 'Seals return to the inner harbour', quality: 70 } });
    expect(calls).toEqual(['prepare', 'head', `entry ${RELATIVE.indexOf('</head>') + 7}`]);
  });

  it('starts nothing for an address that is not one', async () => {
    const { reader, calls } = laterReader(linkedomReader);
    expect(await fetchRelated('not a url', { fetch: fetchPage, reader, defaults: { quality: 50 }, hostAccess: () => true })).toMatchObject({ ok: false, reason: 'invalid-url' });
    expect(calls).toEqual([]);
  });
});
