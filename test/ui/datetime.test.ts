// Local ↔ UTC conversions of the published date-time, in time zones from −11:00 to +14:00.
import { afterAll, describe, expect, it } from 'vitest';
import { localInputToUtc, localZoneLabel, utcToLocalInput } from '../../src/ui/datetime.js';

const ZONES = [
  'UTC', 'America/New_York', 'America/Los_Angeles', 'America/St_Johns', 'Pacific/Pago_Pago',
  'Europe/Berlin', 'Europe/London', 'Asia/Kolkata', 'Asia/Kathmandu', 'Australia/Lord_Howe',
  'Pacific/Auckland', 'Pacific/Kiritimati', 'America/Sao_Paulo',
];

const SAMPLES = [
  '2023-05-03T12:24:00Z', '2024-02-29T23:30:00Z', '2024-01-01T00:00:00Z', '2023-12-31T23:59:59Z',
  '2024-03-10T07:30:00Z', '2024-03-31T01:30:00Z', '2024-10-06T15:45:30Z', '1999-12-31T12:00:00Z',
  '0099-06-15T12:00:00Z',
];

const originalTz = process.env.TZ;
afterAll(() => { process.env.TZ = originalTz; });

describe.each(ZONES)('in %s', (zone) => {
  it('shows a UTC time as the local wall-clock time and reads it back to the same instant', () => {
    process.env.TZ = zone;
    for (const utc of SAMPLES) {
      const local = utcToLocalInput(utc);
      expect(local).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
      const back = localInputToUtc(local)!;
      // In the hour a clock goes back twice, a local time names two instants: never a day apart.
      expect(Math.abs(Date.parse(back) - Date.parse(utc))).toBeLessThanOrEqual(3600_000);
      expect(utcToLocalInput(back)).toBe(local);
    }
  });

  it('reads what the user typed as local time', () => {
    process.env.TZ = zone;
    const utc = localInputToUtc('2023-05-03T10:00')!;
    const offsetMinutes = -new Date(utc).getTimezoneOffset();
    expect(Date.parse(utc)).toBe(Date.UTC(2023, 4, 3, 10, 0) - offsetMinutes * 60_000);
    expect(utcToLocalInput(utc)).toBe('2023-05-03T10:00:00');
  });

  it('keeps the calendar day the user picked, at any hour', () => {
    process.env.TZ = zone;
    for (const hour of ['00:00:00', '00:30:00', '12:00:00', '23:59:59']) {
      const local = `2024-02-29T${hour}`;
      expect(utcToLocalInput(localInputToUtc(local))).toBe(local);
    }
  });
});

describe('fixed zones', () => {
  it('converts known values', () => {
    process.env.TZ = 'Europe/Berlin';
    expect(utcToLocalInput('2023-05-03T12:24:00Z')).toBe('2023-05-03T14:24:00');
    expect(localInputToUtc('2023-05-03T14:24:00')).toBe('2023-05-03T12:24:00Z');
    expect(localZoneLabel(new Date('2023-05-03T12:00:00Z'))).toBe('UTC+02:00');
    process.env.TZ = 'Pacific/Auckland';
    expect(localInputToUtc('2023-05-03T00:00')).toBe('2023-05-02T12:00:00Z');
    process.env.TZ = 'America/St_Johns';
    expect(localZoneLabel(new Date('2024-01-15T12:00:00Z'))).toBe('UTC−03:30');
    expect(localInputToUtc('2024-01-15T20:00')).toBe('2024-01-15T23:30:00Z');
  });

  it('keeps years below 100 as they are', () => {
    process.env.TZ = 'UTC';
    expect(localInputToUtc('0042-03-04T05:06:07')).toBe('0042-03-04T05:06:07Z');
  });

  it('gives null for empty or impossible input and an empty field for null', () => {
    process.env.TZ = 'UTC';
    expect(localInputToUtc('')).toBeNull();
    expect(localInputToUtc('2023-02-30T10:00')).toBeNull();
    expect(localInputToUtc('yesterday')).toBeNull();
    expect(utcToLocalInput(null)).toBe('');
    expect(utcToLocalInput('not a date')).toBe('');
  });
});
