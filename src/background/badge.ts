// The toolbar badge: a check mark on tabs whose page is in the library.

/** The part of `action` used here. */
export interface BadgeApi {
  setBadgeText(details: { tabId: number; text: string }): Promise<void>;
  setBadgeBackgroundColor(details: { tabId: number; color: string }): Promise<void>;
}

const SAVED_TEXT = '✓';
const SAVED_COLOR = '#2e7d32';

export class Badges {
  /** Which saved record each marked tab shows, so deleting a record clears its tabs. */
  private readonly shown = new Map<number, string>();

  constructor(private readonly api: BadgeApi) {}

  async show(tabId: number, savedId: string | null): Promise<void> {
    if (savedId) this.shown.set(tabId, savedId);
    else this.shown.delete(tabId);
    try {
      if (savedId) await this.api.setBadgeBackgroundColor({ tabId, color: SAVED_COLOR });
      await this.api.setBadgeText({ tabId, text: savedId ? SAVED_TEXT : '' });
    } catch {
      // The tab closed in the meantime: nothing left to mark.
      this.shown.delete(tabId);
    }
  }

  /** Clears the mark on every tab showing a record that is no longer saved. */
  async forget(savedId: string): Promise<void> {
    const tabs = [...this.shown].filter(([, id]) => id === savedId).map(([tabId]) => tabId);
    await Promise.all(tabs.map((tabId) => this.show(tabId, null)));
  }

  tabClosed(tabId: number): void {
    this.shown.delete(tabId);
  }
}
