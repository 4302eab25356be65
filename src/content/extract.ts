// Content script injected on a toolbar click: reads this page's record fields with the pure engine.
//
// Contract with the background (src/background/inject.ts):
// - `scripting.executeScript({ files: ['content/extract.js'] })` runs this file in the isolated world;
//   it leaves the result on `globalThis.__ledeExtraction` (the page's own scripts cannot see it).
// - `executeScript({ func: () => globalThis.__ledeExtraction })` then fetches it: an Extraction plus
//   `needsArticle: true` when the page's metadata left the excerpt, the date or the provider name
//   incomplete; the background then injects `content/article.js` (bylines, datelines, standfirst,
//   first paragraph), which completes the same object in place, and reads it again.
// - When that left `needsReadability: true` (excerpt pending, no standfirst on the page), the
//   background injects `content/readability.js` (Readability only), which completes it once more.
// - `provider.domain` here is the host minus `www.`: the background applies the public suffix list
//   (tldts is too large for this bundle).
import { extractMetadata, type EngineResult } from '../extract/index.js';

const scope = globalThis as { __ledeExtraction?: EngineResult | { error: string } };
try {
  scope.__ledeExtraction = extractMetadata(document, location.href);
} catch (error) {
  // The background treats anything that is not an Extraction as "no result" and says so.
  scope.__ledeExtraction = { error: error instanceof Error ? error.message : String(error) };
}
