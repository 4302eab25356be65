// The engine's last stage, only for the excerpt: Mozilla Readability's first paragraph of the article.
// Kept apart so that only content/readability.js and the Node path bundle Readability (57 KB).
import { Readability } from '@mozilla/readability';
import { firstParagraph, readabilityFits } from './article-text.js';
import type { EngineResult } from './index.js';

/**
 * Readability's article on a clone of `doc` (it rewrites the tree it gets), then the first
 * paragraph of running prose in it. Empty when Readability finds no article.
 */
export function articleParagraph(doc: Document, title: string, siteNames: string[]): string {
  try {
    if (!readabilityFits(doc)) return '';
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

/**
 * Runs after completeWithArticle when it left `needsReadability`: Readability's paragraph replaces
 * the first-paragraph fallback that stage kept (it ranks above it); none found, the fallback stays.
 */
export function completeWithReadability(doc: Document, result: EngineResult): void {
  if (result.needsReadability) {
    const paragraph = articleParagraph(doc, result.title, result.provider.name ? [result.provider.name] : []);
    if (paragraph) {
      result.excerpt = paragraph;
      result.sources.excerpt = 'readability';
    }
  }
  result.needsReadability = false;
}
