// Dates a reader sees beside the headline (the byline line above or below it), and dates the text
// labels as the publication anywhere on the page; each told from update, comment, event and
// copyright dates by the words before it.
import type { DateCandidate } from './date-declared.js';
import type { DateParts } from './date-machine.js';
import { DAY_MS, sameDay } from './date-pick.js';
import { datesIn, normalDateText } from './date-text.js';
import { roleBefore, trustRank } from './date-trust.js';
import type { Page } from './page.js';
import { readingText } from './page-text.js';

/** How far from the headline a byline stands, in characters: above it (kicker, date line), below it. */
const BEFORE = 220;
const AFTER = 420;
/** A date the page labels as the publication may stand this much further off than an unlabelled one. */
const LABEL_BONUS = 150;

/** Strong publication labels, read anywhere: `veröffentlicht am`, `published on`, `publié le`… */
const LABELLED = /(?:published|posted|veroffentlicht|gepostet|publie|publicado|publicada|pubblicato|publikovano|opublikowano|mise en ligne|erschienen)(?: (?:am|on|le|el|em|il|dne|dnia|at|in))?:? ?$/;

const dayKey = (p: DateCandidate['parts']) => `${p.y}-${p.mo}-${p.d}`;

/** The nearest date beside the headline that can be the publication (not an update, comment…). */
export function besideHeadline(page: Page, title: string): DateCandidate | null {
  const { text, headline } = readingText(page, title);
  if (!headline) return null;
  const before = normalDateText(text.slice(Math.max(0, headline.start - BEFORE), headline.start));
  const after = normalDateText(text.slice(headline.end, headline.end + AFTER));
  const options: { parts: DateCandidate['parts']; distance: number; swappable?: boolean }[] = [];
  // A day labelled as something else (`Founded February 28, 1998 (1998-02-28)`) is that wherever it is repeated.
  const other = new Set<string>();
  const consider = (s: string, found: ReturnType<typeof datesIn>, far: (f: (typeof found)[number]) => number) => {
    for (const f of found) {
      const role = roleBefore(s.slice(0, f.index));
      if (role !== 'published' && role !== 'unlabelled') other.add(dayKey(f.parts));
      else options.push({ parts: f.parts, swappable: f.swappable, distance: far(f) - (role === 'published' ? LABEL_BONUS : 0) });
    }
  };
  // Below the headline first: what stands above it is as often the previous teaser's date.
  consider(before, datesIn(before, 6), (f) => (before.length - f.end) * 2);
  consider(after, datesIn(after, 6), (f) => f.index);
  const kept = options.filter((o) => !other.has(dayKey(o.parts))).sort((a, b) => a.distance - b.distance);
  const best = kept[0];
  if (!best) return null;
  // Each day as written, and read the other way round where the numbers allow both.
  const shownDays = kept.flatMap((o) => o.swappable ? [o.parts, { ...o.parts, mo: o.parts.d, d: o.parts.mo }] : [o.parts]);
  return { parts: best.parts, source: 'beside headline', rank: trustRank('shown'), shownDays, ambiguous: best.swappable };
}

/** The first date anywhere in the text right after a publication label. */
export function labelledDate(page: Page, title: string): DateCandidate | null {
  const s = normalDateText(readingText(page, title).text);
  for (const f of datesIn(s, 40)) {
    if (LABELLED.test(s.slice(Math.max(0, f.index - 40), f.index).trimEnd())) {
      return { parts: f.parts, source: 'labelled published', rank: trustRank('shown') };
    }
  }
  return null;
}

/** The same day, or the next or previous one when the time is within four hours of midnight (a zone apart). */
function nearDay(shown: DateParts, declared: DateParts): boolean {
  if (sameDay(shown, declared)) return true;
  if (declared.h == null) return false;
  const gap = Date.UTC(shown.y, shown.mo - 1, shown.d) - Date.UTC(declared.y, declared.mo - 1, declared.d);
  return (gap === DAY_MS && declared.h >= 20) || (gap === -DAY_MS && declared.h < 4);
}

/**
 * The one exception to the order of trust (date-trust.ts): a declared date stands when the page
 * shows its day beside the headline, or shows no day there; when the headline's date line shows
 * another day, what the reader sees wins (a CMS's creation date, an old template's, a copy's).
 */
export function shownOverDeclared(chosen: DateCandidate, usable: DateCandidate[]): DateCandidate {
  const beside = usable.find((c) => c.shownDays);
  if (!beside || beside === chosen || chosen.rank > beside.rank || beside.ambiguous) return chosen;
  // The address's day agreeing with the declared one settles it too.
  const address = usable.find((c) => c.source === 'url');
  if (address && sameDay(address.parts, chosen.parts)) return chosen;
  return beside.shownDays!.some((day) => nearDay(day, chosen.parts)) ? chosen : beside;
}
