// Converts between the format's UTC date-times and the local time a datetime-local input shows.
import { formatUtc } from '../record/dates.js';

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** `2023-05-03T12:24:00Z` → `2023-05-03T14:24:00` in Europe/Berlin; '' for null or unreadable text. */
export function utcToLocalInput(utc: string | null): string {
  if (!utc) return '';
  const date = new Date(utc);
  if (Number.isNaN(date.getTime())) return '';
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** A datetime-local value, read as the user's local time, → UTC `YYYY-MM-DDTHH:MM:SSZ`; null when empty or invalid. */
export function localInputToUtc(value: string): string | null {
  const match = LOCAL_INPUT.exec(value.trim());
  if (!match) return null;
  const [y, mo, d, hh, mi, ss] = match.slice(1, 7).map((part) => Number(part ?? 0)) as number[];
  const date = new Date(2000, 0, 1, 0, 0, 0, 0);
  date.setFullYear(y!, mo! - 1, d!); // not the Date constructor, which maps years 0–99 to 1900–1999
  date.setHours(hh!, mi!, ss!, 0);
  if (date.getMonth() !== mo! - 1 || date.getDate() !== d!) return null; // 31 April and the like
  if (Number.isNaN(date.getTime())) return null;
  return formatUtc(date);
}

/** The zone the inputs are shown in, as `UTC+02:00`, for the hint under the field. */
export function localZoneLabel(at: Date = new Date()): string {
  const offset = -at.getTimezoneOffset();
  const sign = offset < 0 ? '−' : '+';
  const abs = Math.abs(offset);
  return `UTC${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
