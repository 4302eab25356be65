// The related list's link to the browser: the host-permission prompt for one site, and the background's reading.
import type { LedeRecord } from '../record/types.js';
import type { Draft } from '../shared/messages.js';
import { send } from '../shared/send.js';
import type { RelatedHost } from './related.js';

interface PermissionsApi {
  request(permissions: { origins?: string[]; permissions?: string[] }): Promise<boolean>;
  contains(permissions: { origins: string[] }): Promise<boolean>;
}

function permissionsApi(): PermissionsApi | undefined {
  const scope = globalThis as { browser?: { permissions?: PermissionsApi }; chrome?: { permissions?: PermissionsApi } };
  return scope.browser?.permissions ?? scope.chrome?.permissions;
}

/** The one origin the address is on, as a match pattern (they carry no port). */
function originOf(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.hostname}/*`;
}

export interface RelatedHostOptions {
  defaultQuality: number;
  /** The tab whose draft keeps a waiting entry (the popup); absent in the library page. */
  tabId?: number;
  /** The draft to keep for `record` (the popup builds it as it builds its own drafts). */
  draftOf?: (record: LedeRecord) => Draft;
}

export function relatedHost(options: RelatedHostOptions): RelatedHost {
  return {
    defaultQuality: options.defaultQuality,
    requestAccess: (url) => {
      const api = permissionsApi();
      if (!api) return Promise.resolve(false);
      const origins = [originOf(url)];
      // Called synchronously from the click: Chrome refuses a prompt that is not the person's act.
      return api.request({ origins }).catch(() => api.contains({ origins }).catch(() => false));
    },
    hasAccess: async (url) => (await permissionsApi()?.contains({ origins: [originOf(url)] }).catch(() => false)) ?? false,
    prepare: () => { send('related/prepare', {}).catch(() => undefined); },
    read: (url) => send('related/fetch', { url, ...(options.tabId !== undefined && options.tabId >= 0 ? { tabId: options.tabId } : {}) }),
    suggest: (record) => send('related/suggest', { record, ...(options.tabId !== undefined && options.tabId >= 0 ? { tabId: options.tabId } : {}) }),
    searchLibrary: async (text) => (await send('library/list', { text, limit: 10 })).records,
    listTabs: options.tabId !== undefined && options.tabId >= 0
      ? async () => {
        // Titles and addresses of other tabs need the tabs permission (or access to their sites): asked in the click.
        // The list does not wait on an open prompt: what can be seen now is listed, and asking again lists more.
        const asked = permissionsApi()?.request({ permissions: ['tabs'] }).catch(() => false);
        await Promise.race([asked, new Promise((resolve) => setTimeout(resolve, 1500))]);
        return send('related/tabs', { tabId: options.tabId! });
      }
      : undefined,
    readTab: (tabId, url) => send('related/tab', { tabId, url }),
    waiting: options.tabId !== undefined && options.tabId >= 0
      ? async () => (await send('related/waiting', { tabId: options.tabId! })).urls
      : undefined,
    keepPending: options.draftOf
      ? async (url, record) => { await send('related/pending', { draft: options.draftOf!(record), url }); }
      : undefined,
  };
}
