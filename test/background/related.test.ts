// The background's related handlers: host access checked, the page read through the injected fetch, every
// failure named in the person's words, and a waiting entry completed in the tab's draft once access comes.
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../src/background/handlers.js';
import { completePending } from '../../src/background/related.js';
import { addLinkAsRelated } from '../../src/background/related-menu.js';
import { librarySuggestions } from '../../src/background/related-suggest.js';
import { relatedDeps } from '../../src/background/handlers.js';
import { blankRelated } from '../../src/related/list.js';
import type { Draft } from '../../src/shared/messages.js';
import { makeDeps, sampleRecord, saveNow } from './fakes.js';

const PAGE = `<html><head><title>Harbour lamps</title><meta property="og:title" content="Harbour lamps relit">
<meta property="og:site_name" content="Coast News"><meta name="description" content="The harbour lamps were relit last night after a winter of repairs and a long wait.">
<meta property="article:published_time" content="2026-01-05T10:00:00Z"></head><body></body></html>`;

function deps() {
  const calls: string[] = [];
  const d = makeDeps({
    fetch: async (url) => {
      calls.push(url);
      if (url === 'https://coast.example/lamps') return new Response(PAGE, { headers: { 'content-type': 'text/html' } });
      return new Response('no', { status: 404, headers: { 'content-type': 'text/html' } });
    },
  });
  return { d, calls, handlers: createHandlers(d) };
}

describe('related/fetch', () => {
  it('reads the page into an entry with the settings\' default quality', async () => {
    const { d, handlers, calls } = deps();
    d.granted.add('coast.example');
    await d.settings.set({ defaultQuality: 64 });
    const answer = await handlers['related/fetch']({ url: 'https://coast.example/lamps' }, {});
    expect(answer).toMatchObject({ ok: true, notice: '', entry: { title: 'Harbour lamps relit', quality: 64, provider: { name: 'Coast News', domain: 'coast.example' } } });
    expect(calls).toEqual(['https://coast.example/lamps']);
  });

  it('without host access nothing is fetched, and the person is told why', async () => {
    const { handlers, calls } = deps();
    expect(await handlers['related/fetch']({ url: 'https://coast.example/lamps' }, {})).toEqual({ ok: false, reason: 'no-access', message: 'relatedNoAccess: coast.example' });
    expect(calls).toEqual([]);
  });

  it('starts the reader when asked, before any address is read', async () => {
    const { d, handlers } = deps();
    let prepared = 0;
    d.related.reader = { ...d.related.reader, prepare: () => { prepared++; } };
    expect(await handlers['related/prepare']({}, {})).toEqual({ ok: true });
    expect(prepared).toBe(1);
  });

  it('names the failure', async () => {
    const { d, handlers } = deps();
    d.granted.add('coast.example');
    expect(await handlers['related/fetch']({ url: 'https://coast.example/gone' }, {})).toEqual({ ok: false, reason: 'http-status', message: 'relatedHttpStatus: 404' });
    expect(await handlers['related/fetch']({ url: 'mailto:a@b.c' }, {})).toMatchObject({ ok: false, reason: 'not-web' });
  });
});

describe('an entry waiting for access', () => {
  it('is kept with the tab\'s draft and completed there once access is granted', async () => {
    const { d, handlers } = deps();
    const waiting = blankRelated('https://coast.example/lamps', 50);
    const draft: Draft = { tabId: 7, url: 'https://stratechery.com/2023/meta-ai/', record: sampleRecord({ related: [waiting] }), updatedAt: '2026-01-01T00:00:00Z' };
    expect(await handlers['related/pending']({ draft, url: 'https://coast.example/lamps' }, {})).toEqual({ ok: true });
    expect(await completePending(relatedDeps(d))).toBe(0); // no access yet: still waiting
    expect((await d.drafts.get(7))!.record.related).toEqual([waiting]);
    d.granted.add('coast.example');
    expect(await completePending(relatedDeps(d))).toBe(1);
    const related = (await d.drafts.get(7))!.record.related;
    expect(related).toHaveLength(1);
    expect(related[0]).toMatchObject({ title: 'Harbour lamps relit', webUrl: 'https://coast.example/lamps' });
    expect(await completePending(relatedDeps(d))).toBe(0); // done once
  });

  it('a read in the popup itself clears the waiting address; a reopened popup is told which are waiting', async () => {
    const { d, handlers } = deps();
    const draft: Draft = { tabId: 3, url: 'https://stratechery.com/2023/meta-ai/', record: sampleRecord(), updatedAt: '2026-01-01T00:00:00Z' };
    await handlers['related/pending']({ draft, url: 'https://coast.example/lamps' }, {});
    await handlers['related/pending']({ draft: { ...draft, tabId: 4 }, url: 'https://coast.example/other' }, {});
    expect(await handlers['related/waiting']({ tabId: 3 }, {})).toEqual({ urls: ['https://coast.example/lamps'] });
    d.granted.add('coast.example');
    await handlers['related/fetch']({ url: 'https://coast.example/lamps', tabId: 3 }, {});
    expect(await handlers['related/waiting']({ tabId: 3 }, {})).toEqual({ urls: [] });
    expect(await handlers['related/waiting']({ tabId: 4 }, {})).toEqual({ urls: ['https://coast.example/other'] });
    // Access came: the other tab's is read too (it is gone, 404), and waits no more.
    expect(await completePending(relatedDeps(d))).toBe(0);
    expect(await handlers['related/waiting']({ tabId: 4 }, {})).toEqual({ urls: [] });
  });
});

describe('add link as related (the context menu)', () => {
  it('reads and saves the tab\'s page first when it is not in the library, then adds the link', async () => {
    const { d, handlers } = deps();
    d.granted.add('coast.example');
    d.tabs.set(5, 'https://news.bbc.co.uk/story/1');
    const outcome = await addLinkAsRelated(handlers, d.store, relatedDeps(d), { id: 5, url: 'https://news.bbc.co.uk/story/1' }, { url: 'https://coast.example/lamps' });
    expect(outcome).toEqual({ ok: true, recordTitle: 'A headline', added: true, notice: '' });
    const saved = await d.store.find(['https://news.bbc.co.uk/story/1']);
    expect(saved!.record.related.map((e) => e.title)).toEqual(['Harbour lamps relit']);
    // Again: not added twice.
    expect(await addLinkAsRelated(handlers, d.store, relatedDeps(d), { id: 5, url: 'https://news.bbc.co.uk/story/1' }, { url: 'https://coast.example/lamps?utm_source=x' }))
      .toMatchObject({ ok: true, added: false });
  });

  it('a link that cannot be read is added by its words, with the reason', async () => {
    const { d, handlers } = deps();
    d.granted.add('coast.example');
    await saveNow(d.store, sampleRecord());
    const outcome = await addLinkAsRelated(handlers, d.store, relatedDeps(d), { id: 2, url: 'https://stratechery.com/2023/meta-ai/' }, { url: 'https://coast.example/gone', text: 'Old story' });
    expect(outcome).toMatchObject({ ok: true, added: true, notice: 'relatedHttpStatus: 404' });
    const saved = await d.store.find(['https://stratechery.com/2023/meta-ai/']);
    expect(saved!.record.related[0]).toMatchObject({ title: 'Old story', webUrl: 'https://coast.example/gone' });
  });
});

describe('library suggestions', () => {
  it('records sharing the most topics first, then the same provider; never itself or one already related', async () => {
    const { d } = deps();
    const mk = (n: number, topics: string[], provider = 'Other') => sampleRecord({
      title: `R${n}`, originalUrl: `https://r${n}.example/a`, webUrl: `https://r${n}.example/a`, topics,
      provider: { name: provider, domain: `r${n}.example` },
    });
    for (const r of [mk(1, ['AI']), mk(2, ['AI', 'Facebook AI']), mk(3, [], 'Stratechery'), mk(4, ['Cooking']), mk(5, ['AI'])]) await saveNow(d.store, r);
    const self = sampleRecord({ related: [{ ...blankRelated('https://r5.example/a', 50), title: 'R5' }] });
    await saveNow(d.store, self);
    const found = await librarySuggestions(d.store, self);
    expect(found.map((s) => [s.stored.record.title, s.sharedTopics, s.sameProvider])).toEqual([
      ['R2', ['AI', 'Facebook AI'], false], ['R1', ['AI'], false], ['R3', [], true],
    ]);
  });
});
