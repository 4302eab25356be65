// The "already saved" line: when the record was saved and last updated, and which fields differ from it now.
import type { LedeRecord } from '../record/types.js';

/** A record key, or `provider.name` / `provider.domain`: the fields as the person sees them. */
export type FieldKey = Exclude<keyof LedeRecord, 'provider' | 'extra'> | 'provider.name' | 'provider.domain';

/** Each field with the i18n key of its label, in the form's order. */
export const FIELD_LABELS: ReadonlyArray<[FieldKey, string]> = [
  ['title', 'editorTitle'], ['excerpt', 'editorExcerpt'], ['publishedDateTime', 'editorPublishedAt'],
  ['category', 'editorCategory'], ['type', 'editorType'], ['quality', 'editorQuality'], ['heat', 'editorHeat'],
  ['published', 'editorPublished'], ['provider.name', 'editorProviderName'], ['provider.domain', 'editorProviderDomain'],
  ['originalUrl', 'editorOriginalUrl'], ['webUrl', 'editorWebUrl'], ['topics', 'editorTopics'],
  ['related', 'editorRelated'], ['body', 'editorBody'], ['secured', 'popupPrivateNote'],
];

function valueOf(record: LedeRecord, key: FieldKey): unknown {
  if (key === 'provider.name') return record.provider.name;
  if (key === 'provider.domain') return record.provider.domain;
  return record[key];
}

/** The fields of `current` whose values differ from `saved`, in the form's order. */
export function changedFields(saved: LedeRecord, current: LedeRecord): FieldKey[] {
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  return FIELD_LABELS.map(([key]) => key).filter((key) => !same(valueOf(saved, key), valueOf(current, key)));
}

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 86_400], ['month', 30 * 86_400], ['week', 7 * 86_400], ['day', 86_400], ['hour', 3600], ['minute', 60],
];

/** `then` relative to `now` in the person's language: "now", "5 minutes ago", "yesterday", "3 days ago". */
export function relativeTime(then: string, now: Date, lang?: string): string {
  const at = new Date(then).getTime();
  const format = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  if (Number.isNaN(at)) return '';
  const seconds = Math.round((at - now.getTime()) / 1000);
  // Under a minute, and clocks a little ahead, read as "now" rather than "in 3 seconds".
  if (seconds > -60) return format.format(0, 'second');
  for (const [unit, size] of UNITS) {
    if (-seconds >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(0, 'second');
}

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
