// The save loop through the handlers: read a tab, build or open its record, save, badge, drafts, export.
import { describe, expect, it, vi } from 'vitest';
import { createHandlers } from '../../src/background/handlers.js';
import { ARTICLE_SCRIPT, EXTRACT_SCRIPT, READABILITY_SCRIPT, readTab } from '../../src/background/inject.js';
import { parseRecord } from '../../src/record/index.js';
import type { Draft } from '../../src/shared/messages.js';
import { fakeScripting, makeDeps, sampleExtraction, sampleRecord, saveNow } from './fakes.js';

const popup = { id: 'lede@test', url: 'chrome-extension://abc/popup/popup.html' };
const ARTICLE = 'https://news.bbc.co.uk/story/1?at_medium=RSS';

function draftFor(tabId: number, url: string): Draft {
  return { tabId, url, record: sampleRecord({ title: 'Edited title' }), updatedAt: '2026-01-01T00:00:00Z' };
}

describe('page/read', () => {
  it('builds a record from the page for a page not yet saved, with the defaults', async () => {
    const scripting = fakeScripting({ extraction: sampleExtraction() });
    const deps = makeDeps({ tabs: { 7: ARTICLE }, scripting });
    const answer = await createHandlers(deps)['page/read']({ tabId: 7 }, popup);
    expect(answer).toMatchObject({
      ok: true, saved: null, draft: null,
      record: { title: 'A headline', category: 'news', quality: 50, heat: -1, published: false, provider: { domain: 'bbc.co.uk' } },
      extraction: { suggestedTopics: ['Politics'] },
    });
    expect(scripting.calls.map((c) => c.files?.[0] ?? 'func')).toEqual([EXTRACT_SCRIPT, 'func']);
    expect(deps.badgeApi.texts.get(7)).toBe('');
  });

  it('opens the saved record for a saved page, by the tab address, without waiting for the page', async () => {
    // The page is read while the library is asked; a page that never answers must not hold the saved record up.
    const calls: string[] = [];
    const scripting = { executeScript: async (injection: { files?: string[] }) => {
      calls.push(injection.files?.[0] ?? 'func');
      return new Promise<never>(() => undefined);
    } };
    const deps = makeDeps({ tabs: { 7: 'https://www.stratechery.com/2023/meta-ai' }, scripting });
    const { stored } = await saveNow(deps.store, sampleRecord({ quality: 88 }));
    const answer = await createHandlers(deps)['page/read']({ tabId: 7 }, popup);
    expect(answer).toMatchObject({ ok: true, saved: { id: stored.id }, record: { quality: 88 }, extraction: null });
    expect(calls).toEqual([EXTRACT_SCRIPT]);
    await vi.waitFor(() => expect(deps.badgeApi.texts.get(7)).toBe('✓'));
  });

  it('stops after the first stage when the saved record was found meanwhile', async () => {
    const scripting = fakeScripting({
      delayMs: 50, // a page slower to answer than the library
      extraction: { ...sampleExtraction({ excerpt: '' }), needsArticle: true, needsReadability: false, pending: { excerpt: true } },
    });
    const deps = makeDeps({ tabs: { 7: 'https://www.stratechery.com/2023/meta-ai' }, scripting });
    await saveNow(deps.store, sampleRecord());
    expect(await createHandlers(deps)['page/read']({ tabId: 7 }, popup)).toMatchObject({ ok: true, extraction: null });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(scripting.calls.length).toBeGreaterThan(0);
    expect(scripting.calls.map((c) => c.files?.[0] ?? 'func')).not.toContain(ARTICLE_SCRIPT);
  });

  it('opens the saved record when the page names it as canonical', async () => {
    const deps = makeDeps({ tabs: { 7: 'https://m.example.com/x' }, scripting: fakeScripting({ extraction: sampleExtraction({ originalUrl: 'https://www.stratechery.com/2023/meta-ai/', webUrl: 'https://m.example.com/x' }) }) });
    await saveNow(deps.store, sampleRecord());
    const answer = await createHandlers(deps)['page/read']({ tabId: 7 }, popup);
    expect(answer).toMatchObject({ ok: true, saved: { id: 'https://stratechery.com/2023/meta-ai' }, extraction: { webUrl: 'https://m.example.com/x' } });
  });

  it('runs the article stage, then Readability, when the extraction asks for them, and keeps the flags out', async () => {
    const pending = { excerpt: true, date: true, provider: false };
    const scripting = fakeScripting({
      extraction: { ...sampleExtraction({ excerpt: '' }), needsArticle: true, needsReadability: false, pending },
      after: {
        [ARTICLE_SCRIPT]: { ...sampleExtraction({ excerpt: 'First paragraph.' }), needsArticle: false, needsReadability: true, pending: {} },
        [READABILITY_SCRIPT]: { ...sampleExtraction({ excerpt: 'From Readability.' }), needsArticle: false, needsReadability: false, pending: {} },
      },
    });
    const answer = await createHandlers(makeDeps({ tabs: { 1: ARTICLE }, scripting }))['page/read']({ tabId: 1 }, popup);
    expect(scripting.calls.map((c) => c.files?.[0] ?? 'func')).toEqual([EXTRACT_SCRIPT, 'func', ARTICLE_SCRIPT, 'func', READABILITY_SCRIPT, 'func']);
    expect(answer).toMatchObject({ ok: true, extraction: { excerpt: 'From Readability.' } });
    for (const flag of ['needsArticle', 'needsReadability', 'pending']) expect(answer.ok && answer.extraction).not.toHaveProperty(flag);
    // The provider is settled by the one record builder: the host read, with the public suffix list.
    expect(answer.ok && answer.extraction?.provider).toEqual({ name: 'BBC News', domain: 'bbc.co.uk' });
    expect(answer.ok && answer.extraction?.sources.providerDomain).toBe('public suffix list');
  });

  it('restores the draft of the same page and drops the draft of an earlier page', async () => {
    const deps = makeDeps({ tabs: { 3: ARTICLE } });
    const handlers = createHandlers(deps);
    await handlers['draft/put']({ draft: draftFor(3, 'https://news.bbc.co.uk/story/1') }, popup);
    expect(await handlers['page/read']({ tabId: 3 }, popup)).toMatchObject({ ok: true, draft: { record: { title: 'Edited title' } } });
    await handlers['draft/put']({ draft: draftFor(3, 'https://news.bbc.co.uk/story/0') }, popup);
    expect(await handlers['page/read']({ tabId: 3 }, popup)).toMatchObject({ ok: true, draft: null });
    expect(await deps.drafts.get(3)).toBeNull();
  });

  it.each([
    ['chrome://settings', 'restricted', 'readBrowserPage'],
    ['about:debugging', 'restricted', 'readBrowserPage'],
    ['moz-extension://x/popup.html', 'restricted', 'readExtensionPage'],
    ['https://chromewebstore.google.com/detail/x', 'restricted', 'readWebStore'],
    ['https://addons.mozilla.org/firefox/', 'restricted', 'readWebStore'],
    ['view-source:https://example.com', 'restricted', 'readViewSource'],
    ['file:///tmp/a.html', 'no-access', 'readFile'],
  ])('gives a reason for %s without injecting', async (address, reason, message) => {
    const scripting = fakeScripting({ extraction: sampleExtraction() });
    const answer = await createHandlers(makeDeps({ tabs: { 1: address }, scripting }))['page/read']({ tabId: 1 }, popup);
    expect(answer).toEqual({ ok: false, reason, message });
    expect(scripting.calls).toEqual([]);
  });

  it.each([
    [{ contentType: 'application/pdf' }, 'restricted', 'readPdf'],
    [{ contentType: 'image/png' }, 'restricted', 'readNotHtml'],
    [{ error: new Error('Cannot access contents of url "https://a.example/". Extension manifest must request permission to access this host.') }, 'no-access', 'readNoAccess'],
    [{ error: new Error('Missing host permission for the tab') }, 'no-access', 'readNoAccess'],
    [{ error: new Error('Cannot access a chrome:// URL') }, 'restricted', 'readBrowserPage'],
    [{ error: new Error('Cannot access a chrome-extension:// URL of different extension') }, 'restricted', 'readExtensionPage'],
    [{ error: new Error('The extensions gallery cannot be scripted.') }, 'restricted', 'readWebStore'],
    [{ error: new Error('No tab with id: 1.') }, 'no-tab', 'readNoTab'],
    [{ error: new Error('Frame with ID 0 was removed.') }, 'failed', 'readPageChanged'],
    [{ error: new Error('Frame with ID 0 is showing error page') }, 'failed', 'readErrorPage'],
    [{ error: new Error('Something odd') }, 'failed', 'readFailed: Something odd'],
    [{ extraction: undefined }, 'failed', 'readNoResult'],
    [{ extraction: { error: 'engine broke' } }, 'failed', 'readFailed: engine broke'],
    [{ extraction: { title: 'half a result' } }, 'failed', 'readNoResult'],
  ])('explains a page that could not be read: %j', async (behaviour, reason, message) => {
    const answer = await createHandlers(makeDeps({ tabs: { 1: ARTICLE }, scripting: fakeScripting(behaviour) }))['page/read']({ tabId: 1 }, popup);
    expect(answer).toEqual({ ok: false, reason, message });
  });

  it('calls a blocked PDF a PDF', async () => {
    const scripting = fakeScripting({ error: new Error('Missing host permission for the tab') });
    const answer = await createHandlers(makeDeps({ tabs: { 1: 'https://a.example/paper.pdf' }, scripting }))['page/read']({ tabId: 1 }, popup);
    expect(answer).toEqual({ ok: false, reason: 'restricted', message: 'readPdf' });
  });

  it('says when the tab is gone', async () => {
    expect(await createHandlers(makeDeps())['page/read']({ tabId: 99 }, popup)).toEqual({ ok: false, reason: 'no-tab', message: 'readNoTab' });
  });
});

describe('library/save', () => {
  it('saves a valid record, clears the tab draft and marks the tab', async () => {
    const deps = makeDeps();
    const handlers = createHandlers(deps);
    await handlers['draft/put']({ draft: draftFor(5, ARTICLE) }, popup);
    const answer = await handlers['library/save']({ record: sampleRecord(), tabId: 5 }, popup);
    expect(answer).toMatchObject({ ok: true, created: true, stored: { id: 'https://stratechery.com/2023/meta-ai' } });
    expect(await deps.drafts.get(5)).toBeNull();
    expect(deps.badgeApi.texts.get(5)).toBe('✓');
    if (!answer.ok) throw new Error('not saved');
    const again = await handlers['library/save']({ record: sampleRecord({ title: 'New title' }), tabId: 5, previousId: answer.stored.id, revision: answer.stored.revision }, popup);
    expect(again).toMatchObject({ ok: true, created: false });
    expect((await handlers['library/list']({}, popup)).total).toBe(1);
  });

  it('answers the problems of an invalid record and saves nothing', async () => {
    const handlers = createHandlers(makeDeps());
    const answer = await handlers['library/save']({ record: sampleRecord({ title: ' ', quality: 101 }) }, popup);
    expect(answer).toMatchObject({ ok: false, problems: [{ key: 'title' }, { key: 'quality' }] });
    const noAddress = await handlers['library/save']({ record: sampleRecord({ originalUrl: '', webUrl: '' }) }, popup);
    expect(noAddress).toMatchObject({ ok: false, problems: [{ key: 'originalUrl' }] });
    expect((await handlers['library/list']({}, popup)).total).toBe(0);
  });

  it('clears the badge of tabs showing a deleted record, and restores it', async () => {
    const deps = makeDeps();
    const handlers = createHandlers(deps);
    const saved = await handlers['library/save']({ record: sampleRecord(), tabId: 2 }, popup);
    if (!saved.ok) throw new Error('not saved');
    const { deleted } = await handlers['library/delete']({ id: saved.stored.id }, popup);
    expect(deps.badgeApi.texts.get(2)).toBe('');
    expect(await handlers['library/restore']({ stored: deleted! }, popup)).toEqual({ ok: true });
    expect(await handlers['library/get']({ id: saved.stored.id }, popup)).toEqual({ ...saved.stored, revision: 3, changedBy: 'undo' });
    expect(await handlers['library/restore']({ stored: { ...deleted!, id: 'https://elsewhere.example' } }, popup)).toEqual({ ok: false });
  });
});

describe('library/export', () => {
  it('gives the record as the format writes it, under a safe file name', async () => {
    const handlers = createHandlers(makeDeps());
    const saved = await handlers['library/save']({ record: sampleRecord({ title: 'Meta’s AI: plan / 2024?' }) }, popup);
    if (!saved.ok) throw new Error('not saved');
    const file = await handlers['library/export']({ id: saved.stored.id }, popup);
    expect(file?.filename).toBe('2023-05-03-meta-s-ai-plan-2024.md');
    const parsed = parseRecord(file!.text);
    expect(parsed).toMatchObject({ ok: true });
    expect(await handlers['library/export']({ id: 'https://missing.example' }, popup)).toBeNull();
  });
});

describe('readTab', () => {
  const pending = { excerpt: true, date: true, provider: false };
  const done = { excerpt: false, date: false, provider: false };
  const order = (scripting: ReturnType<typeof fakeScripting>): string[] => scripting.calls.map((c) => c.files?.[0] ?? 'func');
  const first = () => ({ ...sampleExtraction(), needsArticle: false, needsReadability: false, pending: done });

  it('injects only the metadata script when the metadata is complete', async () => {
    const scripting = fakeScripting({ extraction: { ...sampleExtraction(), needsArticle: false, needsReadability: false, pending: done } });
    expect(await readTab(scripting, 1, ARTICLE)).toMatchObject({ ok: true, extraction: { excerpt: 'The standfirst.' } });
    expect(order(scripting)).toEqual([EXTRACT_SCRIPT, 'func']);
  });

  it('takes each stage\'s result from the injection itself when the browser hands it back', async () => {
    const scripting = fakeScripting({
      completionValue: true,
      extraction: { ...sampleExtraction({ excerpt: '' }), needsArticle: true, needsReadability: false, pending },
      after: { [ARTICLE_SCRIPT]: { ...sampleExtraction({ excerpt: 'The visible standfirst.' }), needsArticle: false, needsReadability: false, pending: done } },
    });
    expect(await readTab(scripting, 1, ARTICLE)).toMatchObject({ ok: true, extraction: { excerpt: 'The visible standfirst.' } });
    expect(order(scripting)).toEqual([EXTRACT_SCRIPT, ARTICLE_SCRIPT]);
  });

  it('injects the article stage but not Readability when the article stage found the excerpt', async () => {
    const scripting = fakeScripting({
      extraction: { ...sampleExtraction({ excerpt: '', publishedDateTime: null }), needsArticle: true, needsReadability: false, pending },
      after: { [ARTICLE_SCRIPT]: { ...sampleExtraction({ excerpt: 'The visible standfirst.' }), needsArticle: false, needsReadability: false, pending: done } },
    });
    expect(await readTab(scripting, 1, ARTICLE)).toMatchObject({
      ok: true, extraction: { excerpt: 'The visible standfirst.', publishedDateTime: '2024-01-02T03:04:05Z' },
    });
    expect(order(scripting)).toEqual([EXTRACT_SCRIPT, 'func', ARTICLE_SCRIPT, 'func']);
    expect(order(scripting)).not.toContain(READABILITY_SCRIPT);
  });

  it('injects Readability after the article stage when the article stage left the excerpt to it', async () => {
    const scripting = fakeScripting({
      extraction: { ...sampleExtraction({ excerpt: '' }), needsArticle: true, needsReadability: false, pending },
      after: {
        [ARTICLE_SCRIPT]: { ...sampleExtraction({ excerpt: 'A first paragraph.' }), needsArticle: false, needsReadability: true, pending: done },
        [READABILITY_SCRIPT]: { ...sampleExtraction({ excerpt: 'The article’s own first paragraph.' }), needsArticle: false, needsReadability: false, pending: done },
      },
    });
    expect(await readTab(scripting, 1, ARTICLE)).toMatchObject({ ok: true, extraction: { excerpt: 'The article’s own first paragraph.' } });
    expect(order(scripting)).toEqual([EXTRACT_SCRIPT, 'func', ARTICLE_SCRIPT, 'func', READABILITY_SCRIPT, 'func']);
    // None waits for the page's load event, which a stalled image or ad can hold off for ever.
    expect(scripting.calls.every((call) => call.immediately === true)).toBe(true);
  });

  it('keeps the metadata result when a later stage fails or never answers', async () => {
    const metadata = { ...sampleExtraction({ excerpt: 'From the metadata.' }), needsArticle: true, needsReadability: false, pending };
    const articleFails = fakeScripting({ extraction: metadata, failAt: { [ARTICLE_SCRIPT]: new Error('Maximum call stack size exceeded') } });
    expect(await readTab(articleFails, 1, ARTICLE)).toMatchObject({ ok: true, extraction: { excerpt: 'From the metadata.' } });

    const readabilityHangs = fakeScripting({
      extraction: metadata,
      after: { [ARTICLE_SCRIPT]: { ...sampleExtraction({ excerpt: 'A first paragraph.' }), needsArticle: false, needsReadability: true, pending: done } },
      failAt: { [READABILITY_SCRIPT]: 'hang' },
    });
    const outcome = await readTab(readabilityHangs, 1, ARTICLE, 5_000, { laterStageMs: 20 });
    expect(outcome).toMatchObject({ ok: true, extraction: { excerpt: 'A first paragraph.' } });
    expect(outcome.ok && Object.keys(outcome.extraction)).not.toContain('needsReadability');
    expect(order(readabilityHangs)).toContain(READABILITY_SCRIPT);
  });

  it('fails when the metadata stage itself fails', async () => {
    const scripting = fakeScripting({ extraction: first(), failAt: { [EXTRACT_SCRIPT]: new Error('boom') } });
    expect(await readTab(scripting, 1, ARTICLE)).toMatchObject({ ok: false, reason: 'failed', key: 'readFailed', detail: 'boom' });
    const erred = fakeScripting({ extraction: { error: 'TypeError: x is not a function' } });
    expect(await readTab(erred, 1, ARTICLE)).toMatchObject({ ok: false, key: 'readFailed', detail: 'TypeError: x is not a function' });
  });

  it('gives up on a page that never answers', async () => {
    const hanging = { executeScript: () => new Promise<never>(() => undefined) };
    expect(await readTab(hanging, 1, ARTICLE, 20)).toEqual({ ok: false, reason: 'failed', key: 'readTimeout' });
  });
});
