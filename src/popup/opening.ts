// Everything the popup shows, asked for as early as possible. popup/early.js starts it from <head>, so the
// background reads the page while the popup's own script and styles are still loading; popup.js then
// takes what was started instead of asking again. "Try again" starts afresh.
import type { PageReadResult, Response } from '../shared/messages.js';
import { startedEarly } from '../shared/promise.js';
import { send } from '../shared/send.js';
import { findTabId } from './tab.js';

export interface Opening {
  /** The tab the popup edits, null when there is none. */
  tabId: Promise<number | null>;
  /** The page read, null when there is no tab to read. */
  read: Promise<PageReadResult | null>;
  settings: Promise<Response<'settings/get'>>;
  topics: Promise<Response<'library/topics'>>;
}

export function startOpening(): Opening {
  const tabId = startedEarly(findTabId());
  const read = startedEarly(tabId.then((id) => (id === null ? null : send('page/read', { tabId: id }))));
  // The library's topics only feed the autocomplete, and with a large library they need every record
  // loaded: asked once the page is read, so they never hold the form up.
  const topics = () => send('library/topics', {});
  return { tabId, read, settings: startedEarly(send('settings/get', {})), topics: startedEarly(read.then(topics, topics)) };
}

const SLOT = '__ledeOpening';
type Scope = typeof globalThis & { [SLOT]?: Opening };

/** Called by popup/early.js: starts the opening and leaves it for popup.js. */
export function startOpeningEarly(): void {
  (globalThis as Scope)[SLOT] = startOpening();
}

/** The opening early.js started (once), or a new one. */
export function takeOpening(): Opening {
  const scope = globalThis as Scope;
  const early = scope[SLOT];
  delete scope[SLOT];
  return early ?? startOpening();
}
