// Pocket's CSV export, with its quirks: quoted titles, the address as title, pipe-separated tags, broken lines.
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../../src/transfer/bring/csv.js';
import { looksLikePocketCsv, readPocketCsv } from '../../../src/transfer/bring/pocket.js';

const POCKET = [
  '\uFEFFtitle,url,time_added,cursor,tags,status',
  '"Why the ""best"" tools, and what they miss",https://example.com/a?utm_source=pocket_saves,1700000000,,ai|tools,unread',
  'https://example.org/b,https://example.org/b,1700000100,,,archive',
  '"A title over',
  'two lines",https://example.net/c,1700000200,,,unread',
  'Bookmarklet,javascript:alert(1),1700000300,,,unread',
  '"Broken "quote" here",https://example.com/d,1700000400,,,unread',
  'Again,https://example.com/a,1700000500,,longform,unread',
  'Data,data:text/html;base64,AAAA,1700000600,,,unread',
  '',
  'Last,https://example.com/e,not-a-time,,,unread',
].join('\r\n');

describe('readCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, and counts lines', () => {
    const { rows, broken } = readCsv('a,b\n"x, ""y""","1\n2"\nlast,row');
    expect(rows).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, "y"', '1\n2'] },
      { line: 4, fields: ['last', 'row'] },
    ]);
    expect(broken).toEqual([]);
  });

  it('reports a row whose quote never closes and reads on from the next line, not swallowing the file', () => {
    const lines = ['h1,h2', '"never closed,1', ...Array.from({ length: 100 }, (_, i) => `row${i},${i}`)];
    const { rows, broken } = readCsv(lines.join('\n'));
    expect(broken).toEqual([{ line: 2, reason: 'a quote opened here is never closed' }]);
    expect(rows.map((r) => r.fields[0])).toEqual(['h1', ...Array.from({ length: 100 }, (_, i) => `row${i}`)]);
  });

  it('costs one row per stray quote, even when every line has one', () => {
    const text = Array.from({ length: 5_000 }, (_, i) => `"title ${i} "oops",https://e.com/${i}`).join('\n');
    const { rows, broken } = readCsv(text);
    expect(rows).toEqual([]);
    expect(broken).toHaveLength(5_000);
    expect(broken[4_999]!.line).toBe(5_000);
  });
});

describe('readPocketCsv', () => {
  it('brings each saved address with its title, time and tags; reports what it cannot bring', () => {
    expect(looksLikePocketCsv(POCKET)).toBe(true);
    const brought = readPocketCsv(POCKET, 'part_000000.csv');
    expect(brought.entries).toEqual([
      { url: 'https://example.com/a', where: 'part_000000.csv:2', title: 'Why the "best" tools, and what they miss', savedAt: '2023-11-14T22:13:20Z', topics: ['ai', 'tools', 'longform'] },
      { url: 'https://example.org/b', where: 'part_000000.csv:3', title: undefined, savedAt: '2023-11-14T22:15:00Z', topics: [] },
      { url: 'https://example.net/c', where: 'part_000000.csv:4', title: 'A title over two lines', savedAt: '2023-11-14T22:16:40Z', topics: [] },
      { url: 'https://example.com/e', where: 'part_000000.csv:11', title: 'Last', savedAt: undefined, topics: [] },
    ]);
    expect(brought.refused).toEqual([
      { where: 'part_000000.csv:7', reason: 'broken quoting (text right after a closing quote); this line was skipped' },
      { where: 'part_000000.csv:6', reason: 'a javascript: link (a bookmarklet), not a page' },
      { where: 'part_000000.csv:9', reason: 'a data: address, not a page on the web' },
    ]);
    expect(brought.duplicates).toEqual([{ where: 'part_000000.csv:8', reason: 'the same address as part_000000.csv:2; its tags were added there' }]);
  });

  it('refuses a CSV with no url column, saying why', () => {
    const brought = readPocketCsv('name,link\nx,https://e.com/\n', 'other.csv');
    expect(brought.entries).toEqual([]);
    expect(brought.refused).toEqual([{ where: 'other.csv:1', reason: 'no header line naming a "url" column: this is not a Pocket export' }]);
    expect(looksLikePocketCsv('name,link\n')).toBe(false);
  });
});
