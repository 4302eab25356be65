// @vitest-environment jsdom
// Chrome's path for a related page: the background fetches, its offscreen document parses and reads
// (src/offscreen/related.ts, over this test's DOMParser), and the entry is the one `lede related` gives.
import { describe, expect, it } from 'vitest';
import { OffscreenDocument, type OffscreenApi } from '../../src/background/offscreen.js';
import { offscreenReader, pageReader } from '../../src/background/related-reader.js';
import { relatedHandlers } from '../../src/offscreen/related.js';
import { fetchRelated } from '../../src/related/fetch-related.js';
import { relatedFromHtml } from '../../src/related/from-html.js';
import { isOffscreenEnvelope } from '../../src/shared/offscreen-messages.js';

const PAGE = `<!doctype html><html><head><title>Harbour lamps</title><meta property="og:title" content="Harbour lamps relit">
<meta property="og:site_name" content="Coast News"><link rel="canonical" href="/lamps?utm_source=x">
<meta property="og:image" content="img/lamps.png"></head>
<body><article><p>The harbour lamps were relit last night after a winter of repairs, and the quay was full of people who came to see them.</p></article></body></html>`;

/** Chrome's offscreen API, with the document's own handler table answering its messages. */
function chromeWithDocument() {
  let open = false;
  const log: string[] = [];
  const api: OffscreenApi = {
    offscreen: {
      createDocument: async () => { open = true; log.push('create'); },
      closeDocument: async () => { open = false; log.push('close'); },
    },
    runtime: {
      getURL: (path) => `chrome-extension://lede/${path}`,
      getContexts: async () => (open ? [{}] : []),
      sendMessage: async (message) => {
        if (!open || !isOffscreenEnvelope(message)) return undefined;
        log.push(message.type);
        if (message.type === 'offscreen/ping') return { ready: true, busy: false };
        const handler = (relatedHandlers as Record<string, (payload: unknown) => Promise<unknown>>)[message.type];
        return handler ? handler(message.payload) : undefined;
      },
    },
  };
  return { api, log };
}

describe('the offscreen reader (Chrome)', () => {
  it('has the document parse and read the page the background fetched: the CLI\'s entry', async () => {
    const { api, log } = chromeWithDocument();
    const url = 'https://coast.example/news/lamps-amp';
    const result = await fetchRelated(url, {
      fetch: async () => new Response(PAGE, { headers: { 'content-type': 'text/html' } }),
      reader: offscreenReader(new OffscreenDocument(api, 50)),
      defaults: { quality: 50 },
      hostAccess: () => false,
    });
    expect(result).toEqual({ ok: true, entry: relatedFromHtml(PAGE, url), finalUrl: url, stoppedAt: 'end', cut: false, charset: 'utf-8', charsetSource: 'default' });
    expect(result.ok && result.entry.webUrl).toBe('https://coast.example/lamps');
    expect(result.ok && result.entry.images[0]!.url).toBe('https://coast.example/img/lamps.png'); // against the canonical, as the engine does
    // Created once; the head did not answer the excerpt, so the whole page was read; closed once idle.
    expect(log.filter((l) => l !== 'offscreen/ping')).toEqual(['create', 'related/head-answers', 'related/read']);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(log.at(-1)).toBe('close');
  });

  it('says what went wrong inside the document', async () => {
    const { api } = chromeWithDocument();
    const reader = offscreenReader(new OffscreenDocument({ ...api, runtime: { ...api.runtime, sendMessage: async () => ({ offscreenError: 'parse failed' }) } }));
    await expect(reader.entry(PAGE, 'https://coast.example/a', { quality: 50 })).rejects.toThrow('parse failed');
  });
});

describe('the page reader (Firefox: the background page\'s own DOMParser)', () => {
  it('gives the CLI\'s entry', async () => {
    const url = 'https://coast.example/news/lamps-amp';
    expect(await pageReader().entry(PAGE, url, { quality: 61 })).toEqual({ entry: relatedFromHtml(PAGE, url, { quality: 61 }), cut: false });
  });
});
