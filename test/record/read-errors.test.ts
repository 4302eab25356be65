// Bad records: each gives a clear problem naming file, line and key, and never a partial record.
import { describe, expect, it } from 'vitest';
import { parseRecord, serializeRecord, type Problem } from '../../src/record/index.js';
import { sampleRecord } from './fixtures.js';

const good = serializeRecord(sampleRecord());

function problemsOf(input: string | Uint8Array): Problem[] {
  const result = parseRecord(input, { file: 'bad.md' });
  expect(result.ok).toBe(false);
  expect(result).not.toHaveProperty('record');
  return result.ok ? [] : result.problems;
}

function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex((line) => line.includes(needle)) + 1;
}

describe('records that must be rejected', () => {
  it('no front matter', () => {
    const [p] = problemsOf('# Just markdown\n');
    expect(p).toMatchObject({ file: 'bad.md', line: 1 });
    expect(p!.message).toMatch(/no front matter/);
  });

  it('unterminated front matter', () => {
    const [p] = problemsOf(good.replace(/---\n\n$/, ''));
    expect(p!.message).toMatch(/unterminated front matter/);
  });

  it('a YAML syntax error, with its line', () => {
    const text = good.replace('type: article', 'type: [article');
    const [p] = problemsOf(text);
    expect(p!.message).toMatch(/YAML syntax error/);
    expect(p!.line).toBeGreaterThanOrEqual(lineOf(text, 'type: [article'));
  });

  it('quality: high names the key and its line', () => {
    const text = good.replace('quality: 50', 'quality: high');
    const problems = problemsOf(text);
    expect(problems).toEqual([expect.objectContaining({ key: 'quality', line: lineOf(text, 'quality: high'), severity: 'error' })]);
    expect(problems[0]!.message).toMatch(/whole number.*"high"/);
  });

  it('quality out of range', () => {
    const [p] = problemsOf(good.replace('quality: 50', 'quality: 101'));
    expect(p).toMatchObject({ key: 'quality' });
  });

  it('a missing title', () => {
    const [p] = problemsOf(good.replace(/^title: .*\n/m, ''));
    expect(p).toMatchObject({ key: 'title', message: 'is required' });
  });

  it('an empty title', () => {
    const [p] = problemsOf(good.replace(/^title: .*$/m, 'title: "  "'));
    expect(p).toMatchObject({ key: 'title' });
  });

  it.each([
    ['no separator', 'c2VjcmV0'],
    ['three parts', 'YQ==;YQ==;YQ=='],
    ['not base64', 'not base64!;S/IshAFCEAGWCCnb2z1OpQ=='],
    ['short iv', 'c2VjcmV0;YWJj'],
  ])('a secured value that is not base64;base64 (%s)', (_, value) => {
    const text = good.replace(/---\n\n$/, `\nsecured: "${value}"\n---\n\n`);
    const [p] = problemsOf(text);
    expect(p).toMatchObject({ key: 'secured', line: lineOf(text, 'secured:') });
  });

  it('a file that is not UTF-8', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode(good.slice(0, 20)), 0xff, 0xfe, 0x41]);
    const [p] = problemsOf(bytes);
    expect(p!.message).toMatch(/not UTF-8/);
  });

  it('a wrong type deep inside names the path', () => {
    const text = serializeRecord(sampleRecord({
      related: [{ title: 't', excerpt: '', publishedDateTime: null, webUrl: 'https://a.example/', type: 'article',
        provider: { name: 'A', domain: 'a.example' }, quality: 1, images: [{ url: 'https://a.example/i.png', width: 3 }] }],
    })).replace('width: 3', 'width: wide');
    const [p] = problemsOf(text);
    expect(p).toMatchObject({ key: 'related[0].images[0].width', line: lineOf(text, 'width: wide') });
  });

  it('a javascript: address', () => {
    const [p] = problemsOf(good.replace('https://example.com/a"', 'javascript:alert(1)"'));
    expect(p).toMatchObject({ key: 'originalUrl' });
  });

  it('every problem at once, not just the first', () => {
    const text = good.replace('quality: 50', 'quality: high').replace('published: false', 'published: maybe');
    expect(problemsOf(text).map((p) => p.key)).toEqual(['quality', 'published']);
  });

  it('duplicate keys, with the key and the line of the second', () => {
    const text = good.replace('type: article', 'type: article\ntype: video');
    const [p] = problemsOf(text);
    expect(p).toMatchObject({ key: 'type', line: lineOf(text, 'type: video'), message: expect.stringMatching(/twice/) });
  });

  it('duplicate keys inside a nested unknown map', () => {
    const [p] = problemsOf(good.replace('category: news', 'x:\n  a: 1\n  b: 2\n  a: 3\ncategory: news'));
    expect(p).toMatchObject({ key: 'a', message: expect.stringMatching(/twice/) });
  });

  it('front matter that is not a mapping', () => {
    expect(problemsOf('---\n- a\n- b\n---\n\n')[0]!.message).toMatch(/mapping/);
  });

  it('an alias bomb stays bounded', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill('*' + String.fromCharCode(96 + i)).join(',')}]`);
    const text = `---\ntitle: x\n${bomb.join('\n')}\n---\n\n`;
    const started = performance.now();
    const result = parseRecord(text);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(result.ok).toBe(false);
  });
});
