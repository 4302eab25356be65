// A stand-in for the background in jsdom tests of pages: the extension API the pages use (`chrome.runtime`),
// its messages answered by handlers the test sets, and the background's events sent to the page.
import { vi } from 'vitest';
import type { LibraryChanged } from '../../src/shared/messages.js';

type Listener = (message: unknown, sender: { id?: string }) => void;

export interface FakeBackground {
  /** Every message the page sent, in order: its name and payload. */
  calls: Array<[string, unknown]>;
  /** The answer to each message by name; a missing one answers an error, as a refusing background does. */
  handlers: Record<string, (payload: never) => unknown>;
  /** The payloads sent under `name`. */
  sent<T = unknown>(name: string): T[];
  /** A `library/changed` event from the background to every listening page. */
  emit(change: LibraryChanged): void;
  /** Listeners the page added to `runtime.onMessage` (cleared before the page's module runs again). */
  listeners: Listener[];
  /** Addresses the page opened with `tabs.create`. */
  opened: string[];
}

/** Installs `chrome` for the page's modules; call once at the top of a test file. */
export function installFakeBackground(): FakeBackground {
  const bg: FakeBackground = {
    calls: [],
    handlers: {},
    listeners: [],
    opened: [],
    sent: <T>(name: string) => bg.calls.filter(([n]) => n === name).map(([, payload]) => payload as T),
    emit: (change) => { for (const listener of bg.listeners) listener(change, { id: 'lede' }); },
  };
  vi.stubGlobal('chrome', {
    runtime: {
      id: 'lede',
      getURL: (path: string) => `chrome-extension://lede/${path}`,
      sendMessage: async ({ type, payload }: { type: string; payload: unknown }) => {
        bg.calls.push([type, payload]);
        const handler = bg.handlers[type];
        if (!handler) return { ledeError: `no handler for ${type}` };
        try {
          return await handler(payload as never);
        } catch (error) {
          return { ledeError: error instanceof Error ? error.message : String(error) };
        }
      },
      onMessage: {
        addListener: (listener: Listener) => bg.listeners.push(listener),
        removeListener: (listener: Listener) => { bg.listeners.splice(bg.listeners.indexOf(listener) >>> 0, 1); },
      },
    },
    tabs: { query: async () => [{ id: 7 }], create: async ({ url }: { url: string }) => { bg.opened.push(url); return {}; } },
  });
  return bg;
}
