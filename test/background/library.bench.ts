// Benchmark (not a test): the in-memory library with 10,000 records. Run: npx vitest bench --project unit test/background
import { bench, describe } from 'vitest';
import { LibraryIndex } from '../../src/background/library-index.js';
import type { StoredRecord } from '../../src/shared/messages.js';
import { sampleRecord } from './fakes.js';

const TOPICS = ['AI', 'Chips', 'Energy', 'Politics', 'Health', 'Climate', 'Markets'];
const all: StoredRecord[] = Array.from({ length: 10_000 }, (_, i) => {
  const record = sampleRecord({
    originalUrl: `https://n${i % 80}.example/a/${i}`, title: `Story ${i} about ${TOPICS[i % 7]} and more`,
    excerpt: `An excerpt that runs on for a while, number ${i}, much as real standfirsts do.`,
    topics: [TOPICS[i % 7]!, TOPICS[(i + 3) % 7]!], provider: { name: `Provider ${i % 80}`, domain: `n${i % 80}.example` },
  });
  const t = new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString();
  return { id: record.originalUrl, record, savedAt: t, updatedAt: t, revision: 1 };
});
const index = new LibraryIndex();
index.load(all);

describe('library index, 10,000 records', () => {
  bench('load', () => {
    new LibraryIndex().load(all);
  });
  bench('first page, newest first', () => {
    index.list({ limit: 50 });
  });
  bench('search two words', () => {
    index.list({ text: 'climate standfirsts', limit: 50 });
  });
  bench('search with no hit', () => {
    index.list({ text: 'zzzz', limit: 50 });
  });
  bench('filter topic and provider', () => {
    index.list({ topic: 'energy', provider: 'Provider 9', limit: 50 });
  });
  bench('topics and providers', () => {
    index.topics();
    index.providers();
  });
  bench('upsert one', () => {
    index.upsert(all[5000]!);
  });
});
