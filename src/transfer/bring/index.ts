// Bringing a library from elsewhere: which reader a file needs, by its name and its first bytes.
import { looksLikeBookmarks, readBookmarks, type BookmarksOptions } from './bookmarks.js';
import { readClipperNote } from './notes.js';
import { looksLikePocketCsv, readPocketCsv } from './pocket.js';
import type { Brought } from './types.js';
import { readUrlList } from './url-list.js';
import { readRecordFile } from '../read-file.js';

export type { Brought, BroughtEntry, BringSource, FieldMapping, Refused } from './types.js';
export { recordFromBrought, fillFromPage, type BringDefaults, type BroughtRecord, type FillableField, type FillPlan } from './to-record.js';
export { readBookmarks, readClipperNote, readPocketCsv, readUrlList };

export type BringKind = 'pocket' | 'bookmarks' | 'urls' | 'notes' | null;

/** What a file is, or null when it is none of the kinds Lede brings (a Lede record or zip goes the usual import's way). */
export function bringKind(name: string, text: string): BringKind {
  const lower = name.toLowerCase();
  if (lower.endsWith('.csv')) return looksLikePocketCsv(text) ? 'pocket' : null;
  if (lower.endsWith('.html') || lower.endsWith('.htm')) return looksLikeBookmarks(text) ? 'bookmarks' : null;
  if (lower.endsWith('.txt') || lower.endsWith('.url') || lower.endsWith('.list')) return 'urls';
  if (lower.endsWith('.md') || lower.endsWith('.markdown')) return 'notes';
  return null;
}

/** Reads one file of another tool into entries; a note is one entry or one refusal. */
export function bringFile(name: string, text: string, options: BookmarksOptions = {}): Brought {
  switch (bringKind(name, text)) {
    case 'pocket': return readPocketCsv(text, name);
    case 'bookmarks': return readBookmarks(text, name, options);
    case 'urls': return readUrlList(text, name);
    case 'notes': {
      // A Lede record among the notes goes the usual import's way, which keeps every field.
      if (readRecordFile(name, text).ok) return { source: 'notes', entries: [], refused: [], duplicates: [], records: [{ name, text }] };
      const note = readClipperNote(name, text);
      return { source: 'notes', entries: note.ok ? [note.entry] : [], refused: note.ok ? [] : [{ where: name, reason: note.reason }], duplicates: [] };
    }
    default:
      return { source: 'urls', entries: [], refused: [{ where: name, reason: 'not a file Lede can bring: a Pocket .csv, a bookmarks .html, a .txt of addresses, Markdown notes or a .zip of them' }], duplicates: [] };
  }
}
