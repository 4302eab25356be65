// Issue 8's real-browser tests: related entries added by address in the popup, from pages on 127.0.0.1
// (host access granted by the test build), every bad answer said beside its entry, and the export's bytes.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { relatedFromHtml } from '../../../src/related/from-html.js';
import { corpusDir, corpusMissing, missing } from './paths.js';
import type { BrowserName, Session, UiPage } from './session.js';
import { injectionSigns, openPopup, readForm, savePopup } from './ui.js';

const ARTICLE = 'http://www.harbourlight.example/2026/03/tidal-turbines-skerry-harbour';

interface Row { title: string; status: string; error: boolean; busy: boolean }

function readRelated(popup: UiPage): Promise<Row[]> {
  return popup.evaluate(() => [...document.querySelectorAll<HTMLElement>('#related .related-entry')].map((li) => ({
    title: li.querySelector('.related-title')?.textContent ?? '',
    status: li.querySelector('.related-status')?.textContent ?? '',
    error: li.classList.contains('failed'),
    busy: li.classList.contains('busy'),
  })));
}

/** Pastes an address, presses Add, and waits until that entry is read (or failed). */
async function addByUrl(popup: UiPage, url: string, timeoutMs = 15_000): Promise<Row> {
  const before = (await readRelated(popup)).length;
  await popup.fill('#related-url', url);
  await popup.click('#related-add');
  await popup.waitFor(`the related entry for ${url} to be read`, (n: number) => {
    const rows = document.querySelectorAll('#related .related-entry');
    return rows.length > n && !rows[rows.length - 1]!.classList.contains('busy');
  }, before, timeoutMs);
  return (await readRelated(popup)).at(-1)!;
}

function exportOf(popup: UiPage, id: string): Promise<{ filename: string; text: string } | null> {
  return popup.evaluate(async (recordId: string) => {
    const api = (globalThis as any).browser ?? (globalThis as any).chrome;
    return api.runtime.sendMessage({ lede: 1, type: 'library/export', payload: { id: recordId } });
  }, id);
}

export function describeRelated(browserName: BrowserName, launch: () => Promise<Session>): void {
  const why = missing(browserName);
  if (why) {
    test.skip(`${browserName}: skipped, ${why}`, () => undefined);
    return;
  }

  describe(`related entries in ${browserName}`, () => {
    let session: Session;
    let popup: UiPage;
    let tabId: number;
    let base: string;

    beforeAll(async () => {
      session = await launch();
      base = session.server.origin;
      ({ tabId } = await session.openTab(ARTICLE));
      popup = await openPopup(session, tabId);
    });
    afterAll(async () => {
      await session?.close();
    });

    test('add by address: redirect followed, canonical cleaned, three charsets, image measured, nothing from the page runs', async () => {
      const form = await readForm(popup);
      expect(form.state, `popup message: ${form.message}`).toBe('editing');
      const kelp = await addByUrl(popup, `${base}/related/moved`);
      expect(kelp).toMatchObject({ title: 'Kelp Farms Spread Along the Northern Coast', error: false, status: '' });
      expect((await addByUrl(popup, `${base}/related/tidal-sjis.html`)).title).toBe('東京湾の潮力発電が本格稼働');
      expect((await addByUrl(popup, `${base}/related/tidal-1251.html`)).title).toBe('Приливные турбины у Мурманска');
      // No remote image in the list until an entry is opened.
      expect(await popup.evaluate(() => document.querySelectorAll('#related img').length)).toBe(0);
      expect(await injectionSigns(popup)).toEqual([]);
      await popup.screenshot(`related-${browserName}-added`);
    });

    // Pages whose excerpt only Readability finds: it runs in the background too (over linkedom, as in the CLI).
    test.skipIf(corpusMissing())('the background reads a page exactly as `lede related` does, Readability included', async () => {
      for (const [file, url] of [['rdb-ebb-org.html', 'http://ebb.org/bkuhn/blog/'], ['rdb-001.html', 'http://nicolas.perriault.net/code/2013/get-your-frontend-javascript-code-covered/']]) {
        const answer = await popup.evaluate(async (address: string) => {
          const api = (globalThis as any).browser ?? (globalThis as any).chrome;
          return api.runtime.sendMessage({ lede: 1, type: 'related/fetch', payload: { url: address } });
        }, url!);
        const expected = relatedFromHtml(readFileSync(join(corpusDir, file!), 'utf8'), url!);
        expect(answer, file).toEqual({ ok: true, entry: expected, notice: '' });
        expect(expected.excerpt.length, file).toBeGreaterThan(40);
      }
    });

    test('the same article twice, or the record itself, is not added', async () => {
      await popup.fill('#related-url', `${base}/related/kelp-farms.html?utm_source=again`);
      await popup.click('#related-add');
      expect(await popup.evaluate(() => document.getElementById('related-add-status')?.textContent)).toContain('Already in the list');
      await popup.fill('#related-url', ARTICLE);
      await popup.click('#related-add');
      expect(await popup.evaluate(() => document.getElementById('related-add-status')?.textContent)).toBe('That is this article’s own address.');
      expect(await readRelated(popup)).toHaveLength(3);
    });

    test('every bad answer is said beside its entry, which stays to be filled by hand', async () => {
      const cases: Array<[string, string]> = [
        ['not a url', '“not a url” is not a web address.'],
        ['ftp://files.example/x', 'Only http and https pages can be read'],
        [`${base}/related/gone`, 'The site answered with error 404.'],
        [`${base}/related/broken`, 'The site answered with error 500.'],
        [`${base}/related/paper.pdf`, 'not a web page (the site sent application/pdf)'],
        [`${base}/related/data.json`, 'not a web page (the site sent application/json)'],
        [`${base}/related/loop-a`, 'The page could not be reached'],
        [`${base}/related/martian`, 'an encoding Lede cannot read (x-martian)'],
      ];
      for (const [url, message] of cases) {
        const row = await addByUrl(popup, url);
        expect.soft(row.status, url).toContain(message);
        expect.soft(row.status, url).toContain('Fill the entry in by hand');
        expect.soft(row.error, url).toBe(true);
      }
      const hung = await addByUrl(popup, `${base}/related/hangs`, 25_000);
      expect(hung.status).toContain('did not answer within 15 seconds');
      const huge = await addByUrl(popup, `${base}/related/huge.html`, 25_000);
      expect(huge).toMatchObject({ title: 'A Very Long Page', error: false });
      expect(huge.status).toContain('over 5 MB');
      await popup.screenshot(`related-${browserName}-errors`);
      // A failed entry is filled in by hand: the 404 one gets a title and stays.
      await popup.fill('#related .related-entry:nth-child(6) input[data-key="title"]', 'Typed by hand');
      expect((await readRelated(popup))[5]!.title).toBe('Typed by hand');
    });

    test('the waiting entries are in the tab\'s draft: a reopened popup has them all', async () => {
      const titles = (await readRelated(popup)).map((r) => r.title);
      await new Promise((resolve) => setTimeout(resolve, 600)); // the draft is written 200 ms after the last edit
      await popup.close();
      popup = await openPopup(session, tabId);
      await popup.waitFor('the restored related list', (n: number) => document.querySelectorAll('#related .related-entry').length === n, titles.length);
      expect((await readRelated(popup)).map((r) => r.title)).toEqual(titles);
    });

    test('reorder, remove the failed ones, save: the exported record holds the entries exactly', async () => {
      // Keep kelp, sjis, 1251, the hand-filled 404 (6th) and the huge page; drop the rest.
      const keep = new Set(['Kelp Farms Spread Along the Northern Coast', '東京湾の潮力発電が本格稼働', 'Приливные турбины у Мурманска', 'A Very Long Page']);
      for (;;) {
        const rows = await readRelated(popup);
        const index = rows.findIndex((r) => !keep.has(r.title));
        if (index < 0) break;
        await popup.click(`#related .related-entry:nth-child(${index + 1}) .remove-related`);
      }
      // The Russian entry up to the top, with the arrow button (twice).
      await popup.click('#related .related-entry:nth-child(3) .move-up');
      await popup.click('#related .related-entry:nth-child(2) .move-up');
      expect((await readRelated(popup)).map((r) => r.title)).toEqual([
        'Приливные турбины у Мурманска', 'Kelp Farms Spread Along the Northern Coast', '東京湾の潮力発電が本格稼働', 'A Very Long Page']);
      expect(await savePopup(popup)).toBe('saved');
      const id = await popup.evaluate(async (url: string) => {
        const api = (globalThis as any).browser ?? (globalThis as any).chrome;
        const list = await api.runtime.sendMessage({ lede: 1, type: 'library/list', payload: { text: 'Skerry' } });
        return list.records.find((r: any) => r.record.webUrl.startsWith(url.replace('http:', 'http')))?.id ?? list.records[0]?.id;
      }, ARTICLE);
      const exported = await exportOf(popup, id);
      const text = exported!.text;
      const related = text.slice(text.indexOf('\nrelated:\n') + 1, text.indexOf('\n---\n') + 1);
      expect(related).toBe(`related:
  - title: "Приливные турбины у Мурманска"
    excerpt: "Две приливные турбины заработали в Кольском заливе и уже питают маяк и причал."
    publishedDateTime: 2026-02-10T00:00:00Z
    webUrl: "${base}/related/tidal-1251.html"
    type: article
    provider:
      name: Северные вести
      domain: 127.0.0.1
    quality: 50
    images: []
  - title: "Kelp Farms Spread Along the Northern Coast"
    excerpt: "Nine new kelp farms opened this spring, and growers say the harvest could double by autumn."
    publishedDateTime: 2026-04-02T05:45:00Z
    webUrl: "${base}/related/kelp-farms.html"
    type: article
    provider:
      name: Coastline Weekly
      domain: 127.0.0.1
    quality: 50
    images:
      - url: "${base}/related/lead.png"
        width: 120
        height: 80
        isCached: false
  - title: "東京湾の潮力発電が本格稼働"
    excerpt: "東京湾に設置された潮力発電所が今月から本格的な運転を始め、周辺の港の照明を賄う。"
    publishedDateTime: 2026-05-01T00:00:00Z
    webUrl: "${base}/related/tidal-sjis.html"
    type: article
    provider:
      name: 海洋新聞
      domain: 127.0.0.1
    quality: 50
    images:
      - url: "${base}/related/lead.png"
        width: 1200
        height: 630
        isCached: false
  - title: "A Very Long Page"
    excerpt: "The first paragraph of a very long page about harbours, lamps and tides, long enough to be an excerpt."
    publishedDateTime: null
    webUrl: "${base}/related/huge.html"
    type: article
    provider:
      name: Long Reads
      domain: 127.0.0.1
    quality: 50
    images: []
`);
    });

    test('from the library, from the page\'s suggestions, and from the link context menu', async () => {
      const { tabId: linksTab } = await session.openTab(`${base}/related/with-links.html`);
      const other = await openPopup(session, linksTab);
      expect((await readForm(other)).title).toBe('Lighthouse Keepers Return to Skerry Point');
      // From the library: the record saved above, built from the saved record (nothing fetched).
      await other.fill('#related-search', 'Skerry Harbour');
      await other.waitFor('a library result', () => document.querySelector('#related-suggestions .related-choice') !== null);
      await other.click('#related-suggestions .related-choice');
      expect((await readRelated(other)).map((r) => r.title)).toEqual(['Tidal Turbines Bring Night Light to Skerry Harbour']);
      // Suggestions: the page's JSON-LD citation and its article link, not nav, tag or share links.
      await other.fill('#related-search', '');
      await other.click('#related-suggest');
      await other.waitFor('suggestions', () => document.querySelectorAll('#related-suggestions .related-choice').length > 0);
      const offered = await other.evaluate(() => [...document.querySelectorAll('#related-suggestions .related-choice')].map((b) => b.textContent));
      expect(offered).toEqual(['+ Приливные турбины у Мурманска', '+ the kelp farms spread along the coast']);
      await other.click('#related-suggestions li:nth-child(2) .related-choice');
      await other.waitFor('the suggested entry to be read', () => {
        const rows = document.querySelectorAll('#related .related-entry');
        return rows.length === 2 && !rows[1]!.classList.contains('busy');
      });
      expect((await readRelated(other)).map((r) => r.title)).toEqual(['Tidal Turbines Bring Night Light to Skerry Harbour', 'Kelp Farms Spread Along the Northern Coast']);
      await other.screenshot(`related-${browserName}-suggestions`);
      await other.close();

      // The link context menu's work (a menu cannot be clicked headless; the test build exposes it): the tab's page
      // is not saved yet, so it is read and saved first, then the link is added to it.
      const outcome = await session.inExtension(async (arg: { tab: { id: number; url: string }; link: { url: string } }) => {
        const scope = globalThis as any;
        const page = scope.__ledeAddLinkAsRelated ? scope : await scope.browser.runtime.getBackgroundPage();
        return page.__ledeAddLinkAsRelated(arg.tab, arg.link);
      }, { tab: { id: linksTab, url: `${base}/related/with-links.html` }, link: { url: `${base}/related/tidal-sjis.html` } });
      expect(outcome).toEqual({ ok: true, recordTitle: 'Lighthouse Keepers Return to Skerry Point', added: true, notice: '' });
      const lib = await session.openExtensionPage('pages/library/library.html');
      const saved = await lib.evaluate(async () => {
        const api = (globalThis as any).browser ?? (globalThis as any).chrome;
        const list = await api.runtime.sendMessage({ lede: 1, type: 'library/list', payload: { text: 'Lighthouse' } });
        return list.records.map((r: any) => r.record.related.map((e: any) => e.title));
      });
      expect(saved).toEqual([['東京湾の潮力発電が本格稼働']]);
      await lib.close();
    });

    test('from an open tab: the window\'s other pages offered, the chosen one read live in its tab', async () => {
      const before = (await readRelated(popup)).length;
      await popup.click('#related-from-tab');
      await popup.waitFor('the open tabs', () => [...document.querySelectorAll('#related-suggestions .related-choice')]
        .some((b) => b.textContent?.includes('Lighthouse Keepers')));
      const offered = await popup.evaluate(() => [...document.querySelectorAll('#related-suggestions .related-choice')].map((b) => b.textContent ?? ''));
      expect(offered.some((text) => text.includes('Tidal Turbines'))).toBe(false); // not the popup's own page
      const index = offered.findIndex((text) => text.includes('Lighthouse Keepers'));
      await popup.click(`#related-suggestions li:nth-child(${index + 1}) .related-choice`);
      await popup.waitFor('the tab\'s entry', (n: number) => {
        const rows = document.querySelectorAll('#related .related-entry');
        return rows.length > n && !rows[rows.length - 1]!.classList.contains('busy');
      }, before);
      const last = (await readRelated(popup)).at(-1)!;
      expect(last).toMatchObject({ title: 'Lighthouse Keepers Return to Skerry Point', error: false });
    });
  });
}
