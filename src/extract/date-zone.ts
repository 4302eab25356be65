// The page's own time zone, for times it writes without one: from evidence on the page (a zone
// written beside a time, an offset another date on the page carries), else from where the page is
// (a one-zone country's domain, the language and country of the page, its script). Article stage only.
import { shownOverDeclared } from './date-beside.js';
import type { DateCandidate } from './date-declared.js';
import { chooseDate, dateResult, floatingTwin, placeholder, type PickedDate } from './date-pick.js';
import { numericOffset, parseMachineDate, toUtcText, wallMs, type DateParts } from './date-machine.js';
import { abbreviationOffset, ZONE_PATTERN, zoneOffset } from './date-words.js';
import { MODIFIED_META } from './date-declared.js';
import type { Page } from './page.js';
import { readingText } from './page-text.js';

/** Countries with one civil time zone, or most of their people in one: that zone. */
const COUNTRY_ZONES = new Map<string, string>(Object.entries({
  fr: 'Europe/Paris', de: 'Europe/Berlin', at: 'Europe/Vienna', ch: 'Europe/Zurich', it: 'Europe/Rome',
  es: 'Europe/Madrid', nl: 'Europe/Amsterdam', be: 'Europe/Brussels', pl: 'Europe/Warsaw',
  cz: 'Europe/Prague', sk: 'Europe/Bratislava', hu: 'Europe/Budapest', se: 'Europe/Stockholm',
  no: 'Europe/Oslo', dk: 'Europe/Copenhagen', fi: 'Europe/Helsinki', ie: 'Europe/Dublin',
  uk: 'Europe/London', gb: 'Europe/London', pt: 'Europe/Lisbon', gr: 'Europe/Athens',
  ro: 'Europe/Bucharest', ua: 'Europe/Kyiv', tr: 'Europe/Istanbul', il: 'Asia/Jerusalem',
  in: 'Asia/Kolkata', pk: 'Asia/Karachi', bd: 'Asia/Dhaka', cn: 'Asia/Shanghai', hk: 'Asia/Hong_Kong',
  tw: 'Asia/Taipei', jp: 'Asia/Tokyo', kr: 'Asia/Seoul', sg: 'Asia/Singapore', my: 'Asia/Kuala_Lumpur',
  ph: 'Asia/Manila', th: 'Asia/Bangkok', vn: 'Asia/Ho_Chi_Minh', nz: 'Pacific/Auckland', id: 'Asia/Jakarta',
  au: 'Australia/Sydney', ru: 'Europe/Moscow', mx: 'America/Mexico_City',
  br: 'America/Sao_Paulo', ar: 'America/Argentina/Buenos_Aires', cl: 'America/Santiago',
  co: 'America/Bogota', pe: 'America/Lima', ve: 'America/Caracas', za: 'Africa/Johannesburg',
  eg: 'Africa/Cairo', ng: 'Africa/Lagos', ke: 'Africa/Nairobi', ma: 'Africa/Casablanca',
}));

/** Languages spoken mostly in one zone, for pages on generic domains without a region in `lang`. */
const LANGUAGE_ZONES = new Map<string, string>(Object.entries({
  de: 'Europe/Berlin', fr: 'Europe/Paris', it: 'Europe/Rome', cs: 'Europe/Prague', pl: 'Europe/Warsaw',
  nl: 'Europe/Amsterdam', ja: 'Asia/Tokyo', zh: 'Asia/Shanghai', ko: 'Asia/Seoul', hu: 'Europe/Budapest',
  th: 'Asia/Bangkok', vi: 'Asia/Ho_Chi_Minh', el: 'Europe/Athens', tr: 'Europe/Istanbul', he: 'Asia/Jerusalem',
}));

/** Scripts written in one zone: kana (Japan), hangul (Korea), Han alone (UTC+8 everywhere it is written), Thai. */
const SCRIPT_ZONES: [RegExp, string][] = [
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/u, 'Asia/Tokyo'],
  [/\p{Script=Hangul}/u, 'Asia/Seoul'],
  [/\p{Script=Thai}/u, 'Asia/Bangkok'],
  [/\p{Script=Han}/u, 'Asia/Shanghai'],
];

/** A zone written right after a time people read: `6:01 am PT`, `10.30 IST`, `12h55 (BRT)`, `09:00 GMT+8`. */
const ZONE_AFTER_TIME = new RegExp(
  `\\b\\d{1,2}[:.h]\\d{2}(?:\\s*[aApP]\\.?[mM]\\.?)?\\s*\\(?((?:UTC|GMT)\\s?[+-]\\s?\\d{1,2}(?::?\\d{2})?|(?:${ZONE_PATTERN.toUpperCase()})(?![\\p{L}]))`, 'u');

/** How far into the page's text the zone is looked for: bylines sit near the top. */
const TEXT_SCAN = 60_000;

/** Where the page's zone was read and how much it says. */
export interface PageZone {
  /** An IANA zone (summer time through Intl), or a zone abbreviation, or a fixed offset. */
  zone: string | null;
  abbreviation: string | null;
  offset: number | null;
  /** Enough to move a time across midnight: all evidence but the page's language alone. */
  strong: boolean;
  source: string;
}

function writtenZone(text: string): PageZone | null {
  const m = ZONE_AFTER_TIME.exec(text);
  if (!m) return null;
  const written = m[1]!.replace(/\s+/g, '');
  const fixed = numericOffset(written);
  return fixed != null
    ? { zone: null, abbreviation: null, offset: fixed, strong: true, source: 'zone on the page' }
    : { zone: null, abbreviation: written, offset: null, strong: true, source: 'zone on the page' };
}

/** A non-zero offset another date of the page carries (a `<time>` elsewhere, the modified date). */
function offsetElsewhere(page: Page): PageZone | null {
  const values: string[] = [];
  const times = page.doc.getElementsByTagName('time');
  for (let i = 0; i < Math.min(times.length, 30); i++) values.push(times[i]!.getAttribute('datetime') ?? '');
  for (const key of MODIFIED_META) values.push(...(page.meta.get(key) ?? []));
  for (const value of values) {
    const parts = value ? parseMachineDate(value) : null;
    // UTC says nothing: many systems write every time in it, whatever the page's zone.
    if (parts?.offset) return { zone: null, abbreviation: null, offset: parts.offset, strong: true, source: 'offset on the page' };
  }
  return null;
}

/** The script most of the text is written in, when one zone writes it (a few quoted characters do not count). */
function scriptZone(text: string): string | undefined {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  return SCRIPT_ZONES.find(([script]) => {
    const count = text.match(new RegExp(script.source, 'gu'))?.length ?? 0;
    return count > 0 && count >= letters * 0.3;
  })?.[1];
}

function placeZone(page: Page, text: string): PageZone | null {
  const at = (zone: string | undefined, source: string): PageZone | null =>
    zone ? { zone, abbreviation: null, offset: null, strong: source !== 'page language', source } : null;
  const host = page.url?.hostname ?? '';
  const tld = host.slice(host.lastIndexOf('.') + 1).toLowerCase();
  const [language = '', region = ''] = page.lang.split(/[-_]/);
  return at(COUNTRY_ZONES.get(tld), 'country domain')
    ?? at(COUNTRY_ZONES.get(region.toLowerCase()), 'page language and country')
    ?? at(LANGUAGE_ZONES.get(language), 'page language')
    ?? at(scriptZone(`${page.title} ${text.slice(0, 3000)}`), 'page script');
}

/** The page's zone from the strongest evidence it gives; null when nothing on it says. */
export function pageZone(page: Page): PageZone | null {
  const text = readingText(page).text.slice(0, TEXT_SCAN);
  return writtenZone(text) ?? offsetElsewhere(page) ?? placeZone(page, text);
}

/** The page zone's offset at a wall-clock time, or null. */
function offsetAt(found: PageZone, parts: DateParts): number | null {
  const wall = wallMs(parts);
  if (found.offset != null) return found.offset;
  if (found.abbreviation) return abbreviationOffset(found.abbreviation, wall);
  // Intl answers for an instant: the wall time read as UTC, corrected once by the offset found there.
  const first = zoneOffset(found.zone!, wall);
  return first == null ? null : zoneOffset(found.zone!, wall - first * 60_000);
}

/**
 * The article stage's date: as the metadata stage chooses it, then a time without a zone is given
 * the page's zone. A date known to the day only is never shifted; a time with no zone found is dropped.
 */
export function pickDateInZone(candidates: DateCandidate[], modified: DateParts[], now: number, page: Page): PickedDate | null {
  const chosen = chooseDate(candidates, modified, now, shownOverDeclared);
  if (!chosen) return null;
  const { parts } = chosen;
  const found = parts.h != null && !placeholder(parts) ? pageZone(page) : null;
  const offset = found && offsetAt(found, parts);
  if (found && offset != null) {
    // Marked UTC but read on the page as the same wall-clock time, where the page's zone is not
    // UTC: the system that wrote it labelled the local time as UTC.
    if (parts.offset === 0 && offset !== 0 && floatingTwin(chosen, 3)) parts.offset = null;
    // Said by the page or known from its country or script, the zone may move the day; guessed
    // from the language alone, only when the calendar day stays the same.
    if (parts.offset == null && (found.strong || toUtcText({ ...parts, offset }).slice(0, 10) === toUtcText(parts).slice(0, 10))) {
      parts.offset = offset;
      chosen.source += ` + ${found.source}`;
    }
  }
  // No zone known, or one that would move the day on a guess: the day stays, the time goes (a wrong
  // day is worse than no time).
  if (parts.h != null && parts.offset == null) {
    parts.h = null;
    chosen.source += ' (day: no zone)';
  }
  return dateResult(chosen, true);
}
