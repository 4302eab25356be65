// Whether a date the metadata made certain (a declared time with its zone) still has to be chosen
// again: only when the page shows another day beside its headline (date-trust.ts's one exception).
import { besideHeadline, shownOverDeclared } from './date-beside.js';
import { declaredDates, modifiedDates } from './date-declared.js';
import { chooseDate } from './date-pick.js';
import { parseDateText } from './date-text.js';
import { fromUrl } from './date-visible.js';
import type { Page } from './page.js';

export function headlineOverturns(page: Page, title: string, now: number): boolean {
  const beside = besideHeadline(page, title);
  if (!beside) return false;
  const candidates = [...declaredDates(page, parseDateText), beside];
  fromUrl(page, candidates);
  // The choice the full reading would make among these: the shown day wins, or it does not.
  return chooseDate(candidates, modifiedDates(page), now, shownOverDeclared)?.source.startsWith(beside.source) ?? true;
}
