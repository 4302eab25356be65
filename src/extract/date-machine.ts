// Reading machine-written dates: ISO 8601, compact ISO and Unix timestamps (the metadata bundle's part).

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

export function validParts(p: DateParts): boolean {
  if (p.y < 1990 || p.y > 2100 || p.mo < 1 || p.mo > 12 || p.d < 1) return false;
  if (p.d > new Date(Date.UTC(p.y, p.mo, 0)).getUTCDate()) return false;
  return p.h == null || (p.h <= 23 && p.mi <= 59 && p.s <= 59);
}

/** Minutes east of UTC for `Z`, `+02:00`, `-0500`, `+01`, `UTC`, `GMT+1`; null for anything else. */
export function numericOffset(zone: string): number | null {
  const z = zone.replace(/\s+/g, '').toLowerCase();
  if (z === 'z' || z === 'utc' || z === 'gmt') return 0;
  const numeric = /^(?:utc|gmt)?([+-])(\d{1,2}):?(\d{2})?$/.exec(z);
  if (!numeric) return null;
  const minutes = Number(numeric[2]) * 60 + Number(numeric[3] ?? 0);
  return minutes > 18 * 60 ? null : (numeric[1] === '-' ? -minutes : minutes);
}

export function wallMs(p: DateParts): number {
  return Date.UTC(p.y, p.mo - 1, p.d, p.h ?? 0, p.mi, p.s);
}

function fromIso(m: RegExpExecArray): DateParts {
  const p: DateParts = {
    y: Number(m[1]), mo: Number(m[2]), d: Number(m[3]),
    h: m[4] == null ? null : Number(m[4]), mi: Number(m[5] ?? 0), s: Number(m[6] ?? 0), offset: null,
  };
  if (m[7] && p.h != null) p.offset = numericOffset(m[7]);
  return p;
}

/** Machine-readable values: ISO 8601, compact ISO, Unix seconds or milliseconds. */
export function parseMachineDate(text: string): DateParts | null {
  const s = text.trim();
  if (/^\d{10}(?:\d{3})?$/.test(s)) {
    const d = new Date(s.length === 10 ? Number(s) * 1000 : Number(s));
    return { y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), mi: d.getUTCMinutes(), s: d.getUTCSeconds(), offset: 0 };
  }
  const m = COMPACT.exec(s) ?? ISO.exec(s.slice(0, 80));
  if (!m) return null;
  const p = fromIso(m);
  return validParts(p) ? p : null;
}

/** The format's UTC text for parts: converted by the offset; floating times and days kept as written. */
export function toUtcText(p: DateParts, dayOnly = false): string {
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  if (dayOnly || p.h == null) return `${pad(p.y, 4)}-${pad(p.mo)}-${pad(p.d)}T00:00:00Z`;
  const ms = wallMs(p) - (p.offset ?? 0) * 60000;
  return new Date(ms).toISOString().slice(0, 19) + 'Z';
}
