// The headline: every declared title split at site separators, the version most sources agree on wins.
import { ldString } from './jsonld.js';
import { firstMeta, type Page } from './page.js';
import { isSiteLike } from './site-names.js';
import { cleanText, elementText } from './text.js';

/** Separators between a headline and the site or section names a title adds. */
const SEPARATOR = /\s+[|•·–—\-:»›~/@]\s+|(?<=\p{L}):\s+|\s*[|•·»]\s*|\s+::?\s+|\s+-{2,}\s+|\s+(?=[[＜【<][^\]＞】>]{2,60}[\]＞】>]$)/gu;
/** A site or section added to a title: any separator but a colon, which headlines use themselves. */
const ADDED = /\s[|•·–—»›~/@-]\s|[|•·»]|\s::?\s|\s-{2,}\s|[\]＞】]$/;
/** `Headline_Section_Site`, common on Chinese portals; used only when no other separator is. */
const WEAK_SEPARATOR = /\s*_\s*/g;

interface TitleSource {
  text: string;
  source: string;
  weight: number;
}

/** Whether a title still carries a piece a site adds (`Headline | Author`): the page's own headline may cut it. */
export function hasAddedPiece(title: string): boolean {
  return ADDED.test(title);
}

/** Pieces of a title between separators, and the separators themselves. */
export function splitTitle(raw: string): { pieces: string[]; seps: string[] } {
  const text = raw.replace(/[\s|:•·»-]+$/, '');
  const pieces: string[] = [];
  const seps: string[] = [];
  let last = 0;
  SEPARATOR.lastIndex = 0;
  const separator = SEPARATOR.test(text) ? SEPARATOR : WEAK_SEPARATOR;
  SEPARATOR.lastIndex = 0; // test() on a global regex moves it, and matchAll starts there
  for (const m of text.matchAll(separator)) {
    pieces.push(text.slice(last, m.index));
    seps.push(m[0]);
    last = m.index! + m[0].length;
    if (pieces.length > 8) break;
  }
  pieces.push(text.slice(last));
  // A bracketed site name (`… [LWN.net]`) is a piece without its brackets.
  const lastPiece = pieces.length - 1;
  if (lastPiece > 0) pieces[lastPiece] = pieces[lastPiece]!.replace(/^[[＜【<]\s*|\s*[\]＞】>]$/g, '');
  return { pieces, seps };
}

function join(pieces: string[], seps: string[], from: number, to: number): string {
  let out = pieces[from]!;
  for (let i = from + 1; i <= to; i++) out += seps[i - 1]! + pieces[i]!;
  return out.trim();
}

/** For comparing headlines: case, quotes, dashes and spacing do not matter. */
export function titleKey(text: string): string {
  return text.normalize('NFKC').toLowerCase()
    .replace(/[‘’‚‛′`´]/g, "'").replace(/[“”„‟″«»]/g, '"').replace(/[‐‑‒–—―−]/g, '-')
    .replace(/\s+/g, ' ').trim();
}

function sources(page: Page): TitleSource[] {
  const out: TitleSource[] = [];
  const push = (text: string, source: string, weight: number) => {
    const clean = cleanText(text);
    if (clean && clean.length <= 500) out.push({ text: clean, source, weight });
  };
  if (page.article) push(ldString(page.article['headline'], page.ld) || ldString(page.article['name'], page.ld), 'json-ld headline', 3);
  for (const key of ['og:title', 'twitter:title', 'headline', 'parsely-title', 'sailthru.title', 'dc.title', 'title']) {
    const m = firstMeta(page, [key]);
    if (m) push(m.value, key === 'headline' ? 'itemprop headline' : key, key === 'og:title' ? 3 : 2);
  }
  // A <title> with nothing added is the page's own headline: the CMS did not append the site.
  push(page.title, '<title>', ADDED.test(page.title) ? 2 : 2.4);
  // The first h1 is usually the headline; one in the site's header bar is usually the logo.
  page.headings.slice(0, 4).forEach((h, i) => push(h, 'h1', page.logoHeadings[i] ? 0.8 : i === 0 ? 2.2 : 1));
  const marked = page.doc.querySelector('.entry-title, .post-title, .article-title, .headline, [itemprop="headline"]:not(meta), h1.title, h2.title');
  if (marked) push(elementText(marked, 400), 'headline element', 1.5);
  return out;
}

export interface PickedTitle {
  title: string;
  source: string;
  /** The pieces removed from the winning title: where the site's name may be read. */
  removed: string[];
  /** Every candidate and its votes (for `lede extract --explain`). */
  votes?: { text: string; score: number; source: string }[];
}

/**
 * Each source votes for itself and for its runs of pieces that keep the start or the end
 * (`Headline | Section | Site` → `Headline`, `Headline | Section`…). A piece that names the site
 * is what a title adds, so its full form is discounted and the stripped form counts fully.
 */
export function pickTitle(page: Page, siteNames: string[], hints: string[]): PickedTitle | null {
  const votes = new Map<string, { text: string; score: number; source: string; weight: number; removed: string[] }>();
  const vote = (text: string, source: string, weight: number, removed: string[]) => {
    const key = titleKey(text);
    if (!key) return;
    const entry = votes.get(key);
    if (entry) {
      entry.score += weight;
      if (weight > entry.weight) Object.assign(entry, { source, weight, text });
      if (!entry.removed.length) entry.removed = removed;
    } else votes.set(key, { text, score: weight, source, weight, removed });
  };
  for (const s of sources(page)) {
    const { pieces, seps } = splitTitle(s.text);
    const siteLike = pieces.map((p) => isSiteLike(p, siteNames, hints));
    const hasSite = siteLike.some(Boolean);
    vote(s.text, s.source, hasSite ? s.weight * (pieces.length > 1 ? 0.5 : 0.3) : s.weight, []);
    const n = pieces.length;
    // `Headline | Section | Site`: with three pieces or more, a long first piece is the headline.
    const leadsLong = n >= 3 && new Set(seps.map((x) => x.trim())).size === 1 &&
      pieces[0]!.trim().length >= 8 && pieces[n - 1]!.trim().length <= 30;
    for (let from = 0; from < n; from++) {
      for (let to = from; to < n; to++) {
        if ((from === 0 && to === n - 1) || (from !== 0 && to !== n - 1)) continue;
        const text = join(pieces, seps, from, to);
        if (text.length < 2) continue;
        const dropped = [...pieces.slice(0, from), ...pieces.slice(to + 1)].map((p) => p.trim());
        const keptSite = siteLike.slice(from, to + 1).some(Boolean);
        const droppedSite = dropped.length > 0 && siteLike.filter((_, i) => i < from || i > to).every(Boolean);
        // Cutting a piece that is not the site's name needs another source to agree.
        let weight = s.weight * (droppedSite && !keptSite ? 1 : 0.6);
        if (from === 0 && to === 0 && leadsLong) weight = s.weight * 1.05;
        // A short piece kept next to a dropped site name is a section: `Headline | Code`.
        if (droppedSite && to > from && from === 0 && pieces[to]!.trim().split(/\s+/).length <= 2) weight *= 0.9;
        if (keptSite && to === from) weight *= 0.1;
        vote(text, s.source, weight, dropped);
      }
    }
  }
  let best: { text: string; score: number; source: string; removed: string[] } | null = null;
  for (const entry of votes.values()) {
    if (!best || entry.score > best.score + 1e-9) best = entry;
  }
  return best ? { title: best.text, source: best.source, removed: best.removed, votes: [...votes.values()] } : null;
}
