// The in-memory index at 100,000 records and more: loaded from the kept search entries without overflowing the stack.
import { describe, expect, it } from 'vitest';
import { LibraryIndex, type SearchEntry } from '../../src/background/library-index.js';

describe('LibraryIndex at 150,000 records', () => {
  it('loads, lists newest first and searches', () => {
    const entries: SearchEntry[] = Array.from({ length: 150_000 }, (_, i) => ({
      id: `https://n${i % 80}.example/a/${i}`, time: 1_700_000_000_000 + i * 60_000, haystack: `story ${i} about tides`,
      topics: ['tides'], topicLabels: ['Tides'], provider: `provider ${i % 80}`, providerLabel: `Provider ${i % 80}`, secured: false,
    }));
    const index = new LibraryIndex();
    index.load(entries);
    expect(index.size).toBe(150_000);
    expect(index.listIds({ limit: 2 }).ids).toEqual(['https://n79.example/a/149999', 'https://n78.example/a/149998']);
    expect(index.listIds({ text: 'story 123456 tides' })).toEqual({ ids: ['https://n16.example/a/123456'], total: 1 });
    expect(index.topics()).toEqual([{ topic: 'Tides', count: 150_000 }]);
  });
});
