// The article's first real paragraph via Readability: run on a copy, only when the page gave no excerpt.
import { Readability } from '@mozilla/readability';
import { firstParagraph } from './excerpt.js';

/** Pages larger than this are not handed to Readability: its cost grows with the DOM. */
const MAX_ELEMENTS = 30_000;

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
