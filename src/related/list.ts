// The related list's rules: no entry twice (nor the record itself), moves and removals that keep the rest in order.
import type { LedeRecord, RelatedEntry } from '../record/types.js';
import { normaliseUrl } from '../record/url.js';

/** The address of an entry for "is this one already there": the library key's normal form. */
function key(url: string): string {
  return normaliseUrl(url) || url.trim();
}

/** Whether two addresses are one entry's (the library key's normal form). */
export function sameAddress(a: string, b: string): boolean {
  return key(a) === key(b);
}

/** Why `url` may not be added: it is the record's own address, or already an entry (its index). */
export function duplicateOf(record: Pick<LedeRecord, 'originalUrl' | 'webUrl' | 'related'>, url: string, except = -1):
  { kind: 'self' } | { kind: 'entry'; index: number } | null {
  const k = key(url);
  if (!k) return null;
  if (k === key(record.originalUrl) || k === key(record.webUrl)) return { kind: 'self' };
  const index = record.related.findIndex((entry, i) => i !== except && key(entry.webUrl) === k);
  return index >= 0 ? { kind: 'entry', index } : null;
}

/** The list with `entry` at the end, or the same list when it would be a duplicate. */
export function addRelated(record: Pick<LedeRecord, 'originalUrl' | 'webUrl' | 'related'>, entry: RelatedEntry):
  { related: RelatedEntry[]; added: boolean } {
  if (duplicateOf(record, entry.webUrl)) return { related: record.related, added: false };
  return { related: [...record.related, entry], added: true };
}

export function moveRelated<T>(list: T[], from: number, to: number): T[] {
  if (from < 0 || from >= list.length || to < 0 || to >= list.length || from === to) return list;
  const out = [...list];
  const [item] = out.splice(from, 1);
  out.splice(to, 0, item!);
  return out;
}

export function removeRelated<T>(list: T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}

/** An entry with only its address, for the person to fill in by hand when reading failed. */
export function blankRelated(url: string, quality: number): RelatedEntry {
  return { title: '', excerpt: '', publishedDateTime: null, webUrl: url.trim(), type: 'article', provider: { name: '', domain: '' }, quality, images: [] };
}
