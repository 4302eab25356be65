// The one record builder shared by `lede extract` and the extension: same record from the same extraction.
import { describe, expect, it } from 'vitest';
import { recordOf } from '../../src/cli/extract.js';
import { recordForPage } from '../../src/background/from-extraction.js';
import { registrableDomain } from '../../src/extract/node.js';
import { recordFromExtraction, settleProvider, type RecordDefaults } from '../../src/extract/to-record.js';
import type { Extraction } from '../../src/extract/types.js';
import { validateRecord } from '../../src/record/index.js';
import { defaultSettings } from '../../src/shared/settings.js';

const defaults: RecordDefaults = { category: 'news', quality: 50, heat: -1, published: false, registrableDomain };

function extraction(overrides: Partial<Extraction> = {}): Extraction {
  return {
    title: 'A headline', excerpt: 'What happened.', publishedDateTime: '2024-01-02T03:04:00Z',
    originalUrl: 'https://www.example.com/a', webUrl: 'https://www.example.com/a', type: 'article',
    provider: { name: 'Example News', domain: 'example.com' }, images: [], suggestedTopics: [],
    sources: { providerName: 'og:site_name' }, ...overrides,
  };
}

describe('recordFromExtraction', () => {
  it('gives the CLI and the extension (default settings) the same record', () => {
    const cases = [
      extraction(),
      extraction({ title: '', excerpt: '', originalUrl: '', provider: { name: '', domain: 'example.com' }, sources: {} }),
      extraction({ webUrl: 'https://www.msn.com/en-us/x', originalUrl: 'https://www.businessinsider.com/x', provider: { name: 'MSN', domain: 'msn.com' } }),
      extraction({ excerpt: `${'word '.repeat(39)}end and more` }),
    ];
    for (const c of cases) expect(recordOf(c)).toEqual(recordForPage(c, defaultSettings));
  });

  it('titles an empty page by its address, so the record is valid', () => {
    const record = recordFromExtraction(extraction({ title: ' ' }), defaults);
    expect(record.title).toBe('https://www.example.com/a');
    expect(validateRecord(record)).toEqual([]);
  });

  it('never ends an excerpt cut at the cap on a space', () => {
    const text = `${'a'.repeat(199)} rest of the sentence`;
    const record = recordFromExtraction(extraction({ excerpt: text }), defaults);
    expect(record.excerpt).toBe('a'.repeat(199));
  });
});

describe('settleProvider', () => {
  it('keeps name and domain of the host read when the page names that host (syndication)', () => {
    expect(settleProvider(extraction({ webUrl: 'https://www.msn.com/en-us/x', originalUrl: 'https://www.businessinsider.com/x', provider: { name: 'MSN', domain: 'msn.com' } }), registrableDomain))
      .toEqual({ name: 'MSN', domain: 'msn.com', source: 'public suffix list' });
  });

  it('takes a name that is only the host read (og:site_name "wien.orf.at") for no name, whichever domain came in', () => {
    for (const domain of ['wien.orf.at', 'orf.at']) {
      expect(settleProvider(extraction({ webUrl: 'https://wien.orf.at/stories/1/', originalUrl: 'https://wien.orf.at/stories/1/', provider: { name: 'wien.orf.at', domain } }), registrableDomain))
        .toEqual({ name: 'orf.at', domain: 'orf.at', source: 'public suffix list' });
    }
  });

  it('moves to the canonical site when the page names it and not the host read (a mirror, a cache)', () => {
    expect(settleProvider(extraction({ webUrl: 'https://mirror.example.org/copy', originalUrl: 'https://www.harbourlight.co.uk/a', provider: { name: 'Harbour Light', domain: 'mirror.example.org' } }), registrableDomain))
      .toEqual({ name: 'Harbour Light', domain: 'harbourlight.co.uk', source: 'canonical url' });
  });

  it('moves to the canonical site from an address that names no publisher, and a domain-only name follows', () => {
    expect(settleProvider(extraction({ webUrl: 'http://127.0.0.1:8080/a.html', originalUrl: 'https://news.example.co.uk/a', provider: { name: '127.0.0.1', domain: '127.0.0.1' }, sources: { providerName: 'domain' } }), registrableDomain))
      .toEqual({ name: 'example.co.uk', domain: 'example.co.uk', source: 'canonical url' });
  });
});
