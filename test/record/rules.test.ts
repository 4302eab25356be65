// One table of field rules: the reader and validateRecord give the same verdict on the same value,
// and validateRecord refuses what the writer cannot write.
import { describe, expect, it } from 'vitest';
import {
  FIELD_RULES, parseRecord, serializeRecord, validateRecord, type LedeRecord, type Problem,
} from '../../src/record/index.js';
import { sampleRecord } from './fixtures.js';

const verdict = (problems: Problem[]) => problems.map((p) => `${p.key}:${p.severity}`).sort();

/** The reader's problems for a record written out, beside the validator's for the same record in memory. */
function both(record: LedeRecord): { read: string[]; validated: string[] } {
  // The writer cuts an excerpt at 200; a file from elsewhere need not, so the long one is put back in the text.
  const placeholder = (text: string) => (text.length > 200 ? 'LONG-EXCERPT' : text);
  const written = serializeRecord({
    ...record, excerpt: placeholder(record.excerpt),
    related: record.related.map((entry) => ({ ...entry, excerpt: placeholder(entry.excerpt) })),
  });
  const long = [record.excerpt, ...record.related.map((entry) => entry.excerpt)].find((text) => text.length > 200) ?? '';
  const result = parseRecord(written.replace('LONG-EXCERPT', long));
  return {
    read: verdict(result.ok ? result.warnings : result.problems),
    validated: verdict(validateRecord(record)),
  };
}

describe('the reader and validateRecord agree', () => {
  const long = 'x'.repeat(250);
  it.each<[string, Partial<LedeRecord>, string[]]>([
    ['a 250-character excerpt is a warning, not an error', { excerpt: long }, ['excerpt:warning']],
    ['heat -7 is a warning (the editor used to refuse it alone)', { heat: -7 }, ['heat:warning']],
    ['quality 101 is an error', { quality: 101 }, ['quality:error']],
    ['an empty type is a warning', { type: '' }, ['type:warning']],
    ['an empty title is an error', { title: '  ' }, ['title:error']],
    ['a secured value that is not two base64 parts is an error', { secured: 'abc' }, ['secured:error']],
  ])('%s', (_name, change, expected) => {
    const record = sampleRecord(change);
    const { read, validated } = both(record);
    expect(validated).toEqual(expected);
    expect(read).toEqual(expected);
  });

  it('a related entry\'s long excerpt: warning in both', () => {
    const related = [{
      title: 'R', excerpt: 'y'.repeat(300), publishedDateTime: null, webUrl: 'https://example.org/r', type: 'article',
      provider: { name: 'P', domain: 'example.org' }, quality: 10, images: [],
    }];
    const { read, validated } = both(sampleRecord({ related }));
    expect(validated).toEqual(['related[0].excerpt:warning']);
    expect(read).toEqual(validated);
  });

  it('every table entry has a default of its own type', () => {
    for (const [key, rule] of Object.entries(FIELD_RULES)) {
      const expected = { text: 'string', url: 'string', integer: 'number', boolean: 'boolean' }[rule.type as string];
      if (expected) expect(typeof rule.default, key).toBe(expected);
    }
  });
});

describe('validateRecord refuses what the writer cannot write', () => {
  it('an unknown key that clashes with a known field', () => {
    const problems = validateRecord(sampleRecord({ extra: { title: 'twice' } }));
    expect(problems).toEqual([expect.objectContaining({ key: 'title', severity: 'error', message: expect.stringMatching(/field of the format/) })]);
  });

  it('a clash inside the provider', () => {
    const problems = validateRecord(sampleRecord({ provider: { name: 'P', domain: 'p.com', extra: { domain: 'x' } } }));
    expect(problems.map((p) => p.key)).toEqual(['provider.domain']);
  });

  it('nesting deeper than the writer goes', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 40; i++) deep = [deep];
    expect(validateRecord(sampleRecord({ extra: { deep } }))[0]).toMatchObject({ key: 'deep', message: expect.stringMatching(/deeper/) });
  });

  it('values YAML cannot hold', () => {
    for (const value of [Number.NaN, undefined, () => 1, new Map()]) {
      expect(validateRecord(sampleRecord({ extra: { odd: value } })).map((p) => p.severity)).toEqual(['error']);
    }
  });

  it('every record it passes can be written and read back', () => {
    const record = sampleRecord({ extra: { nested: { a: [1, { b: 'c' }] }, 'a key': null } });
    expect(validateRecord(record)).toEqual([]);
    const back = parseRecord(serializeRecord(record));
    expect(back.ok && back.record).toEqual(record);
  });
});
