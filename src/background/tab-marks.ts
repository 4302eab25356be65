// The ✓ on tabs whose page is in the library, as tabs load. The browser tells us a tab's address only
// for the tab the person pointed Lede at (activeTab) or, with the optional "tabs" permission they can
// grant in the options page, for every tab; without an address a tab gets no mark.
import type { Badges } from './badge.js';
import type { LibraryStore } from './store/index.js';

export interface TabLike {
  id?: number;
  url?: string;
}

export interface TabMarks {
  /** A tab started loading `tab.url` (undefined when the browser hides it). */
  loading(tabId: number, url: string | undefined): Promise<void>;
  /** Marks every open tab whose address is known: after the "tabs" permission is granted. */
  markAll(tabs: TabLike[]): Promise<void>;
}

/**
 * `clearUnknown`: clear the mark of a tab that loads a page we cannot see. Chrome keeps a tab's badge
 * across navigation, so an old mark would otherwise stay on a new page; Firefox resets it itself.
 */
export function createTabMarks(store: Pick<LibraryStore, 'find'>, badges: Badges, clearUnknown: boolean): TabMarks {
  async function mark(tabId: number, url: string): Promise<void> {
    const saved = await store.find([url]).catch(() => null);
    await badges.show(tabId, saved?.id ?? null);
  }
  return {
    async loading(tabId, url) {
      if (url) await mark(tabId, url);
      else if (clearUnknown) await badges.show(tabId, null);
    },
    async markAll(tabs) {
      await Promise.all(tabs.filter((tab) => tab.id !== undefined && tab.url).map((tab) => mark(tab.id!, tab.url!)));
    },
  };
}
