// The headline as the page shows it: the voted title checked against the page's own <h1>, which
// decides the casing, whether a kicker or a site's piece belongs, and where a run-on title ends.
import type { Page } from './page.js';
import { isSiteLike } from './site-names.js';
import { tokens } from './tagline.js';
import { cleanText } from './text.js';
import { splitTitle, titleKey, type PickedTitle } from './title.js';

/** Texts of an element's children, each its own piece (`<h1><span>Headline</span><small>Tagline</small></h1>`). */
function elementPieces(el: Element): string[] {
  const out: string[] = [];
  for (let node = el.firstChild; node && out.length < 6; node = node.nextSibling) {
    const text = cleanText(node.textContent ?? '');
    if (text) out.push(text);
  }
  return out;
}

/** Whether `shown` is a run of the title's pieces between separators (`Kicker: Headline | Site` → `Headline`). */
function runOfPieces(title: string, shown: string): boolean {
  const { pieces, seps } = splitTitle(title);
  const want = titleKey(shown);
  for (let from = 0; from < pieces.length; from++) {
    let run = pieces[from]!;
    if (titleKey(run) === want) return true;
    for (let to = from + 1; to < pieces.length; to++) {
      run += seps[to - 1]! + pieces[to]!;
      if (titleKey(run) === want) return true;
    }
  }
  return false;
}

/** Most of the h1's words are in the title: the same story, worded twice. */
function sameStory(shown: string, title: string): boolean {
  const own = tokens(shown);
  if (own.size < 3) return false;
  const there = tokens(title);
  let shared = 0;
  for (const t of own) if (there.has(t)) shared++;
  return shared / own.size >= 0.5;
}

/** An h1 of several elements with text (a kicker, a date, a tagline beside the headline). */
function runOn(h1: Element): boolean {
  return elementPieces(h1).length > 1;
}

/**
 * The first h1 that is not the site's logo, compared with the voted title: the same words take the
 * h1's form; a title that adds pieces around the h1 (a kicker, a section, the site) or runs on past
 * it gives way to the h1; an h1 that shows a kicker before a colon keeps it. An h1 holding the
 * headline and a tagline in separate elements is cut at the element's boundary.
 */
export function asShown(page: Page, picked: PickedTitle, siteNames: string[], hints: string[]): PickedTitle {
  const h1s = page.doc.getElementsByTagName('h1');
  for (let i = 0; i < Math.min(h1s.length, 4); i++) {
    const shown = page.headings[i];
    if (!shown || page.logoHeadings[i] || isSiteLike(shown, siteNames, hints)) continue;
    const k = titleKey(shown);
    const w = titleKey(picked.title);
    if (k.length < 4) continue;
    if (k === w) return shown === picked.title ? picked : { ...picked, title: shown, source: `${picked.source}, as the h1 shows it` };
    if (w.includes(k) && (runOfPieces(picked.title, shown) || (w.startsWith(k) && k.length >= 8))) {
      return { title: shown, source: 'h1', removed: [...picked.removed, picked.title] };
    }
    if (k.includes(w)) {
      const pieces = elementPieces(h1s[i]!);
      // The h1 shows headline and tagline as two elements: the title already ends at the boundary.
      if (pieces.length > 1 && pieces.some((p) => titleKey(p) === w)) return picked;
      const kicker = /^(.{2,60}?):\s*(.+)$/u.exec(shown);
      if (kicker && titleKey(kicker[2]!) === w) return { title: shown, source: 'h1 (kicker shown)', removed: picked.removed };
      return picked;
    }
    // Another wording of the same headline (the metadata's is written for search and sharing): the one shown.
    if (sameStory(shown, picked.title) && !runOn(h1s[i]!)) return { title: shown, source: 'h1', removed: picked.removed };
    return picked;
  }
  return picked;
}
