// A Netscape bookmarks file (what every browser, Pinboard, Raindrop, Karakeep and Pocket's old HTML export write):
// links with their add dates and tags, in folders. Read by one linear scan of its tags, never a DOM: 50 MB stays cheap.
import { webAddress } from './address.js';
import { Collector } from './collect.js';
import { decodeEntities, oneLine, topicsOf, unixTime } from './text.js';
import { BRING_TITLE_MAX, type Brought, type BroughtEntry } from './types.js';

/** The browsers' own top folders: where a bookmark sits, not what it is about. */
const ROOT_FOLDER_FLAGS = /\b(?:PERSONAL_TOOLBAR_FOLDER|UNFILED_BOOKMARKS_FOLDER)\s*=/i;
const ROOT_FOLDER_NAMES = new Set(['bookmarks bar', 'bookmarks toolbar', 'bookmarks menu', 'other bookmarks', 'mobile bookmarks', 'bookmarks', 'unsorted']);

/** The longest stretch read for a link's or folder's text before its closing tag. */
const TEXT_MAX = 16 * 1024;

export function looksLikeBookmarks(text: string): boolean {
  const head = text.slice(0, 4000);
  return /<!DOCTYPE\s+NETSCAPE-Bookmark-file/i.test(head) || (/<dl\b/i.test(head) && /<a\s[^>]*href=/i.test(text.slice(0, 200_000)));
}

/** The attributes of one start tag, names lower-cased. */
function attributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of tag.matchAll(/([a-z_:][-a-z0-9_:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi)) {
    out.set(m[1]!.toLowerCase(), decodeEntities(m[2] ?? m[3] ?? m[4] ?? ''));
  }
  return out;
}

/** Where a link's or folder's text ends: its closing tag, or the next link, folder or list when it never closes. */
const TEXT_END = { a: /<\/a\s*>|<(?:a|dt|dd|h3|\/?dl)\b/gi, h3: /<\/h3\s*>|<(?:a|dt|dd|h3|\/?dl)\b/gi };

/** The text from `from` to where it ends (at most TEXT_MAX), without inner tags; `end` is where reading goes on. */
function textUntil(text: string, from: number, name: 'a' | 'h3'): { text: string; end: number } {
  const pattern = TEXT_END[name];
  pattern.lastIndex = from;
  const found = pattern.exec(text);
  const end = found && found.index - from <= TEXT_MAX ? found.index : Math.min(text.length, from + TEXT_MAX);
  const closed = found && found.index === end && found[0].startsWith('</') && !/^<\/dl/i.test(found[0]);
  return { text: decodeEntities(text.slice(from, end).replace(/<[^>]*>/g, '')), end: closed ? end + found[0].length : end };
}

export interface BookmarksOptions {
  /** Each folder a bookmark sits in becomes one of its topics (the browsers' top folders never do). */
  foldersAsTopics?: boolean;
}

export function readBookmarks(text: string, file = 'bookmarks.html', options: BookmarksOptions = {}): Brought {
  const collector = new Collector('bookmarks');
  const folders: Array<string | null> = [];
  let pendingFolder: string | null | undefined;
  let last: BroughtEntry | null = null;
  const lineAt = lineCounter(text);
  const tags = /<(\/?)(a|h3|dl|dd)\b([^>]*)>/gi;
  for (let m = tags.exec(text); m; m = tags.exec(text)) {
    const [whole, closing, rawName, rest = ''] = m;
    const name = rawName!.toLowerCase();
    const after = m.index + whole.length;
    if (name === 'dl') {
      if (closing) folders.pop();
      else {
        folders.push(pendingFolder ?? null);
        pendingFolder = undefined;
      }
    } else if (name === 'h3' && !closing) {
      const label = oneLine(textUntil(text, after, 'h3').text, 200);
      pendingFolder = ROOT_FOLDER_FLAGS.test(rest) || ROOT_FOLDER_NAMES.has(label.toLowerCase()) ? null : label || null;
    } else if (name === 'dd' && !closing && last) {
      // A description after a link (Pinboard, Raindrop, Karakeep): its excerpt; text up to the next tag.
      const next = text.indexOf('<', after);
      const excerpt = oneLine(decodeEntities(text.slice(after, next < 0 ? Math.min(text.length, after + TEXT_MAX) : Math.min(next, after + TEXT_MAX))), 200);
      if (excerpt) last.excerpt = excerpt;
      last = null;
    } else if (name === 'a' && !closing) {
      last = null;
      const attrs = attributes(rest);
      const where = `${file}:${lineAt(m.index)}`;
      const href = attrs.get('href');
      if (href === undefined) continue; // an anchor, not a link
      const address = webAddress(href);
      const title = textUntil(text, after, 'a');
      tags.lastIndex = Math.max(tags.lastIndex, title.end);
      if (!address.ok) {
        collector.refuse(where, address.reason);
        continue;
      }
      const folderPath = folders.filter((f): f is string => typeof f === 'string');
      const label = oneLine(title.text, BRING_TITLE_MAX);
      const entry: BroughtEntry = {
        url: address.url,
        where,
        title: label && label !== href.trim() ? label : undefined,
        savedAt: unixTime(attrs.get('add_date') ?? attrs.get('time_added')),
        topics: topicsOf([...(attrs.get('tags') ?? '').split(','), ...(options.foldersAsTopics ? folderPath : [])]),
      };
      if (folderPath.length) entry.folders = folderPath;
      if (!collector.add(entry)) break;
      last = entry;
    }
  }
  if (collector.brought.entries.length === 0 && collector.brought.refused.length === 0) {
    collector.refuse(file, 'no links found: this is not a bookmarks file');
  }
  return collector.brought;
}

/** Line numbers of offsets asked in increasing order, counted once over the text. */
function lineCounter(text: string): (at: number) => number {
  let line = 1;
  let counted = 0;
  return (at) => {
    for (let i = text.indexOf('\n', counted); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) line++;
    counted = Math.max(counted, at);
    return line;
  };
}
