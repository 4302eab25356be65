// Records built in code for the tests: a full one and small variations.
import type { LedeRecord } from '../../src/record/index.js';

export function sampleRecord(overrides: Partial<LedeRecord> = {}): LedeRecord {
  return {
    category: 'news',
    title: 'A headline',
    excerpt: 'The standfirst.',
    publishedDateTime: '2024-02-29T23:30:00Z',
    originalUrl: 'https://example.com/a',
    webUrl: 'https://example.com/a?amp=1',
    type: 'article',
    quality: 50,
    heat: -1,
    published: false,
    provider: { name: 'Example News', domain: 'example.com' },
    topics: ['AI'],
    related: [],
    body: '',
    ...overrides,
  };
}
