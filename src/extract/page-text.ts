// The text people read, in document order, with where the headline stands in it: read once per page
// for the dates beside the headline and the page's time zone.
import type { Page } from './page.js';
import { cleanText } from './text.js';
import { titleKey } from './title.js';

/** Characters and nodes read at most: bylines and headlines sit near the top. */
const MAX_CHARS = 60_000;
const MAX_NODES = 40_000;
const OPAQUE = /^(?:SCRIPT|STYLE|NOSCRIPT|TEMPLATE|SVG|IFRAME|svg|select|SELECT|OPTION)$/;

export interface ReadingText {
  text: string;
  /** Where the headline's own text starts and ends in `text`; null when no element shows it. */
  headline: { start: number; end: number } | null;
}

const cache = new WeakMap<Page, Map<string, ReadingText>>();

const WHITESPACE = /\s+/g;

/** The element that shows the headline: an h1 (or a marked headline, or an h2) whose text is the title. */
export function headlineElement(page: Page, title: string): Element | null {
  const want = titleKey(title);
  const lists = [page.doc.getElementsByTagName('h1'),
    page.doc.querySelectorAll('[itemprop="headline"], .entry-title, .post-title, .article-title, .headline'),
    page.doc.getElementsByTagName('h2')];
  let fallback: Element | null = null;
  for (const list of lists) {
    for (let i = 0; i < Math.min(list.length, 12); i++) {
      const el = list[i]!;
      const key = titleKey(cleanText(el.textContent?.slice(0, 2000) ?? ''));
      if (!key) continue;
      if (want && (key === want || (key.includes(want) && key.length <= want.length * 2) || (want.includes(key) && key.length * 2 >= want.length))) return el;
      if (!fallback && list === lists[0]) fallback = el;
    }
  }
  return fallback;
}

/** The page's text, an element boundary read as a space, and the headline's place in it. */
export function readingText(page: Page, title = ''): ReadingText {
  const known = cache.get(page);
  const same = known?.get(title);
  if (same) return same;
  // The text alone (the time zone's evidence) is the same whichever headline was looked for.
  if (!title && known?.size) return { text: known.values().next().value!.text, headline: null };
  const body = page.doc.body;
  const target = title ? headlineElement(page, title) : null;
  // Pieces joined once at the end (a string grown node by node is copied again and again).
  const pieces: string[] = [];
  let length = 0;
  let space = true;
  const add = (raw: string) => {
    const piece = raw.replace(WHITESPACE, ' ');
    const cut = space && piece.startsWith(' ') ? piece.slice(1) : piece;
    if (!cut) return;
    pieces.push(cut);
    length += cut.length;
    space = cut.endsWith(' ');
  };
  let start = -1;
  let end = -1;
  let count = 0;
  let node: Node | null = body?.firstChild ?? null;
  while (node && count++ < MAX_NODES && length < MAX_CHARS) {
    if (node === target) start = length;
    if (node.nodeType === 3) add(node.nodeValue ?? '');
    const el = node.nodeType === 1 ? node as Element : null;
    if (el && !OPAQUE.test(el.tagName) && el.firstChild) {
      add(' ');
      node = el.firstChild;
      continue;
    }
    while (node && !node.nextSibling) {
      node = node.parentNode;
      if (!node || node === body) node = null;
      else {
        add(' ');
        if (node === target) end = length;
      }
    }
    if (node === target) end = length;
    node = node?.nextSibling ?? null;
  }
  let text = pieces.join('');
  text = text.slice(0, MAX_CHARS);
  let headline = start >= 0 ? { start, end: end >= start ? end : text.length } : null;
  // No element holds the headline (a styled div, a headline cut from the title): where its text first shows.
  const shown = !headline && title.length >= 8 ? text.indexOf(cleanText(title)) : -1;
  if (shown >= 0) headline = { start: shown, end: shown + cleanText(title).length };
  const read = { text, headline };
  const map = cache.get(page) ?? new Map<string, ReadingText>();
  map.set(title, read);
  cache.set(page, map);
  return read;
}
