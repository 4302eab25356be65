// Issue 19, item 9: the work on a fetched page has a deadline. Past the engine's budget the later stages are
// left out (the entry is the head's and metadata's, marked cut); a reader that never answers is given up on.
import { describe, expect, it } from 'vitest';
import { fetchRelated, type RelatedReader } from '../../src/related/fetch-related.js';
import { linkedomReader, relatedAndExtraction } from '../../src/related/from-html.js';

const PAGE = `<html><head><title>Lamps at the Harbour</title><meta property="og:site_name" content="Coast News"></head>
<body><article><p>${'The harbour lamps were lit again this week after twenty years of darkness along the quay. '.repeat(2)}</p></article></body></html>`;
const served = async () => new Response(PAGE, { headers: { 'content-type': 'text/html; charset=utf-8' } });

describe('the read budget', () => {
  it('within it, the whole page; past it, the head and metadata, marked cut', () => {
    const whole = relatedAndExtraction(PAGE, 'https://coast.example/lamps');
    expect(whole).toMatchObject({ cut: false, entry: { title: 'Lamps at the Harbour', excerpt: expect.stringContaining('harbour lamps') } });
    const cut = relatedAndExtraction(PAGE, 'https://coast.example/lamps', undefined, -1);
    expect(cut).toMatchObject({ cut: true, entry: { title: 'Lamps at the Harbour', excerpt: '' } });
  });

  it('fetchRelated passes the cut on, and gives up on a reader that never answers', async () => {
    const answer = await fetchRelated('https://coast.example/lamps', { fetch: served, reader: linkedomReader, defaults: { quality: 50 }, hostAccess: () => false });
    expect(answer).toMatchObject({ ok: true, cut: false, charset: 'utf-8' });
    const stuck: RelatedReader = { headAnswers: () => false, entry: () => new Promise(() => undefined) };
    const start = Date.now();
    expect(await fetchRelated('https://coast.example/lamps', { fetch: served, reader: stuck, defaults: { quality: 50 }, hostAccess: () => false, watchdogMs: 50 }))
      .toEqual({ ok: false, reason: 'read-timeout', detail: '0' });
    expect(Date.now() - start).toBeLessThan(2_000);
  });
});
