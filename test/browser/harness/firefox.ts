// Firefox ESR with the test build of Lede, driven by puppeteer-core over WebDriver BiDi (BROWSER-TESTS.md).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { artifactPath, firefoxPath, firefoxTestBuild } from './paths.js';
import { startFixtureServer } from './server.js';
import { until, type LaunchOptions, type Session, type UiPage } from './session.js';

interface TabInfo { id: number; url: string }

declare const browser: any;

/** Fixed so extension URLs are known before the add-on is installed. */
export const FIREFOX_UUID = '6c1e5e7a-1ede-4a3b-9d2e-0123456789ab';

function wrap(page: Page): UiPage {
  page.setDefaultTimeout(10_000);
  return {
    browserName: 'firefox',
    url: () => page.evaluate(() => location.href),
    evaluate: (fn, arg) => page.evaluate(fn as any, arg) as any,
    evaluateSource: async (source) => { await page.evaluate(source); },
    async waitFor(what, fn, arg, timeoutMs = 15_000) {
      try {
        await page.waitForFunction(fn as any, { timeout: timeoutMs, polling: 50 }, arg);
      } catch (error) {
        throw new Error(`firefox: timed out waiting for ${what} on ${await page.evaluate(() => location.href).catch(() => page.url())}: ${(error as Error).message.split('\n')[0]}`);
      }
    },
    click: (selector) => page.click(selector),
    async fill(selector, value) {
      if (value !== '') return page.locator(selector).fill(value);
      // Locator.fill('') fires no input event here: select everything and delete it as a user would.
      await page.$eval(selector, (el) => { (el as HTMLInputElement).focus(); (el as HTMLInputElement).select(); });
      await page.keyboard.press('Backspace');
    },
    type: (selector, text) => page.type(selector, text),
    async press(key) {
      // Puppeteer presses one key: 'Control+Enter' is held modifiers around the last key, as Playwright reads it.
      const parts = key.length > 1 ? key.split('+') : [key];
      const last = parts.pop()!;
      for (const modifier of parts) await page.keyboard.down(modifier as any);
      await page.keyboard.press(last as any);
      for (const modifier of parts.reverse()) await page.keyboard.up(modifier as any);
    },
    select: async (selector, value) => { await page.select(selector, value); },
    setSize: (width, height) => page.setViewport({ width, height }),
    async screenshot(name) {
      const path = artifactPath(`firefox-${name}.png`);
      await page.screenshot({ path });
      return path;
    },
    close: () => page.close(),
  };
}

export interface FirefoxSession extends Session {
  browser: Browser;
  /** Where the browser saves downloads, without asking. */
  downloads: string;
  /** An extension page as puppeteer's own Page, for what UiPage does not cover (file inputs). */
  openRawExtensionPage(path: string): Promise<Page>;
}

export async function launchFirefox(extensionDir = firefoxTestBuild, options: LaunchOptions = {}): Promise<FirefoxSession> {
  const dark = options.colorScheme === 'dark';
  const server = await startFixtureServer();
  const manifest = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8'));
  const geckoId: string = manifest.browser_specific_settings.gecko.id;
  const downloads = mkdtempSync(join(tmpdir(), 'lede-firefox-dl-'));
  const ff = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath,
    headless: true,
    ...(options.env ? { env: { ...process.env, ...options.env } } : {}),
    defaultViewport: { width: 1100, height: 800 },
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: FIREFOX_UUID }),
      'browser.download.dir': downloads,
      'browser.download.folderList': 2,
      'browser.download.useDownloadDir': true,
      // Every address but 127.0.0.1 goes to the fixture server (pages at their real addresses, the rest 404).
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': server.port,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': server.port,
      'network.proxy.no_proxies_on': '127.0.0.1',
      // BiDi cannot emulate media features per page: the scheme is the browser's, from the start.
      'ui.systemUsesDarkTheme': dark ? 1 : 0,
      'layout.css.prefers-color-scheme.content-override': dark ? 0 : 1,
    },
  });
  await ff.installExtension(extensionDir);
  const extensionOrigin = `moz-extension://${FIREFOX_UUID}`;

  const openRawExtensionPage = async (path: string): Promise<Page> => {
    const page = await ff.newPage();
    const target = `${extensionOrigin}/${path}`;
    // BiDi refuses moz-extension:// navigation; a fixture page sets location.href instead.
    await page.goto(server.url('/fixtures/open-extension-page.html'));
    await page.evaluate((to) => { location.href = to; }, target).catch(() => undefined);
    await until(`${target} to load`, () => page.evaluate((origin) => location.href.startsWith(origin)
      && document.readyState !== 'loading', extensionOrigin));
    return page;
  };
  const openExtensionPage = async (path: string): Promise<UiPage> => wrap(await openRawExtensionPage(path));

  // Firefox has no worker to evaluate in: an extension page, opened once, stands in for it.
  let helper: UiPage | undefined;
  const inExtension: Session['inExtension'] = async (fn, arg) => {
    helper ??= await openExtensionPage('pages/options/options.html');
    return helper.evaluate(fn, arg);
  };
  const tabIds = () => inExtension<TabInfo[]>(async () => (await browser.tabs.query({})).map((t: any) => ({ id: t.id, url: t.url ?? '' })));

  return {
    browserName: 'firefox',
    extensionOrigin,
    server,
    browser: ff,
    downloads,
    inExtension,
    openExtensionPage,
    openRawExtensionPage,
    async openTab(url) {
      const before = new Set((await tabIds()).map((t) => t.id));
      const page = await ff.newPage();
      if (url !== 'about:blank') await page.goto(url, { waitUntil: 'domcontentloaded' });
      const tabId = await until(`the tab id of ${url}`, async () => {
        const tabs = await tabIds();
        const fresh = tabs.filter((t) => !before.has(t.id));
        return tabs.find((t) => t.url === url)?.id ?? (fresh.length === 1 ? fresh[0]?.id : undefined);
      });
      return { page: wrap(page), tabId };
    },
    async close() {
      await ff.close().catch(() => undefined);
      await server.close();
      rmSync(downloads, { recursive: true, force: true });
    },
  };
}
