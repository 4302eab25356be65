// A stopped service worker: Chromium stops an idle extension worker after ~30 s. The popup's first
// message must wake it and the popup must still fill, with nothing lost. Chromium only: Firefox's
// background is an event page, which Firefox stops and wakes by itself.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium, type ChromiumSession } from './harness/chromium.js';
import { missing } from './harness/paths.js';
import { openLibrary, openPopup, readForm, readRows, savePopup } from './harness/ui.js';

const ARTICLE = 'http://www.harbourlight.example/2026/03/tidal-turbines-skerry-harbour';
const why = missing('chromium');

/** Stops every service worker of the extension's origin, as the browser does when it is idle. */
async function stopWorkers(session: ChromiumSession): Promise<void> {
  let page = session.context.pages().find((p) => p.url().startsWith(session.extensionOrigin));
  if (!page) {
    page = await session.context.newPage();
    await page.goto(`${session.extensionOrigin}/pages/options/options.html`);
  }
  const cdp = await session.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
}

if (why) {
  test.skip(`chromium stopped worker: skipped, ${why}`, () => undefined);
} else {
  describe('Lede in chromium with a stopped service worker', () => {
    let session: ChromiumSession;
    beforeAll(async () => {
      session = await launchChromium();
    });
    afterAll(async () => {
      await session?.close();
    });

    test('the popup wakes a stopped worker, fills, saves, and the library still holds every record', async () => {
      const { tabId } = await session.openTab(ARTICLE);
      // A mark in this worker's memory: a worker that really stopped comes back without it.
      await session.inExtension(() => { (globalThis as { __ledeMark?: number }).__ledeMark = 1; });
      const first = await openPopup(session, tabId);
      expect(await savePopup(first)).toBe('saved');
      await first.close();

      await stopWorkers(session);
      const popup = await openPopup(session, tabId);
      const form = await readForm(popup);
      expect(form.state, `popup message: ${form.message}`).toBe('editing');
      expect(form.title).toBe('Tidal Turbines Bring Night Light to Skerry Harbour');
      expect(await session.inExtension(() => (globalThis as { __ledeMark?: number }).__ledeMark ?? null)).toBeNull();
      await popup.fill('#title', 'Tidal Turbines, Saved After a Restart');
      expect(await savePopup(popup)).toBe('updated');

      await stopWorkers(session);
      const library = await openLibrary(session);
      const rows = await readRows(library);
      expect(rows.map((row) => row.title)).toEqual(['Tidal Turbines, Saved After a Restart']);
    });
  });
}
