import { describe, expect, it } from 'vitest';
import {
  addDays,
  checkCalendarDate,
  dayOfWeek,
  daysBetween,
  easterSunday,
  isCalendarDate,
  isPublicHoliday,
  isStatutoryDayOff,
  isWorkingDay,
  publicHolidayOn,
  publicHolidays,
  type CalendarDate,
  type OfficeCalendar,
} from '#core/deadlines/holidays';
import { isDomainError } from '#core/errors';

/** The code of the DomainError `run` throws. */
function errorCode(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    if (isDomainError(e)) return e.code;
    throw e;
  }
  throw new Error('expected a DomainError');
}

describe('easterSunday', () => {
  // Checked against published Easter tables; 2038 and 2190 are the latest possible date
  // (25 April), 2008 and 2160 the earliest in the range (23 March).
  it.each<[number, CalendarDate]>([
    [1951, '1951-03-25'],
    [1954, '1954-04-18'],
    [1961, '1961-04-02'],
    [2008, '2008-03-23'],
    [2011, '2011-04-24'],
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
    [2100, '2100-03-28'],
    [2160, '2160-03-23'],
    [2190, '2190-04-25'],
    [2200, '2200-04-06'],
  ])('in %i falls on %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
    expect(dayOfWeek(date)).toBe(0);
  });

  it.each([1950, 2201, 2026.5])('refuses the year %s, which the tables do not cover', (year) => {
    expect(errorCode(() => easterSunday(year))).toBe('HOLIDAY_YEAR_OUT_OF_RANGE');
    expect(errorCode(() => publicHolidays(year))).toBe('HOLIDAY_YEAR_OUT_OF_RANGE');
  });
});

describe('publicHolidays', () => {
  it('lists the 14 holidays of 2026 in date order', () => {
    expect(publicHolidays(2026)).toEqual([
      { date: '2026-01-01', name: 'Nowy Rok' },
      { date: '2026-01-06', name: 'Święto Trzech Króli' },
      { date: '2026-04-05', name: 'Wielkanoc' },
      { date: '2026-04-06', name: 'Poniedziałek Wielkanocny' },
      { date: '2026-05-01', name: 'Święto Pracy' },
      { date: '2026-05-03', name: 'Święto Konstytucji 3 Maja' },
      { date: '2026-05-24', name: 'Zielone Świątki' },
      { date: '2026-06-04', name: 'Boże Ciało' },
      { date: '2026-08-15', name: 'Wniebowzięcie Najświętszej Maryi Panny' },
      { date: '2026-11-01', name: 'Wszystkich Świętych' },
      { date: '2026-11-11', name: 'Narodowe Święto Niepodległości' },
      { date: '2026-12-24', name: 'Wigilia Bożego Narodzenia' },
      { date: '2026-12-25', name: 'Boże Narodzenie (pierwszy dzień)' },
      { date: '2026-12-26', name: 'Boże Narodzenie (drugi dzień)' },
    ]);
  });

  it('has 13 holidays in 2024 (no Wigilia yet) and the movable ones of 2024', () => {
    const y2024 = publicHolidays(2024);
    expect(y2024).toHaveLength(13);
    expect(y2024.map((h) => h.date)).toEqual([
      '2024-01-01', '2024-01-06', '2024-03-31', '2024-04-01', '2024-05-01', '2024-05-03', '2024-05-19',
      '2024-05-30', '2024-08-15', '2024-11-01', '2024-11-11', '2024-12-25', '2024-12-26',
    ]);
  });

  it('puts Pentecost 49 days and Corpus Christi 60 days after Easter', () => {
    expect(publicHolidayOn('2026-05-24')).toEqual({ date: '2026-05-24', name: 'Zielone Świątki' });
    expect(publicHolidayOn('2026-06-04')).toEqual({ date: '2026-06-04', name: 'Boże Ciało' });
    expect(publicHolidayOn('2027-05-27')).toEqual({ date: '2027-05-27', name: 'Boże Ciało' });
    expect(publicHolidayOn('2038-06-24')).toEqual({ date: '2038-06-24', name: 'Boże Ciało' });
    // Pentecost Monday is not a Polish holiday.
    expect(isPublicHoliday('2026-05-25')).toBe(false);
  });

  it('makes 6 January a holiday from 2011 only', () => {
    expect(isPublicHoliday('2010-01-06')).toBe(false);
    expect(isWorkingDay('2010-01-06')).toBe(true); // a Wednesday
    expect(isPublicHoliday('2011-01-06')).toBe(true);
    expect(isWorkingDay('2011-01-06')).toBe(false); // a Thursday
    expect(publicHolidays(2010)).toHaveLength(12);
  });

  it('makes 24 December a holiday from 2025 only', () => {
    expect(isPublicHoliday('2024-12-24')).toBe(false);
    expect(isWorkingDay('2024-12-24')).toBe(true); // a Tuesday
    expect(isPublicHoliday('2025-12-24')).toBe(true);
    expect(isPublicHoliday('2026-12-24')).toBe(true);
    expect(publicHolidayOn('2025-12-24')?.name).toBe('Wigilia Bożego Narodzenia');
  });

  it('follows the act as amended before 1990: 22 July, no 3 May, no 11 November, 15 August until 1960', () => {
    expect(publicHolidays(1975).map((h) => h.date)).toEqual([
      '1975-01-01', '1975-03-30', '1975-03-31', '1975-05-01', '1975-05-18', '1975-05-29', '1975-07-22',
      '1975-11-01', '1975-12-25', '1975-12-26',
    ]);
    expect(isPublicHoliday('1960-01-06')).toBe(true);
    expect(isPublicHoliday('1960-08-15')).toBe(true);
    expect(isPublicHoliday('1961-08-15')).toBe(false);
    expect(isPublicHoliday('1989-08-15')).toBe(true);
    expect(isPublicHoliday('1989-11-11')).toBe(true);
    expect(isPublicHoliday('1989-07-22')).toBe(true);
    expect(isPublicHoliday('1990-07-22')).toBe(false);
    expect(isPublicHoliday('1989-05-03')).toBe(false);
    expect(isPublicHoliday('1990-05-03')).toBe(true);
  });

  it('knows the one-off day off of 12 November 2018', () => {
    expect(isPublicHoliday('2018-11-12')).toBe(true);
    expect(isPublicHoliday('2019-11-12')).toBe(false);
    expect(publicHolidays(2018)).toHaveLength(14);
  });

  it('returns the cached list, frozen so no caller can change it for the others', () => {
    const first = publicHolidays(2030);
    expect(publicHolidays(2030)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first[0])).toBe(true);
  });
});

describe('isWorkingDay', () => {
  it.each<[CalendarDate, boolean, string]>([
    ['2026-11-10', true, 'a Tuesday'],
    ['2026-11-11', false, 'Independence Day, a Wednesday'],
    ['2026-11-14', false, 'a Saturday'],
    ['2026-11-15', false, 'a Sunday'],
    ['2026-04-06', false, 'Easter Monday'],
    ['2026-04-07', true, 'the Tuesday after Easter'],
    ['2026-06-04', false, 'Corpus Christi, a Thursday'],
    ['2026-06-05', true, 'the Friday after Corpus Christi'],
  ])('%s → %s (%s)', (date, expected) => {
    expect(isWorkingDay(date)).toBe(expected);
  });

  it("takes the office's own days off, which are not statutory", () => {
    // 15 August 2026 is a Saturday: the office gives Friday 14 August off instead.
    const calendar: OfficeCalendar = { officeDaysOff: [{ date: '2026-08-14', name: 'Dzień wolny za 15 sierpnia' }] };
    expect(isWorkingDay('2026-08-14')).toBe(true);
    expect(isWorkingDay('2026-08-14', calendar)).toBe(false);
    expect(isPublicHoliday('2026-08-14', calendar)).toBe(false);
    expect(isStatutoryDayOff('2026-08-14', calendar)).toBe(false);
  });

  it('takes statutory days off added after this code was written', () => {
    const calendar: OfficeCalendar = { statutoryDaysOff: [{ date: '2027-11-12', name: 'Dzień wolny z mocy ustawy' }] };
    expect(isPublicHoliday('2027-11-12', calendar)).toBe(true);
    expect(publicHolidayOn('2027-11-12', calendar)?.name).toBe('Dzień wolny z mocy ustawy');
    expect(isWorkingDay('2027-11-12', calendar)).toBe(false);
    expect(isWorkingDay('2027-11-12')).toBe(true);
  });

  it('counts a Sunday as a statutory day off but not as a listed holiday', () => {
    expect(isPublicHoliday('2026-03-15')).toBe(false);
    expect(isStatutoryDayOff('2026-03-15')).toBe(true);
    expect(isStatutoryDayOff('2026-03-14')).toBe(false); // a Saturday is not (KPA art. 57 §4 names it separately)
  });

  it('refuses a date outside the tables on any weekday', () => {
    expect(errorCode(() => isWorkingDay('2201-01-03'))).toBe('HOLIDAY_YEAR_OUT_OF_RANGE'); // a Saturday
    expect(errorCode(() => isWorkingDay('1950-06-01'))).toBe('HOLIDAY_YEAR_OUT_OF_RANGE');
  });

  it('reports a mistyped day in the office calendar', () => {
    const calendar: OfficeCalendar = { officeDaysOff: [{ date: '2026-02-30', name: 'Błąd' }] };
    expect(errorCode(() => isWorkingDay('2026-08-14', calendar))).toBe('CALENDAR_DATE_INVALID');
  });
});

describe('calendar dates', () => {
  it('does arithmetic on calendar days, across month ends, leap days and summer time', () => {
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29'); // summer time starts on 29 March 2026
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(addDays('2026-10-25', 1)).toBe('2026-10-26'); // and ends on 25 October
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2100-02-28', 1)).toBe('2100-03-01'); // 2100 is not a leap year
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(dayOfWeek('1951-01-01')).toBe(1); // a Monday
  });

  it.each(['2026-02-29', '2026-13-01', '2026-1-5', '26-01-05', '2026-01-05T00:00:00Z', '', 'jutro'])('rejects %j', (input) => {
    expect(isCalendarDate(input)).toBe(false);
    const result = checkCalendarDate(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.code).toBe('CALENDAR_DATE_INVALID');
  });

  it('accepts a typed date with spaces around it and explains a wrong one', () => {
    expect(checkCalendarDate(' 2028-02-29 ')).toEqual({ ok: true, value: '2028-02-29' });
    expect(checkCalendarDate('2026-02-30')).toEqual({
      ok: false,
      code: 'CALENDAR_DATE_INVALID',
      message: 'Data „2026-02-30” jest nieprawidłowa. Wpisz istniejącą datę w postaci RRRR-MM-DD, np. 2026-05-14.',
    });
  });

  it('throws for a non-existent day passed to arithmetic', () => {
    expect(errorCode(() => addDays('2026-02-30', 1))).toBe('CALENDAR_DATE_INVALID');
    expect(errorCode(() => isWorkingDay('2026-04-31'))).toBe('CALENDAR_DATE_INVALID');
  });
});
