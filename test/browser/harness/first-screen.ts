// The popup's compact first screen at the browser's usual popup size (400×600), in Chromium and Firefox:
// what must be visible without scrolling, the keyboard-only fast path, Details opening by itself, the
// "already saved" line, axe, and screenshots in light and dark mode.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { missing } from './paths.js';
import type { BrowserName, LaunchOptions, Session, UiPage } from './session.js';
import { openLibrary, openPopup, readForm, seriousViolations } from './ui.js';

const SHORT = 'http://www.harbourlight.example/2026/03/tidal-turbines-skerry-harbour';
const LONGEST = 'http://longest.example/2026/longest-values';
const UNDATED = 'http://skerrynotes.example/stories/last-manned-winter';
const FAST = 'http://crumbreview.example/science/sourdough-starters-apples';
const POPUP = { width: 400, height: 600 };
/** What must be on the first screen: title, topic input, quality, Save. */
const MUST_SHOW = ['title', 'topic-input', 'quality', 'save'];

interface Box { id: string; top: number; bottom: number; left: number; right: number; onTop: boolean }

/** Each element's box, and whether it is the one hit at its centre (not covered, e.g. by the save bar). */
function boxes(page: UiPage, ids: string[]): Promise<{ boxes: Box[]; scrollTop: number; sideways: number; width: number; height: number }> {
  return page.evaluate((list: string[]) => ({
    boxes: list.map((id) => {
      const el = document.getElementById(id)!;
      const r = el.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return { id, top: r.top, bottom: r.bottom, left: r.left, right: r.right, onTop: hit === el || el.contains(hit) };
    }),
    scrollTop: document.scrollingElement?.scrollTop ?? 0,
    sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    width: innerWidth,
    height: innerHeight,
  }), ids);
}

function expectInView(found: Awaited<ReturnType<typeof boxes>>): void {
  expect(found.scrollTop, 'the popup must not be scrolled').toBe(0);
  expect(found.sideways, 'the popup scrolls sideways').toBeLessThanOrEqual(0);
  for (const box of found.boxes) {
    expect.soft(box.top, `#${box.id} top`).toBeGreaterThanOrEqual(0);
    expect.soft(box.left, `#${box.id} left`).toBeGreaterThanOrEqual(0);
    expect.soft(box.bottom, `#${box.id} bottom within ${found.height}`).toBeLessThanOrEqual(found.height);
    expect.soft(box.right, `#${box.id} right within ${found.width}`).toBeLessThanOrEqual(found.width);
    expect.soft(box.onTop, `#${box.id} is covered by another element`).toBe(true);
  }
}

const activeId = (page: UiPage) => page.evaluate(() => document.activeElement?.id ?? '');

export function describeFirstScreen(browserName: BrowserName, launch: (options?: LaunchOptions) => Promise<Session>): void {
  const why = missing(browserName);
  if (why) {
    test.skip(`${browserName} first screen: skipped, ${why}`, () => undefined);
    return;
  }

  describe(`the popup's first screen in ${browserName} at 400×600`, () => {
    let session: Session;
    const opened: UiPage[] = [];
    beforeAll(async () => {
      session = await launch();
    });
    afterAll(async () => {
      await session?.close();
    });

    async function popupAt(url: string, on: Session = session) {
      const { page, tabId } = await on.openTab(url);
      const popup = await openPopup(on, tabId);
      await popup.setSize(POPUP.width, POPUP.height);
      opened.push(page, popup);
      const form = await readForm(popup);
      expect(form.state, `popup message: ${form.message}`).toBe('editing');
      return popup;
    }
    async function closeAll() {
      for (const page of opened.splice(0)) await page.close().catch(() => undefined);
    }

    test('a short page: title, topic input, quality and Save in view, focus in topics, Details closed', async () => {
      const popup = await popupAt(SHORT);
      expectInView(await boxes(popup, MUST_SHOW));
      expect(await activeId(popup)).toBe('topic-input');
      expect(await popup.evaluate(() => (document.getElementById('details') as HTMLDetailsElement).open)).toBe(false);
      // What Lede found, in one line: provider · date · type.
      const found = await popup.evaluate(() => [...document.querySelectorAll('#found-line [data-opens]')].map((b) => b.getAttribute('data-opens')));
      expect(found).toEqual(['provider-name', 'published-at', 'type']);
      expect(await popup.evaluate(() => document.getElementById('found-line')?.textContent)).toContain('Harbour Light');
      // The found line's date button opens Details at the date.
      await popup.click('#found-line [data-opens="published-at"]');
      expect(await popup.evaluate(() => ({ open: (document.getElementById('details') as HTMLDetailsElement).open, focus: document.activeElement?.id })))
        .toEqual({ open: true, focus: 'published-at' });
      await closeAll();
    });

    test('the longest title, provider and excerpt: the same four stay in view, nothing scrolls sideways', async () => {
      const popup = await popupAt(LONGEST);
      const form = await readForm(popup);
      expect(form.title!.length, 'the fixture gives a title near extraction\'s longest').toBeGreaterThan(450);
      expect(form.providerName!.length, 'the fixture gives a provider near extraction\'s longest').toBeGreaterThan(55);
      expect([...form.excerpt!].length).toBe(200);
      expectInView(await boxes(popup, MUST_SHOW));
      await popup.screenshot('first-screen-longest');
      // The format puts no cap on a title: a typed one of 5,000 characters still takes two lines.
      await popup.fill('#title', 'Longer '.repeat(714).trim());
      await popup.click('#details-toggle');
      await popup.fill('#provider-name', `The ${'Unbroken'.repeat(60)} Gazette`);
      await popup.click('#details-toggle');
      expect(await popup.evaluate(() => document.getElementById('found-line')?.textContent)).toContain('UnbrokenUnbroken');
      expectInView(await boxes(popup, MUST_SHOW));
      await popup.screenshot('first-screen-longest-typed');
      await closeAll();
    });

    test('keyboard only: two topics, a quality, Ctrl+Enter saves; then Open library and Undo', async () => {
      const popup = await popupAt(FAST);
      await popup.evaluate(() => {
        (window as any).__pointer = 0;
        for (const type of ['pointerdown', 'mousedown', 'click']) {
          addEventListener(type, (event) => { if ((event as MouseEvent).detail > 0 || type !== 'click') (window as any).__pointer++; }, true);
        }
      });
      const keys: string[] = [];
      const send = async (key: string) => {
        keys.push(key);
        await popup.press(key);
      };
      // The title is one Shift+Tab away, and Tab comes back.
      await send('Shift+Tab');
      expect(await activeId(popup)).toBe('title');
      await send('Tab');
      expect(await activeId(popup)).toBe('topic-input');
      for (const topic of ['Baking', 'Microbes']) {
        for (const char of topic) await send(char);
        await send('Enter');
      }
      await popup.waitFor('both topics as chips', () => document.querySelectorAll('#topics .chip').length === 2);
      let tabs = 0;
      while ((await activeId(popup)) !== 'quality' && tabs < 2) {
        await send('Tab');
        tabs++;
      }
      expect(await activeId(popup), `quality within two Tabs (${tabs} pressed)`).toBe('quality');
      await send('8');
      await send('0');
      await send('Control+Enter');
      await popup.waitFor('the popup to save', () => document.body.dataset.state === 'saved');
      expect(keys).toEqual(['Shift+Tab', 'Tab', ...'Baking', 'Enter', ...'Microbes', 'Enter',
        ...Array(tabs).fill('Tab'), '8', '0', 'Control+Enter']);
      expect(tabs).toBeGreaterThanOrEqual(1);
      expect(await popup.evaluate(() => (window as any).__pointer), 'no pointer was used').toBe(0);

      const stored = () => popup.evaluate(async () => {
        const api = (globalThis as any).browser ?? (globalThis as any).chrome;
        const answer = await api.runtime.sendMessage({ lede: 1, type: 'library/list', payload: {} });
        return answer.records.map((r: any) => ({ title: r.record.title, topics: r.record.topics, quality: r.record.quality }));
      });
      expect(await stored()).toEqual([{ title: 'Why Sourdough Starters Smell Like Apples', topics: ['Baking', 'Microbes'], quality: 80 }]);
      const after = await popup.evaluate(() => ({
        hidden: document.getElementById('after-save')?.hidden,
        library: document.getElementById('open-library')?.textContent,
        undo: document.getElementById('undo-save')?.textContent,
        saved: document.getElementById('saved-note')?.textContent ?? '',
      }));
      expect(after).toMatchObject({ hidden: false, library: 'Open library', undo: 'Undo' });
      expect(after.saved).toMatch(/^Saved now/);
      await popup.screenshot('first-screen-saved');

      await popup.click('#undo-save');
      await popup.waitFor('the save undone', () => document.body.dataset.state === 'editing');
      expect(await stored()).toEqual([]);
      expect(await popup.evaluate(() => document.getElementById('saved-note'))).toBeNull();
      // Saved again for the next test, which opens the page as already saved.
      await popup.press('Control+Enter');
      await popup.waitFor('the popup to save again', () => document.body.dataset.state === 'saved');
      await closeAll();
    });

    test('already saved: the first screen says so at the top, and shows what changed since', async () => {
      const popup = await popupAt(FAST);
      const note = () => popup.evaluate(() => ({
        when: document.getElementById('saved-when')?.textContent ?? '',
        changed: document.getElementById('changed-since')?.textContent ?? '',
        top: document.getElementById('saved-note')?.getBoundingClientRect().top ?? -1,
        title: document.getElementById('title')?.getBoundingClientRect().top ?? -1,
      }));
      const before = await note();
      expect(before.when).toMatch(/^Saved (now|\d+ (seconds?|minutes?) ago)/);
      expect(before.changed).toBe('');
      expect(before.top).toBeLessThan(before.title);
      await popup.fill('#title', 'Sourdough Starters and Their Apples');
      await popup.waitFor('the change named', () => /Title/.test(document.getElementById('changed-since')?.textContent ?? ''));
      expect(await popup.evaluate(() => [...document.querySelectorAll('[data-changed]')].map((el) => el.getAttribute('data-field'))))
        .toEqual(['title']);
      expectInView(await boxes(popup, MUST_SHOW));
      await popup.screenshot('first-screen-already-saved');
      await popup.press('Control+Enter');
      await popup.waitFor('the update', () => document.body.dataset.state === 'updated');
      expect((await note()).when).toMatch(/^Saved .* · updated now$|^Saved now$/);
      expect((await note()).changed).toBe('');

      // The library page's editor keeps its full form: no Details, every field shown.
      const lib = await openLibrary(session);
      opened.push(lib);
      await lib.click('#records .record .edit');
      await lib.waitFor('the edit dialog', () => document.querySelector('#edit-slot #title') !== null);
      expect(await lib.evaluate(() => ({
        details: document.querySelector('#edit-slot #details') !== null,
        hidden: ['excerpt', 'published-at', 'provider-name', 'original-url', 'body']
          .filter((id) => (document.getElementById(id) as HTMLElement).getBoundingClientRect().height === 0),
      }))).toEqual({ details: false, hidden: [] });
      await closeAll();
    });

    test('a page without a date: Details opens by itself and says why', async () => {
      const popup = await popupAt(UNDATED);
      const shown = await popup.evaluate(() => ({
        open: (document.getElementById('details') as HTMLDetailsElement).open,
        why: document.getElementById('details-why')?.textContent ?? '',
        date: document.querySelector('#found-line [data-opens="published-at"]')?.className ?? '',
      }));
      expect(shown.open).toBe(true);
      expect(shown.why).toContain('no date');
      expect(shown.date).toContain('missing');
      expectInView(await boxes(popup, ['title', 'topic-input', 'quality', 'save']));
      await popup.screenshot('first-screen-undated');
      await closeAll();
    });

    for (const scheme of ['light', 'dark'] as const) {
      test(`${scheme} mode: no serious or critical axe violations, with Details closed and open; screenshots`, async () => {
        // Dark mode is the system's, set when the browser starts (Firefox's driver cannot emulate it per page).
        const dark = scheme === 'dark' ? await launch({ colorScheme: 'dark' }) : null;
        try {
          await checkScheme(scheme, dark ?? session);
        } finally {
          await closeAll();
          await dark?.close();
        }
      });
    }

    async function checkScheme(scheme: 'light' | 'dark', on: Session) {
      const popup = await popupAt(SHORT, on);
      expect(await popup.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(scheme === 'dark');
      await popup.screenshot(`first-screen-${scheme}`);
      const closed = await seriousViolations(popup);
      await popup.click('#details-toggle');
      const open = await seriousViolations(popup);
      await popup.screenshot(`first-screen-${scheme}-details`);
      expect({ closed, open }).toEqual({ closed: [], open: [] });
    }
  });
}
