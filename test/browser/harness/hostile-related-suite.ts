// Issue 19's fetched-page cases in a real browser: redirects one request per hop (cap, loop, scheme each
// said), charsets, images only from granted hosts, and hostile pages read within seconds, not a minute.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { missing } from './paths.js';
import { relatedHits } from './related-routes.js';
import { addByUrl, fetchInExtension } from './related-suite.js';
import { proxyConnects } from './server.js';
import type { BrowserName, Session, UiPage } from './session.js';
import { openPopup, readForm } from './ui.js';

const ARTICLE = 'http://www.harbourlight.example/2026/03/tidal-turbines-skerry-harbour';

export function describeHostileRelated(browserName: BrowserName, launch: () => Promise<Session>): void {
  const why = missing(browserName);
  if (why) {
    test.skip(`${browserName}: skipped, ${why}`, () => undefined);
    return;
  }

  describe(`hostile related pages in ${browserName}`, () => {
    let session: Session;
    let popup: UiPage;
    let base: string;

    beforeAll(async () => {
      session = await launch();
      base = session.server.origin;
      const { tabId } = await session.openTab(ARTICLE);
      popup = await openPopup(session, tabId);
      expect((await readForm(popup)).state).toBe('editing');
    });
    afterAll(async () => {
      await session?.close();
    });

    test('10 redirects are followed, each hop asked once; the 11th, a loop and another scheme are each said', async () => {
      relatedHits.clear();
      expect(await fetchInExtension(popup, `${base}/related/chain/10`)).toMatchObject({ ok: true, entry: { title: 'Kelp Farms Spread Along the Northern Coast' } });
      for (let i = 1; i <= 10; i++) expect.soft(relatedHits.get(`/related/chain/${i}`), `hop ${i}`).toBe(1);
      relatedHits.clear();
      const eleven = await fetchInExtension(popup, `${base}/related/chain/11`);
      expect(eleven).toMatchObject({ ok: false, reason: 'too-many-redirects', message: 'The address redirects more than 10 times.' });
      expect(relatedHits.get('/related/chain/0')).toBeUndefined();
      expect(await fetchInExtension(popup, `${base}/related/chain/20`)).toMatchObject({ ok: false, reason: 'too-many-redirects' });
      expect(await fetchInExtension(popup, `${base}/related/loop-a`)).toMatchObject({ ok: false, reason: 'redirect-loop',
        message: `The address redirects in a loop (${base}/related/loop-a).` });
      expect(await fetchInExtension(popup, `${base}/related/to-ftp`)).toMatchObject({ ok: false, reason: 'redirect-not-web',
        // Firefox shows where it led; Chrome ends it unsaid (net::ERR_UNSAFE_REDIRECT).
        message: expect.stringMatching(browserName === 'firefox' ? /redirects to ftp:\/\/files\.example\/story\.html, which is not a web page/
          : /redirects to an address that is not a web page/) });
    });

    test('an undeclared Latin-1 page is read as windows-1252 and says so; a <meta charset> cut at byte 1,024 reads as UTF-8', async () => {
      const latin1 = await fetchInExtension(popup, `${base}/related/latin1.html`);
      expect(latin1).toMatchObject({ ok: true, entry: { title: 'Café crème in the harbour' },
        notice: 'The page does not say which encoding it is in and is not UTF-8: it was read as windows-1252.' });
      expect(await fetchInExtension(popup, `${base}/related/cut-meta.html`)).toMatchObject({ ok: true, entry: { title: 'Café crème at the harbour' }, notice: '' });
    });

    test('the lead image on a host Lede may not read is not asked for', async () => {
      proxyConnects.length = 0;
      const answer = await fetchInExtension(popup, `${base}/related/image-elsewhere.html`);
      expect(answer).toMatchObject({ ok: true, entry: { title: 'Image Elsewhere', images: [{ url: 'https://images.elsewhere.example/lead.png', isCached: false }] } });
      expect(answer.ok && answer.entry.images[0]!.width).toBeUndefined();
      expect(proxyConnects.filter((host) => host.startsWith('images.elsewhere.example'))).toEqual([]);
    });

    test('100,000 nested <div>s, 850 KB of unclosed inline tags and JSON-LD 5,000 deep are added in seconds, the popup answering throughout', async () => {
      const pages: Array<[string, string]> = [
        ['deep-divs.html', 'Deep Divs Page'], ['inline-tags.html', 'Unclosed Inline Page'], ['deep-jsonld.html', 'Deep Data Page']];
      for (const [file, title] of pages) {
        const start = Date.now();
        // The popup's own clock: a main thread held by the read would stop it ticking.
        await popup.evaluate(() => {
          const scope = globalThis as { __ledeTicks?: number[] };
          scope.__ledeTicks = [];
          const tick = () => { scope.__ledeTicks!.push(performance.now()); if (scope.__ledeTicks!.length < 10_000) setTimeout(tick, 50); };
          tick();
        });
        const row = await addByUrl(popup, `${base}/related/hostile/${file}`, 30_000);
        const ms = Date.now() - start;
        const longestGap = await popup.evaluate(() => {
          const ticks = (globalThis as { __ledeTicks?: number[] }).__ledeTicks ?? [];
          let gap = 0;
          for (let i = 1; i < ticks.length; i++) gap = Math.max(gap, ticks[i]! - ticks[i - 1]!);
          return gap;
        });
        console.log(`${browserName} ${file}: added in ${ms} ms, the popup's longest pause ${Math.round(longestGap)} ms`);
        expect.soft(row, file).toMatchObject({ title, error: false });
        expect.soft(ms, file).toBeLessThan(8_000);
        expect.soft(longestGap, file).toBeLessThan(3_000);
      }
      await popup.screenshot(`related-${browserName}-hostile`);
    }, 120_000);
  
    // Chromium only, and the nested <div>s only: loading the page at all (no Lede in it) takes Firefox over 30 s on
    // the nested <div>s and both browsers over 30 s on the unclosed inline tags on this machine.
    test.skipIf(browserName !== 'chromium')('the popup reads its own page of 100,000 nested <div>s in seconds', async () => {
      for (const [file, title] of [['deep-divs.html', 'Deep Divs Page']]) {
        const { page, tabId } = await session.openTab(`${base}/related/hostile/${file}`);
        // The browser's own layout of 244,000 elements holds the tab a while (11 s in Chromium here): not Lede's read.
        await page.evaluate(() => document.readyState);
        const start = Date.now();
        const own = await openPopup(session, tabId);
        const ms = Date.now() - start;
        const form = await readForm(own);
        console.log(`${browserName} popup on ${file}: read in ${ms} ms (${form.state})`);
        expect.soft(form, file).toMatchObject({ state: 'editing', title });
        expect.soft(ms, file).toBeLessThan(10_000);
        await own.close();
      }
    }, 120_000);
  });
}
