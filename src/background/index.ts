// The background: wires the browser's events and the message router to the library, drafts and settings.
import browser from 'webextension-polyfill';
import { Badges } from './badge.js';
import { DraftStore } from './drafts.js';
import { createHandlers, type BackgroundDeps } from './handlers.js';
import type { ScriptingApi } from './inject.js';
import { createMenu, onMenuClick } from './menu.js';
import { createRouter } from './router.js';
import { SettingsStore } from './settings-store.js';
import { memoryArea, type StorageAreaLike } from './storage-areas.js';
import { LibraryStore } from './store.js';
import { validators } from './validators.js';

const t = (key: string, ...substitutions: string[]): string =>
  browser.i18n.getMessage(key, substitutions.length ? substitutions : undefined) || key;

// storage.session keeps drafts off disk; browsers without it keep them in this worker's memory.
const sessionArea: StorageAreaLike = (browser.storage as { session?: StorageAreaLike }).session ?? memoryArea();

const store = new LibraryStore();
const drafts = new DraftStore(sessionArea);
const badges = new Badges(browser.action);

const deps: BackgroundDeps = {
  store,
  drafts,
  settings: new SettingsStore(browser.storage.local),
  badges,
  scripting: browser.scripting as unknown as ScriptingApi,
  tabUrl: (tabId) => browser.tabs.get(tabId).then((tab) => tab.url ?? '', () => null),
  fileAccess: () => browser.extension.isAllowedFileSchemeAccess().catch(() => false),
  t,
};

const route = createRouter(createHandlers(deps), validators, { id: browser.runtime.id, base: browser.runtime.getURL('') }, t);
browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) => route(message, sender));

browser.runtime.onInstalled.addListener(() => void createMenu(t('menuSavePage')).catch((error: unknown) => console.error('Lede: menu', error)));
browser.contextMenus.onClicked.addListener((info, tab) => onMenuClick(info, tab));

// Firefox resets a tab's badge when the tab navigates; Chrome keeps it. So in Chrome a tab that
// loads a page loses its mark, unless activeTab still shows where it went (the "tabs" permission
// would, but we do without it). Cleared even when this worker does not remember marking the tab:
// it may have restarted since.
const badgeOutlivesNavigation = !browser.runtime.getURL('').startsWith('moz-extension:');
if (badgeOutlivesNavigation) {
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.status !== 'loading') return;
    if (tab.url) {
      void store.find([tab.url]).then((saved) => badges.show(tabId, saved?.id ?? null), () => undefined);
    } else {
      void badges.show(tabId, null);
    }
  });
}

browser.tabs.onRemoved.addListener((tabId) => {
  badges.tabClosed(tabId);
  void drafts.clear(tabId).catch(() => undefined);
});
