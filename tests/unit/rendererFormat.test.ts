import { describe, expect, it } from 'vitest';
import { groszeOf, officeToday, plDateTime, plDayOf, wholeOf } from '../../renderer/format';

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

describe('numbers typed into forms', () => {
  it('a fee in złoty becomes grosze; what is not an amount is undefined, never 0 or empty', () => {
    expect([groszeOf('11,50'), groszeOf('11.5'), groszeOf(' 7 '), groszeOf('0,05'), groszeOf('')]).toEqual([1150, 1150, 700, 5, null]);
    expect([groszeOf('abc'), groszeOf('1,234'), groszeOf('-3'), groszeOf('12zł')]).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('a whole number as typed; 0 stays 0 for the form to judge', () => {
    expect([wholeOf('0'), wholeOf('40'), wholeOf(''), wholeOf('1.5'), wholeOf('x')]).toEqual([0, 40, null, undefined, undefined]);
  });
});
