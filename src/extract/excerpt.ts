// The excerpt from metadata: the page's own description unless it is boilerplate or describes the site.
import { cutCodePoints } from '../record/text.js';
import { ldString } from './jsonld.js';
import type { Page } from './page.js';
import { cleanText, squash } from './text.js';
import { titleKey } from './title.js';

/** Texts from a consent banner, a sign-up form or a browser warning, never from an article. */
const BOILERPLATE = /\bcookies?\b|newsletter|sign up|subscribe|(?:enabled?|disabled|requires?) javascript|javascript (?:is )?(?:disabled|required|must)|your browser|all rights reserved|click here|advertisement|privacy policy|terms of (?:use|service)/gi;
/** A server's error printed into the page (PHP's `Warning: … on line 12`): never the article's words. */
const SERVER_ERROR = /\b(?:warning|notice|deprecated|strict standards|fatal error|parse error): .{0,300}? on line \d+/i;
/** Texts that describe the whole site rather than this page. */
const SITE_WIDE = /breaking news|latest news|official (?:site|website)|welcome to|home ?page|(?:web)?site of\b|blog of\b|read (?:the )?latest/i;

const DESCRIPTION_KEYS = ['og:description', 'description', 'twitter:description', 'dc.description', 'dc.description.abstract', 'dcterms.abstract', 'citation_abstract'];

const STOP = new Set(['the', 'a', 'an', 'and', 'or', 'of', 'to', 'in', 'on', 'for', 'with', 'is', 'are', 'at', 'by', 'from']);
function words(text: string): Set<string> {
  return new Set(text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 1 && !STOP.has(w)));
}

/**
 * Boilerplate, or just the headline or the site's name again. `lenient` (for a description, which is
 * written for the article): a banner says it at once or more than once, while an article may say
 * `your browser` once further on.
 */
export function isBoilerplate(text: string, title: string, siteNames: string[], lenient = false): boolean {
  const found = new Set(text.match(BOILERPLATE)?.map((m) => m.toLowerCase()));
  if (SERVER_ERROR.test(text)) return true;
  if (text.length < 25 || (found.size && (!lenient || text.length < 160 || found.size > 1 || text.search(BOILERPLATE) < 100))) return true;
  if (titleKey(text) === titleKey(title)) return true;
  const s = squash(text);
  return siteNames.some((n) => squash(n) === s);
}

/** A description about the site: names it (or says so) and shares no word with the headline. */
function siteWide(text: string, title: string, siteNames: string[]): boolean {
  if (SITE_WIDE.test(text)) return true;
  const s = squash(text);
  return siteNames.some((n) => squash(n).length >= 3 && s.includes(squash(n))) && !sharesWord(text, title);
}

/** Description candidates, in trust order. */
export function descriptions(page: Page): { text: string; source: string }[] {
  const out: { text: string; source: string }[] = [];
  for (const key of DESCRIPTION_KEYS) {
    for (const raw of page.meta.get(key)?.slice(0, 2) ?? []) out.push({ text: cleanText(raw), source: key });
  }
  if (page.article) out.push({ text: cleanText(ldString(page.article['description'], page.ld)), source: 'json-ld description' });
  return out;
}

/** Shares a word with the headline (a description that shares none may be the site's tagline). */
export function sharesWord(text: string, title: string): boolean {
  const titleWords = words(title);
  for (const w of words(text)) if (titleWords.has(w)) return true;
  return false;
}

export function pickDescription(page: Page, title: string, siteNames: string[]): { text: string; source: string; doubtful: boolean } | null {
  for (const d of descriptions(page)) {
    if (d.text && !isBoilerplate(d.text, title, siteNames, true) && !siteWide(d.text, title, siteNames)) {
      return { text: cutCodePoints(d.text), source: d.source, doubtful: !sharesWord(d.text, title) };
    }
  }
  return null;
}
