// Notes other clippers wrote (Obsidian Web Clipper, MarkDownload's templates, Joplin, Zotero's Markdown): their front
// matter mapped to Lede's fields by what each key means, the rest kept as it is; the note's file is never changed.
import { parseDocument } from 'yaml';
import { normaliseDateTime } from '../../record/dates.js';
import { splitFrontMatter } from '../../record/read.js';
import { RECORD_KEYS } from '../../record/types.js';
import { webAddress } from './address.js';
import { oneLine, topicsOf } from './text.js';
import { BRING_TITLE_MAX, type BroughtEntry, type FieldMapping } from './types.js';

/** Which Lede field each clipper's key names, by what it means; the first key present wins. */
const KEY_MEANINGS: Array<[field: string, keys: string[]]> = [
  ['originalUrl', ['source', 'url', 'link', 'source_url', 'sourceurl', 'original_url', 'originalurl', 'href', 'weburl', 'canonical']],
  ['title', ['title', 'name']],
  ['excerpt', ['description', 'excerpt', 'summary', 'abstract']],
  ['publishedDateTime', ['published', 'date_published', 'datepublished', 'publisheddatetime', 'pubdate', 'date']],
  ['savedAt', ['created', 'clipped', 'date_saved', 'saved', 'added', 'date_created', 'created_at']],
  ['topics', ['tags', 'topics', 'keywords', 'categories']],
  ['provider.name', ['site', 'site_name', 'sitename', 'publisher', 'website']],
];

export type NoteResult = { ok: true; entry: BroughtEntry } | { ok: false; reason: string };

function firstText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return firstText(value[0]);
  return undefined;
}

/** A note's date, written as ISO, `YYYY-MM-DD HH:MM` or a plain day: the format's UTC form, or undefined. */
function noteDate(value: unknown): string | undefined {
  const text = firstText(value)?.trim();
  if (!text) return undefined;
  return normaliseDateTime(text) ?? normaliseDateTime(text.replace(/^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})$/, '$1T$2')) ?? undefined;
}

/**
 * Reads one note of another tool. A note with no front matter, broken front matter or no web address
 * is refused with the reason; nothing of it is brought.
 */
export function readClipperNote(file: string, text: string): NoteResult {
  const split = splitFrontMatter(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  if ('error' in split) return { ok: false, reason: split.error };
  const doc = parseDocument(split.yaml, { schema: 'core', uniqueKeys: false, prettyErrors: false });
  if (doc.errors.length) return { ok: false, reason: `YAML syntax error: ${doc.errors[0]!.message.split('\n')[0]}` };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return { ok: false, reason: `front matter Lede cannot read: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return { ok: false, reason: 'the front matter is not a mapping of keys to values' };
  const keys = new Map(Object.entries(data as Record<string, unknown>).map(([key, value]) => [key.trim().toLowerCase(), { key, value }]));
  const used = new Set<string>();
  const mapping: FieldMapping[] = [];
  // The first key of that meaning whose value fits the field (`published: true` is no date; `date:` may be one).
  const fits = (field: string, value: unknown): boolean => {
    if (value === null || value === '') return false;
    if (field === 'publishedDateTime' || field === 'savedAt') return noteDate(value) !== undefined;
    if (field === 'topics') return Array.isArray(value) || typeof value === 'string';
    return firstText(value) !== undefined;
  };
  const take = (field: string): unknown => {
    const found = KEY_MEANINGS.find(([f]) => f === field)![1].map((k) => keys.get(k)).find((v) => v && fits(field, v.value));
    if (!found) return undefined;
    used.add(found.key);
    mapping.push({ from: found.key, to: field });
    return found.value;
  };
  const address = webAddress(firstText(take('originalUrl')) ?? '');
  if (!address.ok) return { ok: false, reason: `no web address in its front matter (source, url or link): ${address.reason}` };
  const tags = take('topics');
  const entry: BroughtEntry = {
    url: address.url,
    where: file,
    title: oneLine(firstText(take('title')) ?? '', BRING_TITLE_MAX) || undefined,
    excerpt: oneLine(firstText(take('excerpt')) ?? '', 200) || undefined,
    publishedDateTime: noteDate(take('publishedDateTime')),
    savedAt: noteDate(take('savedAt')),
    topics: topicsOf(Array.isArray(tags) ? tags : typeof tags === 'string' ? tags.split(/[,;]|\s+(?=#)/) : []),
    provider: oneLine(firstText(take('provider.name')) ?? '', 200) || undefined,
    body: split.body,
    mapping,
  };
  const lede = new Set<string>(RECORD_KEYS);
  for (const [, { key, value }] of keys) {
    if (used.has(key)) continue;
    // A key Lede itself uses for another meaning (`published: 2024-05-01` is no yes/no) cannot be kept under its name.
    if (lede.has(key) || key === '__proto__') mapping.push({ from: key, to: 'dropped' });
    else {
      (entry.extra ??= {})[key] = value;
      mapping.push({ from: key, to: 'kept' });
    }
  }
  // In the note's own order, as the person reads it.
  const order = [...keys.values()].map((k) => k.key);
  mapping.sort((a, b) => order.indexOf(a.from) - order.indexOf(b.from));
  return { ok: true, entry };
}
