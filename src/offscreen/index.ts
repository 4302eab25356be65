// The offscreen document (Chrome): a hidden window the background creates for work a service worker
// cannot do. Only `runtime` messaging reaches it; it answers the background's tagged messages and no other.
import browser from 'webextension-polyfill';
import {
  isOffscreenEnvelope, type OffscreenFailure, type OffscreenHandlers,
} from '../shared/offscreen-messages.js';
import { relatedHandlers } from './related.js';
import { watchHandlers, watching } from './watch.js';

const handlers: OffscreenHandlers = {
  'offscreen/ping': async () => ({ ready: true, busy: watching() }),
  ...relatedHandlers,
  ...watchHandlers,
};

browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) => {
  // Only the background (no tab, no page URL of ours) talks to this document.
  if (!isOffscreenEnvelope(message) || sender.id !== browser.runtime.id || sender.tab) return undefined;
  if (!Object.hasOwn(handlers, message.type)) return undefined;
  const handler = handlers[message.type] as (payload: unknown) => Promise<unknown>;
  return handler(message.payload).catch((error: unknown): OffscreenFailure => ({
    offscreenError: error instanceof Error ? error.message : String(error),
  }));
});
