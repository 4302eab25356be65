// Which of Lede's own pages may send which messages: one table, so a single message channel can take it over whole.
//
// The offscreen document parses untrusted pages (related reads, the folder watcher's reports): whatever
// script might run there must not reach the key, the private notes or the library. It sends one message.
import type { MessageName } from '../shared/messages.js';

/** The extension pages that may talk to the background, by path, and what each may send ('all', or a list). */
export const SENDER_POLICY = {
  '/popup/popup.html': 'all',
  '/pages/library/library.html': 'all',
  '/pages/options/options.html': 'all',
  '/offscreen/offscreen.html': ['sync/observed'],
} as const satisfies Record<string, 'all' | readonly MessageName[]>;

export type OurPage = keyof typeof SENDER_POLICY;

/** True when the page at `path` may send `type`. */
export function maySend(path: string, type: MessageName): boolean {
  if (!Object.hasOwn(SENDER_POLICY, path)) return false;
  const allowed: 'all' | readonly MessageName[] = SENDER_POLICY[path as OurPage];
  return allowed === 'all' || allowed.includes(type);
}
