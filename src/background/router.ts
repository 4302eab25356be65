// The gate for every message: who sent it, what shape it has, then the one handler for its name.
import type { ErrorAnswer, MessageName } from '../shared/messages.js';
import type { Handlers, Sender, Translate } from './handlers.js';
import { isLedeEvent } from '../shared/library-events.js';
import { isObject } from './shape.js';
import { SettingsError } from './settings-store.js';
import { StoreError } from './store/index.js';
import type { Validators } from './validators.js';

/** The extension pages allowed to talk to the background. Content scripts and web pages are not. */
export const EXTENSION_PAGES = ['/popup/popup.html', '/pages/library/library.html', '/pages/options/options.html', '/offscreen/offscreen.html'];

export interface Self {
  /** `runtime.id`. */
  id: string;
  /** `runtime.getURL('')`: the extension's origin with a trailing slash. */
  base: string;
}

/** True when the message comes from one of our own pages (any query or fragment), never from a tab's page. */
export function isOurPage(sender: Sender, self: Self): boolean {
  if (sender.id !== self.id || typeof sender.url !== 'string') return false;
  let url: URL;
  let base: URL;
  try {
    url = new URL(sender.url);
    base = new URL(self.base);
  } catch {
    return false;
  }
  // Not `origin`: by the URL standard extension schemes have the opaque origin "null", equal for every extension.
  return url.protocol === base.protocol && url.host === base.host && url.host !== '' &&
    EXTENSION_PAGES.includes(url.pathname);
}

const STORE_MESSAGE = {
  quota: 'storeQuotaFull',
  unavailable: 'storeUnavailable',
  blocked: 'storeBlocked',
  failed: 'storeFailed',
} as const;

function errorAnswer(error: unknown, t: Translate): ErrorAnswer {
  if (error instanceof StoreError) return { ledeError: t(STORE_MESSAGE[error.code], error.message) };
  if (error instanceof SettingsError) return { ledeError: t('settingsNotSaved', error.message) };
  return { ledeError: t('backgroundFailed', error instanceof Error ? error.message : String(error)) };
}

/** Answers one message: the handler's result, or `{ledeError}` for a foreign sender, a bad shape or a failure. */
export function createRouter(handlers: Handlers, validators: Validators, self: Self, t: Translate) {
  // An event (`library/changed`, the background's own broadcast) is no request: not answered at all,
  // synchronously, so the browser does not wait on this listener for a reply.
  return function route(message: unknown, sender: Sender): Promise<unknown> | undefined {
    return isLedeEvent(message) ? undefined : answer(message, sender);
  };

  async function answer(message: unknown, sender: Sender): Promise<unknown> {
    if (!isOurPage(sender, self)) return { ledeError: 'Refused: messages are accepted only from Lede’s own pages.' };
    if (!isObject(message) || message.lede !== 1 || typeof message.type !== 'string' ||
      !Object.hasOwn(handlers, message.type)) {
      return { ledeError: 'Refused: not a Lede message.' };
    }
    const type = message.type as MessageName;
    if (!validators[type](message.payload)) return { ledeError: `Refused: the payload of "${type}" has the wrong shape.` };
    try {
      const handler = handlers[type] as (payload: unknown, sender: Sender) => Promise<unknown>;
      return await handler(message.payload, sender);
    } catch (error) {
      console.error(`Lede: ${type} failed`, error);
      return errorAnswer(error, t);
    }
  }
}
