import { describe, expect, it } from 'vitest';
import { formatDate, formatDateLong, formatDateTime, warsawDate, warsawParts, warsawYear, warsawDayStart } from '#core/time';
import { isDomainError } from '#core/errors';

describe('warsawYear', () => {
  it('puts a letter received at 00:30 on 1 January Warsaw time in the new year', () => {
    // 2025-12-31T23:30Z is 2026-01-01 00:30 in Warsaw (CET, UTC+1).
    const instant = new Date('2025-12-31T23:30:00Z');
    expect(instant.getUTCFullYear()).toBe(2025);
    expect(warsawYear(instant)).toBe(2026);
    expect(warsawDate(instant)).toBe('2026-01-01');
  });

  it('keeps 23:30 on 31 December Warsaw time in the old year', () => {
    expect(warsawYear(new Date('2025-12-31T22:30:00Z'))).toBe(2025);
    expect(warsawYear('2025-12-31T22:59:59.999Z')).toBe(2025);
    expect(warsawYear('2025-12-31T23:00:00.000Z')).toBe(2026);
  });

  it('accepts epoch milliseconds and ISO strings with an offset', () => {
    expect(warsawYear(Date.UTC(2025, 11, 31, 23, 30))).toBe(2026);
    expect(warsawYear('2026-01-01T00:30:00+01:00')).toBe(2026);
  });

  it('throws a DomainError for an invalid date', () => {
    try {
      warsawYear('not a date');
      expect.unreachable();
    } catch (e) {
      expect(isDomainError(e) && e.code).toBe('INVALID_INPUT');
    }
  });
});

describe('warsawParts', () => {
  it('follows summer time (CEST, UTC+2)', () => {
    expect(warsawParts('2026-07-15T10:05:09Z')).toEqual({ year: 2026, month: 7, day: 15, hour: 12, minute: 5, second: 9 });
  });

  it('follows the switch to summer time on 29 March 2026 (02:00 → 03:00)', () => {
    expect(warsawParts('2026-03-29T00:59:00Z')).toMatchObject({ hour: 1, minute: 59 });
    expect(warsawParts('2026-03-29T01:00:00Z')).toMatchObject({ hour: 3, minute: 0 });
  });

  it('shows midnight as 00, never 24', () => {
    expect(warsawParts('2026-05-13T22:00:00Z')).toMatchObject({ day: 14, hour: 0 });
  });
});

describe('formatDate and formatDateTime', () => {
  it('write Polish dates in Warsaw time', () => {
    expect(formatDate(new Date('2026-05-14T07:05:00Z'))).toBe('14.05.2026');
    expect(formatDateTime(new Date('2026-05-14T07:05:00Z'))).toBe('14.05.2026 09:05');
  });

  it('show the Warsaw date across the UTC midnight', () => {
    expect(formatDate('2025-12-31T23:30:00Z')).toBe('01.01.2026');
    expect(formatDateTime('2025-12-31T23:30:00Z')).toBe('01.01.2026 00:30');
  });

  it('show a calendar date as it is, without shifting it', () => {
    expect(formatDate('2026-01-01')).toBe('01.01.2026');
    expect(formatDate('2024-02-29')).toBe('29.02.2024');
  });

  it('refuse a calendar date that does not exist', () => {
    for (const bad of ['2026-02-29', '2026-13-01', '2026-04-31', '2026-00-10']) {
      try {
        formatDate(bad);
        expect.unreachable(bad);
      } catch (e) {
        expect(isDomainError(e) && e.code, bad).toBe('INVALID_INPUT');
      }
    }
  });

  it('refuse to give a time to a date that has none', () => {
    expect(() => formatDateTime('2026-05-14')).toThrow('„2026-05-14” to data bez godziny.');
  });
});

describe('formatDateLong', () => {
  it.each([
    ['2026-05-14', '14 maja 2026 r.'],
    ['2026-01-01', '1 stycznia 2026 r.'],
    ['2026-09-30', '30 września 2026 r.'],
    ['2026-10-05', '5 października 2026 r.'],
    ['2026-12-24', '24 grudnia 2026 r.'],
  ])('%s is %s', (date, text) => {
    expect(formatDateLong(date)).toBe(text);
  });

  it('uses the Warsaw date of an instant', () => {
    expect(formatDateLong(new Date('2026-02-28T23:30:00Z'))).toBe('1 marca 2026 r.');
  });
});

describe('warsawDayStart', () => {
  it('is 23:00 UTC the day before in winter and 22:00 UTC in summer', () => {
    expect(warsawDayStart('2026-01-15')).toBe('2026-01-14T23:00:00.000Z');
    expect(warsawDayStart('2026-07-15')).toBe('2026-07-14T22:00:00.000Z');
  });

  it('holds on the days the clocks change', () => {
    expect(warsawDayStart('2026-03-29')).toBe('2026-03-28T23:00:00.000Z');
    expect(warsawDayStart('2026-03-30')).toBe('2026-03-29T22:00:00.000Z');
    expect(warsawDayStart('2026-10-25')).toBe('2026-10-24T22:00:00.000Z');
    expect(warsawDayStart('2026-10-26')).toBe('2026-10-25T23:00:00.000Z');
  });
});
