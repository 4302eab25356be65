// The excerpt's limit of 200 code points: the counter's state and how an over-long edit is cut.
import { codePointLength, cutCodePoints } from '../record/text.js';
import { EXCERPT_MAX } from '../record/types.js';

export interface ExcerptCount {
  used: number;
  remaining: number;
  atLimit: boolean;
}

export function excerptCount(text: string, max = EXCERPT_MAX): ExcerptCount {
  const used = codePointLength(text);
  return { used, remaining: Math.max(0, max - used), atLimit: used >= max };
}

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * When an edit took `before` to an `after` over the limit, keeps only as much of the inserted
 * text as fits; returns the value and where the caret goes, or null when `after` fits.
 */
export function limitEdit(before: string, after: string, max = EXCERPT_MAX): { value: string; caret: number } | null {
  if (codePointLength(after) <= max) return null;
  let prefix = 0;
  while (prefix < before.length && prefix < after.length && before[prefix] === after[prefix]) prefix++;
  if (prefix > 0 && isHigh(after.charCodeAt(prefix - 1))) prefix--; // never split a surrogate pair
  let suffix = 0;
  while (suffix < before.length - prefix && suffix < after.length - prefix &&
    before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  if (suffix > 0 && isLow(after.charCodeAt(after.length - suffix))) suffix--;
  const head = after.slice(0, prefix);
  const inserted = after.slice(prefix, after.length - suffix);
  const tail = after.slice(after.length - suffix);
  const room = Math.max(0, max - codePointLength(head) - codePointLength(tail));
  const kept = cutCodePoints(inserted, room);
  // If the kept text alone still does not fit (the old value was already too long), cut the whole.
  const value = cutCodePoints(head + kept + tail, max);
  return { value, caret: Math.min(value.length, head.length + kept.length) };
}
