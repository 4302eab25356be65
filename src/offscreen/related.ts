// Related entries in the offscreen document: the page the background fetched, parsed with this window's
// DOMParser (a service worker has none) and read by the same engine and builder as `lede related`.
import { registrableDomain } from '../extract/public-suffix.js';
import { documentReader } from '../related/from-document.js';
import type { OffscreenHandlers } from '../shared/offscreen-messages.js';

// Inert: a DOMParser document runs no script and loads nothing.
const reader = documentReader((markup) => new DOMParser().parseFromString(markup, 'text/html'), registrableDomain);

export const relatedHandlers: Pick<OffscreenHandlers, 'related/head-answers' | 'related/read'> = {
  'related/head-answers': async ({ head, url }) => ({ answers: await reader.headAnswers(head, url) }),
  'related/read': async ({ html, url, quality }) => reader.entry(html, url, { quality }),
};
