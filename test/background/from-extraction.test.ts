// A page not yet saved becomes a record: the one builder with the settings' defaults and tldts' domains.
import { describe, expect, it } from 'vitest';
import { recordForPage, registrableDomain, settledExtraction } from '../../src/background/from-extraction.js';
import { validateRecord } from '../../src/record/index.js';
import { defaultSettings, loadSettings } from '../../src/shared/settings.js';
import { sampleExtraction } from './fakes.js';

describe('registrableDomain', () => {
  it.each([
    ['www.businessinsider.com', 'businessinsider.com'],
    ['news.bbc.co.uk', 'bbc.co.uk'],
    ['https://www.theguardian.com/uk', 'theguardian.com'],
    ['user.github.io', 'user.github.io'],
    ['mcupdate.tumblr.com', 'mcupdate.tumblr.com'],
    ['http://stevenhgm.pixnet.net/blog/post/1', 'stevenhgm.pixnet.net'],
    ['localhost', 'localhost'],
    ['127.0.0.1', '127.0.0.1'],
    ['', ''],
  ])('%s → %s', (input, expected) => {
    expect(registrableDomain(input)).toBe(expected);
  });
});

describe('recordForPage', () => {
  it('takes the page values and the defaults from settings', () => {
    const settings = loadSettings({ categories: ['tech', 'news'], defaultCategory: 'tech', defaultQuality: 70, defaultHeat: 3, defaultPublished: true });
    const record = recordForPage(sampleExtraction(), settings);
    expect(record).toEqual({
      category: 'tech',
      title: 'A headline',
      excerpt: 'The standfirst.',
      publishedDateTime: '2024-01-02T03:04:05Z',
      originalUrl: 'https://news.bbc.co.uk/story/1',
      webUrl: 'https://news.bbc.co.uk/story/1?at_medium=RSS',
      type: 'article',
      quality: 70,
      heat: 3,
      published: true,
      provider: { name: 'BBC News', domain: 'bbc.co.uk' },
      topics: [],
      related: [],
      body: '',
    });
    expect(validateRecord(record)).toEqual([]);
  });

  it('fills gaps: provider name from the domain, originalUrl from webUrl, type article, excerpt cut to 200', () => {
    const record = recordForPage(sampleExtraction({
      provider: { name: ' ', domain: 'www.example.co.uk' },
      originalUrl: '',
      webUrl: 'https://www.example.co.uk/a',
      type: '',
      excerpt: 'é'.repeat(250),
    }), defaultSettings);
    expect(record.provider).toEqual({ name: 'example.co.uk', domain: 'example.co.uk' });
    expect(record.originalUrl).toBe('https://www.example.co.uk/a');
    expect(record.type).toBe('article');
    expect([...record.excerpt]).toHaveLength(200);
    expect(record.category).toBe('news');
  });
});

describe('settledExtraction', () => {
  it('takes the publisher from the canonical address when the page was read at a local address', () => {
    const settled = settledExtraction(sampleExtraction({
      originalUrl: 'https://www.harbourlight.example/2026/03/x', webUrl: 'http://127.0.0.1:4000/fixtures/a.html',
      provider: { name: 'Harbour Light', domain: '127.0.0.1' },
    }));
    expect(settled.provider).toEqual({ name: 'Harbour Light', domain: 'harbourlight.example' });
    expect(settled.sources.providerDomain).toBe('canonical url');
  });

  it('falls back to the page address when the canonical one is missing or not a web address', () => {
    expect(settledExtraction(sampleExtraction({ originalUrl: '', webUrl: 'https://www.example.co.uk/a', provider: { name: 'Ex', domain: 'www.example.co.uk' } })).provider)
      .toEqual({ name: 'Ex', domain: 'example.co.uk' });
    expect(settledExtraction(sampleExtraction({ originalUrl: 'not a url', webUrl: 'https://a.b.example.com/x', provider: { name: '', domain: '' } })).provider)
      .toEqual({ name: 'example.com', domain: 'example.com' });
  });
});
