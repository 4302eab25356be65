// Relative dates beside the headline (`vor 3 Tagen`, `2 hours ago`, `il y a 3 jours`, `昨天`), made a
// day by a date the page itself gives: the archive's capture time in its address, else its last change.
import type { DateCandidate } from './date-declared.js';
import { parseMachineDate, wallMs, type DateParts } from './date-machine.js';
import { normalDateText } from './date-text.js';
import { trustRank } from './date-trust.js';
import type { Page } from './page.js';
import { readingText } from './page-text.js';

const UNITS: [RegExp, number][] = [
  [/^(?:minute|min|minuten?|minutos?|minuti|minut[ay]?|分)/, 60_000],
  [/^(?:hour|hr|stunden?|std|heures?|horas?|or[ae]|hodin[ay]?|godzin[ay]?|小时|時間)/, 3_600_000],
  [/^(?:day|tage?n?|jours?|dias?|giorn[oi]|dn[yi]|den|dzien|天|日)/, 86_400_000],
  [/^(?:week|wochen?|semaines?|semanas?|settiman[ae]|tydn[uy]|tygodni[ea]?|周|週間)/, 7 * 86_400_000],
];
const NUMBER_FIRST = /(\d{1,2}) ?([a-z\u4e00-\u9fff]+)(?: ago| fa| temu|前)/;
const WORD_FIRST = /(?:vor|il y a|hace|ha|há|pred|před) (\d{1,2}) ([a-z]+)/;
const YESTERDAY = /(?<!\p{L})(?:yesterday|gestern|hier|ayer|ontem|ieri|vcera|wczoraj|昨天|昨日)(?!\p{L})/u;
const TODAY = /(?<!\p{L})(?:today|heute|aujourd'hui|hoy|hoje|oggi|dnes|dzisiaj|今天|今日)(?!\p{L})/u;

/** How long before the anchor a relative phrase says, in ms; null when the text says none. */
export function relativeAge(text: string): number | null {
  const s = normalDateText(text);
  const m = NUMBER_FIRST.exec(s) ?? WORD_FIRST.exec(s);
  if (m) {
    const unit = UNITS.find(([re]) => re.test(m[2]!));
    if (unit) return Number(m[1]) * unit[1];
  }
  if (YESTERDAY.test(s)) return 86_400_000;
  if (TODAY.test(s)) return 0;
  return null;
}

/** The time the page was rendered, as the page says: its archive capture, else its last change. */
export function pageAnchor(page: Page, modified: DateParts[]): DateParts | null {
  const capture = /\/web\/((?:19|20)\d{12})(?:[a-z_]*)\//.exec(page.url?.pathname ?? '');
  if (capture) return parseMachineDate(capture[1]!.slice(0, 8) + 'T' + capture[1]!.slice(8, 12) + 'Z');
  return modified[0] ?? null;
}

/** A relative date just below the headline, as a day counted back from the anchor. */
export function relativeBeside(page: Page, title: string, modified: DateParts[]): DateCandidate | null {
  const { text, headline } = readingText(page, title);
  if (!headline) return null;
  const age = relativeAge(text.slice(headline.end, headline.end + 160));
  const anchor = age == null ? null : pageAnchor(page, modified);
  if (age == null || !anchor) return null;
  const at = new Date(wallMs(anchor) - (anchor.offset ?? 0) * 60_000 - age);
  const parts = { y: at.getUTCFullYear(), mo: at.getUTCMonth() + 1, d: at.getUTCDate(), h: null, mi: 0, s: 0, offset: null };
  return { parts, source: 'relative, from the page\'s own date', rank: trustRank('relative') };
}
