import { pluralWord } from '#core/i18n/plural.pl';
import { fail } from '#core/errors';
import {
  addDays,
  calendarDate,
  dateParts,
  dayOfWeek,
  publicHolidayOn,
  type CalendarDate,
  type OfficeCalendar,
} from '#core/deadlines/holidays';

// Computing terms: KPA art. 57. The Ordynacja podatkowa counts the same way (art. 12 OP,
// recollected), so the tax profile uses these functions too.

/** A term's length: exactly one of days, weeks, months or years. */
export type Term = { readonly days: number } | { readonly weeks: number } | { readonly months: number } | { readonly years: number };

/**
 * One day the end of a term moved past (KPA art. 57 §4) and why.
 *
 * `reason` is 'sobota', 'niedziela' or the holiday's name. A holiday on a Saturday or a Sunday
 * is given by its name: that says more than the weekday.
 */
export type ShiftedDay = { readonly date: CalendarDate; readonly reason: string };

/** Where a term ends: after KPA art. 57 §4 (`end`) and before it (`nominalEnd`). */
export type TermEnd = {
  readonly end: CalendarDate;
  readonly nominalEnd: CalendarDate;
  /** The days between `nominalEnd` (included) and `end` (excluded), in order. */
  readonly shiftedBecause: readonly ShiftedDay[];
};

type TermUnit = 'days' | 'weeks' | 'months' | 'years';
const UNITS: readonly TermUnit[] = ['days', 'weeks', 'months', 'years'];

// Polish plurals: [one, few (2–4, not 12–14), many].
const UNIT_WORDS: Record<TermUnit, readonly [string, string, string]> = {
  days: ['dzień', 'dni', 'dni'],
  weeks: ['tydzień', 'tygodnie', 'tygodni'],
  months: ['miesiąc', 'miesiące', 'miesięcy'],
  years: ['rok', 'lata', 'lat'],
};


/** The term's unit and length; throws DEADLINE_TERM_INVALID unless it is one positive whole number. */
function unitAndCount(term: Term): { unit: TermUnit; count: number } {
  // A term from settings or an import is not checked by the compiler: `{ days: 7, months: 1 }`
  // would satisfy the union type. Exactly one unit, or the end would depend on key order.
  const fields: Partial<Record<TermUnit, unknown>> = term;
  const present = UNITS.filter((u) => fields[u] !== undefined);
  const unit = present[0];
  const count = unit === undefined ? undefined : fields[unit];
  if (present.length !== 1 || unit === undefined || typeof count !== 'number' || !Number.isSafeInteger(count) || count < 1) {
    const shown = present.map((u) => `${u}: ${String(fields[u])}`).join(', ');
    throw fail('DEADLINE_TERM_INVALID', { term: shown === '' ? 'brak' : shown });
  }
  return { unit, count };
}

/** The term as it is written in a decision or a notice: "7 dni", "1 miesiąc", "2 miesiące". */
export function describeTerm(term: Term): string {
  const { unit, count } = unitAndCount(term);
  return `${count} ${pluralWord(count, ...UNIT_WORDS[unit])}`;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** `months` months after the date, on the same day or the month's last day (art. 57 §3). */
function addMonths(start: CalendarDate, months: number): CalendarDate {
  const { year, month, day } = dateParts(start);
  const index = month - 1 + months;
  const endYear = year + Math.floor(index / 12);
  const endMonth = (index % 12) + 1;
  return calendarDate(endYear, endMonth, Math.min(day, daysInMonth(endYear, endMonth)));
}

/**
 * The last day of a term, before any move for a Saturday or a holiday (KPA art. 57 §1–§3a).
 *
 * - §1 days: the day of the event that starts the term is not counted, so 7 days from a Friday
 *   end on the next Friday;
 * - §2 weeks: on the same weekday as the start, `weeks` weeks later;
 * - §3 months: on the same day of the month, or on the month's last day when that day does not
 *   exist (31 January + 1 month = 28 or 29 February);
 * - §3a years: likewise (29 February 2024 + 1 year = 28 February 2025).
 */
export function nominalTermEnd(start: CalendarDate, term: Term): CalendarDate {
  const { unit, count } = unitAndCount(term);
  switch (unit) {
    case 'days':
      return addDays(start, count);
    case 'weeks':
      return addDays(start, 7 * count);
    case 'months':
      return addMonths(start, count);
    case 'years':
      return addMonths(start, 12 * count);
  }
}

/** Why the end of a term may not fall on `date`, or null when it may (KPA art. 57 §4). */
function reasonToMove(date: CalendarDate, calendar: OfficeCalendar | undefined): string | null {
  // Only days off by statute count: the office's own days off (calendar.officeDaysOff) do not
  // move a term, whatever the office's opening hours.
  const holiday = publicHolidayOn(date, calendar);
  if (holiday !== null) return holiday.name;
  const weekday = dayOfWeek(date);
  if (weekday === 6) return 'sobota';
  if (weekday === 0) return 'niedziela';
  return null;
}

/**
 * Moves the end of a term off Saturdays and statutory days off (KPA art. 57 §4).
 *
 * §4: when the end falls on a day the statute makes free of work or on a Saturday, the term ends
 * on the next day that is neither. A Sunday is a statutory day off (ustawa o dniach wolnych od
 * pracy, art. 1 pkt 2), so runs like Saturday–Sunday–3 May are skipped as a whole.
 */
export function applyArt57Par4(nominalEnd: CalendarDate, calendar?: OfficeCalendar): TermEnd {
  const shiftedBecause: ShiftedDay[] = [];
  let end = nominalEnd;
  for (let reason = reasonToMove(end, calendar); reason !== null; reason = reasonToMove(end, calendar)) {
    shiftedBecause.push({ date: end, reason });
    end = addDays(end, 1);
  }
  return { end, nominalEnd, shiftedBecause };
}

/**
 * The end of a term that starts with an event on `start` (KPA art. 57).
 *
 * `nominalEnd` is the day §1–§3a give; `end` is that day moved past Saturdays and statutory days
 * off (§4), with each day skipped in `shiftedBecause`. `calendar.statutoryDaysOff` move the end
 * too; `calendar.officeDaysOff` do not.
 */
export function addTerm(start: CalendarDate, term: Term, calendar?: OfficeCalendar): TermEnd {
  return applyArt57Par4(nominalTermEnd(start, term), calendar);
}
