// What a browser test drives, the same in Chromium and Firefox: pages of the extension and web pages.
import type { FixtureServer } from './server.js';

export type BrowserName = 'chromium' | 'firefox';

export interface LaunchOptions {
  /** The system's light or dark mode as pages see it (prefers-color-scheme); light when not given. */
  colorScheme?: 'light' | 'dark';
  /** An X display to run headful on (Chromium), e.g. ':99' from Xvfb; headless when not given. */
  display?: string;
  /** Chromium: downloads land there under the names the extension gives them, without asking. */
  downloadsDir?: string;
  /** The browser's environment on top of this process's (a temporary HOME, for a native helper's manifest). */
  env?: Record<string, string>;
}

/** A page in either browser, through the few calls the tests need. */
export interface UiPage {
  readonly browserName: BrowserName;
  /** The document's location (Firefox's driver does not follow a page's own navigation to moz-extension://). */
  url(): Promise<string>;
  /** Runs `fn(arg)` in the page's main world and returns its (serialisable) result. */
  evaluate<T, A = undefined>(fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T>;
  /** Evaluates a script source (used to inject axe-core past extension-page CSP). */
  evaluateSource(source: string): Promise<void>;
  /** Polls `fn(arg)` until truthy; on timeout throws naming `what`. */
  waitFor<A>(what: string, fn: (arg: A) => unknown, arg?: A, timeoutMs?: number): Promise<void>;
  click(selector: string): Promise<void>;
  /** Replaces an input's value as a user would (focus, select all, type). */
  fill(selector: string, value: string): Promise<void>;
  /** Types keystroke by keystroke into the element. */
  type(selector: string, text: string): Promise<void>;
  press(key: string): Promise<void>;
  /** Chooses the option with this value in a <select>, firing change as a user would. */
  select(selector: string, value: string): Promise<void>;
  setSize(width: number, height: number): Promise<void>;
  /** Saves a PNG into test-artifacts/ and returns its path. */
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export interface Session {
  readonly browserName: BrowserName;
  /** `chrome-extension://<id>` or `moz-extension://<uuid>`. */
  readonly extensionOrigin: string;
  readonly server: FixtureServer;
  /** Opens a web page in a new tab and finds the extension's id for that tab. */
  openTab(url: string): Promise<{ page: UiPage; tabId: number }>;
  /** Opens an extension page (`popup/popup.html?tabId=3`, `pages/library/library.html`) in a tab. */
  openExtensionPage(path: string): Promise<UiPage>;
  /** Runs `fn(arg)` with the extension's privileges (worker in Chromium, an extension page in Firefox). */
  inExtension<T, A = undefined>(fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T>;
  close(): Promise<void>;
}

export const POLL_MS = 50;

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls an async check until it returns a value other than undefined/null/false. */
export async function until<T>(what: string, check: () => Promise<T | undefined | null | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== null && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`);
    }
    await delay(POLL_MS * 2);
  }
}
