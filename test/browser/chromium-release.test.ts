// The normal build (dist/chrome, no test patch) in Chromium: the toolbar popup opens, and without the
// user's click granting activeTab it may not read the page, and says so. Guards the permission model.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium, type ChromiumSession } from './harness/chromium.js';
import { missing, repoRoot } from './harness/paths.js';

declare const chrome: any;
const releaseBuild = join(repoRoot, 'dist/chrome');
const why = missing('chromium') ?? (existsSync(join(releaseBuild, 'manifest.json')) ? null : `no build at ${releaseBuild}`);

if (why) {
  test.skip(`chromium release build: skipped, ${why}`, () => undefined);
} else {
  describe('Lede release build in chromium', () => {
    let session: ChromiumSession;
    beforeAll(async () => {
      session = await launchChromium(releaseBuild);
    });
    afterAll(async () => {
      await session?.close();
    });

    test('the toolbar popup opens on the active tab and, with no user click, explains it has no access', async () => {
      // An extension page in another tab can reach the popup's document (extension.getViews).
      const library = await session.openExtensionPage('pages/library/library.html');
      const { page } = await session.openTab('http://www.harbourlight.example/2026/03/tidal-turbines-skerry-harbour');
      const article = session.context.pages().find((p) => p.url().includes('harbourlight.example'))!;
      await article.bringToFront();
      await session.inExtension(() => chrome.action.openPopup());
      await library.waitFor('the toolbar popup to finish reading', () => {
        const [popup] = chrome.extension.getViews({ type: 'popup' }) as Window[];
        return popup && ['editing', 'message'].includes(popup.document.body.dataset.state ?? '');
      });
      const shown = await library.evaluate(() => {
        const [popup] = chrome.extension.getViews({ type: 'popup' }) as Window[];
        const doc = popup!.document;
        return { state: doc.body.dataset.state, reason: doc.getElementById('message')?.dataset.reason, retry: doc.getElementById('retry') !== null };
      });
      expect(shown).toEqual({ state: 'message', reason: 'no-access', retry: true });
      await page.close();
    });
  });
}
