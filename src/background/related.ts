// Related entries by address: host access checked, the page fetched and read by the same engine as the
// CLI's; an entry waiting for access (Firefox closes the popup at the prompt) completes in the tab's draft.
import type { RelatedEntry } from '../record/types.js';
import { fetchRelated, type RelatedReader } from '../related/fetch-related.js';
import type { FetchFailure, FetchLike } from '../related/fetch-page.js';
import { relatedFromExtraction } from '../related/entry.js';
import { addRelated, sameAddress } from '../related/list.js';
import { measureImage } from '../related/measure-image.js';
import { registrableDomain } from './from-extraction.js';
import { readTab, type ScriptingApi } from './inject.js';
import type { Draft, RelatedAnswer } from '../shared/messages.js';
import type { DraftStore } from './drafts.js';
import type { SettingsStore } from './settings-store.js';
import type { StorageAreaLike } from './storage-areas.js';

export interface RelatedDeps {
  fetch: FetchLike;
  /** `manual` when `fetch` shows each redirect's Location (related-redirects.ts), else the browser follows. */
  redirects?: 'manual' | 'follow';
  /** Parses and reads a fetched page: the offscreen document (Chrome) or the background page itself (Firefox). */
  reader: RelatedReader;
  /** Whether the browser lets the extension read pages at this address (optional host permission). */
  hostAccess(url: string): Promise<boolean>;
  /** Where addresses waiting for access are kept (session storage). */
  pendingArea: StorageAreaLike;
  drafts: DraftStore;
  settings: SettingsStore;
  t: (key: string, ...substitutions: string[]) => string;
  scripting: ScriptingApi;
  /** The other web pages open in the window of `tabId`: their ids, titles and addresses. */
  listTabs(tabId: number): Promise<Array<{ id: number; title: string; url: string }>>;
}

/** An open tab's page as a related entry, read live through the same injected stages as the popup's own page. */
export async function readTabRelated(deps: RelatedDeps, tabId: number, url: string): Promise<RelatedAnswer> {
  const { t } = deps;
  if (!(await deps.hostAccess(url))) return { ok: false, reason: 'no-access', message: t('relatedNoAccess', hostOf(url)) };
  const outcome = await readTab(deps.scripting, tabId, url);
  if (!outcome.ok) return { ok: false, reason: outcome.reason, message: t(outcome.key, ...(outcome.detail ? [outcome.detail] : [])) };
  const settings = await deps.settings.get();
  const entry = relatedFromExtraction(outcome.extraction, registrableDomain, { quality: settings.defaultQuality });
  const image = entry.images[0];
  if (image && image.width === undefined) {
    const size = await measureImage(image.url, deps.fetch, { hostAccess: (address) => deps.hostAccess(address), redirects: deps.redirects });
    if (size) entry.images[0] = { url: image.url, width: size.width, height: size.height, isCached: false };
  }
  return { ok: true, entry, notice: outcome.cut ? t('relatedReadCut') : '' };
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

const FAILURE_KEY: Record<FetchFailure | 'read-timeout', string> = {
  'invalid-url': 'relatedInvalidUrl',
  'not-web': 'relatedNotWeb',
  'http-status': 'relatedHttpStatus',
  'not-html': 'relatedNotHtml',
  'redirect-loop': 'relatedRedirectLoop',
  'too-many-redirects': 'relatedTooManyRedirects',
  'redirect-not-web': 'relatedRedirectNotWeb',
  'redirect-failed': 'relatedRedirectFailed',
  timeout: 'relatedTimeout',
  network: 'relatedNetwork',
  'unknown-charset': 'relatedUnknownCharset',
  'read-timeout': 'relatedReadTimeout',
};

/** The browsers' own words for a failed fetch say nothing a person can act on: they are left out. */
const RAW_NETWORK = /^(?:Failed to fetch|NetworkError when attempting to fetch resource\.?|fetch failed|Load failed)$/i;

/** The failure in the product's words, through _locales. */
export function failureMessage(t: RelatedDeps['t'], reason: FetchFailure | 'read-timeout', detail: string): string {
  if (reason === 'network' && (RAW_NETWORK.test(detail) || !detail)) return t('relatedUnreachable');
  if (reason === 'redirect-not-web' && !detail) return t('relatedRedirectNotWebUnsaid');
  return t(FAILURE_KEY[reason], detail);
}

/** What the person should know about an entry read: cut to 5 MB, cut for time, or read in a guessed encoding. */
function noticeOf(t: RelatedDeps['t'], result: { stoppedAt: string; cut: boolean; charset: string; charsetSource: string }): string {
  const notes = [
    result.stoppedAt === 'limit' ? t('relatedTruncated') : '',
    result.cut ? t('relatedReadCut') : '',
    result.charsetSource === 'sniffed' ? t('relatedCharsetSniffed', result.charset) : '',
  ];
  return notes.filter(Boolean).join(' ');
}

/** The match pattern of the one origin an address is on (match patterns carry no port). */
export function originPattern(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? `${u.protocol}//${u.hostname}/*` : null;
  } catch {
    return null;
  }
}

export async function readRelated(deps: RelatedDeps, url: string): Promise<RelatedAnswer> {
  const { t } = deps;
  const pattern = originPattern(url.trim());
  if (pattern && !(await deps.hostAccess(url.trim()))) {
    return { ok: false, reason: 'no-access', message: t('relatedNoAccess', new URL(url.trim()).hostname) };
  }
  const settings = await deps.settings.get();
  try {
    const result = await fetchRelated(url, {
      fetch: deps.fetch, reader: deps.reader, defaults: { quality: settings.defaultQuality }, redirects: deps.redirects,
      hostAccess: (address) => deps.hostAccess(address),
    });
    if (!result.ok) return { ok: false, reason: result.reason, message: failureMessage(t, result.reason, result.detail) };
    return { ok: true, entry: result.entry, notice: noticeOf(t, result) };
  } catch (error) {
    return { ok: false, reason: 'failed', message: t('relatedFailed', error instanceof Error ? error.message : String(error)) };
  }
}

interface Pending {
  tabId: number;
  url: string;
}

const PENDING_KEY = 'related-pending';

async function pendingList(area: StorageAreaLike): Promise<Pending[]> {
  const value = (await area.get(PENDING_KEY))[PENDING_KEY];
  return Array.isArray(value) ? value.filter((p): p is Pending => typeof p?.tabId === 'number' && typeof p?.url === 'string') : [];
}


/** Keeps the tab's draft (which holds the waiting entry) and remembers the address until access comes. */
export async function keepPending(deps: RelatedDeps, draft: Draft, url: string): Promise<void> {
  await deps.drafts.put(draft);
  const list = (await pendingList(deps.pendingArea)).filter((p) => !(p.tabId === draft.tabId && sameAddress(p.url, url)));
  await deps.pendingArea.set({ [PENDING_KEY]: [...list, { tabId: draft.tabId, url }] });
}

/** The addresses still waiting in a tab's draft. */
export async function waitingIn(deps: RelatedDeps, tabId: number): Promise<string[]> {
  return (await pendingList(deps.pendingArea)).filter((p) => p.tabId === tabId).map((p) => p.url);
}

export async function forgetPending(deps: RelatedDeps, tabId: number, url: string): Promise<void> {
  const list = await pendingList(deps.pendingArea);
  const rest = list.filter((p) => !(p.tabId === tabId && sameAddress(p.url, url)));
  if (rest.length !== list.length) await deps.pendingArea.set({ [PENDING_KEY]: rest });
}

/** The waiting entry (same address, still untitled) replaced by the one read; added when the draft lost it. */
function complete(related: RelatedEntry[], url: string, entry: RelatedEntry, record: Draft['record']): RelatedEntry[] {
  const index = related.findIndex((e) => sameAddress(e.webUrl, url) && e.title === '');
  if (index < 0) return addRelated({ ...record, related }, entry).related;
  const others = related.filter((_, i) => i !== index);
  if (addRelated({ ...record, related: others }, entry).added) return related.map((e, i) => (i === index ? entry : e));
  return others;
}

/** Access was granted (permissions.onAdded): every waiting address now readable is read into its tab's draft. */
export async function completePending(deps: RelatedDeps): Promise<number> {
  let done = 0;
  for (const pending of await pendingList(deps.pendingArea)) {
    if (!(await deps.hostAccess(pending.url))) continue;
    const answer = await readRelated(deps, pending.url);
    await forgetPending(deps, pending.tabId, pending.url);
    const draft = await deps.drafts.get(pending.tabId);
    if (!answer.ok || !draft) continue;
    const related = complete(draft.record.related, pending.url, answer.entry, draft.record);
    await deps.drafts.put({ ...draft, record: { ...draft.record, related }, updatedAt: new Date().toISOString() });
    done++;
  }
  return done;
}
