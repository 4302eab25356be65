// The background's related handlers: host access checked, the page read through the injected fetch, every
// failure named in the person's words, and a waiting entry completed in the tab's draft once access comes.
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../src/background/handlers.js';
import { completePending } from '../../src/background/related.js';
import { relatedDeps } from '../../src/background/handlers.js';
import { blankRelated } from '../../src/related/list.js';
import type { Draft } from '../../src/shared/messages.js';
import { makeDeps, sampleRecord } from './fakes.js';

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

  it('a read in the popup itself clears the waiting address', async () => {
    const { d, handlers } = deps();
    const draft: Draft = { tabId: 3, url: 'https://stratechery.com/2023/meta-ai/', record: sampleRecord(), updatedAt: '2026-01-01T00:00:00Z' };
    await handlers['related/pending']({ draft, url: 'https://coast.example/lamps' }, {});
    d.granted.add('coast.example');
    await handlers['related/fetch']({ url: 'https://coast.example/lamps', tabId: 3 }, {});
    expect(await completePending(relatedDeps(d))).toBe(0);
  });
});
