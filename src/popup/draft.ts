// The popup's draft: every edit kept for the tab, with the revision of the saved record it was made over.
import type { Extraction } from '../extract/types.js';
import type { LedeRecord } from '../record/types.js';
import type { Draft } from '../shared/messages.js';
import { send } from '../shared/send.js';
import { debounce } from '../ui/debounce.js';
import { t } from '../ui/i18n.js';
import { errorText, showStatus } from '../ui/status.js';
import { session, ui, type Readable } from './session.js';

export function sourcesOf(result: Readable): Extraction['sources'] | undefined {
  return result.draft?.sources ?? result.extraction?.sources ?? result.saved?.sources;
}

export function draftOf(record: LedeRecord, result: Readable): Draft {
  return {
    tabId: session.tabId, url: result.record.webUrl, record,
    sources: sourcesOf(result), suggestedTopics: result.extraction?.suggestedTopics ?? [],
    updatedAt: new Date().toISOString(),
    // A draft restored later is compared with the library's row by this, as an open form is.
    revision: session.stale ? session.stale.revision() : result.saved?.revision ?? null,
  };
}

export const putDraft = debounce((record: LedeRecord) => {
  if (!session.page) return;
  const draft = draftOf(record, session.page);
  send('draft/put', { draft }).catch((error) => showStatus(ui.status, t('popupDraftFailed', errorText(error)), 'error'));
}, 200);

/**
 * Whether a restored draft was made over an older version than the library holds now. A draft from before
 * revisions were kept says only when it was made: older than the row's last change is stale.
 */
export function draftIsStale(draft: Draft, saved: { revision: number; updatedAt: string } | null): boolean {
  if (!saved) return false;
  if (draft.revision !== undefined) return draft.revision !== saved.revision;
  return draft.updatedAt < saved.updatedAt;
}
