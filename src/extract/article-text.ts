// The excerpt from the article's text without Readability: a visible standfirst, else the first
// prose paragraph. Readability's own paragraph (readability.ts) ranks between the two.
import { cutCodePoints } from '../record/text.js';
import { isBoilerplate } from './excerpt.js';
import { inFurniture } from './furniture.js';
import { elementText } from './text.js';

/** Pages larger than this are not handed to Readability: its cost grows with the DOM's size… */
export const MAX_ELEMENTS = 15_000;
/** …and with its depth (a page nested thousands deep took minutes); real articles stay far below. */
export const MAX_DEPTH = 200;

/**
 * Whether Readability may run on `doc` at all: one walk, stopped as soon as the tree has more
 * than MAX_ELEMENTS elements or any deeper than MAX_DEPTH. (Not getElementsByTagName('*'):
 * linkedom answers 0 to it, so Node would never skip.)
 */
export function readabilityFits(doc: Document): boolean {
  let el: Element | null = doc.documentElement;
  let count = 0;
  let depth = 0;
  while (el) {
    if (++count > MAX_ELEMENTS || depth > MAX_DEPTH) return false;
    const child: Element | null = el.firstElementChild;
    if (child) {
      el = child;
      depth++;
      continue;
    }
    while (el && !el.nextElementSibling) {
      el = el.parentElement;
      depth--;
    }
    el = el?.nextElementSibling ?? null;
  }
  return true;
}

const SKIP_ANCESTORS = /^(?:NAV|FOOTER|ASIDE|HEADER|FORM|FIGURE|FIGCAPTION|BLOCKQUOTE|LI|TD)$/;
const SKIP_WORDS = /comment|footer|sidebar|related|promo|newsletter|cookie|consent|banner|caption|credit|byline|share|social|subscribe|signup|advert|nav|menu|breadcrumb|author|bio/i;

function skipped(el: Element): boolean {
  return inFurniture(el, SKIP_WORDS, 10, SKIP_ANCESTORS);
}

/** The paragraphs of running prose (full sentences, not captions or promos), first `count` of them. */
function proseParagraphs(root: ParentNode, title: string, siteNames: string[], cleaned: boolean, count: number): string[] {
  const out: string[] = [];
  const paragraphs = root.querySelectorAll('p');
  for (let i = 0; i < Math.min(paragraphs.length, 80) && out.length < count; i++) {
    const p = paragraphs[i]!;
    const text = elementText(p, 3000);
    // Prose ends a sentence (or a citation mark, or leads into a formula with a colon); a long
    // block of text counts as prose even without that.
    const prose = /[.!?。…»"”)！？」:\]]$/.test(text) || text.length >= 120;
    if (text.length < 40 || !prose || isBoilerplate(text, title, siteNames) || notProse(text)) continue;
    if (!cleaned && skipped(p)) continue;
    out.push(text);
  }
  return out;
}

/** The first paragraph of running prose; cheap, no Readability. */
export function firstParagraph(root: ParentNode, title: string, siteNames: string[], cleaned = false): string {
  return cutCodePoints(proseParagraphs(root, title, siteNames, cleaned, 1)[0] ?? '');
}

/** The article's opening, a few paragraphs long: what a description about this article should echo. */
export function openingText(root: ParentNode, title: string, siteNames: string[]): string {
  return proseParagraphs(root, title, siteNames, false, 6).join(' ');
}

/** A credit or caption line: `Photo: Jane Roe/Reuters`, `(AP Photo/…)`, `Image credit: …`, `Getty Images`. */
const CREDIT = /\b(?:photo(?:graph)?s?|image|picture|illustration|video|foto|bild|credit)s?\s*(?:by|credit|courtesy)?\s*[:©]|\((?:AP|AFP|Reuters|EPA)\b[^)]*\)|\bgetty images\b|\bshutterstock\b|\bcourtesy of\b|©/i;
/** A byline: `By Jane Roe and John Doe`, `Par …`, `Por …`, `Von …`. */
const BYLINE = /^(?:by|par|por|von|di|door|av|af)\s+\p{Lu}/u;
/** A date with a time or a weekday, as bylines and datelines write it. */
const DATE_WORDS = /\b(?:19|20)\d{2}\b.*\d{1,2}:\d{2}|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4})?\b/i;

/** A byline/dateline or a caption with its credit, not the article's prose. */
export function notProse(text: string): boolean {
  if (text.length > 300) return false;
  if (CREDIT.test(text)) return true;
  // Bylines and datelines end without finishing a sentence; `By Monday, the council had voted.` is prose.
  if (/[.!?。！？]["”'’)]?$/.test(text)) return false;
  return (BYLINE.test(text) && (text.length < 120 || DATE_WORDS.test(text))) || (DATE_WORDS.test(text) && text.split(/\s+/).length < 16);
}

/** Classes publishers give the standfirst (summary, dek, lede) when no meta description says it. */
const STANDFIRST = '[itemprop="description"]:not(meta), [itemprop="abstract"], .standfirst, .article-summary, .entry-summary, .summary blockquote, .summary p, .dek, .deck, .lede, .subheadline, .sub-headline';

const ELSEWHERE = /comment|related|sidebar|promo|newsletter|teaser|card/i;

/** The page's own visible standfirst, outside furniture; empty when there is none. */
export function standfirst(doc: Document, title: string, siteNames: string[]): string {
  const found = doc.querySelectorAll(STANDFIRST);
  for (let i = 0; i < Math.min(found.length, 5); i++) {
    // A block holding a script is a widget whose code textContent would read as words.
    const text = found[i]!.querySelector('script') ? '' : elementText(found[i], 1000);
    if (text.length < 40 || text.length > 800 || isBoilerplate(text, title, siteNames) || inFurniture(found[i]!, ELSEWHERE)) continue;
    return cutCodePoints(text);
  }
  return '';
}
