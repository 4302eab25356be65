// Properties over arbitrary input: extraction never throws and its values keep the format's shape.
import fc from 'fast-check';
import { propertyRuns, propertyTimeout } from '../property-runs.js';
import { describe, expect, it } from 'vitest';
import { cleanText } from '../../src/extract/text.js';
import { cleanUrl } from '../../src/extract/url.js';
import { codePointLength, isCanonicalDateTime, isWebUrl } from '../../src/record/index.js';
import { run } from './helpers.js';

const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/;
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

describe('extraction properties', () => {
  it('cleanText gives one trimmed line without tags or invisible characters', () => {
    // Pieces that exercise each rule: markup, entities, bidi controls, zero-width characters, whitespace.
    const piece = fc.constantFrom('a', 'é', ' ', '\n', '\t', '\u200B', '\u202E', '\u2066', '\uFEFF', '<b>', '</i>', '&amp;', '&#8217;', '&#x202E;');
    const dirty = fc.array(fc.oneof(piece, fc.string({ maxLength: 5 })), { maxLength: 60 }).map((parts) => parts.join(''));
    fc.assert(fc.property(dirty, (s) => {
      const out = cleanText(s);
      expect(out).toBe(out.trim());
      expect(out).not.toMatch(/[\n\r\t]|\s{2}/);
      expect(out).not.toMatch(INVISIBLE);
    }), { numRuns: propertyRuns(300) });
  }, propertyTimeout(30_000));

  it('cleanUrl returns only absolute http(s) addresses without tracking parameters', () => {
    fc.assert(fc.property(fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.string()), (s) => {
      const out = cleanUrl(s, 'https://example.com/base/');
      if (out === null) return;
      expect(isWebUrl(out)).toBe(true);
      expect(out).not.toMatch(/[?&](?:utm_[a-z]*|fbclid|gclid)=/i);
    }), { numRuns: propertyRuns(300) });
  }, propertyTimeout(30_000));

  it('any values in the common tags give a record-shaped result and no exception', () => {
    const text = fc.string({ maxLength: 400 });
    fc.assert(fc.property(text, text, text, text, text, (title, description, date, canonical, json) => {
      const html = `<html><head><title>${escape(title)}</title><meta property="og:title" content="${escape(title)}">` +
        `<meta name="description" content="${escape(description)}"><meta property="article:published_time" content="${escape(date)}">` +
        `<link rel="canonical" href="${escape(canonical)}"><script type="application/ld+json">${json.replace(/</g, '')}</script></head>` +
        `<body><h1>${escape(title)}</h1><p>${escape(description)}</p></body></html>`;
      const out = run(html, 'https://example.com/a?utm_source=x');
      expect(out.title).not.toMatch(INVISIBLE);
      expect(codePointLength(out.excerpt)).toBeLessThanOrEqual(200);
      expect(out.publishedDateTime === null || isCanonicalDateTime(out.publishedDateTime)).toBe(true);
      expect(isWebUrl(out.originalUrl)).toBe(true);
      expect(out.webUrl).toBe('https://example.com/a');
    }), { numRuns: propertyRuns(150) });
  }, propertyTimeout(30_000));
});
