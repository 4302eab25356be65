// Many pages at once over the real store and handlers: a brought library made into records and filled from its
// pages (a person's edit during the fill is kept; a stopped worker's fill goes on), and Save all tabs.
import { describe, expect, it } from 'vitest';
import { BulkService } from '../../../src/background/bulk/service.js';
import { MemoryJobStore } from '../../../src/background/bulk/jobs.js';
import { BLOCKED_MESSAGE, createHandlers } from '../../../src/background/handlers.js';
import type { BroughtEntry } from '../../../src/transfer/bring/types.js';
import type { FetchLike } from '../../../src/related/fetch-page.js';
import { fakeScripting, makeDeps, sampleExtraction, sampleRecord, saveNow, type TestDeps } from '../fakes.js';

function page(title: string, description: string, published: string, site: string): string {
  return `<!doctype html><html><head><title>${title} | ${site}</title><meta property="og:title" content="${title}">
<meta name="description" content="${description}"><meta property="og:site_name" content="${site}">
<meta property="article:published_time" content="${published}"></head><body><article><h1>${title}</h1><p>${description} And more text follows here.</p></article></body></html>`;
}

const PAGES: Record<string, string> = {
  'https://one.example.com/a': page('The first story', 'What the first story says.', '2024-03-01T10:00:00Z', 'One Times'),
  'https://two.example.org/b': page('The second story', 'What the second story says.', '2024-03-02T10:00:00Z', 'Two Post'),
  'https://three.example.net/c': page('The third story', 'What the third story says.', '2024-03-03T10:00:00Z', 'Three Daily'),
};

/** A network that answers the pages above; `hold` keeps one address waiting until released. */
function network(hold?: string): { fetch: FetchLike; release(): void; asked: string[] } {
  let release = () => undefined as void;
  const held = new Promise<void>((resolve) => { release = resolve; });
  const asked: string[] = [];
  return {
    asked,
    release: () => release(),
    fetch: async (url) => {
      asked.push(url);
      if (hold && url === hold) await held;
      const html = PAGES[url.replace(/\/$/, '')];
      return html ? new Response(html, { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' } }) : new Response('gone', { status: 404 });
    },
  };
}

function service(deps: TestDeps, fetch: FetchLike, jobs = new MemoryJobStore()): BulkService {
  return new BulkService({
    store: deps.store, settings: deps.settings, jobs, t: deps.t,
    fill: { fetch, reader: deps.related.reader, hostAccess: deps.related.hostAccess },
    tabs: { scripting: deps.scripting, tabUrl: deps.tabUrl, blockedMessage: BLOCKED_MESSAGE, windowTabs: async () => [...deps.tabs].map(([id, url]) => ({ id, title: `Tab ${id}`, url })), waitForAccess: async () => true },
    added: async () => undefined, giveBack: async () => undefined, wake: () => undefined,
  });
}

async function until<T>(what: string, check: () => Promise<T | undefined | null | false>, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const entries: BroughtEntry[] = [
  { url: 'https://one.example.com/a', where: 'bookmarks.html:3', title: 'My name for it', topics: ['saved'], savedAt: '2020-01-01T00:00:00Z' },
  { url: 'https://two.example.org/b', where: 'bookmarks.html:4', topics: [] },
  { url: 'https://three.example.net/c', where: 'bookmarks.html:5', topics: [] },
];

describe('bulk/bring', () => {
  it('makes a record of each entry at once, leaves one already saved alone, then fills the rest from the pages', async () => {
    const deps = makeDeps();
    for (const host of ['one.example.com', 'two.example.org', 'three.example.net']) deps.granted.add(host);
    await saveNow(deps.store, sampleRecord({ originalUrl: 'https://three.example.net/c', webUrl: 'https://three.example.net/c', title: 'Mine', quality: 90 }));
    const net = network();
    deps.bulk = service(deps, net.fetch);
    const handlers = createHandlers(deps);
    const answer = await handlers['bulk/bring']({ batch: { id: 'b1', label: 'bookmarks.html' }, entries, choices: { topics: ['imported'] }, fill: true }, {});
    expect(answer).toEqual({ brought: 2, inLibrary: [{ where: 'bookmarks.html:5', url: 'https://three.example.net/c' }], rejected: [] });
    const first = await deps.store.get('https://one.example.com/a');
    expect(first).toMatchObject({ savedAt: '2020-01-01T00:00:00Z', record: { title: 'My name for it', topics: ['saved', 'imported'] } });
    await until('the fill to finish', async () => (await handlers['bulk/status']({}, {}))[0]?.state === 'finished');
    expect((await deps.store.get('https://one.example.com/a'))!.record).toMatchObject({
      title: 'My name for it', excerpt: 'What the first story says.', publishedDateTime: '2024-03-01T10:00:00Z', provider: { name: 'One Times', domain: 'example.com' },
    });
    expect((await deps.store.get('https://two.example.org/b'))!.record).toMatchObject({ title: 'The second story', provider: { name: 'Two Post' } });
    expect((await deps.store.get('https://three.example.net/c'))!.record).toMatchObject({ title: 'Mine', quality: 90 });
    expect(net.asked).not.toContain('https://three.example.net/c');
  });

  it('keeps what the person edits while the page is being read', async () => {
    const deps = makeDeps();
    for (const host of ['one.example.com', 'two.example.org', 'three.example.net']) deps.granted.add(host);
    const net = network('https://two.example.org/b');
    deps.bulk = service(deps, net.fetch);
    const handlers = createHandlers(deps);
    await handlers['bulk/bring']({ batch: { id: 'b1', label: 'x' }, entries, choices: { topics: [] }, fill: true }, {});
    await until('the read to start', async () => net.asked.includes('https://two.example.org/b'));
    // The person names the record in the library while its page is read.
    const opened = (await deps.store.get('https://two.example.org/b'))!;
    const saved = await handlers['library/save']({ record: { ...opened.record, title: 'The person\'s title' }, revision: opened.revision }, {});
    expect(saved.ok).toBe(true);
    net.release();
    await until('the fill to finish', async () => (await handlers['bulk/status']({}, {}))[0]?.state === 'finished');
    expect((await deps.store.get('https://two.example.org/b'))!.record).toMatchObject({ title: 'The person\'s title', excerpt: 'What the second story says.' });
  });

  it('goes on after the worker stopped halfway: every record filled, none twice', async () => {
    const deps = makeDeps();
    for (const host of ['one.example.com', 'two.example.org', 'three.example.net']) deps.granted.add(host);
    const jobs = new MemoryJobStore();
    const stalled = network('https://two.example.org/b');
    deps.bulk = service(deps, stalled.fetch, jobs);
    await createHandlers(deps)['bulk/bring']({ batch: { id: 'b1', label: 'x' }, entries, choices: { topics: [] }, fill: true }, {});
    await until('two of three done', async () => (await deps.bulk!.queue.status())[0]!.done === 2);
    // The worker stops: a new background over the same database and job store.
    const net = network();
    deps.bulk = service(deps, net.fetch, jobs);
    deps.bulk.wakeUp();
    await until('the fill to finish', async () => (await deps.bulk!.queue.status())[0]?.state === 'finished');
    expect(net.asked).toEqual(['https://two.example.org/b']);
    expect((await deps.store.get('https://two.example.org/b'))!.record.title).toBe('The second story');
  });

  it('fails a page it may not read, saying so, and fills the others', async () => {
    const deps = makeDeps();
    deps.granted.add('one.example.com');
    deps.bulk = service(deps, network().fetch);
    const handlers = createHandlers(deps);
    await handlers['bulk/bring']({ batch: { id: 'b1', label: 'x' }, entries: entries.slice(0, 2), choices: { topics: [] }, fill: true }, {});
    const [status] = await until('the fill to end', async () => {
      const all = await handlers['bulk/status']({}, {});
      return all[0]?.state === 'finished' ? all : null;
    });
    expect(status!.failed).toEqual([{ id: 'b1:https://two.example.org/b', url: 'https://two.example.org/b', reason: 'relatedNoAccess: two.example.org', attempts: 1 }]);
  });
});

describe('bulk/bring, entries sent straight to it (not through the page\'s readers)', () => {
  it('refuses javascript:, data: and file: addresses with why, and fetches only the web page', async () => {
    const deps = makeDeps();
    deps.granted.add('one.example.com');
    const net = network();
    deps.bulk = service(deps, net.fetch);
    const handlers = createHandlers(deps);
    const hostile: BroughtEntry[] = [
      { url: 'javascript:alert(1)', where: 'x.html:1', topics: [] },
      { url: 'data:text/html,<script>alert(1)</script>', where: 'x.html:2', topics: [] },
      { url: 'file:///etc/passwd', where: 'x.html:3', topics: [] },
      entries[0]!,
    ];
    const answer = await handlers['bulk/bring']({ batch: { id: 'b1', label: 'x' }, entries: hostile, choices: { topics: [] }, fill: true }, {});
    expect(answer.brought).toBe(1);
    expect(answer.rejected.map((r) => r.where)).toEqual(['x.html:1', 'x.html:2', 'x.html:3']);
    for (const { reason } of answer.rejected) expect(reason).toMatch(/http|web address/);
    await until('the fill to finish', async () => (await handlers['bulk/status']({}, {}))[0]?.state === 'finished');
    expect(net.asked).toEqual(['https://one.example.com/a']);
    expect(await deps.store.get('file:///etc/passwd')).toBeNull();
  });
});

describe('bulk/tabs', () => {
  it('saves every readable tab once with the batch\'s choices; lists tabs already saved and pages it cannot read', async () => {
    const tabs = {
      1: 'https://one.example.com/a', 2: 'https://saved.example.com/x', 3: 'https://docs.example.com/paper.pdf',
      4: 'chrome://settings/', 5: 'https://stratechery.com/2023/meta-ai/',
    };
    const deps = makeDeps({ tabs, scripting: fakeScripting({ extraction: sampleExtraction({ originalUrl: 'https://one.example.com/a', webUrl: 'https://one.example.com/a' }) }) });
    await saveNow(deps.store, sampleRecord({ originalUrl: 'https://saved.example.com/x', webUrl: 'https://saved.example.com/x' }));
    await saveNow(deps.store, sampleRecord());
    deps.bulk = service(deps, network().fetch);
    const handlers = createHandlers(deps);
    const answer = await handlers['bulk/tabs']({ tabId: 1, choices: { topics: ['weekend'], category: 'research', quality: 70 } }, {});
    expect(answer.queued).toBe(3);
    expect(answer.notRead.map((n) => n.url)).toEqual(['https://docs.example.com/paper.pdf', 'chrome://settings/']);
    const [status] = await until('the tabs to be saved', async () => {
      const all = await handlers['bulk/status']({}, {});
      return all[0]?.state === 'finished' ? all : null;
    });
    expect(status!.skipped.map((s) => s.url).sort()).toEqual(['https://saved.example.com/x', 'https://stratechery.com/2023/meta-ai/']);
    expect((await deps.store.get('https://one.example.com/a'))!.record).toMatchObject({ category: 'research', quality: 70, topics: ['weekend'] });
    expect((await deps.store.get('https://saved.example.com/x'))!.record.title).toBe(sampleRecord().title);
  });
});
