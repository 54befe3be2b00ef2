import { checkFailure, type CheckResult } from '#core/checkResult';
import { fail } from '#core/errors';

// Office calendar days and the Polish statutory days off (ustawa z dnia 18 stycznia 1951 r.
// o dniach wolnych od pracy, Dz.U. 1951 nr 4 poz. 28, as amended).
//
// A term (KPA art. 57) is counted in office calendar days, not in instants: a letter received
// on 14 May is received on 14 May whatever the hour or the machine's zone. So a day is a
// `YYYY-MM-DD` string, and all arithmetic runs on UTC midnights, where every day has 24 hours
// (local time would lose or gain an hour on the days summer time begins and ends).

// ---------------------------------------------------------------------------------------------
// Calendar dates

/**
 * A calendar day, `YYYY-MM-DD`: the day of an office event or the last day of a term.
 *
 * The template type keeps instants and free text out at compile time; every function that takes
 * one still checks at run time that the day exists (2026-02-30 does not).
 */
export type CalendarDate = `${number}-${number}-${number}`;

const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 (UTC), or null when `value` is not an existing `YYYY-MM-DD` day. */
function dayNumberOrNull(value: string): number | null {
  const m = DATE_SHAPE.exec(value);
  if (m === null) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0–99 to 1900–1999.
  const t = new Date(0);
  t.setUTCFullYear(year, month - 1, day);
  if (t.getUTCFullYear() !== year || t.getUTCMonth() !== month - 1 || t.getUTCDate() !== day) return null;
  return t.getTime() / MS_PER_DAY;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Whether `value` is an existing calendar day written `YYYY-MM-DD`. */
export function isCalendarDate(value: string): value is CalendarDate {
  return dayNumberOrNull(value) !== null;
}

/** Checks a date someone typed or imported; surrounding whitespace is forgiven. */
export function checkCalendarDate(input: string): CheckResult<CalendarDate> {
  const value = input.trim();
  if (!isCalendarDate(value)) return checkFailure('CALENDAR_DATE_INVALID', { input: value });
  return { ok: true, value };
}

/** Days since 1970-01-01; throws CALENDAR_DATE_INVALID for a day that does not exist. */
export function dayNumber(date: CalendarDate): number {
  const n = dayNumberOrNull(date);
  if (n === null) throw fail('CALENDAR_DATE_INVALID', { input: date });
  return n;
}

/** Text built by this module as a date: checked, so a year past 9999 fails loudly, not silently. */
function toCalendarDate(text: string): CalendarDate {
  if (!isCalendarDate(text)) throw fail('CALENDAR_DATE_INVALID', { input: text });
  return text;
}

/** The calendar day `n` days after 1970-01-01. */
export function fromDayNumber(n: number): CalendarDate {
  const t = new Date(n * MS_PER_DAY);
  return toCalendarDate(`${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1, 2)}-${pad(t.getUTCDate(), 2)}`);
}

/** The day `days` calendar days after `date` (before it when negative). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** Calendar days from `from` to `to`: 0 on the same day, negative when `to` is earlier. */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return dayNumber(to) - dayNumber(from);
}

/** The day of the week: 0 Sunday, 1 Monday … 6 Saturday (as Date#getUTCDay). */
export function dayOfWeek(date: CalendarDate): number {
  // 1970-01-01 was a Thursday (4); the double modulo keeps days before 1970 non-negative.
  return (((dayNumber(date) + 4) % 7) + 7) % 7;
}

/** Year, month (1–12) and day of a calendar date. */
export function dateParts(date: CalendarDate): { year: number; month: number; day: number } {
  dayNumber(date); // refuses a day that does not exist
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

/** The calendar date of a year, month (1–12) and day; throws CALENDAR_DATE_INVALID if it does not exist. */
export function calendarDate(year: number, month: number, day: number): CalendarDate {
  return toCalendarDate(`${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`);
}

// ---------------------------------------------------------------------------------------------
// Statutory public holidays

/** The first and last year the holiday tables below describe. */
export const HOLIDAY_YEARS = { first: 1951, last: 2200 } as const;

/** A named day off on a calendar day. */
export type DayOff = { readonly date: CalendarDate; readonly name: string };

/** A statutory public holiday (dzień ustawowo wolny od pracy other than an ordinary Sunday). */
export type PublicHoliday = DayOff;

type HolidayRule = {
  readonly name: string;
  /** First and last year the statute made this day a day off. */
  readonly from: number;
  readonly until: number;
} & ({ readonly month: number; readonly day: number } | { readonly daysAfterEaster: number });

// Art. 1 pkt 1 of the 1951 act, with the amendments that changed the list. Whole years are
// exact: the 1960 repeal took effect in November, after that year's 6 January and 15 August, and
// the 1989, 1990, 2011 and 2025 additions took effect before the days they added.
// Names are as the office shows them, not the statute's wording (e.g. 1 May is "Święto
// Państwowe" in the act).
const HOLIDAY_RULES: readonly HolidayRule[] = [
  { name: 'Nowy Rok', month: 1, day: 1, from: 1951, until: 2200 },
  // Struck from 24 November 1960 (Dz.U. 1960 nr 51 poz. 297), restored from 1 January 2011
  // (Dz.U. 2010 nr 224 poz. 1459).
  { name: 'Święto Trzech Króli', month: 1, day: 6, from: 1951, until: 1960 },
  { name: 'Święto Trzech Króli', month: 1, day: 6, from: 2011, until: 2200 },
  { name: 'Wielkanoc', daysAfterEaster: 0, from: 1951, until: 2200 },
  { name: 'Poniedziałek Wielkanocny', daysAfterEaster: 1, from: 1951, until: 2200 },
  { name: 'Święto Pracy', month: 5, day: 1, from: 1951, until: 2200 },
  // Restored by the ustawa z 6 kwietnia 1990 r. (Dz.U. 1990 nr 28 poz. 160), in force before
  // 3 May 1990.
  { name: 'Święto Konstytucji 3 Maja', month: 5, day: 3, from: 1990, until: 2200 },
  { name: 'Zielone Świątki', daysAfterEaster: 49, from: 1951, until: 2200 },
  { name: 'Boże Ciało', daysAfterEaster: 60, from: 1951, until: 2200 },
  // A day off from 1951 to 1989; abolished in April 1990 (Dz.U. 1990 nr 28 poz. 159). The
  // repeal's exact wording is recollected, not read.
  { name: 'Narodowe Święto Odrodzenia Polski', month: 7, day: 22, from: 1951, until: 1989 },
  // Struck with 6 January in 1960; restored from 23 May 1989 (ustawa z 17 maja 1989 r.
  // o stosunku Państwa do Kościoła Katolickiego, Dz.U. 1989 nr 29 poz. 154, art. 74 ust. 3).
  { name: 'Wniebowzięcie Najświętszej Maryi Panny', month: 8, day: 15, from: 1951, until: 1960 },
  { name: 'Wniebowzięcie Najświętszej Maryi Panny', month: 8, day: 15, from: 1989, until: 2200 },
  { name: 'Wszystkich Świętych', month: 11, day: 1, from: 1951, until: 2200 },
  // Ustawa z 15 lutego 1989 r. o ustanowieniu Narodowego Święta Niepodległości, art. 2.
  { name: 'Narodowe Święto Niepodległości', month: 11, day: 11, from: 1989, until: 2200 },
  // A one-off day off by its own act (ustawa z 2018 r. o Święcie Narodowym z okazji 100.
  // rocznicy odzyskania niepodległości): statutory, so it moves terms like any holiday.
  { name: 'Święto Narodowe z okazji 100. rocznicy odzyskania niepodległości', month: 11, day: 12, from: 2018, until: 2018 },
  // Added as lit. ka) by the 2024 amendment, first observed on 24 December 2025.
  { name: 'Wigilia Bożego Narodzenia', month: 12, day: 24, from: 2025, until: 2200 },
  { name: 'Boże Narodzenie (pierwszy dzień)', month: 12, day: 25, from: 1951, until: 2200 },
  { name: 'Boże Narodzenie (drugi dzień)', month: 12, day: 26, from: 1951, until: 2200 },
];

/**
 * Easter Sunday of a Gregorian year, as days since 1970-01-01.
 *
 * The anonymous Gregorian algorithm (Meeus/Jones/Butcher): exact for every Gregorian year, so no
 * table of dates to keep up to date.
 */
function easterDayNumber(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return dayNumber(calendarDate(year, month, day));
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < HOLIDAY_YEARS.first || year > HOLIDAY_YEARS.last) {
    throw fail('HOLIDAY_YEAR_OUT_OF_RANGE', { year });
  }
}

/** Easter Sunday of `year` (1951–2200). */
export function easterSunday(year: number): CalendarDate {
  checkYear(year);
  return fromDayNumber(easterDayNumber(year));
}

type YearHolidays = { readonly list: readonly PublicHoliday[]; readonly byDate: ReadonlyMap<string, PublicHoliday> };

// Holidays are asked for once per day of every term and every status shown in a list: work a
// year out once. Frozen, because callers get the cached objects themselves.
const holidayCache = new Map<number, YearHolidays>();

function yearHolidays(year: number): YearHolidays {
  const cached = holidayCache.get(year);
  if (cached !== undefined) return cached;
  checkYear(year);
  const easter = easterDayNumber(year);
  const list = HOLIDAY_RULES.filter((rule) => rule.from <= year && year <= rule.until)
    .map((rule): PublicHoliday => {
      const date = 'daysAfterEaster' in rule ? fromDayNumber(easter + rule.daysAfterEaster) : calendarDate(year, rule.month, rule.day);
      return Object.freeze({ date, name: rule.name });
    })
    .sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
  const entry: YearHolidays = { list: Object.freeze(list), byDate: new Map(list.map((h) => [h.date, h])) };
  holidayCache.set(year, entry);
  return entry;
}

/**
 * The statutory public holidays of `year` (1951–2200), in date order.
 *
 * Ordinary Sundays are days off too (art. 1 pkt 2 of the act) but are not listed; Easter Sunday
 * and Pentecost Sunday are, because the act names them.
 */
export function publicHolidays(year: number): readonly PublicHoliday[] {
  return yearHolidays(year).list;
}

// ---------------------------------------------------------------------------------------------
// The office's calendar

/**
 * Days off beyond the built-in statutory list, set in the office's settings.
 *
 * The two lists differ in law: a statutory day off moves the end of a term (KPA art. 57 §4),
 * a day the office closes on its own does not — it only stops being a working day for the
 * warnings.
 */
export type OfficeCalendar = {
  /**
   * Days made statutorily free after this code was written: a new act, or a day set by the
   * Prime Minister's regulation under art. 1a of the act (an epidemic).
   */
  readonly statutoryDaysOff?: readonly DayOff[];
  /**
   * Days the office itself closes, e.g. the day off given for a holiday falling on a Saturday
   * (Kodeks pracy art. 130 § 2).
   */
  readonly officeDaysOff?: readonly DayOff[];
};

type CalendarIndex = { readonly statutory: ReadonlyMap<string, DayOff>; readonly office: ReadonlyMap<string, DayOff> };

// Settings are read once and passed around as the same object: index each one once.
const calendarCache = new WeakMap<OfficeCalendar, CalendarIndex>();

function indexDays(days: readonly DayOff[] | undefined): ReadonlyMap<string, DayOff> {
  const map = new Map<string, DayOff>();
  for (const d of days ?? []) {
    dayNumber(d.date); // a mistyped day in the settings is reported, not silently ignored
    if (!map.has(d.date)) map.set(d.date, d);
  }
  return map;
}

function calendarIndex(calendar: OfficeCalendar): CalendarIndex {
  let index = calendarCache.get(calendar);
  if (index === undefined) {
    index = { statutory: indexDays(calendar.statutoryDaysOff), office: indexDays(calendar.officeDaysOff) };
    calendarCache.set(calendar, index);
  }
  return index;
}

/**
 * The statutory public holiday on `date`, or null: the built-in list plus the calendar's
 * `statutoryDaysOff`.
 */
export function publicHolidayOn(date: CalendarDate, calendar?: OfficeCalendar): PublicHoliday | null {
  const built = yearHolidays(dateParts(date).year).byDate.get(date);
  if (built !== undefined) return built;
  return calendar === undefined ? null : (calendarIndex(calendar).statutory.get(date) ?? null);
}

/** Whether `date` is a statutory public holiday (an ordinary Sunday is not listed: see isStatutoryDayOff). */
export function isPublicHoliday(date: CalendarDate, calendar?: OfficeCalendar): boolean {
  return publicHolidayOn(date, calendar) !== null;
}

/** Whether `date` is a day off by statute: a Sunday or a public holiday (art. 1 of the act). */
export function isStatutoryDayOff(date: CalendarDate, calendar?: OfficeCalendar): boolean {
  return isPublicHoliday(date, calendar) || dayOfWeek(date) === 0;
}

/**
 * Whether the office works on `date`: not a Saturday, not a Sunday, not a holiday, and not one
 * of the calendar's own days off.
 */
export function isWorkingDay(date: CalendarDate, calendar?: OfficeCalendar): boolean {
  const weekday = dayOfWeek(date);
  if (weekday === 0 || weekday === 6) {
    // Still checks the year, so a date the tables do not cover fails the same way on any weekday.
    checkYear(dateParts(date).year);
    return false;
  }
  if (isPublicHoliday(date, calendar)) return false;
  return calendar === undefined || !calendarIndex(calendar).office.has(date);
}
