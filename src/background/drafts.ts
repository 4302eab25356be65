// Unsaved edits per tab, kept for the session so the popup can close and reopen without losing them.
import { normaliseUrl } from '../record/url.js';
import type { Draft } from '../shared/messages.js';
import { isDraft } from './shape.js';
import type { StorageAreaLike } from './storage-areas.js';

const keyOf = (tabId: number): string => `draft:${tabId}`;

export class DraftStore {
  /** `area` is `storage.session` where the browser has it, else memory: drafts never need to outlive the browser. */
  constructor(private readonly area: StorageAreaLike) {}

  async get(tabId: number): Promise<Draft | null> {
    const value = (await this.area.get(keyOf(tabId)))[keyOf(tabId)];
    return isDraft(value) ? value : null;
  }

  /** `draft` (the tab's, fetched with `get`) when it was made on the page at one of `addresses`; a draft of an earlier page is dropped. */
  async matching(tabId: number, draft: Draft | null, addresses: string[]): Promise<Draft | null> {
    if (!draft) return null;
    const keys = new Set(addresses.map(normaliseUrl).filter(Boolean));
    if (keys.has(normaliseUrl(draft.url))) return draft;
    await this.clear(tabId);
    return null;
  }

  async put(draft: Draft): Promise<void> {
    await this.area.set({ [keyOf(draft.tabId)]: draft });
  }

  async clear(tabId: number): Promise<void> {
    await this.area.remove(keyOf(tabId));
  }
}
