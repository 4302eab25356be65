// Reading written dates: RFC 2822 and day-month-year in several languages, with time and zone.
import { abbreviationOffset, MONTH_BY_NAME, MONTH_PATTERN, ZONE_PATTERN } from './date-words.js';
import { numericOffset, parseMachineDate, validParts as valid, wallMs, type DateParts } from './date-machine.js';

const M = `(?<![a-z])(${MONTH_PATTERN})(?![a-z])`;
const DAY_MONTH_YEAR = new RegExp(`(?<!\\d)(\\d{1,2})(?:st|nd|rd|th|er|o)?\\.?\\s*(?:de\\s+|of\\s+)?${M}\\.?,?\\s*(?:de\\s+|del\\s+)?(\\d{4})(?!\\d)`);
const MONTH_DAY_YEAR = new RegExp(`${M}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?!\\d)(?:\\s*,\\s*|\\s+)(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?,?\\s+)?(?:\\d{1,2}:\\d{2}\\s*(?:[ap]\\.?m\\.?)?\\s*,?\\s*)?(\\d{4})(?!\\d)`);
const CJK = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/;
const NUMERIC = /(?<![\d./])(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?![\d./])/;
const TIME = new RegExp(`^(?:\\s*(?:[,|@:\\-–—]|(?:at|a las|as|a|um|alle|v|o|kl|in)(?![a-z])\\.?))*\\s*(\\d{1,2})[:h](\\d{2})(?::(\\d{2}))?(?:\\s*h)?\\s*([ap]\\.?\\s?m\\.?)?\\s*(?:\\(?\\s*((?:utc|gmt)\\s*[+-]\\s*\\d{1,2}(?::?\\d{2})?|[+-]\\d{2}:?\\d{2}|(?:${ZONE_PATTERN})(?![a-z]))\\)?)?`);

/** Minutes east of UTC for numeric zones and abbreviations (`EST`, `CEST`, `ET`…); null if unknown. */
export function offsetOf(zone: string, at: number): number | null {
  return numericOffset(zone) ?? abbreviationOffset(zone.replace(/\s+/g, '').toLowerCase(), at);
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

function fullYear(text: string): number {
  const y = Number(text);
  return text.length === 2 ? (y < 70 ? 2000 + y : 1900 + y) : y;
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
