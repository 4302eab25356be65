// The article's first real paragraph via Readability: run on a copy, only when the page gave no excerpt.
import { Readability } from '@mozilla/readability';
import { cutCodePoints } from '../record/text.js';
import { isBoilerplate } from './excerpt.js';
import { inFurniture } from './furniture.js';
import { elementText } from './text.js';

/** Pages larger than this are not handed to Readability: its cost grows with the DOM. */
const MAX_ELEMENTS = 15_000;

/**
 * Readability's article on a clone of `doc` (it rewrites the tree it gets), then the first
 * paragraph of running prose in it. Empty when Readability finds no article.
 */
export function articleParagraph(doc: Document, title: string, siteNames: string[]): string {
  try {
    if (doc.getElementsByTagName('*').length > MAX_ELEMENTS) return '';
    const copy = doc.cloneNode(true) as Document;
    // The serializer hands back Readability's element itself: no markup string to parse again.
    const reader = new Readability<Element>(copy, { charThreshold: 200, serializer: (el) => el as Element });
    const article = reader.parse();
    if (!article?.content) return '';
    return firstParagraph(article.content, title, siteNames, true);
  } catch {
    return '';
  }
}

const SKIP_ANCESTORS = /^(?:NAV|FOOTER|ASIDE|HEADER|FORM|FIGURE|FIGCAPTION|BLOCKQUOTE|LI|TD)$/;
const SKIP_WORDS = /comment|footer|sidebar|related|promo|newsletter|cookie|consent|banner|caption|credit|byline|share|social|subscribe|signup|advert|nav|menu|breadcrumb|author|bio/i;

function skipped(el: Element): boolean {
  return inFurniture(el, SKIP_WORDS, 10, SKIP_ANCESTORS);
}

/** The first paragraph of running prose (a full sentence, not a caption or a promo); cheap, no Readability. */
export function firstParagraph(root: ParentNode, title: string, siteNames: string[], cleaned = false): string {
  const paragraphs = root.querySelectorAll('p');
  for (let i = 0; i < Math.min(paragraphs.length, 80); i++) {
    const p = paragraphs[i]!;
    const text = elementText(p, 3000);
    if (text.length < 40 || !/[.!?。…»"”)！？」]$/.test(text) || isBoilerplate(text, title, siteNames)) continue;
    if (!cleaned && skipped(p)) continue;
    return cutCodePoints(text);
  }
  return '';
}
