import { describe, expect, it } from 'vitest';
import { warsawDayStartUtc, warsawNextDayStartUtc } from '#core/register/warsawDay';
import { warsawDate } from '#core/time';

describe('Warsaw office days', () => {
  it('starts a winter day at 23:00 UTC the day before', () => {
    expect(warsawDayStartUtc('2026-01-15').toISOString()).toBe('2026-01-14T23:00:00.000Z');
  });
  it('starts a summer day at 22:00 UTC the day before', () => {
    expect(warsawDayStartUtc('2026-07-01').toISOString()).toBe('2026-06-30T22:00:00.000Z');
  });
  it('handles the day daylight saving time begins and the next day bound', () => {
    expect(warsawDayStartUtc('2026-03-29').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(warsawNextDayStartUtc('2026-03-29').toISOString()).toBe('2026-03-29T22:00:00.000Z');
  });
  it('dates an instant by the Warsaw calendar', () => {
    expect(warsawDate(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
  });
});
