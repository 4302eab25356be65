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
    const article = new Readability(copy, { charThreshold: 200 }).parse();
    if (!article?.content) return '';
    const holder = copy.createElement('div');
    // Readability's output is already sanitised markup from the page itself, read only here.
    holder.innerHTML = article.content;
    return firstParagraph(holder, title, siteNames, true);
  } catch {
    return '';
  }
}
