// Choosing the first-publication date among the candidates, cross-checked, and writing it in UTC.
import type { DateCandidate } from './date-declared.js';
import { toUtcText, wallMs, type DateParts } from './date-machine.js';

export const DAY_MS = 86_400_000;

function instant(p: DateParts): number {
  return wallMs(p) - (p.offset ?? 0) * 60000;
}

export function sameDay(a: DateParts, b: DateParts): boolean {
  return a.y === b.y && a.mo === b.mo && a.d === b.d;
}

function sameWallMinute(a: DateParts, b: DateParts): boolean {
  return sameDay(a, b) && a.h === b.h && a.mi === b.mi;
}

/** 00:00:00 or 12:00:00 exactly: a day stored with a made-up time, not a real time. */
export function placeholder(p: DateParts): boolean {
  return p.h != null && (p.h === 0 || p.h === 12) && p.mi === 0 && p.s === 0;
}

function sameInstant(a: DateParts, b: DateParts): boolean {
  return a.h != null && b.h != null && Math.abs(instant(a) - instant(b)) < 60_000;
}

/** Orders by instant; against a bare day, by day, and on the same day the timed one first. */
function earlier(a: DateParts, b: DateParts): number {
  if (a.h != null && b.h != null) return instant(a) - instant(b);
  const dayA = Date.UTC(a.y, a.mo - 1, a.d), dayB = Date.UTC(b.y, b.mo - 1, b.d);
  if (dayA !== dayB) return dayA - dayB;
  return (a.h == null ? 1 : 0) - (b.h == null ? 1 : 0);
}

export interface PickedDate {
  value: string;
  source: string;
  /** A real time with a known offset: nothing the article text shows could improve it. */
  certain: boolean;
}

/** The date chosen so far: its fields, where they came from, and the candidates still in play. */
export interface Chosen {
  parts: DateParts;
  source: string;
  usable: DateCandidate[];
}

/**
 * The earliest structured published date wins (pages put the latest republication in one tag and
 * the original in another); dates equal to the modification time, in the future or today from
 * visible text are dropped. A time without a zone borrows the offset of another source that gives
 * the same wall-clock minute, else stays as written (the article stage may give it the page's zone).
 */
export function chooseDate(candidates: DateCandidate[], modified: DateParts[], now: number,
  settle: (chosen: DateCandidate, usable: DateCandidate[]) => DateCandidate = (chosen) => chosen): Chosen | null {
  const today = new Date(now).toISOString().slice(0, 10);
  const usable = candidates.filter((c) => {
    if (instant(c.parts) > now + DAY_MS) return false;
    if (c.rank >= 3 && toUtcText(c.parts, true).startsWith(today)) return false;
    return true;
  });
  if (!usable.length) return null;
  const bestRank = Math.min(...usable.map((c) => c.rank));
  let pool = usable.filter((c) => c.rank === bestRank);
  const notModified = pool.filter((c) => !modified.some((m) => sameInstant(m, c.parts) && c.parts.offset != null));
  if (notModified.length && notModified.length < pool.length) pool = notModified;
  // Declared dates: the earliest is the first publication. Visible ones: the first on the page,
  // since later ones belong to comments, references or lists.
  if (bestRank <= 2) pool.sort((a, b) => earlier(a.parts, b.parts) || a.rank - b.rank);
  const chosen = settle(pool[0]!, usable);
  let parts = { ...chosen.parts };
  let source = chosen.source;

  // A bare day (or a placeholder time) is completed by a source with a real time on that day.
  if (parts.h == null || placeholder(parts)) {
    const timed = usable.find((c) => c.parts.h != null && !placeholder(c.parts) && sameDay(c.parts, parts) && c.rank <= 3);
    if (timed) {
      parts = { ...timed.parts };
      source = `${source} + ${timed.source}`;
    }
  }
  if (parts.h != null && parts.offset == null) {
    const zoned = usable.find((c) => c.parts.offset != null && sameWallMinute(c.parts, parts) && c.parts.h != null);
    if (zoned) {
      parts.offset = zoned.parts.offset;
      source = `${source} + ${zoned.source}`;
    }
  }
  return { parts, source, usable };
}

/** The same wall-clock minute written without a zone by a candidate of at least `rank`. */
export function floatingTwin(chosen: Chosen, rank = 0): boolean {
  return chosen.usable.some((c) => c.rank >= rank && c.parts.offset == null && sameWallMinute(c.parts, chosen.parts));
}

/** The chosen date as the format writes it; certain when nothing the article shows could improve it. */
export function dateResult({ parts, source }: Chosen, certain: boolean): PickedDate {
  return { value: toUtcText(parts, placeholder(parts)), source, certain: certain && parts.h != null && parts.offset != null && !placeholder(parts) };
}

/**
 * The metadata stage's date. A time marked UTC with the same wall-clock time written without a zone
 * elsewhere may be the local time mislabelled: then the article stage looks at what people read.
 */
export function pickDate(candidates: DateCandidate[], modified: DateParts[], now: number): PickedDate | null {
  const chosen = chooseDate(candidates, modified, now);
  return chosen && dateResult(chosen, !(chosen.parts.offset === 0 && floatingTwin(chosen)));
}
