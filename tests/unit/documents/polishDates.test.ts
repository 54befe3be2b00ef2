import { describe, expect, it } from 'vitest';
import { formatCalendarDate, formatDate, formatDateTime, formatTime } from '#documents/polishDates';

describe('Polish dates in the office time zone', () => {
  it('formats winter (CET) and summer (CEST) instants in Warsaw time', () => {
    expect(formatDateTime('2026-11-22T13:05:00Z')).toBe('22.11.2026, 14:05');
    expect(formatDateTime('2026-07-02T03:05:00Z')).toBe('02.07.2026, 05:05');
    expect(formatTime('2026-07-02T03:05:00Z')).toBe('05:05');
  });

  it('takes the day in Warsaw, not in UTC', () => {
    expect(formatDate('2026-11-30T23:30:00Z')).toBe('01.12.2026');
  });

  it('leaves a calendar date alone whatever the time zone', () => {
    expect(formatCalendarDate('2026-11-20')).toBe('20.11.2026');
    expect(formatCalendarDate('2026-01-01')).toBe('01.01.2026');
  });

  it('rejects what is not a date', () => {
    expect(() => formatDateTime('wczoraj')).toThrow(RangeError);
  });
});
