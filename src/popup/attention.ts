// Why the popup's Details section opens by itself: the fields in it, or the title, that need the person's eye.
import { validateRecord } from '../record/validate.js';
import { codePointLength } from '../record/text.js';
import { EXCERPT_MAX, type LedeRecord } from '../record/types.js';
import { CONTROL_FOR } from '../ui/editor.js';

export interface Attention {
  /** The id of the control to look at. */
  control: string;
  /** An i18n key saying why. */
  reason: string;
}

/**
 * What needs attention in `record` as the popup got it (before the editor cuts an over-long excerpt):
 * an empty title, no date, an excerpt over the cap, and any other problem the validator reports.
 */
export function needsAttention(record: LedeRecord): Attention[] {
  const found: Attention[] = [];
  const add = (control: string, reason: string) => {
    if (!found.some((entry) => entry.control === control)) found.push({ control, reason });
  };
  if (record.title.trim() === '') add('title', 'popupAttentionTitle');
  if (record.publishedDateTime === null) add('published-at', 'popupAttentionNoDate');
  if (codePointLength(record.excerpt) > EXCERPT_MAX) add('excerpt', 'popupAttentionExcerpt');
  for (const problem of validateRecord(record)) {
    const key = (problem.key ?? '').replace(/\[\d+\].*$/, '');
    add(CONTROL_FOR.get(key) ?? CONTROL_FOR.get(key.replace(/\..*$/, '')) ?? 'details', 'popupAttentionProblem');
  }
  return found;
}
