// Topic suggestions: words a person would file under, never CMS machinery or the site's own name.
import { describe, expect, it } from 'vitest';
import { cleanTopics, rankSuggestions } from '../../src/extract/topics.js';
import { ld, page, run } from './helpers.js';

describe('cleanTopics', () => {
  it('drops machine tags, ids, paths, key/value pairs, hashes, e-mails and the site name', () => {
    const raw = ['articleID/K3J9QX7T2', 'Length/medium', 'Type/Article', 'target/news/world', 'section_world', 'jane.roe@example.com',
      'K3J9QX7T2', '5f2b9c1e8a', '12345', 'https://example.com/tag/x', 'id:42', 'Harbour Light News', 'harbourlight', 'null',
      'Fisheries', 'COVID-19', 'Climate change'];
    expect(cleanTopics(raw, 'A headline', ['Harbour Light News', 'harbourlight.co.uk', 'www.harbourlight.co.uk']))
      .toEqual(['Fisheries', 'COVID-19', 'Climate change']);
  });

  it('trims, deduplicates ignoring case, keeps the order given and at most 8', () => {
    const raw = [' Oceans ', 'oceans', 'OCEANS', '"Whales"', ...'abcdefghij'.split('').map((c) => `Topic ${c}`)];
    const got = cleanTopics(raw, '', []);
    expect(got.slice(0, 2)).toEqual(['Oceans', 'Whales']);
    expect(got).toHaveLength(8);
  });

  it('never suggests the headline itself', () => {
    expect(cleanTopics(['Storm closes schools', 'Weather'], 'Storm closes schools', [])).toEqual(['Weather']);
  });
});

describe('the page topics', () => {
  it('splits keyword lists, keeps each repeated tag whole, reads JSON-LD keywords, about and section; tags first, meta keywords last', () => {
    const html = page('<meta property="article:tag" content="Mayer, Marissa"><meta property="article:tag" content="Yahoo! Inc">' +
      '<meta name="keywords" content="Length/medium, Type/Article, mergers">' +
      ld({ '@type': 'NewsArticle', headline: 'Deal', keywords: ['articleID/ABC123XYZ', 'Verizon'], about: [{ '@type': 'Thing', name: 'Telecoms' }], articleSection: 'Business' }));
    expect(run(html).suggestedTopics).toEqual(['Mayer, Marissa', 'Yahoo! Inc', 'Verizon', 'Telecoms', 'Business', 'mergers']);
  });
});

describe('rankSuggestions', () => {
  it('puts the library topics the title or excerpt names first, longest first, whole words only', () => {
    const got = rankSuggestions(['Business', 'Verizon'], ['AI', 'Machine learning', 'Learning', 'said', 'Oceans'],
      'Verizon bets on machine learning', 'The AI deal, it said, is large.');
    expect(got).toEqual(['Machine learning', 'Learning', 'said', 'AI', 'Business', 'Verizon']);
    expect(rankSuggestions([], ['AI'], 'Said the chair', '')).toEqual([]);
  });
});
