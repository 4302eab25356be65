// Reading written dates: RFC 2822 and day-month-year in several languages, with time and zone.
import { abbreviationOffset, MONTH_BY_NAME, MONTH_PATTERN, ZONE_PATTERN } from './date-words.js';
import { numericOffset, parseMachineDate, validParts as valid, wallMs, type DateParts } from './date-machine.js';

const M = `(?<!\\p{L})(${MONTH_PATTERN})(?!\\p{L})`;
const DAY_MONTH_YEAR = new RegExp(`(?<!\\d)(\\d{1,2})(?:st|nd|rd|th|er|o)?\\.?\\s*(?:de\\s+|of\\s+)?${M}\\.?,?\\s*(?:de\\s+|del\\s+)?(\\d{4})(?!\\d)`, 'u');
const MONTH_DAY_YEAR = new RegExp(`${M}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?!\\d)(?:\\s*,\\s*|\\s+)(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?,?\\s+)?(?:\\d{1,2}:\\d{2}\\s*(?:[ap]\\.?m\\.?)?\\s*,?\\s*)?(\\d{4})(?!\\d)`, 'u');
const CJK = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/;
/** `2019-11-10` or `2019/06/24` or `2019.06.24` inside running text. */
const ISO_IN_TEXT = /(?<![\d./-])((?:19|20)\d{2})([-/.])(\d{1,2})\2(\d{1,2})(?![\d/-]|\.\d)/;
/** `4. 2. 2022`: day and month each followed by a dot and a space. */
const SPACED = /(?<![\d.])(\d{1,2})\. (\d{1,2})\. ?(\d{4})(?!\d)/;
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

/** Text as the patterns read it: accents off, lower case, one space; indices then refer to this text. */
export function normalDateText(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\s+/g, ' ');
}

const day = (y: number, mo: number, d: number): DateParts => ({ y, mo, d, h: null, mi: 0, s: 0, offset: null });

type Form = [RegExp, (m: RegExpExecArray, dayFirst: boolean) => DateParts];

/** Each written form (searched globally) and how its match becomes a day. */
const FORMS: Form[] = ([
  [ISO_IN_TEXT, (m) => day(Number(m[1]), Number(m[3]), Number(m[4]))],
  [CJK, (m) => day(Number(m[1]), Number(m[2]), Number(m[3]))],
  [DAY_MONTH_YEAR, (m) => day(Number(m[3]), MONTH_BY_NAME.get(m[2]!)!, Number(m[1]))],
  [MONTH_DAY_YEAR, (m) => day(Number(m[3]), MONTH_BY_NAME.get(m[1]!)!, Number(m[2]))],
  [SPACED, (m) => day(Number(m[3]), Number(m[2]), Number(m[1]))],
  [NUMERIC, (m, dayFirst) => {
    let [a, b] = [Number(m[1]), Number(m[3])];
    if (m[2] === '.' || dayFirst || a > 12) [a, b] = [b, a];
    return day(fullYear(m[4]!), a, b);
  }],
] as Form[]).map(([re, make]): Form => [new RegExp(re.source, `${re.flags}g`), make]);

/** A date found in a text: its parts and where it stands in the normalised text. */
export interface FoundDate {
  parts: DateParts;
  index: number;
  end: number;
  /** Written as numbers that could be read day-first or month-first (`04/12/2020`). */
  swappable?: boolean;
}

/** The time written inside or right after a found date. */
function withTime(s: string, found: FoundDate): DateParts {
  // A time written in the middle (`March 13, 9:00 PM, 2015`) is read from the date's own text.
  const inner = /(\d{1,2}):(\d{2})\s*([ap])\.?\s?m/.exec(s.slice(found.index, found.end));
  if (inner) {
    let h = Number(inner[1]);
    if (inner[3] === 'p' && h < 12) h += 12;
    if (inner[3] === 'a' && h === 12) h = 0;
    const p = { ...found.parts, h, mi: Number(inner[2]) };
    return valid(p) ? withZone(p, /^\s*([a-z]{2,4})\b/.exec(s.slice(found.end))?.[1]) : found.parts;
  }
  const p = timeAfter(found.parts, s.slice(found.end));
  return valid(p) ? p : found.parts;
}

/** Every written date in a normalised text, in order, overlaps dropped, at most `max`. */
export function datesIn(s: string, max = 20, dayFirst = false): FoundDate[] {
  const all: FoundDate[] = [];
  for (const [re, make] of FORMS) {
    re.lastIndex = 0;
    let count = 0;
    for (let m = re.exec(s); m && count < max * 2; m = re.exec(s), count++) {
      const parts = make(m, dayFirst);
      if (valid(parts)) all.push({ parts, index: m.index, end: m.index + m[0].length, swappable: re === FORMS[5]![0] && (m[2] !== '.' || m[4]!.length === 2) && parts.mo <= 12 && parts.d <= 12 && parts.mo !== parts.d });
    }
  }
  all.sort((a, b) => a.index - b.index || b.end - a.end);
  const out: FoundDate[] = [];
  for (const found of all) {
    if (out.length && found.index < out[out.length - 1]!.end) continue;
    out.push({ ...found, parts: withTime(s, found) });
    if (out.length >= max) break;
  }
  return out;
}

/**
 * Any date text: machine forms first, then the first written date. `dayFirst` says how to read
 * `03/04/2015` when both numbers could be months.
 */
export function parseDateText(text: string, dayFirst = false): DateParts | null {
  if (!text) return null;
  const machine = parseMachineDate(text);
  if (machine) return machine;
  return datesIn(normalDateText(text.slice(0, 300)), 1, dayFirst)[0]?.parts ?? null;
}
