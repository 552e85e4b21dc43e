import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stockholmDate, stockholmDateTime, stockholmDateTimeText, stockholmOffsetMinutes, stockholmYear } from './stockholm-time';

const intlDate = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' });

describe('Stockholm local time', () => {
  it('writes a date-time as the clock in Stockholm shows it, summer and winter', () => {
    expect(stockholmDateTimeText('2026-07-01T21:30:00Z')).toBe('2026-07-01 23:30');
    expect(stockholmDateTimeText('2026-12-31T23:30:00Z')).toBe('2027-01-01 00:30');
    expect(stockholmDateTimeText('nonsense')).toBe('nonsense');
  });

  it('switches to summer time at 01:00 UTC on the last Sunday of March and back in October', () => {
    expect(stockholmOffsetMinutes(Date.parse('2021-03-28T00:59:59Z'))).toBe(60);
    expect(stockholmOffsetMinutes(Date.parse('2021-03-28T01:00:00Z'))).toBe(120);
    expect(stockholmOffsetMinutes(Date.parse('2021-10-31T00:59:59Z'))).toBe(120);
    expect(stockholmOffsetMinutes(Date.parse('2021-10-31T01:00:00Z'))).toBe(60);
  });

  it('gives the local date and year of a UTC timestamp late on New Year\'s Eve', () => {
    expect(stockholmDate('2021-12-31T23:30:00.000Z')).toBe('2022-01-01');
    expect(stockholmYear('2021-12-31T23:30:00.000Z')).toBe(2022);
    expect(stockholmYear('2021-12-31T22:59:00.000Z')).toBe(2021);
    expect(stockholmDate('not a date')).toBeNull();
  });

  it('agrees with Intl (Europe/Stockholm) on random instants 1996–2040', () => {
    fc.assert(fc.property(fc.integer({ min: Date.UTC(1996, 0, 1), max: Date.UTC(2040, 0, 1) }), (ms) => {
      expect(stockholmDate(new Date(ms).toISOString())).toBe(intlDate.format(ms));
    }), { numRuns: 2000 });
  });

  it('writes a local wall-clock time with its offset', () => {
    expect(stockholmDateTime('2021-01-15', '23:59:59')).toBe('2021-01-15T23:59:59+01:00');
    expect(stockholmDateTime('2021-07-15', '19:30')).toBe('2021-07-15T19:30:00+02:00');
    expect(Date.parse(stockholmDateTime('2021-07-15', '19:30'))).toBe(Date.parse('2021-07-15T17:30:00Z'));
  });
});
