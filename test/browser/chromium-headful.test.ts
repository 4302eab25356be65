// The path a person takes: the release build in a headful Chromium under Xvfb, the article open, Alt+Shift+L
// pressed with xdotool (which grants activeTab and opens the real toolbar popup), a topic typed, Ctrl+Enter,
// and the record checked in the library. Skips, saying why, without Chromium, the build or Xvfb/xdotool.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium, type ChromiumSession } from './harness/chromium.js';
import { artifactPath, missing, repoRoot } from './harness/paths.js';
import { delay, until, type UiPage } from './harness/session.js';
import { displayToolsMissing, startDisplay, type Display } from './harness/xvfb.js';

declare const chrome: any;
const releaseBuild = join(repoRoot, 'dist/chrome');
const ARTICLE = 'http://www.harbourlight.example/2026/03/tidal-turbines-skerry-harbour';
const why = missing('chromium')
  ?? (existsSync(join(releaseBuild, 'manifest.json')) ? null : `no release build at ${releaseBuild}: run npm run build`)
  ?? displayToolsMissing();

/** The toolbar popup's state, seen from another extension page (extension.getViews). */
function popupState(page: UiPage) {
  return page.evaluate(() => {
    const [popup] = chrome.extension.getViews({ type: 'popup' }) as Window[];
    if (!popup) return null;
    const doc = popup.document;
    return {
      state: doc.body.dataset.state ?? '',
      focus: doc.activeElement?.id ?? '',
      topics: [...doc.querySelectorAll('#topics .chip-text')].map((chip) => chip.textContent ?? ''),
      inView: ['title', 'topic-input', 'quality', 'save'].every((id) => {
        const r = doc.getElementById(id)!.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= popup.innerHeight && r.left >= 0 && r.right <= popup.innerWidth;
      }),
      size: [popup.innerWidth, popup.innerHeight],
    };
  });
}

if (why) {
  test.skip(`headful chromium, the real toolbar popup: skipped, ${why}`, () => undefined);
} else {
  describe('Lede release build, headful Chromium under Xvfb', () => {
    let display: Display;
    let session: ChromiumSession;
    beforeAll(async () => {
      display = await startDisplay();
      session = await launchChromium(releaseBuild, { display: display.name });
    });
    afterAll(async () => {
      await session?.close();
      await display?.close();
    });

    test('Alt+Shift+L opens the filled popup, a topic typed, Ctrl+Enter saves, and the library has the record', async () => {
      const library = await session.openExtensionPage('pages/library/library.html');
      await session.openTab(ARTICLE);
      const article = session.context.pages().find((p) => p.url().includes('harbourlight.example'))!;
      await article.bringToFront();
      const windows = display.xdotool('search', '--onlyvisible', '--class', 'chromium').trim().split('\n').filter(Boolean);
      expect(windows.length, 'a visible Chromium window').toBeGreaterThan(0);
      const window = windows[windows.length - 1]!;
      display.xdotool('windowfocus', window);
      display.xdotool('key', '--window', window, 'alt+shift+l');
      await until('the toolbar popup to open and fill', async () => (await popupState(library))?.state === 'editing', 20_000);
      const opened = (await popupState(library))!;
      expect(opened.focus, 'focus starts in the topic input').toBe('topic-input');
      expect(opened.inView, `title, topics, quality and Save inside the ${opened.size.join('×')} popup`).toBe(true);
      await delay(300); // let the popup paint before the screenshot
      display.screenshot(artifactPath('chromium-headful-popup.png'));

      display.xdotool('type', '--delay', '40', 'Harbours');
      display.xdotool('key', 'Return');
      await until('the topic as a chip', async () => (await popupState(library))?.topics.includes('Harbours'));
      display.xdotool('key', 'ctrl+Return');
      await until('the popup to say saved', async () => (await popupState(library))?.state === 'saved');
      display.screenshot(artifactPath('chromium-headful-saved.png'));

      const records = await library.evaluate(async () => {
        const answer = await chrome.runtime.sendMessage({ lede: 1, type: 'library/list', payload: {} });
        return answer.records.map((r: any) => ({ title: r.record.title, topics: r.record.topics, provider: r.record.provider.name }));
      });
      expect(records).toEqual([{ title: 'Tidal Turbines Bring Night Light to Skerry Harbour', topics: ['Harbours'], provider: 'Harbour Light' }]);
    });
  });
}
