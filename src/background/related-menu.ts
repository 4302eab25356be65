// "Add link to Lede as related" on a link: the link's page becomes a related entry of the current tab's
// record; the tab's page is read and saved first when it is not in the library yet.
import { addRelated, blankRelated } from '../related/list.js';
import type { Handlers } from './handlers.js';
import { readRelated, type RelatedDeps } from './related.js';
import type { LibraryStore } from './store/index.js';

export const RELATED_MENU_ID = 'lede-add-related';

export type AddLinkOutcome =
  | { ok: true; recordTitle: string; added: boolean; notice: string }
  | { ok: false; message: string };

/**
 * The tab's record (saved, or read now and saved), with the link added unless it is already there or
 * is the record itself. A link that cannot be read is still added, titled by its words or address, to be
 * completed by hand; `notice` says why.
 */
export async function addLinkAsRelated(handlers: Handlers, store: LibraryStore, related: RelatedDeps,
  tab: { id: number; url: string }, link: { url: string; text?: string }): Promise<AddLinkOutcome> {
  let stored = tab.url ? await store.find([tab.url]) : null;
  if (!stored) {
    const page = await handlers['page/read']({ tabId: tab.id }, {});
    if (!page.ok) return { ok: false, message: page.message };
    stored = page.saved;
    if (!stored) {
      const saved = await handlers['library/save']({ record: page.record, tabId: tab.id, sources: page.extraction?.sources }, {});
      if (!saved.ok) return { ok: false, message: 'problems' in saved ? saved.problems.map((p) => p.message).join('; ') : 'saved meanwhile' };
      stored = saved.stored;
    }
  }
  const answer = await readRelated(related, link.url);
  const quality = (await related.settings.get()).defaultQuality;
  const entry = answer.ok ? answer.entry : { ...blankRelated(link.url, quality), title: link.text?.trim() || link.url.trim() };
  const { related: list, added } = addRelated(stored.record, entry);
  if (added) {
    const saved = await handlers['library/save']({ record: { ...stored.record, related: list }, previousId: stored.id }, {});
    if (!saved.ok) return { ok: false, message: 'problems' in saved ? saved.problems.map((p) => p.message).join('; ') : 'changed meanwhile' };
  }
  return { ok: true, recordTitle: stored.record.title, added, notice: answer.ok ? answer.notice : answer.message };
}
