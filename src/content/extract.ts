// Content script injected on a toolbar click: reads this page's record fields with the pure engine.
//
// Contract with the background (src/background/inject.ts):
// - `scripting.executeScript({ files: ['content/extract.js'] })` runs this file in the isolated world.
//   The bundle ends with `globalThis.__ledeExtraction;` (build.mjs adds it), so the result comes back as
//   the script's completion value; it also stays on `globalThis.__ledeExtraction` (out of the page's
//   reach) for a browser that does not return it, and for the later stages to complete.
// - A document that is not HTML (a PDF viewer, an image, plain text) answers `{ notReadable: { contentType } }`
//   and nothing is read, so the background needs no separate round trip to ask first.
// - Otherwise the result is an Extraction plus `needsArticle: true` when the page's metadata left the
//   excerpt, the date or the provider name incomplete; the background then injects `content/article.js`
//   (bylines, datelines, standfirst, first paragraph), which completes the same object in place.
// - When that left `needsReadability: true` (excerpt pending, no standfirst on the page), the
//   background injects `content/readability.js` (Readability only), which completes it once more.
// - `provider.domain` here is the host minus `www.`: the background applies the public suffix list
//   (tldts is too large for this bundle).
import { isReadableContentType, type NotReadable } from '../extract/document-kind.js';
import { extractMetadata, type EngineResult } from '../extract/index.js';

const scope = globalThis as { __ledeExtraction?: EngineResult | NotReadable | { error: string } };
try {
  scope.__ledeExtraction = isReadableContentType(document.contentType)
    ? extractMetadata(document, location.href)
    : { notReadable: { contentType: document.contentType } };
} catch (error) {
  // The background treats anything that is not an Extraction as "no result" and says so.
  scope.__ledeExtraction = { error: error instanceof Error ? error.message : String(error) };
}
