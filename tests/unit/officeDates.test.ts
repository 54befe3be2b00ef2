import { describe, expect, it } from 'vitest';
import { officeToday, plDateTime, plDayOf } from '../../renderer/format';

// Near midnight the office's day is Warsaw's, not UTC's: a version saved at 00:30 on 6 December
// in Urząd Gminy is "06.12", though UTC still says the 5th.
describe('dates shown in the office’s time zone', () => {
  it('a moment after midnight in Warsaw is the next day, winter and summer', () => {
    expect(plDayOf('2026-12-05T23:30:00.000Z')).toBe('06.12.2026');
    expect(plDayOf('2026-07-05T22:30:00.000Z')).toBe('06.07.2026');
    expect(plDayOf('2026-12-05T22:59:00.000Z')).toBe('05.12.2026');
    expect(plDateTime('2026-12-05T23:30:00.000Z')).toBe('06.12.2026, 00:30');
  });

  it('today for a date field is Warsaw’s day', () => {
    expect(officeToday(new Date('2026-12-05T23:30:00.000Z'))).toBe('2026-12-06');
    expect(officeToday(new Date('2026-12-31T22:59:59.000Z'))).toBe('2026-12-31');
    expect(officeToday(new Date('2026-12-31T23:00:00.000Z'))).toBe('2027-01-01');
  });
});
