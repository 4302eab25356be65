// The size contract (issue 19, cases 1 and 2): what the library accepts through a save is what the reader
// reads back, and a record past the contract is refused with one message, wherever it comes from.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  errorsOf, parseRecord, RECORD_LIMITS, serializeRecord, validateWritable, type LedeRecord, type RelatedEntry,
} from '../../src/record/index.js';
import { RECORD_SIZE_RULE } from '../../src/record/rules.js';
import { exportText, readRecordFile } from '../../src/transfer/read-file.js';
import { propertyRuns, propertyTimeout } from '../property-runs.js';
import { sampleRecord } from './fixtures.js';

const entry = (i: number): RelatedEntry => ({
  title: `Related ${i}`, excerpt: 'x', publishedDateTime: null, webUrl: `https://example.com/r/${i}`, type: 'article',
  provider: { name: 'Example', domain: 'example.com' }, quality: 50, images: [],
});

function refusedBySave(record: LedeRecord): string[] {
  return errorsOf(validateWritable(record)).map((problem) => problem.message);
}

describe('the size contract: a save refuses what the export could not re-import', () => {
  const cases: Array<[string, LedeRecord]> = [
    ['1,000 related entries', sampleRecord({ related: Array.from({ length: 1_000 }, (_, i) => entry(i)) })],
    ['12,000 topics', sampleRecord({ topics: Array.from({ length: 12_000 }, (_, i) => `topic ${i}`) })],
    ['a 2 MB title', sampleRecord({ title: 'T'.repeat(2 * 1024 * 1024) })],
    ['a 9 MB body', sampleRecord({ body: 'b'.repeat(9 * 1024 * 1024) })],
  ];
  for (const [name, record] of cases) {
    it(`${name}: the reader refuses its export, so the save refuses it too, with the contract's message`, () => {
      const read = parseRecord(serializeRecord(record));
      expect(read.ok).toBe(false);
      const messages = refusedBySave(record);
      expect(messages).toHaveLength(1);
      expect(messages[0]).toContain(RECORD_SIZE_RULE);
      if (!read.ok) expect(read.problems[0]!.message).toContain(RECORD_SIZE_RULE);
    });
  }

  it('a record just inside the contract saves, and its export reads back whole', () => {
    const record = sampleRecord({ topics: Array.from({ length: 9_900 }, (_, i) => `t${i}`), body: 'é'.repeat(4 * 1024 * 1024 - 10) });
    expect(refusedBySave(record)).toEqual([]);
    const read = parseRecord(serializeRecord(record));
    expect(read.ok && read.record).toEqual(record);
  });

  it('a file with a 70 MB body is refused with the contract\'s message, as bytes and as text', () => {
    const head = serializeRecord(sampleRecord());
    const bytes = new Uint8Array(head.length + 70 * 1024 * 1024).fill(0x61);
    bytes.set(new TextEncoder().encode(head));
    const fromBytes = readRecordFile('huge.md', bytes);
    expect(fromBytes.ok).toBe(false);
    if (!fromBytes.ok) expect(fromBytes.problems[0]!.message).toContain(RECORD_SIZE_RULE);
    const fromText = parseRecord(head + 'a'.repeat(RECORD_LIMITS.bodyBytes + 1));
    expect(!fromText.ok && fromText.problems[0]!.message).toBe(`the body is over 8 MB; ${RECORD_SIZE_RULE}`);
  });
});

// Sizes around the contract's edges: counts of topics and related entries, and text lengths, near each limit.
const around = (edges: number[]) => fc.oneof(fc.integer({ min: 0, max: 3 }), ...edges.map((e) => fc.integer({ min: e - 40, max: e + 40 })));
const bigRecord: fc.Arbitrary<LedeRecord> = fc.record({
  topics: around([9_990]),
  related: around([820]),
  titleBytes: around([RECORD_LIMITS.frontMatterBytes - 300]),
  titleUnit: fc.constantFrom('a', 'é', '€', '😀', ',', ' *x'),
  bodyBytes: around([RECORD_LIMITS.bodyBytes]),
  bodyUnit: fc.constantFrom('b', 'ü', '\n', '😀'),
}).map(({ topics, related, titleBytes, titleUnit, bodyBytes, bodyUnit }) => sampleRecord({
  topics: Array.from({ length: topics }, (_, i) => `t${i}`),
  related: Array.from({ length: related }, (_, i) => entry(i)),
  title: `T${titleUnit.repeat(Math.floor(titleBytes / new TextEncoder().encode(titleUnit).length))}`,
  body: bodyUnit.repeat(Math.floor(bodyBytes / new TextEncoder().encode(bodyUnit).length)),
}));

describe('property: any record the library accepts exports and re-imports byte for byte', () => {
  it('holds around every edge of the contract', () => {
    let accepted = 0;
    fc.assert(fc.property(bigRecord, (record) => {
      if (errorsOf(validateWritable(record)).length > 0) return;
      accepted++;
      const exported = exportText(record, undefined);
      const back = readRecordFile('again.md', exported);
      if (!back.ok) throw new Error(back.problems.map((p) => p.message).join('\n'));
      expect(back.record).toEqual(record);
      expect(exportText(back.record, back.source)).toBe(exported);
    }), { numRuns: propertyRuns(40) });
    expect(accepted).toBeGreaterThan(0);
  }, propertyTimeout(240_000));
});
