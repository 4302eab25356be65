// The background: wires the browser's events and the message router to the library, drafts and settings.
import browser from 'webextension-polyfill';
import { Badges } from './badge.js';
import { DraftStore } from './drafts.js';
import { BLOCKED_MESSAGE, createHandlers, relatedDeps, type BackgroundDeps } from './handlers.js';
import { BulkService } from './bulk/service.js';
import { EVERY_SITE } from '../shared/bulk-status.js';
import { IdbJobStore } from './bulk/job-store.js';
import { KeyStore } from './key-store.js';
import { broadcastLibraryChanges } from './library-events.js';
import { PrivateVault } from './private-vault.js';
import type { ScriptingApi } from './inject.js';
import { createMenu, onMenuClick } from './menu.js';
import { OffscreenDocument, type OffscreenApi } from './offscreen.js';
import { completePending, originPattern } from './related.js';
import { offscreenReader, pageReader } from './related-reader.js';
import { addLinkAsRelated, RELATED_MENU_ID } from './related-menu.js';
import { createRouter } from './router.js';
import { SettingsStore } from './settings-store.js';
import { memoryArea, type StorageAreaLike } from './storage-areas.js';
import { LibraryStore } from './store/index.js';
import { createTabMarks } from './tab-marks.js';
import { validators } from './validators.js';
import { storeLibrary } from './sync/library.js';
import { localRules } from './sync/rules.js';
import { DownloadsTarget, type DownloadsApi } from './sync/downloads.js';
import { fetchImage } from './sync/images.js';
import { redirectsShown, type WebRequestEvents } from './related-redirects.js';
import type { FetchLike } from '../related/fetch-page.js';
import { SyncService, type FolderHandle } from './sync/service.js';
import { SyncState } from './sync/state.js';
import { chosenAgain, storedFolder } from '../shared/sync-folder.js';
import { offscreenWatch } from './sync/watch.js';
import { HelperConnection, helperState, type ConnectNative } from './sync/helper-port.js';
import { helperWatch } from './sync/helper-watch.js';
import { NativeFolder } from './sync/native-folder.js';

declare const __TEST__: boolean | undefined;
declare const __BROWSER__: 'chrome' | 'firefox';

const t = (key: string, ...substitutions: string[]): string =>
  browser.i18n.getMessage(key, substitutions.length ? substitutions : undefined) || key;

// storage.session keeps drafts off disk; browsers without it keep them in this worker's memory.
const sessionArea: StorageAreaLike = (browser.storage as { session?: StorageAreaLike }).session ?? memoryArea();

// Chrome's one offscreen document (a service worker has no DOMParser); Firefox's background page has a window.
const offscreen = __BROWSER__ === 'chrome' ? new OffscreenDocument((globalThis as unknown as { chrome: OffscreenApi }).chrome) : null;

const store = new LibraryStore();
broadcastLibraryChanges(store, (message) => browser.runtime.sendMessage(message));
const drafts = new DraftStore(sessionArea);
const badges = new Badges(browser.action);
const vault = new PrivateVault(new KeyStore(), store);

const SYNC_ALARM = 'lede-sync';
/** The next retry of a failed sync job (10 s, 20 s, 40 s … 30 min after the failure). */
const SYNC_RETRY_ALARM = 'lede-sync-retry';
/** Chrome rounds an alarm up to 30 s: a sooner retry also gets a timer, for while the worker stays up. */
const ALARM_MIN_MS = 30_000;
let retryTimer: ReturnType<typeof setTimeout> | null = null;
const syncState = new SyncState();
const syncLibrary = storeLibrary(store);
let downloadsTarget: { folder: string; target: DownloadsTarget } | null = null;
/** Whether the person let Lede read pages at this address (the optional host permission for related pages). */
function relatedHostAccess(url: string): Promise<boolean> {
  const pattern = originPattern(url);
  return pattern ? browser.permissions.contains({ origins: [pattern] }).catch(() => false) : Promise.resolve(false);
}
// Each redirect one request, its Location shown by webRequest (src/background/related-redirects.ts).
const relatedFetch: FetchLike = browser.webRequest
  ? redirectsShown((url, init) => fetch(url, init), browser.webRequest as unknown as WebRequestEvents)
  : (url, init) => fetch(url, init);
const relatedRedirects = browser.webRequest ? 'manual' : 'follow';

// Lede's helper (`lede host`): connectNative is there only once the person granted nativeMessaging.
const helper = new HelperConnection(() => {
  const api = ((globalThis as { browser?: unknown }).browser ?? (globalThis as { chrome?: unknown }).chrome) as { runtime?: { connectNative?: ConnectNative } };
  const connect = api.runtime?.connectNative;
  return typeof connect === 'function' ? (name) => connect.call(api.runtime, name) : null;
});
let helperFolder: NativeFolder | null = null;
const sync: SyncService = new SyncService({
  state: syncState,
  library: syncLibrary,
  rules: localRules,
  folder: () => storedFolder<FolderHandle>().catch(() => null),
  // The optional "downloads" permission: the API is there only once the person allowed it.
  downloads(folder) {
    const api = (browser as unknown as { downloads?: DownloadsApi }).downloads;
    if (!api) return null;
    if (downloadsTarget?.folder !== folder) {
      downloadsTarget = { folder, target: new DownloadsTarget({ api, state: syncState, library: syncLibrary, rules: localRules, folder }) };
    }
    return downloadsTarget.target;
  },
  reset() {
    downloadsTarget = null;
  },
  // Only from hosts the person granted for related pages (the same check as reading one).
  fetchImage: (url) => fetchImage(url, { hostAccess: relatedHostAccess, fetch: relatedFetch, redirects: relatedRedirects }),
  ...(offscreen ? { watch: offscreenWatch(offscreen) } : {}),
  helper: {
    folder(id) {
      if (helperFolder?.folder !== id) helperFolder = new NativeFolder(helper, id, id);
      return helperFolder;
    },
    watch: helperWatch(helper, async () => {
      const config = await sync.config();
      return config.mode === 'helper' ? config.folder : null;
    }, (report) => void sync.observed(report).catch((error: unknown) => console.error('Lede: sync watch', error))),
    hello: () => helperState(helper),
  },
  async schedule(on) {
    if (on) await browser.alarms.create(SYNC_ALARM, { periodInMinutes: 5 });
    else await browser.alarms.clear(SYNC_ALARM);
  },
  async wakeAt(when) {
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    if (when === null) {
      await browser.alarms.clear(SYNC_RETRY_ALARM);
      return;
    }
    if (when - Date.now() < ALARM_MIN_MS) retryTimer = setTimeout(() => void sync.kick(false), Math.max(0, when - Date.now()));
    await browser.alarms.create(SYNC_RETRY_ALARM, { when });
  },
  sameFolder: () => chosenAgain(),
});

const deps: BackgroundDeps = {
  store,
  drafts,
  settings: new SettingsStore(browser.storage.local),
  vault,
  badges,
  scripting: browser.scripting as unknown as ScriptingApi,
  tabUrl: (tabId) => browser.tabs.get(tabId).then((tab) => tab.url ?? '', () => null),
  fileAccess: () => browser.extension.isAllowedFileSchemeAccess().catch(() => false),
  t,
  related: {
    fetch: relatedFetch,
    redirects: relatedRedirects,
    // A constant per build: Chrome's bundle leaves the engine and Readability to the offscreen document's.
    reader: __BROWSER__ === 'chrome' ? offscreenReader(offscreen!) : pageReader(),
    hostAccess: relatedHostAccess,
    pendingArea: sessionArea,
    listTabs: async (tabId) => {
      const windowId = (await browser.tabs.get(tabId).catch(() => null))?.windowId;
      const tabs = await browser.tabs.query(windowId === undefined ? {} : { windowId });
      // Without the tabs permission the browser shows only the addresses of sites Lede may read.
      return tabs.filter((tab) => tab.id !== undefined && tab.id !== tabId && /^https?:/i.test(tab.url ?? ''))
        .map((tab) => ({ id: tab.id!, title: tab.title ?? '', url: tab.url! }));
    },
  },
  sync,
};

// Many pages at once: one durable queue (IndexedDB `lede-bulk`) for a library brought from elsewhere and Save all tabs.
const BULK_ALARM = 'lede-bulk';
deps.bulk = new BulkService({
  store,
  settings: deps.settings,
  jobs: new IdbJobStore(),
  t,
  fill: { fetch: deps.related.fetch, reader: deps.related.reader, hostAccess: deps.related.hostAccess, redirects: relatedRedirects },
  tabs: {
    scripting: deps.scripting,
    tabUrl: deps.tabUrl,
    blockedMessage: BLOCKED_MESSAGE,
    saved: async (id, tabId) => {
      await sync.intend([id]).catch(() => undefined);
      await sync.changed([id]).catch(() => undefined);
      await badges.show(tabId, id);
    },
    waitForAccess: async () => {
      const all = { origins: [...EVERY_SITE] };
      for (const until = Date.now() + 120_000; Date.now() < until; await new Promise((r) => setTimeout(r, 500))) {
        if (await browser.permissions.contains(all).catch(() => false)) return true;
      }
      return false;
    },
    windowTabs: async (tabId) => {
      const windowId = (await browser.tabs.get(tabId).catch(() => null))?.windowId;
      const tabs = await browser.tabs.query(windowId === undefined ? { currentWindow: true } : { windowId });
      return tabs.filter((tab) => tab.id !== undefined).map((tab) => ({ id: tab.id!, title: tab.title ?? '', url: tab.url ?? '' }));
    },
  },
  added: async () => {
    void sync.kick(true);
  },
  giveBack: async (grant) => {
    await browser.permissions.remove({ origins: grant.origins, ...(grant.permissions ? { permissions: grant.permissions as browser.Manifest.OptionalPermission[] } : {}) });
  },
  // A worker stopped while the queue waits is woken for it (alarms fire at the earliest 30 s on).
  wake: (ms) => void browser.alarms.create(BULK_ALARM, { when: Date.now() + Math.max(ms, 30_000) }).catch(() => undefined),
});

const handlers = createHandlers(deps);
const route = createRouter(handlers, validators, { id: browser.runtime.id, base: browser.runtime.getURL('') }, t);
browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) => route(message, sender));

browser.runtime.onInstalled.addListener(() => void createMenu(t('menuSavePage'), t('menuAddRelated'), RELATED_MENU_ID, t('menuSaveAllTabs'))
  .catch((error: unknown) => console.error('Lede: menu', error)));
browser.contextMenus.onClicked.addListener((info, tab) => {
  onMenuClick(info, tab);
  if (info.menuItemId !== RELATED_MENU_ID || !info.linkUrl || tab?.id === undefined || tab.id < 0) return;
  const link = { url: info.linkUrl, text: (info as { linkText?: string }).linkText };
  const pattern = originPattern(link.url);
  // Asked at once, inside the click: the browser counts it as the person's act only then.
  const access = pattern ? browser.permissions.request({ origins: [pattern] }).catch(() => false) : Promise.resolve(false);
  const tabRef = { id: tab.id, url: tab.url ?? '' };
  // Saving the tab's record sets its ✓; an entry that could not be read is added by its address, to complete by hand.
  void access.then(() => addLinkAsRelated(handlers, store, relatedDeps(deps), tabRef, link)).then((outcome) => {
    if (!outcome.ok || outcome.notice) console.warn('Lede: add link as related:', outcome.ok ? outcome.notice : outcome.message);
  }, (error: unknown) => console.error('Lede: add link as related', error));
});
// Test builds let the browser tests call the menu's work directly (a context menu cannot be clicked headless).
if (typeof __TEST__ !== 'undefined' && __TEST__) {
  (globalThis as { __ledeAddLinkAsRelated?: unknown }).__ledeAddLinkAsRelated = (tab: { id: number; url: string }, link: { url: string; text?: string }) =>
    addLinkAsRelated(handlers, store, relatedDeps(deps), tab, link);
  // The offscreen document, so a test can see it open for a related read and close when idle.
  (globalThis as { __ledeOffscreen?: unknown }).__ledeOffscreen = offscreen;
}

// A tab that loads a page gets the ✓ when that page is saved, and loses an old one when it is not.
const tabMarks = createTabMarks(store, badges, !browser.runtime.getURL('').startsWith('moz-extension:'));
browser.tabs.onUpdated.addListener((tabId, change, tab) => {
  // Firefox resets a badge as the tab's address changes, so a known page is marked again once loaded.
  if (change.status === 'loading' || (change.status === 'complete' && tab.url)) void tabMarks.loading(tabId, tab.url);
});
// Granted in the options page: mark the tabs already open at once.
browser.permissions.onAdded.addListener((added) => {
  // A related entry waiting for access to its site (the prompt closed the popup in Firefox) completes now.
  if (added.origins?.length) void completePending(relatedDeps(deps)).catch((error: unknown) => console.error('Lede: related', error));
  if (added.permissions?.includes('tabs')) void browser.tabs.query({}).then((tabs) => tabMarks.markAll(tabs), () => undefined);
});

// What may still hold a note under a retired key, checked before one is removed: open tabs' drafts, and sync.
vault.needs = {
  async draftValues() {
    const tabs = await browser.tabs.query({});
    const found = await Promise.all(tabs.map((tab) => (tab.id === undefined ? null : drafts.get(tab.id).catch(() => null))));
    return found.flatMap((draft) => (draft?.record.secured ? [draft.record.secured] : []));
  },
  async syncWaiting() {
    const status = await sync.status();
    return { pending: status.pending, conflicts: status.issues.filter((issue) => issue.kind === 'conflict').length };
  },
};

// A key change a closed browser or a stopped worker interrupted goes on where it stopped.
void vault.resume().catch(() => undefined);

browser.tabs.onRemoved.addListener((tabId) => {
  badges.tabClosed(tabId);
  void drafts.clear(tabId).catch(() => undefined);
});

// Folder sync: a full pass every few minutes; and whatever woke the worker, the queue left by the last one runs.
browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === SYNC_ALARM) void sync.kick(true);
  if (alarm.name === SYNC_RETRY_ALARM) void sync.kick(false);
  if (alarm.name === BULK_ALARM) deps.bulk?.wakeUp();
});
void sync.kick(false);
// Bulk work a stopped worker or a closed browser left goes on.
deps.bulk.wakeUp();
