// Content script injected only when needed: fills the excerpt from the article's first paragraph.
// Runs after content/extract.js and completes `globalThis.__ledeExtraction` in place (see there).
import { articleParagraph } from '../extract/article-text.js';
import type { EngineResult } from '../extract/index.js';

const scope = globalThis as { __ledeExtraction?: EngineResult };
const result = scope.__ledeExtraction;
if (result && typeof result === 'object' && result.needsReadability) {
  const paragraph = articleParagraph(document, result.title, result.provider.name ? [result.provider.name] : []);
  if (paragraph) {
    result.excerpt = paragraph;
    result.sources.excerpt = 'readability';
  }
  result.needsReadability = false;
}
