// What the background does for each message: one handler per name in the message map.
import type { ChangeSource, MessageName, PageReadResult, Request, Response } from '../shared/messages.js';
import { startedEarly } from '../shared/promise.js';
import type { Badges } from './badge.js';
import type { DraftStore } from './drafts.js';
import { transferHandlers } from './transfer.js';
import { recordForPage, settledExtraction } from './from-extraction.js';
import { READ_TIMEOUT_MS, readTab, type ReadControl, type ScriptingApi } from './inject.js';
import { forgetPending, keepPending, readRelated, readTabRelated, waitingIn, type RelatedDeps } from './related.js';
import { librarySuggestions, pageLinks } from './related-suggest.js';
import { blockedPage, type BlockedKind } from './restricted.js';
import { readSelection } from './selection.js';
import type { PrivateVault } from './private-vault.js';
import type { SettingsStore } from './settings-store.js';
import { libraryHandlers } from './library-handlers.js';
import type { LibraryStore } from './store/index.js';
import { syncHandlers } from './sync/handlers.js';
import type { SyncService } from './sync/service.js';
import type { BulkHandlers, BulkService } from './bulk/service.js';

/** Text for the person, through `i18n.getMessage`. */
export type Translate = (key: string, ...substitutions: string[]) => string;

/** Everything the handlers touch, passed in so Node tests can supply fakes. */
export interface BackgroundDeps {
  store: LibraryStore;
  drafts: DraftStore;
  settings: SettingsStore;
  /** The private-data key and cipher (private-vault.ts). */
  vault: PrivateVault;
  badges: Badges;
  scripting: ScriptingApi;
  /** The tab's URL when the browser shows it to us (activeTab), '' when it hides it, null when there is no such tab. */
  tabUrl(tabId: number): Promise<string | null>;
  /** Whether the person allowed reading `file:` pages. */
  fileAccess(): Promise<boolean>;
  t: Translate;
  /** Fetching related pages: the network, host access, and where waiting addresses are kept. */
  related: Pick<RelatedDeps, 'fetch' | 'redirects' | 'reader' | 'hostAccess' | 'pendingArea' | 'listTabs'>;
  /** Folder sync: told of every change to the library. */
  sync?: SyncService;
  /** Many pages at once: a library brought from elsewhere, Save all tabs. */
  bulk?: BulkService;
}

/** What the related handlers need, from the background's own deps. */
export function relatedDeps(deps: BackgroundDeps): RelatedDeps {
  return { ...deps.related, drafts: deps.drafts, settings: deps.settings, t: deps.t, scripting: deps.scripting };
}

export interface Sender {
  id?: string;
  url?: string;
  tab?: { id?: number };
  /**
   * Set only by background code that calls a handler itself (the link menu): who the write is for.
   * A browser's sender never has it; a page's writes are named by its URL.
   */
  by?: ChangeSource;
}

export type Handlers = { [K in MessageName]: (payload: Request<K>, sender: Sender) => Promise<Response<K>> };

export const BLOCKED_MESSAGE: Record<BlockedKind, string> = {
  'browser-page': 'readBrowserPage',
  'extension-page': 'readExtensionPage',
  'web-store': 'readWebStore',
  'view-source': 'readViewSource',
  pdf: 'readPdf',
  file: 'readFile',
  'not-web': 'readNotWeb',
};

async function readPage(deps: BackgroundDeps, tabId: number): Promise<PageReadResult> {
  const { t } = deps;
  const address = await deps.tabUrl(tabId);
  if (address === null) return { ok: false, reason: 'no-tab', message: t('readNoTab') };
  if (address) {
    // Only a file: page needs the (slow) question whether file access is allowed.
    const blocked = blockedPage(address, /^file:/i.test(address) ? await deps.fileAccess() : false);
    if (blocked) return { ok: false, reason: blocked.reason, message: t(BLOCKED_MESSAGE[blocked.kind]) };
  }
  // Each of these is a round trip of its own, so they are all asked at once and the popup waits for the
  // slowest, not the sum. The page is read while the library is asked whether the tab's address is saved;
  // when it is, the saved record opens at once and the read is left to finish unheard.
  const control: ReadControl = {};
  const readP = readTab(deps.scripting, tabId, address, READ_TIMEOUT_MS, control);
  const savedByAddressP = address ? deps.store.find([address]) : Promise.resolve(null);
  const draftP = startedEarly(deps.drafts.get(tabId));
  const settingsP = startedEarly(deps.settings.get());
  let saved = await savedByAddressP;
  let extraction = null;
  let cut = false;
  if (saved) {
    control.stopped = true;
  } else {
    const outcome = await readP;
    if (!outcome.ok) {
      return { ok: false, reason: outcome.reason, message: t(outcome.key, ...(outcome.detail ? [outcome.detail] : [])) };
    }
    extraction = settledExtraction(outcome.extraction);
    cut = outcome.cut;
    saved = await deps.store.find([extraction.originalUrl, extraction.webUrl]);
  }
  // The badge is not part of the answer: it is set while the popup fills in (Badges.show never throws).
  void deps.badges.show(tabId, saved?.id ?? null);
  const addresses = [address, extraction?.webUrl ?? '', extraction?.originalUrl ?? '',
    saved?.record.webUrl ?? '', saved?.record.originalUrl ?? ''];
  const draft = await deps.drafts.matching(tabId, await draftP, addresses);
  const record = saved ? saved.record : recordForPage(extraction!, await settingsP);
  return { ok: true, record, saved, draft, extraction, ...(cut ? { notice: t('readCut') } : {}) };
}

/** An import changes many records at once: a full pass (which compares every record) follows it. */
function withSync<T extends { 'library/import': (payload: Request<'library/import'>) => Promise<Response<'library/import'>> }>(deps: BackgroundDeps, handlers: T): T {
  const run = handlers['library/import'];
  return {
    ...handlers,
    'library/import': async (payload: Request<'library/import'>) => {
      const answer = await run(payload);
      void deps.sync?.kick(true);
      return answer;
    },
  };
}

export function createHandlers(deps: BackgroundDeps): Handlers {
  const { store } = deps;
  return {
    'page/read': ({ tabId }) => readPage(deps, tabId),
    ...libraryHandlers(deps),
    ...withSync(deps, transferHandlers(store, deps.settings)),
    'draft/put': async ({ draft }) => {
      await deps.drafts.put(draft);
      return { ok: true };
    },
    'draft/clear': async ({ tabId }) => {
      await deps.drafts.clear(tabId);
      return { ok: true };
    },
    'related/fetch': async ({ url, tabId }) => {
      const answer = await readRelated(relatedDeps(deps), url);
      if (tabId !== undefined) await forgetPending(relatedDeps(deps), tabId, url);
      return answer;
    },
    'related/pending': async ({ draft, url }) => {
      await keepPending(relatedDeps(deps), draft, url);
      return { ok: true };
    },
    'related/prepare': async () => {
      deps.related.reader.prepare?.();
      return { ok: true };
    },
    'related/waiting': async ({ tabId }) => ({ urls: await waitingIn(relatedDeps(deps), tabId) }),
    'related/tabs': ({ tabId }) => deps.related.listTabs(tabId),
    'related/tab': ({ tabId, url }) => readTabRelated(relatedDeps(deps), tabId, url),
    'related/suggest': async ({ record, tabId }) => ({
      library: await librarySuggestions(store, record),
      page: tabId === undefined ? [] : await pageLinks(deps.scripting, tabId),
    }),
    'settings/get': () => deps.settings.get(),
    'settings/set': ({ settings }) => deps.settings.set(settings),
    'key/status': () => deps.vault.status(),
    'key/create': ({ passphrase }) => deps.vault.create(passphrase),
    'key/import': ({ backup, passphrase }) => deps.vault.import(backup, passphrase),
    'key/change': ({ passphrase }) => deps.vault.changeKey(passphrase),
    'key/confirm': ({ id, kept }) => deps.vault.confirm(id, kept),
    'key/list': () => deps.vault.list(),
    'key/remove': ({ id }) => deps.vault.removeKey(id),
    'key/rederive': ({ passphrase }) => deps.vault.rederive(passphrase),
    'key/resume': async () => {
      void deps.vault.resume().catch(() => undefined);
      return deps.vault.status();
    },
    'private/encrypt': ({ data }) => deps.vault.encrypt(data),
    'private/decrypt': ({ secured }) => deps.vault.decrypt(secured),
    'private/check': async ({ secured }) => ({ opens: await deps.vault.opens(secured) }),
    'page/selection': async ({ tabId }) => ({ text: await readSelection(deps.scripting, tabId) }),
    ...syncHandlers(deps.sync),
    ...bulkHandlers(deps.bulk),
  };
}

function bulkHandlers(bulk: BulkService | undefined): BulkHandlers {
  if (bulk) return bulk.handlers();
  const none = async (): Promise<never> => {
    throw new Error('bringing many pages at once is not available here');
  };
  return { 'bulk/bring': none, 'bulk/tabs': none, 'bulk/status': async () => [], 'bulk/control': async () => [], 'bulk/retry': async () => [] };
}
