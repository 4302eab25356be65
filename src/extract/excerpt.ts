// The excerpt from metadata: the page's own description unless it is boilerplate or describes the site.
import { cutCodePoints } from '../record/text.js';
import { ldString } from './jsonld.js';
import type { Page } from './page.js';
import { cleanText, elementText, squash } from './text.js';
import { titleKey } from './title.js';

/** Texts from a consent banner, a sign-up form or a browser warning, never from an article. */
const BOILERPLATE = /\bcookies?\b|newsletter|sign up|subscribe|(?:enable|enabled|disabled|requires?) javascript|javascript (?:is )?(?:disabled|required|must be)|your browser|all rights reserved|click here|advertisement|privacy policy|terms of (?:use|service)/i;
/** Texts that describe the whole site rather than this page. */
const SITE_WIDE = /breaking news|latest news|official (?:site|website)|welcome to|home ?page|(?:web)?site of\b|blog of\b|read (?:the )?latest/i;

const DESCRIPTION_KEYS = ['og:description', 'description', 'twitter:description', 'dc.description'];

const STOP = new Set(['the', 'a', 'an', 'and', 'or', 'of', 'to', 'in', 'on', 'for', 'with', 'is', 'are', 'at', 'by', 'from']);
function words(text: string): Set<string> {
  return new Set(text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 1 && !STOP.has(w)));
}

export function isBoilerplate(text: string, title: string, siteNames: string[]): boolean {
  if (text.length < 25 || BOILERPLATE.test(text)) return true;
  if (titleKey(text) === titleKey(title)) return true;
  const s = squash(text);
  return siteNames.some((n) => squash(n) === s);
}

/** A description about the site: names it (or says so) and shares no word with the headline. */
function siteWide(text: string, title: string, siteNames: string[]): boolean {
  if (SITE_WIDE.test(text)) return true;
  const s = squash(text);
  if (!siteNames.some((n) => squash(n).length >= 3 && s.includes(squash(n)))) return false;
  const titleWords = words(title);
  for (const w of words(text)) if (titleWords.has(w)) return false;
  return true;
}

/** Description candidates, in trust order. */
function descriptions(page: Page): { text: string; source: string }[] {
  const out: { text: string; source: string }[] = [];
  for (const key of DESCRIPTION_KEYS) {
    for (const raw of page.meta.get(key)?.slice(0, 2) ?? []) out.push({ text: cleanText(raw), source: key });
  }
  if (page.article) out.push({ text: cleanText(ldString(page.article['description'], page.ld)), source: 'json-ld description' });
  const itemprop = page.doc.querySelector('[itemprop="description"]');
  if (itemprop && itemprop.tagName !== 'META') out.push({ text: elementText(itemprop, 1000), source: 'itemprop description' });
  return out;
}

export function pickDescription(page: Page, title: string, siteNames: string[]): { text: string; source: string } | null {
  for (const d of descriptions(page)) {
    if (d.text && !isBoilerplate(d.text, title, siteNames) && !siteWide(d.text, title, siteNames)) {
      return { text: cutCodePoints(d.text), source: d.source };
    }
  }
  return null;
}
