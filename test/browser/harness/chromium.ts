// Chromium with the test build of Lede, driven by playwright-core (recipe: BROWSER-TESTS.md).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { artifactPath, chromeTestBuild, chromiumPath } from './paths.js';
import { startFixtureServer } from './server.js';
import { until, type LaunchOptions, type Session, type UiPage } from './session.js';

interface TabInfo { id: number; url: string }

declare const chrome: any;

function wrap(page: Page): UiPage {
  page.setDefaultTimeout(10_000);
  return {
    browserName: 'chromium',
    url: async () => page.url(),
    evaluate: (fn, arg) => page.evaluate(fn as any, arg),
    evaluateSource: async (source) => { await page.evaluate(source); },
    async waitFor(what, fn, arg, timeoutMs = 15_000) {
      try {
        await page.waitForFunction(fn as any, arg, { timeout: timeoutMs, polling: 50 });
      } catch (error) {
        throw new Error(`chromium: timed out waiting for ${what} on ${page.url()}: ${(error as Error).message.split('\n')[0]}`);
      }
    },
    click: (selector) => page.click(selector),
    fill: (selector, value) => page.fill(selector, value),
    type: (selector, text) => page.locator(selector).pressSequentially(text),
    press: (key) => page.keyboard.press(key),
    select: async (selector, value) => { await page.selectOption(selector, value); },
    setSize: (width, height) => page.setViewportSize({ width, height }),
    async screenshot(name) {
      const path = artifactPath(`chromium-${name}.png`);
      await page.screenshot({ path });
      return path;
    },
    close: () => page.close(),
  };
}

export interface ChromiumSession extends Session {
  context: BrowserContext;
  /** The user data dir (its NativeMessagingHosts folder is where this Chromium looks for a helper). */
  profile: string;
  worker(): Promise<Worker>;
}

export async function launchChromium(extensionDir = chromeTestBuild, options: LaunchOptions = {}): Promise<ChromiumSession> {
  const server = await startFixtureServer();
  const profile = mkdtempSync(join(tmpdir(), 'lede-chromium-'));
  if (options.downloadsDir) {
    mkdirSync(join(profile, 'Default'), { recursive: true });
    writeFileSync(join(profile, 'Default/Preferences'), JSON.stringify({ download: { default_directory: options.downloadsDir, prompt_for_download: false } }));
  }
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: options.display === undefined,
    ...(options.display === undefined && !options.env ? {} : { env: { ...process.env, ...options.env, ...(options.display ? { DISPLAY: options.display } : {}) } }),
    viewport: { width: 1100, height: 800 },
    colorScheme: options.colorScheme ?? 'light',
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-first-run', '--disable-sync', '--disable-background-networking', '--disable-component-update',
      // Every http address is answered by the fixture server (pages at their real addresses, the rest 404).
      `--proxy-server=http://127.0.0.1:${server.port}`,
    ],
  });
  const worker = async (): Promise<Worker> => {
    // Service workers stop when idle; get the live one each time.
    const live = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
    if (live) return live;
    return context.waitForEvent('serviceworker', { timeout: 15_000 });
  };
  const first = await worker();
  if (options.downloadsDir) {
    // Playwright takes over downloads by default; hand them back to the browser's own settings.
    const cdp = await context.newCDPSession(context.pages()[0] ?? await context.newPage());
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'default' });
    await cdp.detach();
  }
  const extensionOrigin = `chrome-extension://${new URL(first.url()).host}`;

  const inExtension: Session['inExtension'] = async (fn, arg) => (await worker()).evaluate(fn as any, arg);
  const tabIds = () => inExtension<TabInfo[]>(async () => (await chrome.tabs.query({})).map((t: any) => ({ id: t.id, url: t.url ?? '' })));

  return {
    browserName: 'chromium',
    extensionOrigin,
    server,
    context,
    profile,
    worker,
    inExtension,
    async openTab(url) {
      const before = new Set((await tabIds()).map((t) => t.id));
      const page = await context.newPage();
      await page.goto(url, { waitUntil: 'domcontentloaded' }).catch((error) => {
        // chrome:// and similar pages may refuse a "navigation" event yet load; the tab is what matters.
        if (!/^(chrome|about|data):/.test(url)) throw error;
      });
      // Tabs the extension cannot see the URL of (chrome://, data:) are found as the one new tab.
      const tabId = await until(`the tab id of ${url}`, async () => {
        const tabs = await tabIds();
        return tabs.find((t) => t.url === url)?.id
          ?? (tabs.filter((t) => !before.has(t.id)).length === 1 ? tabs.find((t) => !before.has(t.id))?.id : undefined);
      });
      return { page: wrap(page), tabId };
    },
    async openExtensionPage(path) {
      const page = await context.newPage();
      await page.goto(`${extensionOrigin}/${path}`, { waitUntil: 'domcontentloaded' });
      return wrap(page);
    },
    async close() {
      await context.close().catch(() => undefined);
      await server.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
