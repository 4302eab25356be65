// Topic rules: tidy, add without duplicates, remove, and suggestions for what is typed.
import { describe, expect, it } from 'vitest';
import { addTopics, librarySpelling, removeTopic, suggestTopics, tidyTopic } from '../../src/ui/topics.js';

describe('topics', () => {
  it('tidies whitespace', () => {
    expect(tidyTopic('  Facebook   AI ')).toBe('Facebook AI');
  });

  it('adds comma-separated topics once each, ignoring case, keeping order', () => {
    expect(addTopics(['AI'], 'ai, Climate ,, climate,Energy')).toEqual(['AI', 'Climate', 'Energy']);
    expect(addTopics([], '   ')).toEqual([]);
  });

  it('removes by position', () => {
    expect(removeTopic(['a', 'b', 'c'], 1)).toEqual(['a', 'c']);
  });

  it('suggests prefix matches before inner matches, never chosen ones or duplicates', () => {
    const candidates = ['Energy', 'AI', 'Climate', 'Generative AI', 'ai', 'Airlines', 'Fair trade'];
    expect(suggestTopics(candidates, 'ai', [])).toEqual(['AI', 'Airlines', 'Generative AI', 'Fair trade']);
    expect(suggestTopics(candidates, 'ai', ['ai'])).toEqual(['Airlines', 'Generative AI', 'Fair trade']);
    expect(suggestTopics(candidates, 'ENER', [])).toEqual(['Energy', 'Generative AI']);
    expect(suggestTopics(candidates, 'zzz', [])).toEqual([]);
    expect(suggestTopics(candidates, 'a', [], 2)).toHaveLength(2);
  });

  it('one spelling per topic: a topic equal to a library topic ignoring case takes the library\'s spelling', () => {
    const library = ['Machine learning', 'AI', ' Climate  policy '];
    expect(addTopics([], 'machine LEARNING, ai, climate policy, Élan', library)).toEqual(['Machine learning', 'AI', 'Climate policy', 'Élan']);
    expect(librarySpelling('ai', library)).toBe('AI');
    expect(librarySpelling('', library)).toBe('');
    // Case only: accents make another topic.
    expect(librarySpelling('resume', ['Résumé'])).toBe('resume');
  });
});
