// Date-times of the format: UTC to the second, `YYYY-MM-DDTHH:MM:SSZ`.

const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const DAY_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
// ISO 8601 date-time with a zone (Z or ±HH:MM / ±HHMM), optional seconds and fraction.
const WITH_ZONE =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})$/i;
// A date-time with no zone at all: read as UTC so that the calendar day never shifts.
const NO_ZONE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?$/;

export function isCanonicalDateTime(value: string): boolean {
  return CANONICAL.test(value) && formatUtc(new Date(value)) === value;
}

export function formatUtc(date: Date): string {
  return date.toISOString().slice(0, 19) + 'Z';
}

/** Days in month `m` (1–12) of year `y`, by the proleptic Gregorian rule (years 0–99 included). */
function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

function validDate(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/**
 * Normalises an ISO 8601 date or date-time to the format's UTC form; null when the text is
 * not one. A day alone is that day at midnight UTC; a time without a zone is taken as UTC.
 */
export function normaliseDateTime(text: string): string | null {
  const value = text.trim();
  const day = DAY_ONLY.exec(value);
  if (day) {
    const [y, m, d] = [Number(day[1]), Number(day[2]), Number(day[3])];
    return validDate(y, m, d) ? `${day[1]}-${day[2]}-${day[3]}T00:00:00Z` : null;
  }
  const zoned = WITH_ZONE.exec(value) ?? NO_ZONE.exec(value);
  if (!zoned) return null;
  const [y, mo, d, h, mi, s] = zoned.slice(1, 7).map((part) => Number(part ?? 0)) as number[];
  if (!validDate(y!, mo!, d!) || h! > 23 || mi! > 59 || s! > 59) return null;
  let offsetMinutes = 0;
  const zone = zoned[7];
  if (zone && zone.toUpperCase() !== 'Z') {
    const digits = zone.replace(':', '');
    const sign = digits.startsWith('-') ? -1 : 1;
    offsetMinutes = sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
    if (Math.abs(offsetMinutes) > 18 * 60) return null;
  }
  const date = new Date(0);
  date.setUTCFullYear(y!, mo! - 1, d!); // not Date.UTC, which maps years 0–99 to 1900–1999
  date.setUTCHours(h!, mi! - offsetMinutes, s!, 0);
  const year = date.getUTCFullYear();
  return year < 0 || year > 9999 ? null : formatUtc(date);
}
