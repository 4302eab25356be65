// A brought entry as a record at once, then filled from the page only where neither the source nor the person set a value.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorsOf, validateRecord, type LedeRecord } from '../../../src/record/index.js';
import { serializeRecord } from '../../../src/record/write.js';
import { parseRecord } from '../../../src/record/read.js';
import { fillFromPage, recordFromBrought, type BringDefaults } from '../../../src/transfer/bring/to-record.js';
import type { BroughtEntry } from '../../../src/transfer/bring/types.js';
import { registrableDomain } from '../../../src/extract/public-suffix.js';
import { propertyRuns } from '../../property-runs.js';

const defaults: BringDefaults = { category: 'reading', quality: 40, heat: -1, published: false, topics: ['imported'], registrableDomain };

const page: LedeRecord = {
  category: 'news', title: 'The page\'s headline', excerpt: 'The page\'s standfirst.', publishedDateTime: '2024-03-01T09:00:00Z',
  originalUrl: 'https://news.example.co.uk/story', webUrl: 'https://news.example.co.uk/story?x=1', type: 'video', quality: 50, heat: -1,
  published: false, provider: { name: 'Example News', domain: 'example.co.uk' }, topics: ['from-page'], related: [], body: '',
};

describe('recordFromBrought', () => {
  it('makes a valid record from the address alone, the address standing in for the title', () => {
    const { record, fillable } = recordFromBrought({ url: 'https://news.example.co.uk/story?x=1', where: 'l.txt:1', topics: [] }, defaults);
    expect(errorsOf(validateRecord(record))).toEqual([]);
    expect(record).toMatchObject({ title: 'https://news.example.co.uk/story?x=1', category: 'reading', quality: 40, topics: ['imported'], provider: { name: '', domain: 'example.co.uk' } });
    expect(fillable).toEqual(['type', 'originalUrl', 'title', 'excerpt', 'publishedDateTime', 'provider.name', 'provider.domain']);
    // It is a record the reader reads back as it is.
    const again = parseRecord(serializeRecord(record));
    expect(again.ok && again.record).toEqual(record);
  });

  it('fills from the page what the source did not give, and nothing it gave', () => {
    const entry: BroughtEntry = { url: 'https://news.example.co.uk/story?x=1', where: 'p.csv:2', title: 'My own title', topics: ['tagged'], publishedDateTime: '2024-01-01T00:00:00Z' };
    const brought = recordFromBrought(entry, defaults);
    const filled = fillFromPage(brought.record, brought, page);
    expect(filled).toMatchObject({
      title: 'My own title', publishedDateTime: '2024-01-01T00:00:00Z', excerpt: 'The page\'s standfirst.', type: 'video',
      originalUrl: 'https://news.example.co.uk/story', webUrl: 'https://news.example.co.uk/story?x=1',
      provider: { name: 'Example News', domain: 'example.co.uk' }, topics: ['tagged', 'imported'], category: 'reading', quality: 40,
    });
  });

  it('never fills over a field the source gave or the person changed before the page came', () => {
    const fields = ['title', 'excerpt', 'publishedDateTime', 'type', 'originalUrl'] as const;
    fc.assert(fc.property(
      fc.record({ title: fc.option(fc.string({ minLength: 1, maxLength: 20 }).filter((t) => t.trim() === t && t.length > 0), { nil: undefined }), excerpt: fc.option(fc.constant('Given excerpt'), { nil: undefined }) }),
      fc.subarray([...fields]),
      (given, edited) => {
        const entry: BroughtEntry = { url: 'https://e.example.com/a', where: 'x', topics: [], ...given };
        const brought = recordFromBrought(entry, defaults);
        const current: LedeRecord = { ...brought.record };
        for (const field of edited) {
          if (field === 'publishedDateTime') current.publishedDateTime = '2020-02-02T00:00:00Z';
          else if (field === 'originalUrl') current.originalUrl = 'https://e.example.com/person';
          else current[field] = `person's ${field}`;
        }
        const filled = fillFromPage(current, brought, page);
        for (const field of fields) {
          if (edited.includes(field)) expect(filled[field]).toBe(current[field]);
        }
        if (given.title) expect(filled.title).toBe(edited.includes('title') ? current.title : given.title);
        if (given.excerpt) expect(filled.excerpt).toBe(edited.includes('excerpt') ? current.excerpt : 'Given excerpt');
        if (!given.title && !edited.includes('title')) expect(filled.title).toBe(page.title);
      },
    ), { numRuns: propertyRuns(200) });
  });
});
