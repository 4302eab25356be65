// Dates people read on the page: marked-up times, bylines, datelines, the title and the address.
import { besideHeadline, labelledDate } from './date-beside.js';
import { addCandidate, modifiedDates, type DateCandidate } from './date-declared.js';
import { relativeBeside } from './date-relative.js';
import { parseMachineDate } from './date-machine.js';
import { parseDateText } from './date-text.js';
import { headlineWrappers, inFurniture, walkElements } from './furniture.js';
import type { Page } from './page.js';
import { cleanText } from './text.js';

/** Class or id words of elements that show a byline date. */
const DATE_HINT = /(?:^|[-_\s])(?:posted|postdate|byline|dateline|datum|fecha|data|entry-meta|post-meta|article-meta|meta|info)(?:[-_\s]|$)|date|time|publi/i;
const NOT_PUBLISHED = /updat|modif|edited|comment|reply|related|recommend|reference|citation|sidebar|footer|weather|calendar|event|promo|newsletter/i;
const MODIFIED_WORDS = /updated|modified|last edit|mis à jour|mise à jour|actualizad|atualizad|aktualizov|aktualisiert|aggiornat|bijgewerkt/i;
const POSTED = /^\s*(?:posted|published|publi[ée]|publicad|publicat|veröffentlicht|pubblicat|vydáno|zveřejněno|written|by\s)/i;
const LEAF_TAGS = /^(?:P|DIV|SPAN|SMALL|EM|LI|TD)$/;
const MAX_SCAN_ELEMENTS = 6000;
const MAX_VISIBLE = 12;

let wrappers: Set<Element> | undefined;
function excluded(el: Element): boolean {
  return inFurniture(el, NOT_PUBLISHED, 14, undefined, wrappers);
}

/** Elements marked up as the publication date: itemprop, time[pubdate], time[datetime]. */
function fromMarkup(page: Page, out: DateCandidate[]): void {
  const marked = page.doc.querySelectorAll('[itemprop="datePublished"], [itemprop="dateCreated"], time[pubdate], [pubdate]');
  for (let i = 0; i < Math.min(marked.length, 10); i++) {
    const el = marked[i]!;
    if (el.tagName === 'META') continue; // already read with the meta tags
    const value = el.getAttribute('datetime') ?? el.getAttribute('content') ?? el.getAttribute('pubdate') ?? el.textContent;
    addCandidate(out, parseDateText, value, el.getAttribute('itemprop') === 'dateCreated' ? 'itemprop dateCreated' : 'itemprop datePublished', 2);
  }
  const micro = page.doc.querySelectorAll('.published[title], .dt-published, abbr.published');
  for (let i = 0; i < Math.min(micro.length, 5); i++) {
    const el = micro[i]!;
    if (!excluded(el)) addCandidate(out, parseDateText, el.getAttribute('datetime') ?? el.getAttribute('title') ?? el.textContent, 'microformat published', 3);
  }
  const times = page.doc.getElementsByTagName('time');
  let seen = 0;
  for (let i = 0; i < Math.min(times.length, 30) && seen < 3; i++) {
    const el = times[i]!;
    const around = `${el.getAttribute('class') ?? ''} ${el.parentElement?.textContent?.slice(0, 200) ?? ''}`;
    if (excluded(el) || MODIFIED_WORDS.test(around)) continue;
    seen++;
    const datetime = el.getAttribute('datetime');
    if (datetime) addCandidate(out, parseDateText, datetime, '<time datetime>', 3);
    else addCandidate(out, parseDateText, el.textContent, '<time>', 3);
  }
}

/** Bylines and datelines people read: short texts in date-ish elements, outside comments. */
function fromVisible(page: Page, out: DateCandidate[]): void {
  const body = page.doc.body;
  if (!body) return;
  let found = 0;
  for (const el of walkElements(body, MAX_SCAN_ELEMENTS)) {
    if (found >= MAX_VISIBLE) break;
    const words = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
    const hinted = words.length >= 3 && words.length <= 200 && DATE_HINT.test(words) && !NOT_PUBLISHED.test(words);
    // Unmarked lines that say so: `Posted by … on 2019-02-15`; only the leading text is read.
    const lead = el.firstChild;
    const said = !hinted && lead?.nodeType === 3 && LEAF_TAGS.test(el.tagName) && POSTED.test((lead.nodeValue ?? '').slice(0, 40));
    if (!hinted && !said) continue;
    const raw = el.textContent ?? '';
    if (raw.length > 400 || raw.length < 6) continue;
    const text = cleanText(raw);
    if (MODIFIED_WORDS.test(text) && !/published|publi|posted|veröffentlicht|publicad|vydáno/i.test(text)) continue;
    const parts = parseDateText(text);
    if (!parts || excluded(el)) continue;
    out.push({ parts, source: 'byline', rank: 3 });
    found++;
  }
}

/** A news dateline opening the first paragraphs: `WASHINGTON, Feb. 23, 2015 -- …`. */
function fromDateline(page: Page, out: DateCandidate[]): void {
  const paragraphs = page.doc.querySelectorAll('p');
  for (let i = 0; i < Math.min(paragraphs.length, 60); i++) {
    const head = (paragraphs[i]!.textContent ?? '').slice(0, 90);
    const m = /^\s*(?:[\p{Lu}][\p{Lu}\s.,'-]{1,40},\s*)?([^\n]{6,40}?)\s*(?:--|—|–)\s/u.exec(head);
    const parts = m ? parseDateText(m[1]!) : null;
    if (parts) {
      out.push({ parts, source: 'dateline', rank: 3 });
      return;
    }
  }
}

/** A day written in the title (`… - 07.12.2017 - Site`): four-digit years only. */
function fromTitle(page: Page, out: DateCandidate[]): void {
  const m = /(?<![\d./])(\d{1,2})[./](\d{1,2})[./]((?:19|20)\d{2})(?![\d./])|(?:19|20)\d{2}-\d{2}-\d{2}/.exec(page.title);
  if (!m) return;
  const parts = parseDateText(m[0]);
  if (parts) out.push({ parts: { ...parts, h: null }, source: '<title>', rank: 4 });
}

/** `/2015/03/18/` or `20150220` in the address: a day, the weakest evidence. */
export function fromUrl(page: Page, out: DateCandidate[]): void {
  const path = page.url?.pathname ?? '';
  // Article ids that start with the day (`?a=20170309-35097838`) count too.
  const query = page.url?.search ?? '';
  const m = /\/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:\/|-|$)/.exec(path)
    ?? /(?:^|[/_-])((?:19|20)\d{2})(\d{2})(\d{2})(?:[/_.-]|$)/.exec(path)
    ?? /[=]((?:19|20)\d{2})(\d{2})(\d{2})(?:[_.-]|&|$)/.exec(query);
  if (!m) return;
  const parts = parseMachineDate(`${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`);
  if (parts) out.push({ parts, source: 'url', rank: 4 });
}

/**
 * Every date the page shows, in reading order within each kind. The fallbacks (a labelled date
 * anywhere, a dateline, a relative date) are read only when nothing before them can win: with
 * `declared` (the page declares a date) or an earlier candidate, they could not change the choice.
 */
export function visibleDates(page: Page, title = '', declared = false): DateCandidate[] {
  const out: DateCandidate[] = [];
  wrappers = headlineWrappers(page.doc);
  fromMarkup(page, out);
  const beside = besideHeadline(page, title);
  if (beside) out.push(beside);
  fromVisible(page, out);
  if (!declared && !out.length) {
    const labelled = labelledDate(page, title);
    if (labelled) out.push(labelled);
    else fromDateline(page, out);
  }
  fromUrl(page, out);
  fromTitle(page, out);
  const relative = !declared && !out.length ? relativeBeside(page, title, modifiedDates(page)) : null;
  if (relative) out.push(relative);
  return out;
}
