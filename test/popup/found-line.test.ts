// The found line's date: the record's UTC date-time shown in the person's own zone and language.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDateTime } from '../../src/popup/found-line.js';

describe('localDateTime', () => {
  const zone = process.env.TZ;
  beforeAll(() => { process.env.TZ = 'Asia/Tokyo'; });
  afterAll(() => { process.env.TZ = zone; });

  it('shows the UTC value in local time', () => {
    expect(localDateTime('2026-03-14T08:30:00Z', 'en-US')).toBe('Mar 14, 2026, 5:30 PM');
    expect(localDateTime('2026-03-14T20:30:00Z', 'en-GB')).toBe('15 Mar 2026, 05:30');
    expect(localDateTime('2026-03-14T20:30:00Z')).toMatch(/2026/);
  });
  it('shows nothing for no date or an unreadable one', () => {
    expect(localDateTime(null, 'en-US')).toBe('');
    expect(localDateTime('soon', 'en-US')).toBe('');
  });
});
