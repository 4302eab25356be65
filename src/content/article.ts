// Content script injected only when the metadata left something pending: the article stage without
// Readability (bylines, datelines, <time>, the page's time zone, the standfirst, the first prose
// paragraph). Runs after content/extract.js and completes `globalThis.__ledeExtraction` in place
// (see there); leaves `needsReadability: true` only when the excerpt still wants Readability.
import { completeWithArticle } from '../extract/article.js';
import type { EngineResult } from '../extract/index.js';

const scope = globalThis as { __ledeExtraction?: EngineResult };
const result = scope.__ledeExtraction;
if (result && typeof result === 'object' && result.needsArticle && result.pending) {
  try {
    completeWithArticle(document, location.href, result);
  } catch {
    // The metadata result stands on its own; the article stage only improves it.
    result.needsArticle = false;
    result.needsReadability = false;
  }
}
