// Where the background has a fetched related page parsed. Chrome's service worker has no DOMParser: its
// offscreen document parses and reads (src/offscreen/related.ts). Firefox's background is a page with a
// window: its own DOMParser, here. Both run src/related/from-document.ts, as `lede related` does over linkedom.
import { documentReader } from '../related/from-document.js';
import type { RelatedReader } from '../related/fetch-related.js';
import { registrableDomain } from './from-extraction.js';
import type { OffscreenDocument } from './offscreen.js';

/** Chrome: the offscreen document parses; asked to start as the fetch starts, so its creation overlaps the network. */
export function offscreenReader(doc: OffscreenDocument): RelatedReader {
  return {
    prepare: () => { void doc.ask('offscreen/ping', {}).catch(() => undefined); },
    headAnswers: async (head, url) => (await doc.ask('related/head-answers', { head, url })).answers,
    entry: (html, url, defaults) => doc.ask('related/read', { html, url, quality: defaults.quality }),
  };
}

/** Firefox: the background page's own DOMParser (inert: its documents run no script and load nothing). */
export function pageReader(): RelatedReader {
  return documentReader((markup) => new DOMParser().parseFromString(markup, 'text/html'), registrableDomain);
}
