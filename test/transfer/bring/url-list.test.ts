// A plain list of addresses: comments, blank and garbage lines, duplicates.
import { describe, expect, it } from 'vitest';
import { readUrlList } from '../../../src/transfer/bring/url-list.js';

describe('readUrlList', () => {
  it('brings one address per line and names each line it cannot bring', () => {
    const text = [
      '# my reading list',
      'https://example.com/a',
      '',
      '  <https://example.org/b?fbclid=123>  ',
      'https://example.net/c An optional title',
      'not a url at all',
      'ftp://files.example.com/x',
      'javascript:alert(1)',
      'https://example.com/a#section',
      'www.example.com/no-scheme',
    ].join('\r\n');
    const brought = readUrlList(text, 'list.txt');
    expect(brought.entries).toEqual([
      { url: 'https://example.com/a', where: 'list.txt:2', title: undefined, topics: [] },
      { url: 'https://example.org/b', where: 'list.txt:4', title: undefined, topics: [] },
      { url: 'https://example.net/c', where: 'list.txt:5', title: 'An optional title', topics: [] },
    ]);
    expect(brought.refused).toEqual([
      { where: 'list.txt:6', reason: 'not a web address: "not a url at all"' },
      { where: 'list.txt:7', reason: 'a ftp: address, not a web page (http or https): "ftp://files.example.com/x"' },
      { where: 'list.txt:8', reason: 'a javascript: link (a bookmarklet), not a page: "javascript:alert(1)"' },
      { where: 'list.txt:10', reason: 'not a web address: "www.example.com/no-scheme"' },
    ]);
    expect(brought.duplicates).toEqual([{ where: 'list.txt:9', reason: 'the same address as list.txt:2; its tags were added there' }]);
  });

  it('cuts a long garbage line in its report', () => {
    const brought = readUrlList('x'.repeat(10_000), 'l.txt');
    expect(brought.refused[0]!.reason.length).toBeLessThan(120);
  });
});
