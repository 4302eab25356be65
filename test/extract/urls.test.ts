// Addresses: canonical chosen and cross-checked, tracking parameters removed, other schemes refused.
import { describe, expect, it } from 'vitest';
import { cleanUrl } from '../../src/extract/url.js';
import { page, run } from './helpers.js';

describe('originalUrl and webUrl', () => {
  it('removes tracking parameters and keeps the others', () => {
    expect(cleanUrl('https://example.com/a?id=3&utm_source=x&utm_medium=y&fbclid=z&gclid=q')).toBe('https://example.com/a?id=3');
    expect(cleanUrl('https://example.com/a?utm_campaign=x')).toBe('https://example.com/a');
  });

  it('makes relative addresses absolute and refuses javascript:, data: and garbage', () => {
    expect(cleanUrl('/story', 'https://example.com/x/y')).toBe('https://example.com/story');
    expect(cleanUrl('javascript:alert(1)', 'https://example.com/')).toBeNull();
    expect(cleanUrl(' JaVaScRiPt:alert(1)', 'https://example.com/')).toBeNull();
    expect(cleanUrl('data:text/html,hi', 'https://example.com/')).toBeNull();
    expect(cleanUrl('http://[oops', undefined)).toBeNull();
  });

  it('takes the canonical link, cleans it, and cleans the page address', () => {
    const out = run(page('<link rel="canonical" href="/news/story?utm_source=rss">'), 'https://m.example.com/news/story?utm_medium=social&page=2');
    expect(out.originalUrl).toBe('https://m.example.com/news/story');
    expect(out.webUrl).toBe('https://m.example.com/news/story?page=2');
    expect(out.sources.originalUrl).toBe('canonical link');
  });

  it('skips a javascript: canonical and a canonical pointing at the home page', () => {
    const out = run(page('<link rel="canonical" href="javascript:alert(1)"><meta property="og:url" content="https://example.com/">' +
      '<meta name="twitter:url" content="https://example.com/real-story">'), 'https://example.com/real-story?fbclid=1');
    expect(out.originalUrl).toBe('https://example.com/real-story');
  });
});
