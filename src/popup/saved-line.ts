// The "already saved" line: when the record was saved and last updated, and which fields differ from it now.
import type { LedeRecord } from '../record/types.js';
import { changedFields, FIELD_LABELS, type FieldKey } from '../ui/compare.js';
import { relativeTime } from '../ui/relative-time.js';

export { changedFields, FIELD_LABELS, type FieldKey } from '../ui/compare.js';
export { relativeTime } from '../ui/relative-time.js';

/** `#saved-note`: "Saved 3 days ago · updated now", then "Changed since: Title, Topics" when the form differs. */
export function savedNote(stored: { savedAt: string; updatedAt: string; record: LedeRecord }, current: LedeRecord,
  now: Date, t: (key: string, ...subs: string[]) => string, lang?: string): { text: string; changed: string; keys: FieldKey[] } {
  const saved = t('popupSavedAgo', relativeTime(stored.savedAt, now, lang));
  const updated = stored.updatedAt && stored.updatedAt !== stored.savedAt
    ? t('popupUpdatedAgo', relativeTime(stored.updatedAt, now, lang)) : '';
  const labels = new Map(FIELD_LABELS);
  const keys = changedFields(stored.record, current);
  const changed = keys.map((key) => t(labels.get(key)!));
  return { text: [saved, updated].filter(Boolean).join(' · '), changed: changed.length ? t('popupChangedSince', changed.join(', ')) : '', keys };
}
