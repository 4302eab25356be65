// The library key: one key per article however its address was written.
import fc from 'fast-check';
import { propertyRuns, propertyTimeout } from '../property-runs.js';
import { describe, expect, it } from 'vitest';
import { normaliseUrl } from '../../src/record/url.js';

describe('normaliseUrl', () => {
  it.each([
    ['HTTPS://WWW.Example.COM/Path/', 'https://example.com/Path'],
    ['https://example.com/a#section', 'https://example.com/a'],
    ['https://example.com/a?utm_source=x&utm_medium=y&b=2&a=1', 'https://example.com/a?a=1&b=2'],
    ['https://example.com/?fbclid=1&gclid=2', 'https://example.com'],
    ['https://example.com', 'https://example.com'],
    ['http://example.com:80/x', 'http://example.com/x'],
    ['https://user:pw@example.com/x', 'https://example.com/x'],
    ['https://example.com/a///', 'https://example.com/a'],
    ['  https://example.com/a  ', 'https://example.com/a'],
    ['https://example.com/a?q=hello%20world', 'https://example.com/a?q=hello+world'],
    ['https://wwwx.example.com/', 'https://wwwx.example.com'],
    ['https://sub.www.example.com/', 'https://sub.www.example.com'],
  ])('%s → %s', (input, expected) => {
    expect(normaliseUrl(input)).toBe(expected);
  });

  it.each(['', 'not a url', 'ftp://example.com/x', 'chrome://settings', 'about:blank', 'file:///tmp/a.html',
    'javascript:alert(1)'])('gives no key for %j', (input) => {
    expect(normaliseUrl(input)).toBe('');
  });

  it('keeps the scheme: http and https are different addresses', () => {
    expect(normaliseUrl('http://example.com/a')).not.toBe(normaliseUrl('https://example.com/a'));
  });

  it('is idempotent and ignores parameter order', () => {
    fc.assert(fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (address) => {
      const once = normaliseUrl(address);
      expect(normaliseUrl(once)).toBe(once);
      const url = new URL(address);
      const reversed = new URLSearchParams([...url.searchParams].reverse());
      url.search = reversed.toString();
      expect(normaliseUrl(url.href)).toBe(normaliseUrl(new URL(address).href));
    }), { numRuns: propertyRuns(300) });
  }, propertyTimeout(30_000));
});
