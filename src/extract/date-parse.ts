// Reading one date text: ISO 8601, timestamps, RFC 2822 and written dates in several languages.
import { abbreviationOffset, MONTH_BY_NAME, MONTH_PATTERN, ZONE_PATTERN } from './date-words.js';

/** A date as the page wrote it: wall-clock fields plus the offset when the page gave one. */
export interface DateParts {
  y: number;
  mo: number;
  d: number;
  /** null when the text gives only a day. */
  h: number | null;
  mi: number;
  s: number;
  /** Minutes east of UTC; null when the text gives no zone. */
  offset: number | null;
}

const ISO = /(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:(?:T|\s+|\s*,\s*)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z\b|[+-]\d{2}(?::?\d{2})?\b|(?:UTC|GMT)\b)?)?/i;
const COMPACT = /^(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?(Z|[+-]\d{4})?$/;
const M = `(?<![a-z])(${MONTH_PATTERN})(?![a-z])`;
const DAY_MONTH_YEAR = new RegExp(`(?<!\\d)(\\d{1,2})(?:st|nd|rd|th|er|o)?\\.?\\s*(?:de\\s+|of\\s+)?${M}\\.?,?\\s*(?:de\\s+|del\\s+)?(\\d{4})(?!\\d)`);
const MONTH_DAY_YEAR = new RegExp(`${M}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?!\\d)(?:\\s*,\\s*|\\s+)(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?,?\\s+)?(?:\\d{1,2}:\\d{2}\\s*(?:[ap]\\.?m\\.?)?\\s*,?\\s*)?(\\d{4})(?!\\d)`);
const CJK = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/;
const NUMERIC = /(?<![\d.\/])(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?![\d.\/])/;
const TIME = new RegExp(`^(?:\\s*(?:[,|@:\\-–—]|(?:at|a las|as|a|um|alle|v|o|kl|in)(?![a-z])\\.?))*\\s*(\\d{1,2})[:h](\\d{2})(?::(\\d{2}))?(?:\\s*h)?\\s*([ap]\\.?\\s?m\\.?)?\\s*(?:\\(?\\s*((?:utc|gmt)\\s*[+-]\\s*\\d{1,2}(?::?\\d{2})?|[+-]\\d{2}:?\\d{2}|(?:${ZONE_PATTERN})(?![a-z]))\\)?)?`);

function valid(p: DateParts): boolean {
  if (p.y < 1990 || p.y > 2100 || p.mo < 1 || p.mo > 12 || p.d < 1) return false;
  if (p.d > new Date(Date.UTC(p.y, p.mo, 0)).getUTCDate()) return false;
  return p.h == null || (p.h <= 23 && p.mi <= 59 && p.s <= 59);
}

/** Minutes east of UTC for `Z`, `+02:00`, `-0500`, `+01`, `UTC`, `GMT+1`, `EST`…; null if unknown. */
export function offsetOf(zone: string, wallMs: number): number | null {
  const z = zone.replace(/\s+/g, '').toLowerCase();
  const numeric = /^(?:utc|gmt)?([+-])(\d{1,2}):?(\d{2})?$/.exec(z);
  if (numeric) {
    const minutes = Number(numeric[2]) * 60 + Number(numeric[3] ?? 0);
    return minutes > 18 * 60 ? null : (numeric[1] === '-' ? -minutes : minutes);
  }
  return abbreviationOffset(z, wallMs);
}

export function wallMs(p: DateParts): number {
  return Date.UTC(p.y, p.mo - 1, p.d, p.h ?? 0, p.mi, p.s);
}

function withZone(p: DateParts, zone: string | undefined): DateParts {
  if (zone && p.h != null) p.offset = offsetOf(zone, wallMs(p));
  return p;
}

/** Reads a time (and zone) written right after a date. */
function timeAfter(p: DateParts, rest: string): DateParts {
  const t = TIME.exec(rest.slice(0, 60));
  if (!t) return p;
  let h = Number(t[1]);
  const meridiem = t[4]?.[0];
  if (meridiem) {
    if (h > 12 || h === 0) return p;
    if (meridiem === 'p' && h < 12) h += 12;
    if (meridiem === 'a' && h === 12) h = 0;
  }
  return withZone({ ...p, h, mi: Number(t[2]), s: Number(t[3] ?? 0) }, t[5]);
}

function fromIso(m: RegExpExecArray): DateParts {
  const p: DateParts = {
    y: Number(m[1]), mo: Number(m[2]), d: Number(m[3]),
    h: m[4] == null ? null : Number(m[4]), mi: Number(m[5] ?? 0), s: Number(m[6] ?? 0), offset: null,
  };
  return withZone(p, m[7]);
}

function fullYear(text: string): number {
  const y = Number(text);
  return text.length === 2 ? (y < 70 ? 2000 + y : 1900 + y) : y;
}

/** Machine-readable values: ISO 8601, compact ISO, Unix seconds or milliseconds. */
export function parseMachineDate(text: string): DateParts | null {
  const s = text.trim();
  if (/^\d{10}(?:\d{3})?$/.test(s)) {
    const d = new Date(s.length === 10 ? Number(s) * 1000 : Number(s));
    return { y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), mi: d.getUTCMinutes(), s: d.getUTCSeconds(), offset: 0 };
  }
  const compact = COMPACT.exec(s);
  if (compact) {
    const p = fromIso(compact);
    return valid(p) ? p : null;
  }
  const iso = ISO.exec(s.slice(0, 80));
  if (iso) {
    const p = fromIso(iso);
    return valid(p) ? p : null;
  }
  return null;
}

/**
 * Any date text: machine forms first, then written dates. `dayFirst` says how to read `03/04/2015`
 * when both numbers could be months.
 */
export function parseDateText(text: string, dayFirst = false): DateParts | null {
  if (!text) return null;
  const machine = parseMachineDate(text);
  if (machine) return machine;
  const s = text.slice(0, 300).normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\s+/g, ' ');
  const tries: [RegExp, (m: RegExpExecArray) => DateParts][] = [
    [CJK, (m) => ({ y: Number(m[1]), mo: Number(m[2]), d: Number(m[3]), h: null, mi: 0, s: 0, offset: null })],
    [DAY_MONTH_YEAR, (m) => ({ y: Number(m[3]), mo: MONTH_BY_NAME.get(m[2]!)!, d: Number(m[1]), h: null, mi: 0, s: 0, offset: null })],
    [MONTH_DAY_YEAR, (m) => ({ y: Number(m[3]), mo: MONTH_BY_NAME.get(m[1]!)!, d: Number(m[2]), h: null, mi: 0, s: 0, offset: null })],
    [NUMERIC, (m) => {
      let [a, b] = [Number(m[1]), Number(m[3])];
      if (m[2] === '.' || dayFirst || a > 12) [a, b] = [b, a];
      return { y: fullYear(m[4]!), mo: a, d: b, h: null, mi: 0, s: 0, offset: null };
    }],
  ];
  let best: { p: DateParts; index: number; end: number } | null = null;
  for (const [re, make] of tries) {
    const m = re.exec(s);
    if (!m) continue;
    const p = make(m);
    if (valid(p) && (!best || m.index < best.index)) best = { p, index: m.index, end: m.index + m[0].length };
  }
  if (!best) return null;
  // A time written in the middle (`March 13, 9:00 PM, 2015`) is read from the date's own text.
  const inner = /(\d{1,2}):(\d{2})\s*([ap])\.?\s?m/.exec(s.slice(best.index, best.end));
  if (inner) {
    let h = Number(inner[1]);
    if (inner[3] === 'p' && h < 12) h += 12;
    if (inner[3] === 'a' && h === 12) h = 0;
    const p = { ...best.p, h, mi: Number(inner[2]) };
    return valid(p) ? withZone(p, /^\s*([a-z]{2,4})\b/.exec(s.slice(best.end))?.[1]) : best.p;
  }
  const p = timeAfter(best.p, s.slice(best.end));
  return valid(p) ? p : best.p;
}

/** The format's UTC text for parts: converted by the offset; floating times and days kept as written. */
export function toUtcText(p: DateParts, dayOnly = false): string {
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  if (dayOnly || p.h == null) return `${pad(p.y, 4)}-${pad(p.mo)}-${pad(p.d)}T00:00:00Z`;
  const ms = wallMs(p) - (p.offset ?? 0) * 60000;
  return new Date(ms).toISOString().slice(0, 19) + 'Z';
}
