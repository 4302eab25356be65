// Content script injected only when the article stage asked for it (`needsReadability`): Mozilla
// Readability's first paragraph for the excerpt. Runs after content/article.js and completes
// `globalThis.__ledeExtraction` in place (see content/extract.ts).
import type { EngineResult } from '../extract/index.js';
import { completeWithReadability } from '../extract/readability.js';

const scope = globalThis as { __ledeExtraction?: EngineResult };
const result = scope.__ledeExtraction;
if (result && typeof result === 'object' && result.needsReadability) {
  try {
    completeWithReadability(document, result);
  } catch {
    // The excerpt the article stage kept stands; Readability only improves it.
    result.needsReadability = false;
  }
}
