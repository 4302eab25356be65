// Property: any record, whatever its strings hold, writes, reads back the same, and writes the same again.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { propertyRuns, propertyTimeout } from '../property-runs.js';
import { cutCodePoints, parseRecord, serializeRecord, type LedeRecord, type RelatedEntry } from '../../src/record/index.js';

const NASTY = [
  '"', "'", '\\', 'C:\\new', ': ', 'a: b', ' #', 'a #b', '#x', '-', '- x', '[', '{', '&', '*', '!', '|', '>', '?',
  '%', '@', '`', '---', 'a\n---\nb', '\r', '\n', '\r\n', '\t', '\u2028', '\u2029', '\u0085', '😀', '👩‍👩‍👧', '\ud800', '\udfff',
  'x\ud83dy', '2024-12-19', '2024-12-19T10:00:00Z', 'yes', 'no', 'on', 'off', 'y', 'n', 'true', 'false', 'null', 'Null',
  '~', '1e3', '0x1F', '0o17', '.inf', '-.inf', '.nan', '010', '1_000', '12:30', '+1', '-1', '0', '3.14', '', ' ',
  ' lead', 'trail ', '\u0000', '\u007f', '\ufeff', '\u200b', '\u202e', 'Meta’s', '<script>alert(1)</script>',
  ' \n', '  x\n y', '\n ', '${x}', '{{x}}', '*alias', '&anchor', '!!str', '!tag x', '%YAML 1.2', '... ', '...', '__proto__', 'constructor',
];

const nastyString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 20 }) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...NASTY), fc.string({ maxLength: 10 }), fc.constantFrom(...NASTY))
    .map(([a, b, c]) => a + b + c) },
);
const nonBlank = nastyString.filter((s) => s.trim() !== '');
const dateTime = fc.option(
  fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 19) + 'Z'),
);
const url = fc.webUrl({ withQueryParameters: true, withFragments: true }).filter((u) => /^https?:\/\//.test(u));
const provider = fc.record({ name: nastyString, domain: nastyString });
const image = fc.record(
  { url, width: fc.nat(10_000), height: fc.nat(10_000), isCached: fc.boolean() },
  { requiredKeys: ['url'] },
);
const related: fc.Arbitrary<RelatedEntry> = fc.record({
  title: nastyString,
  excerpt: nastyString.map((s) => cutCodePoints(s)),
  publishedDateTime: dateTime,
  webUrl: url,
  type: nastyString,
  provider,
  quality: fc.integer({ min: 0, max: 100 }),
  images: fc.array(image, { maxLength: 2 }),
});
const reserved = new Set(['category', 'title', 'excerpt', 'publishedDateTime', 'originalUrl', 'webUrl', 'type',
  'quality', 'heat', 'published', 'provider', 'topics', 'related', 'secured']);
const extraValue = fc.oneof(nastyString, fc.integer(), fc.boolean(), fc.array(nastyString, { maxLength: 3 }));
const extra = fc.dictionary(nastyString.filter((k) => !reserved.has(k)), extraValue, { maxKeys: 3 })
  .map((d) => (Object.keys(d).length === 0 ? undefined : d));
const base64 = (bytes: number) => fc.uint8Array({ minLength: bytes, maxLength: bytes }).map((b) => Buffer.from(b).toString('base64'));
const secured = fc.option(fc.tuple(fc.integer({ min: 1, max: 64 }).chain(base64), base64(16)).map(([c, iv]) => `${c};${iv}`), { nil: undefined });

const record: fc.Arbitrary<LedeRecord> = fc.record({
  category: nastyString,
  title: nonBlank,
  excerpt: nastyString.map((s) => cutCodePoints(s)),
  publishedDateTime: dateTime,
  originalUrl: url,
  webUrl: url,
  type: nastyString,
  quality: fc.integer({ min: 0, max: 100 }),
  heat: fc.integer({ min: -1_000_000, max: 1_000_000 }),
  published: fc.boolean(),
  provider,
  topics: fc.uniqueArray(nonBlank, { maxLength: 5 }),
  related: fc.array(related, { maxLength: 2 }),
  secured,
  extra,
  body: fc.oneof(fc.constant(''), nastyString, fc.constantFrom('\n', '\r\n# Notes\r\n', '---\nnot front matter\n---\n')),
}).map((r) => {
  const out = { ...r } as LedeRecord;
  if (out.secured === undefined) delete out.secured;
  if (out.extra === undefined) delete out.extra;
  return out;
});

function frontMatter(text: string): string {
  const end = text.indexOf('\n---\n', 4);
  return text.slice(4, end + 1);
}

describe('write then read', () => {
  it('gives back the same record, parses as YAML, and is idempotent', () => {
    fc.assert(
      fc.property(record, (r) => {
        const text = serializeRecord(r);
        expect(text.startsWith('---\n')).toBe(true);
        expect(() => parse(frontMatter(text), { strict: true })).not.toThrow();
        const back = parseRecord(text);
        if (!back.ok) throw new Error(back.problems.map((p) => `${p.key}: ${p.message}`).join('\n'));
        expect(back.record).toEqual(r);
        expect(serializeRecord(back.record)).toBe(text);
      }),
      { numRuns: propertyRuns(2000) },
    );
  }, propertyTimeout(240_000)); // thousands of cases; generous because CI runs the browser tests beside it on 2 cores

  // The body is Markdown kept as is, so a lone surrogate there cannot become UTF-8; front matter escapes it.
  it('reads the same record through UTF-8 bytes', () => {
    fc.assert(
      fc.property(record.filter((r) => r.body.isWellFormed()), (r) => {
        const text = serializeRecord(r);
        const back = parseRecord(new TextEncoder().encode(text));
        expect(back.ok).toBe(true);
        if (back.ok) expect(back.record).toEqual(r);
      }),
      { numRuns: propertyRuns(500) },
    );
  }, propertyTimeout(120_000));
});
