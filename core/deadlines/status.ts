import { fail } from '#core/errors';
import { dayNumber, fromDayNumber, isWorkingDay, type CalendarDate, type OfficeCalendar } from '#core/deadlines/holidays';

// How near a case is to its deadline, for the lists and the warnings. `today` is passed in
// (the caller takes it from warsawDate(now)): a rule that read the clock itself could not be
// tested, and would disagree with the server when the workstation's zone is not Warsaw's.

/** Where a case stands against its deadline. */
export type DeadlineStatusKind = 'ok' | 'due-soon' | 'due-today' | 'overdue';

/** The status and the working days it is based on. */
export type DeadlineStatus = {
  readonly status: DeadlineStatusKind;
  /**
   * Working days after today up to and including the due day; after the due day, minus the
   * working days since it (the day after the due day counts, today counts). 0 on the due day.
   */
  readonly workingDaysLeft: number;
};

/** Office settings for the warnings. */
export type DeadlineStatusOptions = {
  /** Warn this many working days ahead (default 3): "due-soon" when at most this many are left. */
  readonly warnWorkingDays?: number;
  readonly calendar?: OfficeCalendar;
};

/**
 * Working days of each year, cumulated day by day, for the statutory calendar: lists show
 * thousands of cases, some overdue by years, and counting day by day each time cost seconds.
 */
const cumulative = new Map<number, { first: number; cum: Int32Array }>();

function yearOf(day: number): number {
  return Number(fromDayNumber(day).slice(0, 4));
}

function yearTable(year: number): { first: number; cum: Int32Array } {
  const known = cumulative.get(year);
  if (known) return known;
  const first = dayNumber(`${String(year)}-01-01` as CalendarDate);
  const length = dayNumber(`${String(year + 1)}-01-01` as CalendarDate) - first;
  const cum = new Int32Array(length);
  let count = 0;
  for (let i = 0; i < length; i++) {
    if (isWorkingDay(fromDayNumber(first + i))) count++;
    cum[i] = count;
  }
  const table = { first, cum };
  cumulative.set(year, table);
  return table;
}

/** Working days from 1 January of `day`'s year up to and including `day`. */
function workingDaysToDate(day: number): number {
  const t = yearTable(yearOf(day));
  return t.cum[day - t.first] ?? 0;
}

/** Working days `d` with `after` < d ≤ `upTo` (day numbers). */
function workingDaysIn(after: number, upTo: number, calendar: OfficeCalendar | undefined): number {
  if (upTo <= after) return 0;
  if (calendar) {
    // An office's own days off are rare and change; count them directly.
    let count = 0;
    for (let d = after + 1; d <= upTo; d++) if (isWorkingDay(fromDayNumber(d), calendar)) count++;
    return count;
  }
  let count = workingDaysToDate(upTo) - workingDaysToDate(after);
  for (let y = yearOf(after); y < yearOf(upTo); y++) count += yearTable(y).cum.at(-1) ?? 0;
  return count;
}

/**
 * The status of a deadline `due` on the day `today`.
 *
 * The status follows calendar days (overdue from the day after `due`, whatever the weekday);
 * the count and the warning follow the office's working days, because that is the time people
 * have left to act. So on the Saturday after a Friday deadline the case is overdue with 0
 * working days since, and a deadline right after a long weekend warns early enough. The office's
 * own days off (calendar.officeDaysOff) are not working days here, unlike in KPA art. 57 §4.
 */
export function deadlineStatus(due: CalendarDate, today: CalendarDate, options: DeadlineStatusOptions = {}): DeadlineStatus {
  const warnWorkingDays = options.warnWorkingDays ?? 3;
  if (!Number.isSafeInteger(warnWorkingDays) || warnWorkingDays < 0) {
    throw fail('DEADLINE_WARNING_DAYS_INVALID', { value: warnWorkingDays });
  }
  const dueDay = dayNumber(due);
  const todayDay = dayNumber(today);
  if (todayDay > dueDay) {
    const since = workingDaysIn(dueDay, todayDay, options.calendar);
    // 0 - 0 would be -0: a count shown to people must be a plain 0.
    return { status: 'overdue', workingDaysLeft: since === 0 ? 0 : -since };
  }
  if (todayDay === dueDay) return { status: 'due-today', workingDaysLeft: 0 };
  const left = workingDaysIn(todayDay, dueDay, options.calendar);
  return { status: left <= warnWorkingDays ? 'due-soon' : 'ok', workingDaysLeft: left };
}

/**
 * The last due date that `deadlineStatus` can call due-soon (or due today, or overdue) on
 * `today`: any later one is 'ok'. Working days left only grow with the due date, so walking
 * forward until they pass the warning finds it — a tray of deadlines reads only cases due by
 * then, not every open case of the unit.
 */
export function lastDueNotOk(today: CalendarDate, options: DeadlineStatusOptions = {}): CalendarDate {
  let day = dayNumber(today);
  while (deadlineStatus(fromDayNumber(day + 1), today, options).status !== 'ok') day++;
  return fromDayNumber(day);
}
