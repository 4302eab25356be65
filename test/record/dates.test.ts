// The format's date-times: days of every year 0–9999 by the Gregorian rule, and the reader and the checker agreeing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCanonicalDateTime, normaliseDateTime } from '../../src/record/dates.js';
import { propertyRuns } from '../property-runs.js';

describe('normaliseDateTime', () => {
  it('knows leap days in years 0–99 too (Date.UTC would read them as 1900–1999)', () => {
    expect(normaliseDateTime('0000-02-29')).toBe('0000-02-29T00:00:00Z');
    expect(normaliseDateTime('0004-02-29T10:00:00Z')).toBe('0004-02-29T10:00:00Z');
    expect(normaliseDateTime('0100-02-29')).toBeNull();
    expect(normaliseDateTime('1900-02-29')).toBeNull();
    expect(normaliseDateTime('2000-02-29')).toBe('2000-02-29T00:00:00Z');
    expect(normaliseDateTime('2023-02-29')).toBeNull();
    expect(normaliseDateTime('2024-04-31')).toBeNull();
    expect(normaliseDateTime('2024-13-01')).toBeNull();
  });

  it('gives back every canonical date-time as it is, and the checker accepts what it gives', () => {
    const day = 86_400_000;
    const first = Date.UTC(2000, 0, 1) - 2000 * 365.2425 * day;
    fc.assert(fc.property(fc.integer({ min: Math.ceil(first / 1000), max: Math.floor(Date.UTC(9999, 11, 31, 23, 59, 59) / 1000) }), (seconds) => {
      const text = new Date(seconds * 1000).toISOString().slice(0, 19) + 'Z';
      expect(isCanonicalDateTime(text)).toBe(true);
      expect(normaliseDateTime(text)).toBe(text);
      expect(normaliseDateTime(text.slice(0, 10))).toBe(`${text.slice(0, 10)}T00:00:00Z`);
    }), { numRuns: propertyRuns(500) });
  });
});
