// "Add link to Lede as related" on a link: the link's page becomes a related entry of the current tab's
// record; the tab's page is read and saved first when it is not in the library yet.
import type { RelatedEntry } from '../record/index.js';
import { addRelated, blankRelated } from '../related/list.js';
import type { SaveResult, StoredRecord } from '../shared/messages.js';
import type { Handlers } from './handlers.js';
import { readRelated, type RelatedDeps } from './related.js';
import type { LibraryStore } from './store/index.js';

export const RELATED_MENU_ID = 'lede-add-related';

export type AddLinkOutcome =
  | { ok: true; recordTitle: string; added: boolean; notice: string }
  | { ok: false; message: string };

/** Writes of the menu are the menu's (the record's `changedBy`), whatever page is open. */
const MENU = { by: 'menu' } as const;
/** Saves tried over a row that changed between reading it and writing (each try reads it afresh). */
const TRIES = 5;

function failure(saved: Exclude<SaveResult, { ok: true }>): string {
  if ('problems' in saved) return saved.problems.map((p) => p.message).join('; ');
  return 'addressTaken' in saved ? `the address is ${saved.addressTaken.other.record.title}'s` : 'the record was deleted meanwhile';
}

/** The tab's record: saved, or read now and saved (or saved meanwhile by someone else: then that one). */
async function tabRecord(handlers: Handlers, store: LibraryStore, tab: { id: number; url: string }): Promise<StoredRecord | string> {
  const found = tab.url ? await store.find([tab.url]) : null;
  if (found) return found;
  const page = await handlers['page/read']({ tabId: tab.id }, MENU);
  if (!page.ok) return page.message;
  if (page.saved) return page.saved;
  const saved = await handlers['library/save']({ record: page.record, tabId: tab.id, sources: page.extraction?.sources, revision: null }, MENU);
  if (saved.ok) return saved.stored;
  return 'conflict' in saved && saved.conflict.current ? saved.conflict.current : failure(saved);
}

/**
 * Adds `entry` to the record as it is now: read after the fetch, saved at the revision read, and read
 * again when another write came in between (another add, a popup edit), so neither is lost.
 */
async function addToRecord(handlers: Handlers, store: LibraryStore, id: string, entry: RelatedEntry): Promise<{ stored: StoredRecord; added: boolean } | string> {
  let current = await store.get(id);
  for (let attempt = 0; current && attempt < TRIES; attempt++) {
    const { related, added } = addRelated(current.record, entry);
    if (!added) return { stored: current, added };
    const saved = await handlers['library/save']({ record: { ...current.record, related }, previousId: current.id, revision: current.revision }, MENU);
    if (saved.ok) return { stored: saved.stored, added };
    if (!('conflict' in saved)) return failure(saved);
    current = saved.conflict.current;
  }
  return current ? 'the record kept changing; try again' : 'the record was deleted meanwhile';
}

/**
 * The tab's record (saved, or read now and saved), with the link added unless it is already there or
 * is the record itself. A link that cannot be read is still added, titled by its words or address, to be
 * completed by hand; `notice` says why.
 */
export async function addLinkAsRelated(handlers: Handlers, store: LibraryStore, related: RelatedDeps,
  tab: { id: number; url: string }, link: { url: string; text?: string }): Promise<AddLinkOutcome> {
  const stored = await tabRecord(handlers, store, tab);
  if (typeof stored === 'string') return { ok: false, message: stored };
  // The fetch takes up to 15 s: nothing read before it is written after it.
  const answer = await readRelated(related, link.url);
  const quality = (await related.settings.get()).defaultQuality;
  const entry = answer.ok ? answer.entry : { ...blankRelated(link.url, quality), title: link.text?.trim() || link.url.trim() };
  const outcome = await addToRecord(handlers, store, stored.id, entry);
  if (typeof outcome === 'string') return { ok: false, message: outcome };
  return { ok: true, recordTitle: outcome.stored.record.title, added: outcome.added, notice: answer.ok ? answer.notice : answer.message };
}
