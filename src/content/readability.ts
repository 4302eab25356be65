// Content script injected only when needed: completes the excerpt, date and provider from the article.
// Runs after content/extract.js and completes `globalThis.__ledeExtraction` in place (see there).
import { completeWithArticle } from '../extract/article.js';
import type { EngineResult } from '../extract/index.js';

const scope = globalThis as { __ledeExtraction?: EngineResult };
const result = scope.__ledeExtraction;
if (result && typeof result === 'object' && result.needsReadability && result.pending) {
  try {
    completeWithArticle(document, location.href, result);
  } catch {
    // The metadata result stands on its own; the article stage only improves it.
    result.needsReadability = false;
  }
}
