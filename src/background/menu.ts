// The context-menu item "Save page to Lede": opens the popup, or a small window with it where the browser cannot.
import browser from 'webextension-polyfill';

export const MENU_ID = 'lede-save-page';
/** "Save all tabs in this window": the popup's Save all tabs dialog, opened by itself in a small window. */
export const ALL_TABS_MENU_ID = 'lede-save-all-tabs';

/** Made on install and update; the old item goes first so an update never meets a duplicate id. */
export async function createMenu(title: string, relatedTitle?: string, relatedId?: string, allTabsTitle?: string): Promise<void> {
  await browser.contextMenus.removeAll();
  browser.contextMenus.create({ id: MENU_ID, title, contexts: ['page', 'selection', 'link', 'image'] });
  if (relatedTitle && relatedId) browser.contextMenus.create({ id: relatedId, title: relatedTitle, contexts: ['link'] });
  if (allTabsTitle) browser.contextMenus.create({ id: ALL_TABS_MENU_ID, title: allTabsTitle, contexts: ['page', 'action'] });
}

/** The popup as a page of its own, told which tab to read. */
export function popupWindowUrl(tabId: number): string {
  return browser.runtime.getURL(`popup/popup.html?tabId=${tabId}`);
}

export function onMenuClick(info: { menuItemId: string | number }, tab: { id?: number; windowId?: number } | undefined): void {
  if (info.menuItemId === ALL_TABS_MENU_ID && tab?.id !== undefined && tab.id >= 0) {
    void browser.windows.create({ url: `${popupWindowUrl(tab.id)}&tabs=1`, type: 'popup', width: 440, height: 680 });
    return;
  }
  if (info.menuItemId !== MENU_ID || tab?.id === undefined || tab.id < 0) return;
  const tabId = tab.id;
  const openWindow = (): void => {
    void browser.windows.create({ url: popupWindowUrl(tabId), type: 'popup', width: 440, height: 680 });
  };
  // openPopup must be called at once, inside the click, or the browser no longer counts it as the person's act.
  const openPopup = (browser.action as { openPopup?: (options?: object) => Promise<void> }).openPopup;
  if (typeof openPopup !== 'function') return openWindow();
  try {
    openPopup.call(browser.action).catch(openWindow);
  } catch {
    openWindow();
  }
}
