import { describe, expect, it } from 'vitest';
import { addTerm, applyArt57Par4, describeTerm, nominalTermEnd, type ShiftedDay, type Term } from '#core/deadlines/terms';
import { addDays, dayOfWeek, publicHolidays, type CalendarDate, type OfficeCalendar } from '#core/deadlines/holidays';
import { isDomainError } from '#core/errors';

function errorCode(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    if (isDomainError(e)) return e.code;
    throw e;
  }
  throw new Error('expected a DomainError');
}

const SAT = 6;
const SUN = 0;

describe('addTerm: months and years (KPA art. 57 §3, §3a)', () => {
  it.each<[CalendarDate, Term, CalendarDate, CalendarDate, string]>([
    // start, term, nominal end, end, why
    ['2026-01-31', { months: 1 }, '2026-02-28', '2026-03-02', 'no 31 February; 28 February 2026 is a Saturday'],
    ['2028-01-31', { months: 1 }, '2028-02-29', '2028-02-29', 'leap year; 29 February 2028 is a Tuesday'],
    ['2024-02-29', { years: 1 }, '2025-02-28', '2025-02-28', 'no 29 February 2025 (§3a); a Friday'],
    ['2024-02-29', { years: 4 }, '2028-02-29', '2028-02-29', 'leap year to leap year'],
    ['2100-01-31', { months: 1 }, '2100-02-28', '2100-03-01', '2100 is not a leap year; 28 February 2100 is a Sunday'],
    ['2000-01-31', { months: 1 }, '2000-02-29', '2000-02-29', '2000 is a leap year (divisible by 400); a Tuesday'],
    ['2025-12-30', { months: 1 }, '2026-01-30', '2026-01-30', 'same day across the year end'],
    ['2026-03-31', { months: 1 }, '2026-04-30', '2026-04-30', 'no 31 April'],
    ['2026-08-31', { months: 6 }, '2027-02-28', '2027-03-01', '28 February 2027 is a Sunday'],
    ['2025-11-30', { months: 3 }, '2026-02-28', '2026-03-02', 'last day of a short month, a Saturday'],
    ['2026-11-15', { months: 2 }, '2027-01-15', '2027-01-15', 'across the year end'],
    ['2026-05-03', { years: 1 }, '2027-05-03', '2027-05-04', '3 May 2027 is a Monday holiday'],
  ])('%s + %j → %s, ends %s (%s)', (start, term, nominalEnd, end) => {
    const result = addTerm(start, term);
    expect(result.nominalEnd).toBe(nominalEnd);
    expect(result.end).toBe(end);
    expect(nominalTermEnd(start, term)).toBe(nominalEnd);
  });

  it('says why 28 February 2026 moved to 2 March', () => {
    expect(addTerm('2026-01-31', { months: 1 })).toEqual({
      end: '2026-03-02',
      nominalEnd: '2026-02-28',
      shiftedBecause: [
        { date: '2026-02-28', reason: 'sobota' },
        { date: '2026-03-01', reason: 'niedziela' },
      ],
    });
  });
});

describe('addTerm: days and weeks (KPA art. 57 §1, §2)', () => {
  it('does not count the day of the event: 7 days from a Friday end on the next Friday', () => {
    expect(dayOfWeek('2026-05-08')).toBe(5);
    expect(addTerm('2026-05-08', { days: 7 })).toEqual({ end: '2026-05-15', nominalEnd: '2026-05-15', shiftedBecause: [] });
  });

  it('ends a 1-day term the next day', () => {
    expect(addTerm('2026-06-02', { days: 1 }).end).toBe('2026-06-03');
  });

  it('ends a term in weeks on the same weekday', () => {
    expect(addTerm('2026-01-07', { weeks: 2 })).toEqual({ end: '2026-01-21', nominalEnd: '2026-01-21', shiftedBecause: [] });
    expect(addTerm('2026-10-28', { weeks: 2 })).toEqual({
      end: '2026-11-12',
      nominalEnd: '2026-11-11',
      shiftedBecause: [{ date: '2026-11-11', reason: 'Narodowe Święto Niepodległości' }],
    });
  });

  it('moves a Saturday end to Monday (§4 names Saturday)', () => {
    expect(dayOfWeek('2026-03-14')).toBe(SAT);
    expect(addTerm('2026-03-07', { days: 7 })).toEqual({
      end: '2026-03-16',
      nominalEnd: '2026-03-14',
      shiftedBecause: [
        { date: '2026-03-14', reason: 'sobota' },
        { date: '2026-03-15', reason: 'niedziela' },
      ],
    });
    expect(addTerm('2026-03-07', { weeks: 1 }).end).toBe('2026-03-16');
  });

  it('moves a Sunday end to Monday (a Sunday is a statutory day off)', () => {
    expect(dayOfWeek('2026-03-15')).toBe(SUN);
    expect(addTerm('2026-03-01', { days: 14 })).toEqual({
      end: '2026-03-16',
      nominalEnd: '2026-03-15',
      shiftedBecause: [{ date: '2026-03-15', reason: 'niedziela' }],
    });
  });
});

describe('addTerm: an end on each holiday of 2026 (KPA art. 57 §4)', () => {
  // Each start is 10 days before the holiday, so a 10-day term ends on it.
  it.each<[CalendarDate, CalendarDate, readonly ShiftedDay[]]>([
    ['2026-01-01', '2026-01-02', [{ date: '2026-01-01', reason: 'Nowy Rok' }]],
    ['2026-01-06', '2026-01-07', [{ date: '2026-01-06', reason: 'Święto Trzech Króli' }]],
    [
      '2026-04-05',
      '2026-04-07',
      [
        { date: '2026-04-05', reason: 'Wielkanoc' },
        { date: '2026-04-06', reason: 'Poniedziałek Wielkanocny' },
      ],
    ],
    ['2026-04-06', '2026-04-07', [{ date: '2026-04-06', reason: 'Poniedziałek Wielkanocny' }]],
    [
      '2026-05-01',
      '2026-05-04',
      [
        { date: '2026-05-01', reason: 'Święto Pracy' },
        { date: '2026-05-02', reason: 'sobota' },
        { date: '2026-05-03', reason: 'Święto Konstytucji 3 Maja' },
      ],
    ],
    ['2026-05-03', '2026-05-04', [{ date: '2026-05-03', reason: 'Święto Konstytucji 3 Maja' }]],
    // Pentecost is a Sunday; the Monday after it is a working day in Poland.
    ['2026-05-24', '2026-05-25', [{ date: '2026-05-24', reason: 'Zielone Świątki' }]],
    ['2026-06-04', '2026-06-05', [{ date: '2026-06-04', reason: 'Boże Ciało' }]],
    [
      '2026-08-15',
      '2026-08-17',
      [
        { date: '2026-08-15', reason: 'Wniebowzięcie Najświętszej Maryi Panny' },
        { date: '2026-08-16', reason: 'niedziela' },
      ],
    ],
    ['2026-11-01', '2026-11-02', [{ date: '2026-11-01', reason: 'Wszystkich Świętych' }]],
    ['2026-11-11', '2026-11-12', [{ date: '2026-11-11', reason: 'Narodowe Święto Niepodległości' }]],
    [
      '2026-12-24',
      '2026-12-28',
      [
        { date: '2026-12-24', reason: 'Wigilia Bożego Narodzenia' },
        { date: '2026-12-25', reason: 'Boże Narodzenie (pierwszy dzień)' },
        { date: '2026-12-26', reason: 'Boże Narodzenie (drugi dzień)' },
        { date: '2026-12-27', reason: 'niedziela' },
      ],
    ],
    [
      '2026-12-25',
      '2026-12-28',
      [
        { date: '2026-12-25', reason: 'Boże Narodzenie (pierwszy dzień)' },
        { date: '2026-12-26', reason: 'Boże Narodzenie (drugi dzień)' },
        { date: '2026-12-27', reason: 'niedziela' },
      ],
    ],
    [
      '2026-12-26',
      '2026-12-28',
      [
        { date: '2026-12-26', reason: 'Boże Narodzenie (drugi dzień)' },
        { date: '2026-12-27', reason: 'niedziela' },
      ],
    ],
  ])('a term ending on %s ends on %s', (holiday, end, shiftedBecause) => {
    expect(addTerm(addDays(holiday, -10), { days: 10 })).toEqual({ end, nominalEnd: holiday, shiftedBecause });
  });

  it('covers every holiday of 2026 in the table above', () => {
    // If the list grows (a new statutory holiday), this fails until the table gets a row for it.
    expect(publicHolidays(2026).map((h) => h.date)).toEqual([
      '2026-01-01', '2026-01-06', '2026-04-05', '2026-04-06', '2026-05-01', '2026-05-03', '2026-05-24',
      '2026-06-04', '2026-08-15', '2026-11-01', '2026-11-11', '2026-12-24', '2026-12-25', '2026-12-26',
    ]);
  });
});

describe('addTerm: runs of days off', () => {
  it('skips Saturday 1 May, Sunday and Monday 3 May 2027 to Tuesday 4 May', () => {
    expect(dayOfWeek('2027-05-01')).toBe(SAT);
    expect(addTerm('2027-04-01', { months: 1 })).toEqual({
      end: '2027-05-04',
      nominalEnd: '2027-05-01',
      shiftedBecause: [
        { date: '2027-05-01', reason: 'Święto Pracy' },
        { date: '2027-05-02', reason: 'niedziela' },
        { date: '2027-05-03', reason: 'Święto Konstytucji 3 Maja' },
      ],
    });
  });

  it('skips Easter Sunday and Monday to the Tuesday', () => {
    expect(addTerm('2026-03-05', { months: 1 })).toEqual({
      end: '2026-04-07',
      nominalEnd: '2026-04-05',
      shiftedBecause: [
        { date: '2026-04-05', reason: 'Wielkanoc' },
        { date: '2026-04-06', reason: 'Poniedziałek Wielkanocny' },
      ],
    });
  });

  it('does not move a term ending on 24 December 2024, before it became a holiday', () => {
    expect(addTerm('2024-12-10', { days: 14 })).toEqual({ end: '2024-12-24', nominalEnd: '2024-12-24', shiftedBecause: [] });
  });
});

describe("addTerm: the office's calendar", () => {
  it("does not move a term for the office's own day off (not a statutory one)", () => {
    const calendar: OfficeCalendar = { officeDaysOff: [{ date: '2026-08-14', name: 'Dzień wolny za 15 sierpnia' }] };
    expect(addTerm('2026-08-07', { days: 7 }, calendar)).toEqual({ end: '2026-08-14', nominalEnd: '2026-08-14', shiftedBecause: [] });
  });

  it('moves a term for a statutory day off set in the settings', () => {
    const calendar: OfficeCalendar = { statutoryDaysOff: [{ date: '2026-08-14', name: 'Dzień wolny z mocy ustawy' }] };
    expect(addTerm('2026-08-07', { days: 7 }, calendar)).toEqual({
      end: '2026-08-17',
      nominalEnd: '2026-08-14',
      shiftedBecause: [
        { date: '2026-08-14', reason: 'Dzień wolny z mocy ustawy' },
        { date: '2026-08-15', reason: 'Wniebowzięcie Najświętszej Maryi Panny' },
        { date: '2026-08-16', reason: 'niedziela' },
      ],
    });
  });

  it('leaves a working day alone', () => {
    expect(applyArt57Par4('2026-08-13')).toEqual({ end: '2026-08-13', nominalEnd: '2026-08-13', shiftedBecause: [] });
  });
});

describe('describeTerm', () => {
  it.each<[Term, string]>([
    [{ days: 1 }, '1 dzień'],
    [{ days: 7 }, '7 dni'],
    [{ days: 22 }, '22 dni'],
    [{ weeks: 1 }, '1 tydzień'],
    [{ weeks: 2 }, '2 tygodnie'],
    [{ weeks: 5 }, '5 tygodni'],
    [{ months: 1 }, '1 miesiąc'],
    [{ months: 2 }, '2 miesiące'],
    [{ months: 5 }, '5 miesięcy'],
    [{ months: 12 }, '12 miesięcy'],
    [{ months: 22 }, '22 miesiące'],
    [{ years: 1 }, '1 rok'],
    [{ years: 3 }, '3 lata'],
    [{ years: 13 }, '13 lat'],
    [{ years: 25 }, '25 lat'],
  ])('%j → %s', (term, text) => {
    expect(describeTerm(term)).toBe(text);
  });
});

describe('invalid terms and dates', () => {
  it.each<[Term]>([[{ days: 0 }], [{ days: -3 }], [{ days: 1.5 }], [{ months: Number.NaN }], [{ weeks: Number.POSITIVE_INFINITY }]])(
    'refuses %j',
    (term) => {
      expect(errorCode(() => addTerm('2026-01-01', term))).toBe('DEADLINE_TERM_INVALID');
    },
  );

  it('refuses a term with two units (which one would win is arbitrary)', () => {
    const both = { days: 7, months: 1 };
    expect(errorCode(() => addTerm('2026-01-01', both))).toBe('DEADLINE_TERM_INVALID');
  });

  it('refuses a start that does not exist', () => {
    expect(errorCode(() => addTerm('2026-02-29', { days: 1 }))).toBe('CALENDAR_DATE_INVALID');
  });

  it('refuses an end beyond the holiday tables', () => {
    expect(errorCode(() => addTerm('2200-12-20', { days: 30 }))).toBe('HOLIDAY_YEAR_OUT_OF_RANGE');
  });
});
