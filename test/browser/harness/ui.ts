// Reading Lede's popup and library through their stable ids (listed at the top of popup.ts and library.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths.js';
import type { Session, UiPage } from './session.js';

declare const axe: any;

export interface PopupForm {
  state: string | null;
  /** What #message says when the popup could not read the page. */
  message: string;
  title: string | null;
  excerpt: string | null;
  excerptCount: string | null;
  dateUtc: string | null;
  type: string | null;
  providerName: string | null;
  providerDomain: string | null;
  originalUrl: string | null;
  topics: string[];
}

export function readForm(popup: UiPage): Promise<PopupForm> {
  return popup.evaluate(() => {
    const value = (id: string) => (document.getElementById(id) as HTMLInputElement | null)?.value ?? null;
    return {
      state: document.body.dataset.state ?? null,
      message: document.getElementById('message')?.hidden === false ? (document.getElementById('message') as HTMLElement).innerText : '',
      title: value('title'),
      excerpt: value('excerpt'),
      excerptCount: document.getElementById('excerpt-count')?.textContent ?? null,
      dateUtc: document.getElementById('published-at-utc')?.textContent ?? null,
      type: value('type'),
      providerName: value('provider-name'),
      providerDomain: value('provider-domain'),
      originalUrl: value('original-url'),
      topics: [...document.querySelectorAll('#topics .chip-text')].map((chip) => chip.textContent ?? ''),
    };
  });
}

/** Opens the popup as a page for `tabId` and waits until it shows the editor or a message. */
export async function openPopup(session: Session, tabId: number): Promise<UiPage> {
  const popup = await session.openExtensionPage(`popup/popup.html?tabId=${tabId}`);
  await popup.setSize(420, 760);
  await popup.waitFor('the popup to read the page (body[data-state] editing or message)',
    () => ['editing', 'message', 'saved', 'updated'].includes(document.body.dataset.state ?? ''), undefined, 30_000);
  return popup;
}

/** Opens the popup's Details section (excerpt, date, provider, type, addresses, notes) as a user would. */
export async function openDetails(popup: UiPage): Promise<void> {
  if (await popup.evaluate(() => (document.getElementById('details') as HTMLDetailsElement | null)?.open !== false)) return;
  await popup.click('#details-toggle');
  await popup.waitFor('Details to open', () => (document.getElementById('details') as HTMLDetailsElement).open);
}

export async function statusText(page: UiPage): Promise<string> {
  return page.evaluate(() => document.getElementById('status')?.textContent ?? '');
}

/** Clicks Save and waits for the popup to say saved (new record) or updated (existing one). */
export async function savePopup(popup: UiPage): Promise<'saved' | 'updated'> {
  await popup.click('#save');
  try {
    await popup.waitFor('the popup to save', () => ['saved', 'updated'].includes(document.body.dataset.state ?? ''));
  } catch (error) {
    throw new Error(`${(error as Error).message}; #status says: ${await statusText(popup)}`);
  }
  return (await popup.evaluate(() => document.body.dataset.state)) as 'saved' | 'updated';
}

export interface LibraryRow {
  id: string;
  title: string;
  text: string;
}

export function readRows(library: UiPage): Promise<LibraryRow[]> {
  return library.evaluate(() => [...document.querySelectorAll<HTMLElement>('#records .record')].map((row) => ({
    id: row.dataset.id ?? '',
    title: row.querySelector('.record-title')?.textContent?.trim() ?? '',
    text: row.textContent ?? '',
  })));
}

export async function openLibrary(session: Session): Promise<UiPage> {
  const library = await session.openExtensionPage('pages/library/library.html');
  await library.waitFor('the library to list records or say it is empty',
    () => document.querySelector('#records .record') !== null || document.getElementById('empty')?.hidden === false);
  return library;
}

/** Waits until the library's rows are exactly these titles (in any order). */
export async function waitForTitles(library: UiPage, titles: string[], what: string): Promise<void> {
  try {
    await library.waitFor(what, (want: string[]) => {
      const have = [...document.querySelectorAll('#records .record .record-title')].map((el) => el.textContent?.trim() ?? '');
      return have.length === want.length && want.every((title) => have.includes(title));
    }, titles);
  } catch (error) {
    const have = (await readRows(library)).map((row) => row.title);
    throw new Error(`${(error as Error).message}; rows are ${JSON.stringify(have)}, wanted ${JSON.stringify(titles)}`);
  }
}

const axeSource = readFileSync(join(repoRoot, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** Runs axe-core in the page and returns its serious and critical violations, one line each. */
export async function seriousViolations(page: UiPage): Promise<string[]> {
  await page.evaluateSource(axeSource);
  return page.evaluate(async () => {
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v: any) => v.impact === 'serious' || v.impact === 'critical')
      .map((v: any) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`);
  });
}

/** Signs that page text ran as code or became markup in this document. */
export function injectionSigns(page: UiPage): Promise<string[]> {
  return page.evaluate(() => {
    const signs: string[] = [];
    if ((window as any).__ledePwned) signs.push('window.__ledePwned is set');
    if (document.documentElement.dataset.pwned) signs.push(`data-pwned=${document.documentElement.dataset.pwned}`);
    for (const el of document.querySelectorAll('img[src="x"], [onerror], [onload]')) {
      signs.push(`element from page text: <${el.tagName.toLowerCase()}>`);
    }
    for (const el of document.querySelectorAll('b')) {
      if (el.textContent === 'bold') signs.push('element from page text: <b>bold</b>');
    }
    for (const el of document.querySelectorAll('script:not([src])')) {
      if (el.getAttribute('type') !== 'application/ld+json') signs.push(`inline script: ${el.textContent?.slice(0, 40)}`);
    }
    return signs;
  });
}
